// WordingIndex.closest finds a wording's close stretches either by reading the stretches that hold
// its rarer words, or by counting its words from the lists (src/answer/wording-index.ts), choosing
// by cost. Forced each way, and left to choose, it must find what sliding over every stretch finds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestPossibleScore, WordingIndex, type Strategy, type Window } from '../../src/answer/wording-index.js';
import { bestWindow } from './brute-force.js';

const STRATEGIES: Strategy[] = ['auto', 'read', 'count'];
const CLOSE_ENOUGH = 0.6;

// A few words in nearly every stretch, some in many, most in few: the shape that makes counting
// from the lists pay, and a wording made of common words hard.
const word = fc.oneof(
	{ weight: 8, arbitrary: fc.constantFrom('the', 'of', 'and') },
	{ weight: 4, arbitrary: fc.constantFrom('said', 'people', 'vote', 'tonight', 'spoken') },
	{ weight: 2, arbitrary: fc.constantFrom('zorb', 'quix', 'blen', 'trop', 'skel', 'wum') },
);
const phrase = fc.array(word, { maxLength: 30 });
// Many stretches share a set phrase, as quotes in a corpus of reports do.
const stretch = fc.oneof(phrase, fc.tuple(phrase, phrase).map(([before, after]) => [...before, 'tonight', 'the', 'people', 'of', 'blen', 'have', 'spoken', ...after]));

/** A wording: a piece of a stretch with a word changed, or loose words (some the corpus never uses). */
function wordingFrom(stretches: string[][], pick: number, start: number, size: number, change: number, loose: string[]): string[] {
	const source = stretches[pick % Math.max(1, stretches.length)] ?? [];
	const piece = source.slice(start % Math.max(1, source.length), (start % Math.max(1, source.length)) + size);
	if (piece.length === 0) return loose;
	piece[change % piece.length] = loose[0] ?? 'nowhere';
	return piece;
}

const corpus = fc.record({
	stretches: fc.array(stretch, { minLength: 1, maxLength: 60 }),
	pick: fc.nat(),
	start: fc.nat(),
	size: fc.integer({ min: 1, max: 20 }),
	change: fc.nat(),
	loose: fc.array(fc.oneof(word, fc.constantFrom('nowhere', 'unheard')), { minLength: 1, maxLength: 15 }),
});

/** Every stretch's best window scoring at least CLOSE_ENOUGH, by a slide over each. */
function expectedClose(stretches: readonly string[][], checked: readonly string[]): Map<number, { score: number; window: string[] }> {
	const close = new Map<number, { score: number; window: string[] }>();
	stretches.forEach((words, index) => {
		const best = bestWindow(words, checked);
		if (best && best.score >= CLOSE_ENOUGH) close.set(index, best);
	});
	return close;
}

function neededFor(n: number): number {
	return Math.ceil(CLOSE_ENOUGH * n - 1e-9);
}

describe('WordingIndex.closest', () => {
	it('finds every stretch with a close window, and its best window, whichever way it counts', () => {
		fc.assert(
			fc.property(corpus, ({ stretches, pick, start, size, change, loose }) => {
				const checked = wordingFrom(stretches, pick, start, size, change, loose);
				const expected = expectedClose(stretches, checked);
				const needed = neededFor(checked.length);
				for (const strategy of STRATEGIES) {
					const index = WordingIndex.of(stretches.map((words) => words.join(' ')), strategy);
					const found = new Map<number, { score: number; window: string[] }>();
					index.closest(checked, needed, {
						useful: (shared) => shared >= needed,
						found: (at, window) => {
							expect(found.has(at), `${strategy}: stretch ${at} found twice`).toBe(false);
							if (window.score >= CLOSE_ENOUGH) found.set(at, { score: window.score, window: index.wordsOf(at).slice(window.start, window.start + window.size) });
						},
					});
					expect(found, strategy).toEqual(expected);
				}
			}),
			{ numRuns: 400 },
		);
	});

	it('stops as verify does, once three stretches rank above anything left, with the same three', () => {
		fc.assert(
			fc.property(corpus, ({ stretches, pick, start, size, change, loose }) => {
				const checked = wordingFrom(stretches, pick, start, size, change, loose);
				const ranked = [...expectedClose(stretches, checked)].map(([at, best]) => ({ at, score: best.score })).sort((a, b) => b.score - a.score || a.at - b.at);
				const needed = neededFor(checked.length);
				for (const strategy of STRATEGIES) {
					const index = WordingIndex.of(stretches.map((words) => words.join(' ')), strategy);
					expect(topThree(index, checked, needed), strategy).toEqual(ranked.slice(0, 3));
				}
			}),
			{ numRuns: 400 },
		);
	});

	it('counts a wording made of the commonest words over a large corpus, as the reading does', () => {
		const common = ['the', 'of', 'and', 'to', 'a', 'in'];
		const stretches = Array.from({ length: 3000 }, (_, at) => Array.from({ length: 5 + (at % 23) }, (_, i) => common[(at * 7 + i * i) % common.length] ?? 'the').join(' '));
		const checked = ['the', 'of', 'and', 'the', 'to', 'of', 'a', 'rare'];
		const needed = neededFor(checked.length);
		const answers = STRATEGIES.map((strategy) => topThree(WordingIndex.of(stretches, strategy), checked, needed));
		expect(answers[0]?.length).toBe(3);
		for (const answer of answers) expect(answer).toEqual(answers[0]);
	});
});

/** The three best stretches (score, then corpus order), searched as verify searches: useless stretches skipped. */
function topThree(index: WordingIndex, checked: readonly string[], needed: number): Array<{ at: number; score: number }> {
	const top: Array<{ at: number; score: number }> = [];
	const before = (a: { at: number; score: number }, b: { at: number; score: number }): boolean => a.score > b.score || (a.score === b.score && a.at < b.at);
	const admits = (score: number, at: number): boolean => {
		const third = top[2];
		return !third || before({ score, at }, third);
	};
	index.closest(checked, needed, {
		useful: (shared, at) => shared >= needed && admits(bestPossibleScore(shared, checked.length), at),
		found: (at, window: Window) => {
			if (window.score < CLOSE_ENOUGH) return;
			top.push({ at, score: window.score });
			top.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
			if (top.length > 3) top.pop();
		},
	});
	return top;
}

describe('WordingIndex.inSteps', () => {
	it('builds in steps (one per thousand texts) the index built at once', () => {
		const texts = Array.from({ length: 2_500 }, (_, i) => `stretch ${i % 97} of the people ${i % 13} have spoken`);
		const steps = WordingIndex.inSteps(texts);
		let yielded = 0;
		let step = steps.next();
		for (; !step.done; step = steps.next()) yielded++;
		expect(yielded).toBe(2);
		const stepped = step.value;
		const whole = WordingIndex.of(texts);
		const checked = ['of', 'the', 'people', '12', 'have', 'spoken'];
		expect(stepped.exact(checked)).toEqual(whole.exact(checked));
		expect(stepped.exact(checked).length).toBeGreaterThan(0);
		expect(topThree(stepped, checked, 4)).toEqual(topThree(whole, checked, 4));
		expect(texts.map((_, stretch) => stepped.wordsOf(stretch))).toEqual(texts.map((_, stretch) => whole.wordsOf(stretch)));
	});
});
