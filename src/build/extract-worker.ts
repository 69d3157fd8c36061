// Runs in a worker thread: extracts knowledge from the articles it was given and posts it back.
// The articles arrive as a structured clone, and the knowledge is plain data, so it crosses back whole.
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../corpus/types.js';
import { extractKnowledge } from '../extract/index.js';
import type { WorkerReply } from './parallel.js';

const { articles } = workerData as { articles: Article[] };
let reply: WorkerReply;
try {
	reply = { knowledge: extractKnowledge(articles) };
} catch (error) {
	reply = { error: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
