import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { generateCorpus } from '../../src/bench/generate.js';
import { buildParts, ExtractionWorkers, workersFor } from '../../src/build/parallel.js';
import { until } from '../harness/wait.js';
import { seedsFolder } from '../helpers/tmp.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Article } from '../../src/corpus/types.js';
import { extractKnowledge } from '../../src/extract/index.js';
import { ParagraphIndex } from '../../src/index/paragraph-index.js';
import { Slices } from '../../src/corpus/slices.js';

const FOLDER = 'test/fixtures/ask-eval/articles';

/** Slices that give the event loop a turn after every step, and count them. */
class CountingSlices extends Slices {
	turns = 0;

	constructor() {
		super(0);
	}

	override async yieldIfDue(): Promise<void> {
		this.turns++;
		await super.yieldIfDue();
	}
}
let articles: Article[];

beforeAll(async () => {
	({ articles } = await loadCorpus(FOLDER));
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

	it('extracts in this thread a step at a time, giving the event loop turns, so that a bot rebuilding without workers keeps answering', async () => {
		const slices = new CountingSlices();
		const parts = await buildParts(articles, { workerFrom: 0, workerEntry: new URL('./no-such-worker.ts', import.meta.url), slices });
		expect(parts.extraction.in).toBe('this thread');
		// At least a step per article in each of analysis, attribution and the results' reading.
		expect(slices.turns).toBeGreaterThan(3 * articles.length);
		expect(parts.knowledge).toEqual(extractKnowledge(articles));
		const withWorkers = new CountingSlices();
		expect((await buildParts(articles, { workerFrom: 0, slices: withWorkers })).extraction).toEqual({ in: 'workers' });
		expect(withWorkers.turns).toBe(0);
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

	it('uses workers started before the articles were known, once they arrive', async () => {
		const workers = new ExtractionWorkers();
		// Both start at once, before the articles are known.
		expect(workers.running).toBe(2);
		const parts = await buildParts(articles, { workerFrom: 0, workers });
		expect(parts.extraction).toEqual({ in: 'workers' });
		expect(parts.knowledge).toEqual(extractKnowledge(articles));
		await until(() => workers.running === 0);
	});

	it('analyses articles sent a slice at a time while they load, and gets the same knowledge', async () => {
		const workers = new ExtractionWorkers();
		workers.send(articles.slice(0, 2));
		workers.send([]);
		workers.send(articles.slice(2, 7));
		const parts = await buildParts(articles, { workerFrom: 0, workers });
		expect(parts.extraction).toEqual({ in: 'workers' });
		expect(parts.knowledge).toEqual(extractKnowledge(articles));
	});

	it('stops sending articles once a worker has failed, and falls back to this thread', async () => {
		const workers = new ExtractionWorkers({ extract: new URL('./no-such-worker.ts', import.meta.url) });
		await until(() => workers.running === 0);
		const posted = vi.spyOn(Worker.prototype, 'postMessage');
		try {
			workers.send(articles.slice(0, 4));
			const parts = await buildParts(articles, { workerFrom: 0, workers });
			expect(parts.extraction).toEqual({ in: 'this thread', because: expect.stringMatching(/^the extraction worker (failed|exited)/) });
			expect(parts.knowledge).toEqual(extractKnowledge(articles));
			expect(posted).not.toHaveBeenCalled();
		} finally {
			posted.mockRestore();
		}
	});

	it('falls back to this thread when the articles sent while loading are not the first of those built', async () => {
		const workers = new ExtractionWorkers();
		workers.send(articles.slice(1, 3));
		const parts = await buildParts(articles, { workerFrom: 0, workers });
		expect(parts.extraction).toEqual({ in: 'this thread', because: 'the articles sent while loading are not the ones being built' });
		expect(parts.knowledge).toEqual(extractKnowledge(articles));
		await until(() => workers.running === 0);
	});

	it('ends workers started early when the corpus turns out too small for them', async () => {
		const workers = new ExtractionWorkers();
		const parts = await buildParts(articles.slice(0, 3), { workers });
		expect(parts.extraction).toEqual({ in: 'this thread', because: expect.stringMatching(/fewer than \d+ articles/) });
		await until(() => workers.running === 0);
	});

	it('falls back to this thread, with the same knowledge, when the articles cannot be sent to the worker', async () => {
		// The compact form numbers paragraphs by position; an article numbered otherwise cannot be sent.
		const renumbered = articles.map((article, i) => (i === 0 ? { ...article, paragraphs: article.paragraphs.map((p) => ({ ...p, number: p.number + 1 })) } : article));
		const workers = new ExtractionWorkers();
		const parts = await buildParts(renumbered, { workerFrom: 0, workers });
		expect(parts.extraction).toEqual({ in: 'this thread', because: expect.stringMatching(/^the articles could not be sent to the worker \(cannot cache .*paragraph 1 is numbered 2\)$/) });
		expect(parts.knowledge).toEqual(extractKnowledge(renumbered));
		await until(() => workers.running === 0);
	});

	it('starts workers early only for a folder with enough files', () => {
		expect(workersFor(3, 50)).toBeUndefined();
		const workers = workersFor(50, 50);
		expect(workers?.running).toBe(2);
		workers?.stop();
	});

	it('keeps a small corpus in this thread: a worker would cost more than it saves', async () => {
		const parts = await buildParts(articles.slice(0, 3));
		expect(parts.extraction).toEqual({ in: 'this thread', because: expect.stringMatching(/fewer than \d+ articles/) });
	});
});

describe('an engine built from a folder', () => {
	it('extracts in workers sent the articles as they load, with the knowledge extraction in one thread gets', async () => {
		const generated = generateCorpus({ articles: 60, seed: 11 });
		const folder = await seedsFolder(Object.fromEntries(generated.articles.map((article) => [article.file, article.text])));
		const run = vi.spyOn(ExtractionWorkers.prototype, 'run');
		try {
			const engine = await Engine.fromDirectory(folder);
			expect(run).toHaveBeenCalledTimes(1);
			expect(await run.mock.results[0]?.value).toHaveProperty('knowledge');
			expect(engine.toSnapshot().knowledge).toEqual(extractKnowledge((await loadCorpus(folder)).articles));
		} finally {
			run.mockRestore();
		}
	});


	it('ends the workers it started early when the folder has no usable article', async () => {
		const stop = vi.spyOn(ExtractionWorkers.prototype, 'stop');
		try {
			const folder = await seedsFolder(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`empty-${i}.txt`, '   '])));
			await expect(Engine.fromDirectory(folder)).rejects.toThrow(/no usable article|no articles|empty/i);
			expect(stop).toHaveBeenCalledTimes(1);
		} finally {
			stop.mockRestore();
		}
	});
});
