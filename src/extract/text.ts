// Small text utilities for extraction: tokens with offsets, sentences, folding, distances.
// Everything is a linear scan or a simple regex without nested quantifiers (inputs may be hostile).

import { foldForMatching } from '../corpus/normalise.js';

export interface Token {
	/** The word without surrounding punctuation (`Smith's` keeps its `'s`; see `base`). */
	word: string;
	/** `word` without a possessive `'s` / `’s` / trailing `’`. */
	base: string;
	lower: string;
	possessive: boolean;
	/** Offsets of `word` in the text. */
	start: number;
	end: number;
	/** Punctuation written before and after the word (`(`, `,`, `:"`). */
	before: string;
	after: string;
}

const LEADING_PUNCTUATION = new Set(['"', '“', '”', '‘', "'", '(', '[', '{', '«', '„', '*', '_', '|']);
const TRAILING_PUNCTUATION = new Set([',', '.', ';', ':', '!', '?', '"', '”', '“', '’', "'", ')', ']', '}', '»', '…', '—', '–', '*', '_', '|']);

const NON_SPACE = /\S+/g;

/** Splits text into word tokens with offsets, keeping the punctuation around each word. */
export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	// exec on one regex rather than matchAll: no iterator or cloned regex per paragraph (this runs on every paragraph).
	NON_SPACE.lastIndex = 0;
	for (let match = NON_SPACE.exec(text); match !== null; match = NON_SPACE.exec(text)) {
		const raw = match[0];
		let head = 0;
		let tail = raw.length;
		while (head < tail && LEADING_PUNCTUATION.has(raw.charAt(head))) head++;
		while (tail > head && TRAILING_PUNCTUATION.has(raw.charAt(tail - 1))) tail--;
		const word = raw.slice(head, tail);
		if (word === '') continue;
		// `Smith's` / `Smith’S`: the same test as /['’]s$/i, by characters.
		const endsInS = endsWithS(word);
		const apostropheS = endsInS && isApostrophe(word.charAt(word.length - 2));
		// A trailing apostrophe after s is a plural possessive (`Tories’`): keep it out of `after`.
		const possessive = apostropheS || (endsInS && isApostrophe(raw.charAt(tail)));
		const base = apostropheS ? word.slice(0, -2) : word;
		tokens.push({
			word,
			base,
			lower: base.toLowerCase(),
			possessive,
			start: match.index + head,
			end: match.index + tail,
			before: raw.slice(0, head),
			after: raw.slice(tail),
		});
	}
	return tokens;
}

function endsWithS(word: string): boolean {
	const last = word.charAt(word.length - 1);
	return last === 's' || last === 'S';
}

function isApostrophe(char: string): boolean {
	return char === "'" || char === '’';
}

const UPPER_FIRST = /^\p{Lu}/u;

export function isCapitalised(word: string): boolean {
	// ASCII first letters (nearly all) by code; anything else by the Unicode property, as before.
	const code = word.charCodeAt(0);
	if (code < 128) return code >= 65 && code <= 90;
	return UPPER_FIRST.test(word);
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'no', 'gen', 'lt', 'col', 'rev', 'prof', 'sgt', 'cllr', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec', 'vs', 'etc', 'approx', 'e.g', 'i.e']);

/** Token index ranges [start, end) of sentences: a boundary is `.`, `?` or `!` before a capital, digit or quote. */
export function sentenceRanges(tokens: readonly Token[]): Array<[number, number]> {
	const ranges: Array<[number, number]> = [];
	let start = 0;
	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index];
		const next = tokens[index + 1];
		if (!token || !next) continue;
		if (!/[.?!]/.test(token.after)) continue;
		if (token.after.startsWith('.') && (ABBREVIATIONS.has(token.lower) || /^\p{Lu}$/u.test(token.word))) continue;
		if (!/^[\p{Lu}\p{N}"“‘'(]/u.test(next.before + next.word)) continue;
		ranges.push([start, index + 1]);
		start = index + 1;
	}
	if (start < tokens.length) ranges.push([start, tokens.length]);
	return ranges;
}

/** Lower-case words for comparing wordings: marks, dashes and punctuation folded away. */
export function matchWords(text: string): string[] {
	return foldForMatching(text)
		.toLowerCase()
		.replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
		.replace(/(^|\s)['-]+|['-]+(?=\s|$)/g, ' ')
		.split(/\s+/)
		.filter((word) => word !== '');
}

// One Levenshtein for the whole engine (corpus/edit-distance.ts); re-exported for the extractors.
export { editDistance } from '../corpus/edit-distance.js';

/** Dice coefficient over word multisets: 1 for the same words in any order. */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
	if (a.length === 0 || b.length === 0) return 0;
	const counts = new Map<string, number>();
	for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1);
	let shared = 0;
	for (const word of b) {
		const count = counts.get(word) ?? 0;
		if (count > 0) {
			shared++;
			counts.set(word, count - 1);
		}
	}
	return (2 * shared) / (a.length + b.length);
}

/** Whether `needle` occurs as a contiguous run of words inside `haystack`. */
export function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
	if (needle.length === 0 || needle.length > haystack.length) return false;
	return ` ${haystack.join(' ')} `.includes(` ${needle.join(' ')} `);
}

/** Parses `12,345` or `12345` (not years written in running text: callers decide context). */
export function parseCount(text: string): number | null {
	if (!/^\d{1,3}(,\d{3})+$|^\d+$/.test(text)) return null;
	const value = Number(text.replace(/,/g, ''));
	return Number.isSafeInteger(value) ? value : null;
}

export function formatCount(value: number): string {
	return value.toLocaleString('en-GB');
}
