// Runs in a worker thread, started while the articles are still loading. It loads the seeds folder
// itself when given one (or waits to be sent the articles), extracts knowledge and posts it back in
// the cache's compact form, as one JSON string (see knowledgeToJson), with the digest of what it read.
// The quote occurrences go to the port it was started with as soon as they are attributed, to be
// grouped there (dedupe-worker.ts), so the knowledge it posts has no quotes.
import { parentPort, workerData } from 'node:worker_threads';
import { knowledgeToJson } from '../cache/codec.js';
import type { Article } from '../corpus/types.js';
import { loadCorpus } from '../corpus/load.js';
import { extractAllButDedupe } from '../extract/index.js';
import type { ExtractRequest, ExtractWorkerData, WorkerReply } from './parallel.js';

const { occurrencesTo, folder } = workerData as ExtractWorkerData;

function extract(articles: readonly Article[], readDigest: string | null): WorkerReply {
	const { occurrences: _sent, ...rest } = extractAllButDedupe(articles, (occurrences) => {
		occurrencesTo.postMessage(occurrences);
		occurrencesTo.close();
	});
	return { knowledgeJson: knowledgeToJson({ ...rest, quotes: [] }, articles), readDigest };
}

function failure(error: unknown): WorkerReply {
	return { error: error instanceof Error ? error.message : String(error) };
}

if (folder !== null) {
	loadCorpus(folder)
		.then(({ articles, readDigest }) => extract(articles, readDigest))
		.catch(failure)
		.then((reply) => parentPort?.postMessage(reply));
} else {
	parentPort?.once('message', ({ articles }: ExtractRequest) => {
		let reply: WorkerReply;
		try {
			reply = extract(articles, null);
		} catch (error) {
			reply = failure(error);
		}
		parentPort?.postMessage(reply);
	});
}
