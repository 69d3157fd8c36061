// Runs in a worker thread, started with the extraction worker: groups the quote occurrences that
// worker sends over its port (see parallel.ts) while it goes on to read the election results. It
// begins only when told to (once the main thread has indexed): until then the occurrences wait in
// the port, unread, so this thread takes no core from the two busy ones.
import { parentPort, workerData } from 'node:worker_threads';
import { dedupeQuotes } from '../extract/dedupe.js';
import type { QuoteOccurrence } from '../extract/types.js';
import type { DedupeGo, DedupeReply, DedupeWorkerData } from './parallel.js';

const { occurrencesFrom } = workerData as DedupeWorkerData;

function group(occurrences: QuoteOccurrence[]): DedupeReply {
	try {
		return { quotes: dedupeQuotes(occurrences) };
	} catch (error) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
}

parentPort?.once('message', (_go: DedupeGo) => {
	occurrencesFrom.once('message', (occurrences: QuoteOccurrence[]) => {
		occurrencesFrom.close();
		parentPort?.postMessage(group(occurrences));
	});
});
