// Runs in a worker thread, started with the extraction worker: groups the quote occurrences that
// worker sends over its port (see parallel.ts) while it goes on to read the election results.
import { parentPort, workerData } from 'node:worker_threads';
import { dedupeQuotes } from '../extract/dedupe.js';
import type { QuoteOccurrence } from '../extract/types.js';
import type { DedupeReply, DedupeWorkerData } from './parallel.js';

const { occurrencesFrom } = workerData as DedupeWorkerData;
occurrencesFrom.once('message', (occurrences: QuoteOccurrence[]) => {
	occurrencesFrom.close();
	let reply: DedupeReply;
	try {
		reply = { quotes: dedupeQuotes(occurrences) };
	} catch (error) {
		reply = { error: error instanceof Error ? error.message : String(error) };
	}
	parentPort?.postMessage(reply);
});
