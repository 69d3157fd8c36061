// Runs in a worker thread at start-up: hashes the seeds (cacheKey) while the main thread parses and
// restores a large cache file, which it trusts only once this key matches the file's.
import { parentPort, workerData } from 'node:worker_threads';
import { cacheKey } from './fingerprint.js';

export interface KeyWorkerData {
	folder: string;
}

export type KeyReply = { key: string } | { error: string };

const { folder } = workerData as KeyWorkerData;
let reply: KeyReply;
try {
	reply = { key: cacheKey(folder) };
} catch (error) {
	reply = { error: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
