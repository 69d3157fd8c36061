/**
 * Catastrophic backtracking: every regex literal in the text-handling code against long adversarial
 * lines (in a worker, with a watchdog), then the real extractor and index on 6,000-character
 * paragraphs made of the same pieces, and queries against them, which also exercises the patterns
 * built at run time.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { parseArticle } from '../../src/corpus/load.js';
import { PUMPS, regexLiterals, scanPatterns } from './regex-scan.js';

/** Lines this long already take a backtracking regex from microseconds to forever, at little cost. */
const SCAN_LENGTH = 2000;
const LONG_LINE = 6000;
/** Far above any linear or mildly quadratic pattern on these lines; a catastrophic one never gets here. */
const CATASTROPHIC_MS = 1000;
/**
 * Indexing one pathological paragraph is allowed more than a query: quote classification is
 * quadratic in a paragraph's length today (~0.75 s of CPU for the worst line here, reported to the
 * extractor's owner), and this test is after the seconds-to-forever kind.
 */
const CATASTROPHIC_BUILD_MS = 3000;
const patterns = regexLiterals();

describe('regex literals on adversarial lines', () => {
	it('finds the patterns to check (the scan is not vacuous)', () => {
		expect(patterns.length).toBeGreaterThan(100);
		expect(patterns.some((p) => p.where.startsWith('src/extract/quotes.ts'))).toBe(true);
	});

	it(`none takes ${CATASTROPHIC_MS} ms on any ${SCAN_LENGTH}-character line`, async () => {
		const outcome = await scanPatterns(patterns, SCAN_LENGTH, 10 * CATASTROPHIC_MS);
		if (!outcome.ok) expect.fail(`${outcome.stuckOn.where} /${outcome.stuckOn.source}/ ran over ${outcome.afterMs} ms: catastrophic backtracking`);
		const slow = outcome.results.filter((r) => r.worstMs >= CATASTROPHIC_MS).map((r) => `${r.where} ${r.pattern}: ${Math.round(r.worstMs)} ms on ${r.worstLine}`);
		expect(slow).toEqual([]);
	});

	it('the scan itself catches a catastrophic pattern and names it', async () => {
		const outcome = await scanPatterns([{ where: 'planted', source: '(a+)+$', flags: '' }], 100, 500);
		expect(outcome).toMatchObject({ ok: false, stuckOn: { where: 'planted' } });
	});
});

/** CPU milliseconds `work` takes in this process (wall time would also count other processes' load). */
function cpuMs(work: () => void): number {
	const before = process.cpuUsage();
	work();
	const used = process.cpuUsage(before);
	return (used.user + used.system) / 1000;
}

describe(`the extractor and index on ${LONG_LINE}-character paragraphs`, () => {
	it.each(PUMPS.map((pump) => [JSON.stringify(pump), pump]))('%s repeated: indexed and queried without runaway time', (_label, pump) => {
		const line = pump.repeat(Math.ceil(LONG_LINE / pump.length)).slice(0, LONG_LINE);
		const outcome = parseArticle('adversarial.txt', `title Adversarial\n\nJill Mortimer won the Hartlepool by-election.\n\n${line}\n\n“${line.slice(0, 3000)},” said Jill Mortimer.`);
		if (!('article' in outcome)) return; // blank or invisible-only: the loader refuses it, which is fine
		let engine: Engine | undefined;
		expect(cpuMs(() => (engine = Engine.fromArticles([outcome.article])))).toBeLessThan(CATASTROPHIC_BUILD_MS);
		for (const question of ['Who won the Hartlepool by-election?', line.slice(0, 500)]) {
			expect(cpuMs(() => engine?.ask(question))).toBeLessThan(CATASTROPHIC_MS);
		}
		expect(cpuMs(() => engine?.quote('Jill Mortimer'))).toBeLessThan(CATASTROPHIC_MS);
		expect(cpuMs(() => engine?.result())).toBeLessThan(CATASTROPHIC_MS);
	});
});
