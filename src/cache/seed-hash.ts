// The seeds' hash (fingerprint.ts) for a start from the cache, computed in a worker thread when the
// folder is large, so that this thread parses the cache file meanwhile instead of waiting: at 10,000
// articles, reading and hashing the files takes this thread about 0.3 s, a seventh of the start.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { WorkerGroup } from '../build/worker-group.js';
import { hashSeedEntries, listSeedEntries, type SeedEntry } from './fingerprint.js';

export interface SeedHashWorkerData {
	entries: SeedEntry[];
}

export type SeedHashReply = { hash: string } | { error: string };

export interface SeedHashOptions {
	/**
	 * From this many article files the hash is computed in a worker. The worker takes about a
	 * quarter of a second to load its code, on the other core; below a couple of thousand files,
	 * hashing here takes less than that and the cache's parse is too short to overlap.
	 */
	workerFrom?: number;
	/** The worker's entry point; tests point it at one that fails. */
	workerEntry?: URL;
	/** Told why the worker could not hash the seeds (they are then hashed in this thread). */
	onWorkerFailure?: (because: string) => void;
}

const WORKER_FROM_ARTICLES = 2_000;
const SEED_HASH_WORKER = new URL('./seed-hash-worker.ts', import.meta.url);

/**
 * `hashSeeds(folder)`, in a worker when the folder is large. The folder is listed here, at once (a
 * folder that cannot be listed throws now, as `hashSeeds` does); the files are read by whichever
 * thread hashes them. A worker's failure does not reject: the seeds are then hashed in this thread,
 * and the hash is the same.
 */
export function hashSeedsMeanwhile(folder: string, options: SeedHashOptions = {}): Promise<string> {
	const entries = listSeedEntries(path.resolve(folder));
	const articles = entries.filter((entry) => entry.kind === 'article').length;
	if (articles < (options.workerFrom ?? WORKER_FROM_ARTICLES) || availableParallelism() < 2) return Promise.resolve(hashSeedEntries(entries));
	return hashInWorker(entries, options);
}

async function hashInWorker(entries: SeedEntry[], options: SeedHashOptions): Promise<string> {
	const workers = new WorkerGroup();
	const { reply } = workers.start<SeedHashReply>('seed hashing', options.workerEntry ?? SEED_HASH_WORKER, { entries } satisfies SeedHashWorkerData, []);
	const replied = await reply;
	if (replied) return replied.hash;
	options.onWorkerFailure?.(workers.failure ?? 'the seed hashing worker did not reply');
	return hashSeedEntries(entries);
}
