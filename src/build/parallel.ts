// Builds an engine's two halves at once. Indexing and extraction each read every paragraph and
// neither needs the other, so on a machine with a second core extraction runs in a worker thread
// while this thread indexes: the build takes as long as the slower half, not the sum of both.
// Where a worker cannot start (one core, a runtime without the TypeScript loader) or fails, the
// same extraction runs here instead; the knowledge is the same either way.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/types.js';
import { extractKnowledge, type Knowledge } from '../extract/index.js';
import { ParagraphIndex } from '../index/paragraph-index.js';
import { knowledgeFromJson } from '../cache/codec.js';

export type WorkerReply = { knowledgeJson: string } | { error: string };

export interface BuiltParts {
	index: ParagraphIndex;
	knowledge: Knowledge;
	/** Where extraction ran, and why not in a worker when it did not. */
	extraction: { in: 'worker' } | { in: 'this thread'; because: string };
}

export interface BuildOptions {
	/**
	 * Below this many articles extraction stays in this thread: starting a worker and copying the
	 * articles to it (about a third of a second) costs more than it saves. At 100 generated articles
	 * extraction takes about 0.6 s.
	 */
	workerFrom?: number;
	/** The worker's entry point; tests point it at one that fails. */
	workerEntry?: URL;
}

const WORKER_FROM_ARTICLES = 50;
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
const EXTRACT_WORKER = new URL('./extract-worker.ts', import.meta.url);

/** The paragraph index and the extracted knowledge for `articles`. */
export async function buildParts(articles: readonly Article[], options: BuildOptions = {}): Promise<BuiltParts> {
	const reason = workerUnsuitable(articles, options.workerFrom ?? WORKER_FROM_ARTICLES);
	const extracting = reason ? Promise.resolve<Extracted>({ because: reason }) : extractInWorker(articles, options.workerEntry ?? EXTRACT_WORKER);
	// In slices: a bot rebuilding its corpus keeps answering from the old one meanwhile.
	const index = await ParagraphIndex.buildInSlices(articles);
	const extracted = await extracting;
	if ('knowledge' in extracted) return { index, knowledge: extracted.knowledge, extraction: { in: 'worker' } };
	// A small corpus extracts in well under a second; a large one only lands here without a worker.
	return { index, knowledge: extractKnowledge(articles), extraction: { in: 'this thread', because: extracted.because } };
}

type Extracted = { knowledge: Knowledge } | { because: string };

function workerUnsuitable(articles: readonly Article[], workerFrom: number): string | null {
	if (availableParallelism() < 2) return 'one core';
	if (articles.length < workerFrom) return `fewer than ${workerFrom} articles`;
	return null;
}

/** Never rejects: a worker that cannot start, throws or dies says why, and extraction runs here. */
function extractInWorker(articles: readonly Article[], entry: URL): Promise<Extracted> {
	return new Promise((resolve) => {
		let worker: Worker;
		try {
			worker = new Worker(BOOTSTRAP, { workerData: { entry: entry.href, articles } });
		} catch (error) {
			resolve({ because: `the worker did not start (${describe(error)})` });
			return;
		}
		worker.once('message', (reply: WorkerReply) => {
			void worker.terminate();
			if ('error' in reply) return resolve({ because: `extraction failed in the worker (${reply.error})` });
			try {
				resolve({ knowledge: knowledgeFromJson(reply.knowledgeJson, articles) });
			} catch (error) {
				resolve({ because: `the worker's knowledge did not restore (${describe(error)})` });
			}
		});
		worker.once('error', (error) => resolve({ because: `the worker failed (${describe(error)})` }));
		worker.once('exit', (code) => resolve({ because: `the worker exited with code ${code} before replying` }));
	});
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
