// Turns text into index terms. The same analysis runs on paragraphs and on questions, so the two
// always meet: lower case, no accents, folded quotes, numbers without separators, English stems.
import { stemmer } from 'stemmer';
import { foldForMatching } from '../corpus/normalise.js';
import { remembered } from '../corpus/remembered.js';
import { scanWords } from './scan-words.js';

/** A word as it stands in the text, with where it stands: used to mark matched words in excerpts. */
export interface Token {
	/** The word as written. */
	surface: string;
	/** Its index term (stemmed, folded), or null for a stop word. */
	term: string | null;
	start: number;
	end: number;
}

// Words that carry no meaning for retrieval, including the question words (their meaning is
// taken by the answer-type classifier, not by matching).
const STOP_WORDS = new Set(
	(
		'a an and are as at be been being but by did do does for from had has have he her hers him his how i if in into is it its ' +
		'me my of on or our she so than that the their them then there these they this those to too us was we were what when ' +
		'where which who whom whose why will with would you your yours can could should may might must shall about after again ' +
		'also any just not no nor only own same some such very s t don actually really many much get got gets getting ' +
		'happen happened know tell anyone someone something thing things one ones'
	).split(' '),
);

export function stripAccents(word: string): string {
	return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * The index term for one word, or null when it is a stop word. Words repeat (a corpus of 120,000
 * paragraphs has some 60,000 distinct ones), and folding and stemming dominate indexing: each
 * distinct word is analysed once, its term remembered (a bounded table, see `remembered`).
 */
export const termOf: (word: string) => string | null = remembered(analyseWord, 200_000);

function analyseWord(word: string): string | null {
	const folded = stripAccents(foldForMatching(word).toLowerCase()).replace(/'s$/, '').replace(/'/g, '');
	if (/^\d/.test(folded)) return folded.replace(/,/g, '');
	if (STOP_WORDS.has(folded) || folded.length === 0) return null;
	if (folded.includes('-')) return folded; // by-election, runner-up: keep compounds whole
	return stemmer(folded);
}

/** Every word of `text` (numbers whole, inner apostrophes and hyphens kept: see `scanWords`) with its position and term. */
export function tokens(text: string): Token[] {
	const found: Token[] = [];
	scanWords(text, (start, end) => {
		const surface = text.slice(start, end);
		found.push({ surface, term: termOf(surface), start, end });
	});
	return found;
}

/** The index terms of `text`, in order, stop words removed. */
export function terms(text: string): string[] {
	const result: string[] = [];
	for (const token of tokens(text)) if (token.term) result.push(token.term);
	return result;
}

/** Hyphenated compounds also index their parts, so "election" finds "by-election". */
export function indexTerms(text: string): string[] {
	const result: string[] = [];
	for (const { term } of tokens(text)) {
		if (!term) continue;
		result.push(term);
		result.push(...compoundParts(term));
	}
	return result;
}

const NO_PARTS: readonly string[] = [];

/** The terms of a hyphenated compound's parts ("by-election" → "elect"); none for a plain word. */
export function compoundParts(term: string): readonly string[] {
	if (!term.includes('-')) return NO_PARTS;
	return term
		.split('-')
		.filter((part) => part && !STOP_WORDS.has(part))
		.map((part) => stemmer(part));
}

/**
 * A question's terms: hyphenated compounds split into their parts, so "by-election" asked finds
 * "election" written (the paragraphs index both the compound and its parts).
 */
export function queryTerms(text: string): string[] {
	return terms(text).flatMap((term) => (term.includes('-') ? compoundParts(term) : [term]));
}

export function isStopWord(word: string): boolean {
	return STOP_WORDS.has(word.toLowerCase());
}
