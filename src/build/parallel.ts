// Builds an engine's two halves at once. Indexing and extraction each read every paragraph and
// neither needs the other, so on a machine with a second core extraction runs in worker threads
// while this thread indexes: the build takes as long as the slower half, not the sum of both.
//
// Extraction is the slower half, so it is split once more. Grouping the quotes (dedupe) needs only
// the attributed occurrences, which are ready well before the election results are read: the
// extraction worker hands them over a channel to a second worker, which groups them while the first
// reads the results. Three threads then share two cores until indexing ends.
//
// Where a worker cannot start (one core, a runtime without the TypeScript loader) or fails, the
// same extraction runs here instead; the knowledge is the same either way.
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort, type Transferable } from 'node:worker_threads';
import type { Article } from '../corpus/types.js';
import { extractKnowledge, type Knowledge, type Quote } from '../extract/index.js';
import { ParagraphIndex } from '../index/paragraph-index.js';
import { knowledgeFromJson } from '../cache/codec.js';

/** The extraction worker's answer: the knowledge, its quotes left empty (the other worker groups them). */
export type WorkerReply = { knowledgeJson: string } | { error: string };
export type DedupeReply = { quotes: Quote[] } | { error: string };

/** What the extraction worker is given; `occurrencesTo` is where it sends the quotes to be grouped. */
export interface ExtractWorkerData {
	articles: readonly Article[];
	occurrencesTo: MessagePort;
}

export interface DedupeWorkerData {
	occurrencesFrom: MessagePort;
}

export interface BuiltParts {
	index: ParagraphIndex;
	knowledge: Knowledge;
	/** Where extraction ran, and why not in workers when it did not. */
	extraction: { in: 'workers' } | { in: 'this thread'; because: string };
}

export interface BuildOptions {
	/**
	 * Below this many articles extraction stays in this thread: starting a worker and copying the
	 * articles to it (about a third of a second) costs more than it saves. At 100 generated articles
	 * extraction takes about 0.6 s.
	 */
	workerFrom?: number;
	/** The workers' entry points; tests point them at ones that fail. */
	workerEntry?: URL;
	dedupeEntry?: URL;
}

const WORKER_FROM_ARTICLES = 50;
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
const EXTRACT_WORKER = new URL('./extract-worker.ts', import.meta.url);
const DEDUPE_WORKER = new URL('./dedupe-worker.ts', import.meta.url);

/** The paragraph index and the extracted knowledge for `articles`. */
export async function buildParts(articles: readonly Article[], options: BuildOptions = {}): Promise<BuiltParts> {
	const reason = workerUnsuitable(articles, options.workerFrom ?? WORKER_FROM_ARTICLES);
	const extracting = reason ? Promise.resolve<Extracted>({ because: reason }) : extractInWorkers(articles, options);
	// In slices: a bot rebuilding its corpus keeps answering from the old one meanwhile.
	const index = await ParagraphIndex.buildInSlices(articles);
	const extracted = await extracting;
	if ('knowledge' in extracted) return { index, knowledge: extracted.knowledge, extraction: { in: 'workers' } };
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
async function extractInWorkers(articles: readonly Article[], options: BuildOptions): Promise<Extracted> {
	const channel = new MessageChannel();
	const workers = new WorkerPair();
	const dedupe = workers.start<DedupeReply>('grouping quotes', options.dedupeEntry ?? DEDUPE_WORKER, { occurrencesFrom: channel.port2 } satisfies DedupeWorkerData, [channel.port2]);
	const extract = workers.start<WorkerReply>('extraction', options.workerEntry ?? EXTRACT_WORKER, { articles, occurrencesTo: channel.port1 } satisfies ExtractWorkerData, [channel.port1]);
	const [extracted, grouped] = await Promise.all([extract, dedupe]);
	if (!extracted || !grouped) return { because: workers.failure ?? 'a worker failed' };
	try {
		return { knowledge: { ...knowledgeFromJson(extracted.knowledgeJson, articles), quotes: grouped.quotes } };
	} catch (error) {
		return { because: `the worker's knowledge did not restore (${describe(error)})` };
	}
}

/** Workers that need each other: when one fails, the other's work is of no use and it is ended too. */
class WorkerPair {
	private readonly workers: Worker[] = [];
	/** Why the first worker to fail failed: the others were ended because of it. */
	failure: string | null = null;

	/** The one reply of a worker running `entry`, or null when none came (see `failure`). Ends the worker once it has replied. */
	start<T extends object>(task: string, entry: URL, data: object, transferList: readonly Transferable[]): Promise<Exclude<T, { error: string }> | null> {
		let worker: Worker;
		try {
			worker = new Worker(BOOTSTRAP, { workerData: { entry: entry.href, ...data }, transferList: [...transferList] });
		} catch (error) {
			this.fail(`the ${task} worker did not start (${describe(error)})`);
			return Promise.resolve(null);
		}
		this.workers.push(worker);
		return new Promise((resolve) => {
			let replied = false;
			const fail = (because: string) => {
				// Ending a worker that has replied is expected; it is not a failure.
				if (replied) return;
				this.fail(because);
				resolve(null);
			};
			worker.once('message', (message: T) => {
				if ('error' in message) return fail(`${task} failed in its worker (${String(message.error)})`);
				replied = true;
				void worker.terminate();
				resolve(message as Exclude<T, { error: string }>);
			});
			worker.once('error', (error) => fail(`the ${task} worker failed (${describe(error)})`));
			worker.once('exit', (code) => fail(`the ${task} worker exited with code ${code} before replying`));
		});
	}

	private fail(because: string): void {
		this.failure ??= because;
		for (const worker of this.workers) void worker.terminate();
	}
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
