// The index's hand-written word scanner against the regular expression it replaced, which stays
// here as its definition: on folded text, numbers whole, words of letters and marks with inner
// apostrophes and hyphens.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/bench/prng.js';
import { foldForMatching } from '../../src/corpus/normalise.js';
import { scanWords } from '../../src/index/scan-words.js';
import { SpanTable } from '../../src/corpus/span-table.js';
import { tokens } from '../../src/index/analyse.js';

const DEFINITION = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}\p{M}]+(?:['-][\p{L}\p{M}]+)*/gu;

function byDefinition(text: string): Array<[number, number]> {
	return [...foldForMatching(text).matchAll(DEFINITION)].map((match) => [match.index, match.index + match[0].length]);
}

function scanned(text: string): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	scanWords(text, (start, end) => spans.push([start, end]));
	return spans;
}

// Pieces that meet at the edges the scanner decides: digit groups, points, joiners as written and
// folded, accents as combining marks, letters beyond the first plane, emoji, lone surrogates.
const PIECES = [
	'a', 'Z', 'é', 'ß', 'Ł', 'Я', 'λ', '中', 'e\u0301', '\u0301', '𝐀', '𐐷', '😀', '\uD800', '\uDC00',
	'0', '1', '12', '123', '1234', ',', ',000', ',00', '.', '.5', '..', "'", '’', '‘', '`', '´', '-', '–', '—', '\u2212',
	'"', '“', ' ', '\n', '/', '%', '£', '_', '٣', 'Ⅻ', 'by-election', "Labour's", 'rock-\'n\'-roll', '3.', '1,234,567.89',
];

describe('scanWords', () => {
	it('finds the words the regular expression finds, on random text made of tricky pieces', () => {
		const random = createRandom(20261122);
		for (let sample = 0; sample < 20_000; sample++) {
			const text = Array.from({ length: random.int(1, 12) }, () => random.pick(PIECES)).join('');
			expect(scanned(text), JSON.stringify(text)).toEqual(byDefinition(text));
		}
	});

	it('reads numbers and compounds whole and leaves punctuation out', () => {
		const text = 'Turnout was 42.3% (12,345 votes, 1,2345); the by-election’s “rock-’n’-roll” — 3. end';
		const words = scanned(text).map(([start, end]) => text.slice(start, end));
		expect(words).toEqual(['Turnout', 'was', '42.3', '12,345', 'votes', '1,234', '5', 'the', 'by-election’s', 'rock', 'n', 'roll', '3', 'end']);
	});

	it('gives tokens the same terms whichever quote or dash the writer used', () => {
		expect(tokens('Labour’s by–election').map((token) => token.term)).toEqual(tokens("Labour's by-election").map((token) => token.term));
	});
});

describe('SpanTable', () => {
	it('remembers one value per distinct word, found where the word stands', () => {
		const table = new SpanTable();
		const computed: string[] = [];
		const text = 'vote Vote vote voter vote';
		const values = scanned(text).map(([start, end]) => table.valueAt(text, start, end, (word) => (computed.push(word), computed.length)));
		expect(values).toEqual([1, 2, 1, 3, 1]);
		expect(computed).toEqual(['vote', 'Vote', 'voter']);
	});

	it('numbers words 0, 1, … in the order first met, and keeps each word once', () => {
		const table = new SpanTable();
		const text = 'vote Vote vote voter vote';
		expect(scanned(text).map(([start, end]) => table.idOf(text, start, end))).toEqual([0, 1, 0, 2, 0]);
		expect(table.words).toEqual(['vote', 'Vote', 'voter']);
	});

	it('finds a word by its string without adding one it does not know, even after growing', () => {
		const table = new SpanTable();
		const words = Array.from({ length: 5_000 }, (_, i) => `w${i.toString(36)}`);
		const text = words.join(' ');
		let at = 0;
		for (const word of words) {
			table.idOf(text, at, at + word.length);
			at += word.length + 1;
		}
		expect(words.map((word) => table.find(word))).toEqual(words.map((_, i) => i));
		expect([table.find('vote'), table.find(''), table.find('W0')]).toEqual([undefined, undefined, undefined]);
		expect(table.size).toBe(words.length);
	});

	it('tells apart words longer than 65,535 code units, which share their low 16 bits of length', () => {
		const table = new SpanTable();
		const long = 'a'.repeat(70_000);
		const text = `${long} ${'a'.repeat(70_000 - 65_536)} ${long}`;
		const spans = scanned(text);
		expect(spans.map(([start, end]) => table.idOf(text, start, end))).toEqual([0, 1, 0]);
		expect(table.find(long)).toBe(0);
		expect(table.words.map((word) => word.length)).toEqual([70_000, 70_000 - 65_536]);
	});

	it('keeps every word apart as it grows past its first size', () => {
		const table = new SpanTable();
		const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
		const text = words.join(' ');
		let at = 0;
		for (const [i, word] of words.entries()) {
			expect(table.valueAt(text, at, at + word.length, () => i)).toBe(i);
			at += word.length + 1;
		}
		expect(table.size).toBe(words.length);
		at = 0;
		for (const [i, word] of words.entries()) {
			expect(table.valueAt(text, at, at + word.length, () => -1)).toBe(i);
			at += word.length + 1;
		}
	});
});
