// Runs in a worker thread: extracts knowledge from the articles it was given and posts it back in
// the cache's compact form, as one JSON string (see knowledgeToJson).
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../corpus/types.js';
import { knowledgeToJson } from '../cache/codec.js';
import { extractKnowledge } from '../extract/index.js';
import type { WorkerReply } from './parallel.js';

const { articles } = workerData as { articles: Article[] };
let reply: WorkerReply;
try {
	reply = { knowledgeJson: knowledgeToJson(extractKnowledge(articles), articles) };
} catch (error) {
	reply = { error: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
