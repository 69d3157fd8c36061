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

const LEADING_PUNCTUATION = ['"', '“', '”', '‘', "'", '(', '[', '{', '«', '„', '*', '_', '|'];
const TRAILING_PUNCTUATION = [',', '.', ';', ':', '!', '?', '"', '”', '“', '’', "'", ')', ']', '}', '»', '…', '—', '–', '*', '_', '|'];

// What each UTF-16 code unit is to the tokenizer, looked up by code: a flag table is far cheaper
// per character than sets of strings, and the tokenizer reads every character of the corpus.
const SPACE = 1;
const LEADING = 2;
const TRAILING = 4;
const CHARACTER_KIND = buildCharacterKinds();

function buildCharacterKinds(): Uint8Array {
	const kinds = new Uint8Array(0x10000);
	// What `\s` matches: JavaScript's white space and line terminators.
	for (const code of [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) kinds[code] = SPACE;
	for (let code = 0x2000; code <= 0x200a; code++) kinds[code] = SPACE;
	for (const char of LEADING_PUNCTUATION) kinds[char.charCodeAt(0)] = (kinds[char.charCodeAt(0)] ?? 0) | LEADING;
	for (const char of TRAILING_PUNCTUATION) kinds[char.charCodeAt(0)] = (kinds[char.charCodeAt(0)] ?? 0) | TRAILING;
	return kinds;
}

function kindAt(text: string, index: number): number {
	return CHARACTER_KIND[text.charCodeAt(index)] ?? 0;
}

/** Splits text into word tokens with offsets, keeping the punctuation around each word. */
export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	// Chunks of non-space (what /\S+/g finds), read by index: this runs on every paragraph, and a
	// match array and a chunk string per word were most of its cost.
	let chunkStart = 0;
	while (chunkStart < text.length) {
		if (kindAt(text, chunkStart) & SPACE) {
			chunkStart++;
			continue;
		}
		let chunkEnd = chunkStart + 1;
		while (chunkEnd < text.length && !(kindAt(text, chunkEnd) & SPACE)) chunkEnd++;
		let head = chunkStart;
		let tail = chunkEnd;
		while (head < tail && kindAt(text, head) & LEADING) head++;
		while (tail > head && kindAt(text, tail - 1) & TRAILING) tail--;
		if (head < tail) tokens.push(makeToken(text, chunkStart, head, tail, chunkEnd));
		chunkStart = chunkEnd;
	}
	return tokens;
}

/** The token for the word at `head`…`tail` in the chunk `chunkStart`…`chunkEnd`. */
function makeToken(text: string, chunkStart: number, head: number, tail: number, chunkEnd: number): Token {
	const word = text.slice(head, tail);
	// `Smith's` / `Smith’S`: the same test as /['’]s$/i, by characters.
	const endsInS = endsWithS(word);
	const apostropheS = endsInS && isApostrophe(word.charAt(word.length - 2));
	// A trailing apostrophe after s is a plural possessive (`Tories’`): keep it out of `after`.
	const possessive = apostropheS || (endsInS && tail < chunkEnd && isApostrophe(text.charAt(tail)));
	const base = apostropheS ? word.slice(0, -2) : word;
	return {
		word,
		base,
		lower: base.toLowerCase(),
		possessive,
		start: head,
		end: tail,
		before: text.slice(chunkStart, head),
		after: text.slice(tail, chunkEnd),
	};
}

function endsWithS(word: string): boolean {
	const last = word.charAt(word.length - 1);
	return last === 's' || last === 'S';
}

function isApostrophe(char: string): boolean {
	return char === "'" || char === '’';
}

/**
 * The first character (ASCII) and length of every word of a set, as flags: most words of a text
 * (`the`, `of`, names) have the shape of no word of a small set, and are turned away by one array
 * read rather than a set look-up. `mayBeIn` is false only for a word that is not in the set (one
 * not starting in ASCII is never turned away); callers still ask the set itself.
 */
export class WordShapes {
	private readonly flags = new Uint8Array(0x80 << 5);

