import { beforeAll, describe, expect, it } from 'vitest';
import { buildParts } from '../../src/build/parallel.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Article } from '../../src/corpus/types.js';
import { extractKnowledge } from '../../src/extract/index.js';
import { ParagraphIndex } from '../../src/index/paragraph-index.js';

let articles: Article[];

beforeAll(async () => {
	articles = (await loadCorpus('test/fixtures/ask-eval/articles')).articles;
});

describe('building the index and the knowledge at once', () => {
	it('extracts in worker threads, quotes grouped in a second one, and gets exactly what extraction in this thread gets', async () => {
		const parts = await buildParts(articles, { workerFrom: 0 });
		expect(parts.extraction).toEqual({ in: 'workers' });
		expect(parts.knowledge).toEqual(extractKnowledge(articles));
		expect(parts.knowledge.quotes.length).toBeGreaterThan(0);
		const alone = new ParagraphIndex(articles);
		for (const question of ['Who won in Kingsmere?', 'How old is the new MP?', 'turnout']) {
			expect(parts.index.find(question)).toEqual(alone.find(question));
		}
	});

	it('falls back to this thread, with the same knowledge, when the worker cannot run', async () => {
		const parts = await buildParts(articles, { workerFrom: 0, workerEntry: new URL('./no-such-worker.ts', import.meta.url) });
		expect(parts.extraction).toEqual({ in: 'this thread', because: expect.stringMatching(/^the extraction worker (failed|exited)/) });
		expect(parts.knowledge).toEqual(extractKnowledge(articles));
	});

	it('falls back to this thread, with the same knowledge, when the worker grouping the quotes fails', async () => {
		const parts = await buildParts(articles, { workerFrom: 0, dedupeEntry: new URL('./no-such-worker.ts', import.meta.url) });
		expect(parts.extraction).toEqual({ in: 'this thread', because: expect.stringMatching(/^the grouping quotes worker (failed|exited)/) });
		expect(parts.knowledge).toEqual(extractKnowledge(articles));
	});

	it('falls back to this thread when the worker grouping the quotes throws', async () => {
		const parts = await buildParts(articles, { workerFrom: 0, dedupeEntry: new URL('./fixtures/throwing-dedupe-worker.ts', import.meta.url) });
		expect(parts.extraction).toEqual({ in: 'this thread', because: expect.stringMatching(/grouping quotes failed in its worker \(no grouping today\)/) });
		expect(parts.knowledge).toEqual(extractKnowledge(articles));
	});

	it('keeps a small corpus in this thread: a worker would cost more than it saves', async () => {
		const parts = await buildParts(articles.slice(0, 3));
		expect(parts.extraction).toEqual({ in: 'this thread', because: expect.stringMatching(/fewer than \d+ articles/) });
	});
});
