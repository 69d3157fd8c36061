// Builds an engine's two halves at once. Indexing and extraction each read every paragraph and
// neither needs the other, so on a machine with a second core extraction runs in worker threads
// while this thread indexes: the build takes as long as the slower half, not the sum of both.
//
// Extraction is the slower half, so it is split once more. Grouping the quotes (dedupe) needs only
// the attributed occurrences, which are ready well before the election results are read: the
// extraction worker hands them over a channel to a second worker, which groups them while the first
// reads the results. For a while three threads share the two cores; measured at 10,000 articles,
// holding the grouping back until this thread had indexed left a core idle at the end instead.
//
// Both workers are started as soon as the seeds folder is listed, so that they load their code (about
// a second each under the TypeScript loader) while this thread loads the articles. The articles are
// sent to the extraction worker a slice at a time as they load, each slice as one JSON string, and
// it analyses them meanwhile: analysis is per article, and a third of the extraction.
//
// Where a worker cannot start (one core, a runtime without the TypeScript loader) or fails, the
// same extraction runs here instead, a step at a time with turns for the event loop (at 10,000
// articles it takes about 15 s, which in one piece would hold a serving bot's every interaction);
// the knowledge is the same either way.
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort, type Transferable } from 'node:worker_threads';
import type { Article } from '../corpus/types.js';
import { extractKnowledgeSteps, type Knowledge, type Quote } from '../extract/index.js';
import { Slices } from '../corpus/slices.js';
import { ParagraphIndex } from '../index/paragraph-index.js';
import { articlesToJson, knowledgeFromJson } from '../cache/codec.js';

/** The extraction worker's answer: the knowledge, its quotes left empty (the other worker groups them). */
export type WorkerReply = { knowledgeJson: string } | { error: string };
export type DedupeReply = { quotes: Quote[] } | { error: string };

/** What the extraction worker is started with: where to send the quotes to be grouped. */
export interface ExtractWorkerData {
	occurrencesTo: MessagePort;
}

/** What it is sent: the articles a slice at a time as they load (`articlesToJson`), then the end. */
export type ExtractRequest = { articlesJson: string } | { end: true };

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
	/** Workers started earlier (`workersFor`), while the articles loaded; started here when not given. */
	workers?: ExtractionWorkers | undefined;
	/** The workers' entry points; tests point them at ones that fail. */
	workerEntry?: URL;
	dedupeEntry?: URL;
	/** How extraction in this thread gives the event loop turns; tests count them. */
	slices?: Slices;
}

const WORKER_FROM_ARTICLES = 50;
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
const EXTRACT_WORKER = new URL('./extract-worker.ts', import.meta.url);
const DEDUPE_WORKER = new URL('./dedupe-worker.ts', import.meta.url);

/** The paragraph index and the extracted knowledge for `articles`. */
export async function buildParts(articles: readonly Article[], options: BuildOptions = {}): Promise<BuiltParts> {
	const reason = workerUnsuitable(articles.length, options.workerFrom ?? WORKER_FROM_ARTICLES);
	if (reason) options.workers?.stop();
	const workers = reason ? null : (options.workers ?? new ExtractionWorkers({ extract: options.workerEntry, dedupe: options.dedupeEntry }));
	const extracting = workers ? workers.run(articles) : Promise.resolve<Extracted>({ because: reason ?? '' });
	// In slices: a bot rebuilding its corpus keeps answering from the old one meanwhile.
	const index = await ParagraphIndex.buildInSlices(articles);
	const extracted = await extracting;
	if ('knowledge' in extracted) return { index, knowledge: extracted.knowledge, extraction: { in: 'workers' } };
	// A small corpus extracts in well under a second; a large one only lands here without a worker,
	// and takes seconds: in slices, so that a bot rebuilding its corpus keeps answering meanwhile.
	const knowledge = await (options.slices ?? new Slices()).drain(extractKnowledgeSteps(articles));
	return { index, knowledge, extraction: { in: 'this thread', because: extracted.because } };
}

/**
 * Workers for a folder of `files` article files, started now, or none when extraction will stay in
 * this thread. Started while this thread loads the articles, they load their own code (about a
 * second) meanwhile, and the extraction worker analyses the articles as they are sent (`send`).
 */
export function workersFor(files: number, workerFrom = WORKER_FROM_ARTICLES): ExtractionWorkers | undefined {
	return workerUnsuitable(files, workerFrom) ? undefined : new ExtractionWorkers();
}

type Extracted = { knowledge: Knowledge } | { because: string };

function workerUnsuitable(articles: number, workerFrom: number): string | null {
	if (availableParallelism() < 2) return 'one core';
	if (articles < workerFrom) return `fewer than ${workerFrom} articles`;
	return null;
}