	constructor(words: Iterable<string>) {
		for (const word of words) this.flags[shapeIndex(word)] = 1;
	}

	mayBeIn(word: string): boolean {
		return word.charCodeAt(0) >= 0x80 || this.flags[shapeIndex(word)] === 1;
	}
}

/** First character (its low seven bits) and length (lengths of 31 and more share a slot). */
function shapeIndex(word: string): number {
	return ((word.charCodeAt(0) & 0x7f) << 5) | Math.min(word.length, 31);
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
		// Most words have nothing after them: spare those the pattern (this runs on every token).
		if (token.after === '' || !/[.?!]/.test(token.after)) continue;
		if (token.after.startsWith('.') && (ABBREVIATIONS.has(token.lower) || /^\p{Lu}$/u.test(token.word))) continue;
		if (!/^[\p{Lu}\p{N}"“‘'(]/u.test(next.before + next.word)) continue;
		ranges.push([start, index + 1]);
		start = index + 1;
	}
	if (start < tokens.length) ranges.push([start, tokens.length]);
	return ranges;
}

/**
 * Lower-case words for comparing wordings: marks, dashes and punctuation folded away. The same
 * words as
 *   foldForMatching(text).toLowerCase()
 *     .replace(/[^\p{L}\p{N}'\s-]/gu, ' ').replace(/(^|\s)['-]+|['-]+(?=\s|$)/g, ' ')
 *     .split(/\s+/).filter((word) => word !== '')
 * that is, the runs of letters, digits, apostrophes and hyphens, each without the apostrophes and
 * hyphens it starts or ends with; read in one pass, as every quote is compared this way.
 */
export function matchWords(text: string): string[] {
	const { folded, spans } = matchWordSpans(text);
	const words: string[] = [];
	for (let index = 0; index < spans.length; index += 2) words.push(folded.slice(spans[index], spans[index + 1]));
	return words;
}

/**
 * The words of `matchWords`, as offsets in the folded, lower-case text they are read from: `spans`
 * holds each word's start and end, one after the other. For callers that number the words and
 * would otherwise make a string of each only to look it up (quote deduplication).
 */
export function matchWordSpans(text: string): { folded: string; spans: number[] } {
	const folded = foldForMatching(text).toLowerCase();
	const spans: number[] = [];
	let start = 0;
	let index = 0;
	while (index < folded.length) {
		const code = folded.codePointAt(index) ?? 0;
		const width = code > 0xffff ? 2 : 1;
		if (!isWordCode(code)) {
			pushTrimmedSpan(spans, folded, start, index);
			start = index + width;
		}
		index += width;
	}
	pushTrimmedSpan(spans, folded, start, folded.length);
	return { folded, spans };
}

const APOSTROPHE = 39;
const HYPHEN = 45;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** A code point kept inside words: a letter, a digit (any script), an apostrophe or a hyphen. */
function isWordCode(code: number): boolean {
	if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === APOSTROPHE || code === HYPHEN;
	return LETTER_OR_NUMBER.test(String.fromCodePoint(code));
}

/** Adds the span `start`…`end` without its leading and trailing apostrophes and hyphens, unless nothing is left. */
function pushTrimmedSpan(spans: number[], text: string, start: number, end: number): void {
	while (start < end && isMark(text.charCodeAt(start))) start++;
	while (end > start && isMark(text.charCodeAt(end - 1))) end--;
	if (start < end) spans.push(start, end);
}

function isMark(code: number): boolean {
	return code === APOSTROPHE || code === HYPHEN;
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
	// Asked of most words of a sentence, nearly all of which are no number: a count starts with a digit.
	const first = text.charCodeAt(0);
	if (!(first >= 48 && first <= 57)) return null;
	if (!/^\d{1,3}(,\d{3})+$|^\d+$/.test(text)) return null;
	const value = Number(text.replace(/,/g, ''));
	return Number.isSafeInteger(value) ? value : null;
}

export function formatCount(value: number): string {
	return value.toLocaleString('en-GB');
}
