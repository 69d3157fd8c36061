// Runs in a worker thread, started while the articles are still loading. It is sent them a slice at a
// time (as JSON, see articlesToJson) and analyses each slice as it arrives; at the end it extracts the
// rest of the knowledge and posts it back in the cache's compact form, as one JSON string (see
// knowledgeToJson). The quote occurrences go to the port it was started with as soon as they are
// attributed, to be grouped there (dedupe-worker.ts), so the knowledge it posts has no quotes.
import { parentPort, workerData } from 'node:worker_threads';
import { articlesFromJson, knowledgeToJson } from '../cache/codec.js';
import type { Article } from '../corpus/types.js';
import { analyseArticle, extractFromAnalyses, type ArticleAnalysis } from '../extract/index.js';
import type { ExtractRequest, ExtractWorkerData, WorkerReply } from './parallel.js';

const { occurrencesTo } = workerData as ExtractWorkerData;
const articles: Article[] = [];
const analyses: ArticleAnalysis[] = [];

function analyse(articlesJson: string): void {
	for (const article of articlesFromJson(articlesJson)) {
		articles.push(article);
		analyses.push(analyseArticle(article));
	}
}

function finish(): WorkerReply {
	const { occurrences: _sent, ...rest } = extractFromAnalyses(analyses, (occurrences) => {
		occurrencesTo.postMessage(occurrences);
		occurrencesTo.close();
	});
	return { knowledgeJson: knowledgeToJson({ ...rest, quotes: [] }, articles) };
}

const onMessage = (request: ExtractRequest): void => {
	try {
		if ('articlesJson' in request) return analyse(request.articlesJson);
		parentPort?.postMessage(finish());
	} catch (error) {
		parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
	}
	parentPort?.off('message', onMessage);
};
parentPort?.on('message', onMessage);
