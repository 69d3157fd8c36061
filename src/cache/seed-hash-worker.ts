// Runs in a worker thread at start-up: reads and hashes the seed files it is given (listed by the
// main thread), while the main thread parses the cache file (see seed-hash.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { hashSeedEntries } from './fingerprint.js';
import type { SeedHashReply, SeedHashWorkerData } from './seed-hash.js';

const { entries } = workerData as SeedHashWorkerData;
try {
	parentPort?.postMessage({ hash: hashSeedEntries(entries) } satisfies SeedHashReply);
} catch (error) {
	parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies SeedHashReply);
}
