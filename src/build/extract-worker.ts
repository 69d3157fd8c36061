// Runs in a worker thread, started while the articles are still loading. Once sent the articles (as
// JSON, see articlesToJson), it extracts knowledge and posts it back in the cache's compact form, as
// one JSON string (see knowledgeToJson). The quote occurrences go to the port it was started with as
// soon as they are attributed, to be grouped there (dedupe-worker.ts), so the knowledge it posts has
// no quotes.
import { parentPort, workerData } from 'node:worker_threads';
import { articlesFromJson, knowledgeToJson } from '../cache/codec.js';
import { extractAllButDedupe } from '../extract/index.js';
import type { ExtractRequest, ExtractWorkerData, WorkerReply } from './parallel.js';

const { occurrencesTo } = workerData as ExtractWorkerData;

function extract({ articlesJson }: ExtractRequest): WorkerReply {
	const articles = articlesFromJson(articlesJson);
	const { occurrences: _sent, ...rest } = extractAllButDedupe(articles, (occurrences) => {
		occurrencesTo.postMessage(occurrences);
		occurrencesTo.close();
	});
	return { knowledgeJson: knowledgeToJson({ ...rest, quotes: [] }, articles) };
}

parentPort?.once('message', (request: ExtractRequest) => {
	let reply: WorkerReply;
	try {
		reply = extract(request);
	} catch (error) {
		reply = { error: error instanceof Error ? error.message : String(error) };
	}
	parentPort?.postMessage(reply);
});
