// The benchmark's end-to-end part on a tiny corpus: its structure and sanity only. Never a timing
// threshold: CI machines are slow and shared, and the figures belong to `npm run bench`.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { measureEndToEnd } from '../../src/bench/e2e.js';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.js';
import { buildQueries } from '../../src/bench/queries.js';
import type { Latency } from '../../src/bench/measure.js';
import { seedsFolder } from '../helpers/tmp.js';

const COUNT = 30;

function expectOrdered(latency: Latency): void {
	expect(latency.p50).toBeGreaterThan(0);
	expect(latency.p50).toBeLessThanOrEqual(latency.p95);
	expect(latency.p95).toBeLessThanOrEqual(latency.p99);
	expect(latency.p99).toBeLessThanOrEqual(latency.max);
}

describe('the end-to-end benchmark', () => {
	it('times every interaction to our bot and to the bare bot, and gives a finite ratio', async () => {
		const corpus = generateCorpus({ articles: 8, seed: 11 });
		const folder = await seedsFolder({});
		await writeCorpus(corpus, folder);
		const engine = await Engine.fromDirectory(folder);

		const result = await measureEndToEnd(engine, buildQueries(corpus, 20), { count: COUNT, warmUp: 6, budgetMs: 120_000 });

		expect(result.interactions).toBe(COUNT);
		for (const side of [result.ours, result.bare]) {
			// Both bots answered every interaction, and nothing was cut short.
			expect(side).toMatchObject({ count: COUNT, errors: 0, truncated: false });
			expectOrdered(side);
		}
		expect(Number.isFinite(result.ratio)).toBe(true);
		expect(result.ratio).toBeGreaterThan(0);
		// Every kind of the mix was sent, and each kind's count adds up to the whole.
		expect(Object.keys(result.byKind).sort()).toEqual(['/ask', '/quote', '/result', '/verify', 'autocomplete constituency', 'autocomplete speaker']);
		expect(Object.values(result.byKind).reduce((sum, kind) => sum + kind.count, 0)).toBe(COUNT);
	});
});