export interface WorkerSetup {
	extract?: URL | undefined;
	dedupe?: URL | undefined;
}

/**
 * The two extraction workers: one extracts, and sends the attributed quote occurrences over a
 * channel to the other, which groups them while the first reads the results. Both are started
 * before the articles are known; `send` and `run` send them.
 */
export class ExtractionWorkers {
	private readonly pair = new WorkerPair();
	private readonly extract: Started<WorkerReply>;
	private readonly dedupe: Started<DedupeReply>;
	/** The articles sent so far, in order. */
	private readonly sent: Article[] = [];
	private unsent: string | null = null;

	constructor(setup: WorkerSetup = {}) {
		const channel = new MessageChannel();
		this.extract = this.pair.start('extraction', setup.extract ?? EXTRACT_WORKER, { occurrencesTo: channel.port1 } satisfies ExtractWorkerData, [channel.port1]);
		this.dedupe = this.pair.start('grouping quotes', setup.dedupe ?? DEDUPE_WORKER, { occurrencesFrom: channel.port2 } satisfies DedupeWorkerData, [channel.port2]);
	}

	/** Threads still running (tests check that `stop` ends them). */
	get running(): number {
		return this.pair.running;
	}

	/**
	 * Sends the next articles (a slice as they load) to be analysed meanwhile. Never throws: articles
	 * that cannot be sent end the workers, and `run` says why.
	 */
	send(articles: readonly Article[]): void {
		// Once a worker has failed nothing sent would be read: extraction will run in this thread.
		if (articles.length === 0 || this.unsent || this.pair.failure) return;
		try {
			this.extract.worker?.postMessage({ articlesJson: articlesToJson(articles) } satisfies ExtractRequest);
			this.sent.push(...articles);
		} catch (error) {
			this.unsent = `the articles could not be sent to the worker (${describe(error)})`;
			this.stop();
		}
	}

	/**
	 * The knowledge of `articles`: those sent already (`send`) must be the first of them. Never
	 * rejects: a worker that cannot start, throws or dies says why, and extraction runs in the
	 * caller's thread.
	 */
	async run(articles: readonly Article[]): Promise<Extracted> {
		if (this.pair.failure) return { because: this.pair.failure };
		if (this.sent.some((article, i) => article !== articles[i])) {
			this.stop();
			return { because: 'the articles sent while loading are not the ones being built' };
		}
		this.send(articles.slice(this.sent.length));
		if (this.unsent) return { because: this.unsent };
		this.extract.worker?.postMessage({ end: true } satisfies ExtractRequest);
		const extracted = await this.extract.reply;
		const grouped = extracted ? await this.dedupe.reply : null;
		if (!extracted || !grouped) return { because: this.pair.failure ?? 'a worker failed' };
		try {
			return { knowledge: { ...knowledgeFromJson(extracted.knowledgeJson, articles), quotes: grouped.quotes } };
		} catch (error) {
			return { because: `the worker's knowledge did not restore (${describe(error)})` };
		}
	}

	/** Ends the workers (the corpus turned out too small, or could not be loaded). */
	stop(): void {
		this.pair.stopAll();
	}
}

interface Started<T> {
	worker: Worker | null;
	/** The reply, or null when none came (see WorkerPair.failure). */
	reply: Promise<Exclude<T, { error: string }> | null>;
}

/** Workers that need each other: when one fails, the other's work is of no use and it is ended too. */
class WorkerPair {
	private readonly workers = new Set<Worker>();
	/** Why the first worker to fail failed: the others were ended because of it. */
	failure: string | null = null;

	get running(): number {
		return this.workers.size;
	}

	/** A worker running `entry`, and its one reply. Ends the worker once it has replied. */
	start<T extends object>(task: string, entry: URL, data: object, transferList: readonly Transferable[]): Started<T> {
		let worker: Worker;
		try {
			worker = new Worker(BOOTSTRAP, { workerData: { entry: entry.href, ...data }, transferList: [...transferList] });
		} catch (error) {
			this.fail(`the ${task} worker did not start (${describe(error)})`);
			return { worker: null, reply: Promise.resolve(null) };
		}
		this.workers.add(worker);
		const reply = new Promise<Exclude<T, { error: string }> | null>((resolve) => {
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
			worker.once('exit', (code) => {
				this.workers.delete(worker);
				fail(`the ${task} worker exited with code ${code} before replying`);
			});
		});
		return { worker, reply };
	}

	stopAll(): void {
		for (const worker of this.workers) void worker.terminate();
	}

	private fail(because: string): void {
		this.failure ??= because;
		this.stopAll();
	}
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
