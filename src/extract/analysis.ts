// Per-paragraph analysis shared by every extractor: quotes, masked text, tokens, sentences and
// runs of capitalised words that may be people's names.

import type { Article } from '../corpus/types.js';
import type { ParagraphRef } from './types.js';
import { findQuoteSegments, maskQuotes, type QuoteSegment } from './quotes.js';
import { isCapitalised, sentenceRanges, tokenize, type Token } from './text.js';
import {
	HONORIFICS,
	NON_NAME_WORDS,
	PEERAGE_TITLES,
	PARTY_WORDS,
	ROLE_CHANGING_MODIFIERS,
	ROLE_NOUNS,
	TITLE_WORDS,
	canonicalParty,
	isSpeechVerbAt,
} from './lexicon.js';

/** A run of capitalised words that may name a person, with what surrounds it. */
export interface NameRun {
	/** Token range of honorific + name words. */
	tokenStart: number;
	tokenEnd: number;
	honorific: string | null;
	/** Name words as written, without honorific (possessive `'s` removed). */
	words: string[];
	possessive: boolean;
	/** Role as the text gives it around the name (`Labour leader`, `former MP`), or null. */
	role: string | null;
	party: string | null;
	/** Something in the text says this is a person: a title, a role, a speech verb, `who`. */
	cued: boolean;
	/** Set once people are resolved. */
	personId: string | null;
}

export interface ParagraphAnalysis extends ParagraphRef {
	text: string;
	/** Text with quoted words replaced by `x`: what the writer says, not what the quoted say. */
	masked: string;
	tokens: Token[];
	/** Each token's `lower`, computed once: rules look words up by index many times per paragraph. */
	words: string[];
	sentences: Array<[number, number]>;
	segments: QuoteSegment[];
	runs: NameRun[];
}

export interface ArticleAnalysis {
	article: Article;
	paragraphs: ParagraphAnalysis[];
}

const PAST_MODIFIERS = new Set(['former', 'ex', 'one-time', 'erstwhile', 'previous', 'late']);
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'le', 'la', 'bin', 'al', 'ter']);
const RESULT_VERBS = new Set(['won', 'defeated', 'beat', 'polled', 'received', 'secured', 'came', 'finished', 'took', 'gained', 'topped', 'retained', 'held', 'lost', 'garnered', 'collected', 'got', 'trailed']);
const PREFIX_WORDS = new Set<string>([
	...ROLE_NOUNS, ...ROLE_CHANGING_MODIFIERS, ...PARTY_WORDS, ...TITLE_WORDS, 'mps', 'opposition', 'government', 'cabinet',
	'senior', 'veteran', 'campaign', 'constituency', 'newly', 'elected', 'victorious', 'county', 'parish', 'borough',
	'district', 'town', 'city', 'regional', 'national', 'general', 'party', 'labour', 'tory',
].filter((word) => word !== 'defeated'));
const PREPOSITIONS_AFTER_ROLE = new Set(['at', 'of', 'for', 'in', 'with', 'from', 'on', 'and', 'who']);
/** Words that may follow `the` in an appositive role before the role noun. */
const FILLER_BEFORE_NAME = new Set(['also', 'then', 'later', 'however']);

export function analyseArticle(article: Article): ArticleAnalysis {
	const segments = findQuoteSegments(article);
	// Each paragraph's segments, in reading order, without filtering the article's list per paragraph.
	const byParagraph = new Map<number, QuoteSegment[]>();
	for (const segment of segments) {
		const own = byParagraph.get(segment.paragraph);
		if (own) own.push(segment);
		else byParagraph.set(segment.paragraph, [segment]);
	}
	const paragraphs = article.paragraphs.map((paragraph) => {
		const own = byParagraph.get(paragraph.number) ?? [];
		const masked = maskQuotes(paragraph.text, own);
		const tokens = tokenize(masked);
		const words = tokens.map((token) => token.lower);
		return {
			articleId: article.id,
			paragraph: paragraph.number,
			text: paragraph.text,
			masked,
			tokens,
			words,
			sentences: exactSize(sentenceRanges(tokens)),
			segments: own,
			runs: exactSize(findNameRuns(tokens, words)),
		};
	});
	return { article, paragraphs };
}

/**
 * A copy of `list` with no spare room. An array filled by `push` has room for 17 items from its
 * first; a paragraph has a sentence or two and as many name runs, and its analysis is kept for the
 * whole extraction: that spare room was 28 MB of the analyses' 500 MB at 10,000 articles, for
 * every garbage collection that moves them to copy. A slice has no spare room, and the arrays
 * given up die young, which costs next to nothing.
 */
function exactSize<T>(list: T[]): T[] {
	return list.slice();
}

const NAME_WORD = /^[\p{L}'’.-]+$/u;

function isNameWord(token: Token): boolean {
	const word = token.word;
	if (!isCapitalised(word)) return false;
	// ASCII words (nearly all) by code: letters, `'`, `.` and `-` are what the pattern allows there,
	// and a digit is none of them. A word with any other character is left to the patterns.
	for (let index = 0; index < word.length; index++) {
		const code = word.charCodeAt(index);
		if (code >= 128) return !/\d/.test(word) && NAME_WORD.test(word);
		if (!isAsciiNameCode(code)) return false;
	}
	return true;
}

function isAsciiNameCode(code: number): boolean {
	return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 39 || code === 45 || code === 46;
}

function joined(previous: Token, next: Token): boolean {
	const glue = previous.after === '' || (previous.after === '.' && HONORIFICS.has(previous.lower));
	return glue && next.before === '' && !previous.possessive;
}

/** Runs of capitalised words, trimmed to honorific + name words; role words are kept apart. */
export function findNameRuns(tokens: readonly Token[], words: readonly string[]): NameRun[] {
	const runs: NameRun[] = [];
	let index = 0;
	while (index < tokens.length) {
		const first = tokens[index];
		if (!first || !isNameWord(first)) {
			index++;
			continue;
		}
		let end = index + 1;
		while (end < tokens.length) {
			const previous = tokens[end - 1];
			const token = tokens[end];
			const after = tokens[end + 1];
			if (!previous || !token || !joined(previous, token)) break;
			const particle = (NAME_PARTICLES.has(token.word) || isTerritorialOf(tokens, index, end)) && after !== undefined && isNameWord(after) && joined(token, after);
			if (!isNameWord(token) && !particle) break;
			end++;
		}
		const run = trimRun(tokens, words, index, end);
		if (run) runs.push(run);
		index = end;
	}
	return runs;
}

function trimRun(tokens: readonly Token[], lowerWords: readonly string[], start: number, end: number): NameRun | null {
	let cursor = start;
	while (cursor < end && !HONORIFICS.has(tokens[cursor]?.lower ?? '') && NON_NAME_WORDS.has(tokens[cursor]?.lower ?? '')) cursor++;
	const honorificStart = cursor;
	let honorific: string | null = null;
	while (cursor < end && HONORIFICS.has(withoutFinal(tokens[cursor]?.lower ?? '', '.'))) {
		honorific = withoutFinal(tokens[cursor]?.lower ?? '', '.');
		cursor++;
	}
	const nameStart = cursor;
	while (cursor < end && (!NON_NAME_WORDS.has(tokens[cursor]?.lower ?? '') || (honorific !== null && PEERAGE_TITLES.has(honorific) && isTerritorialOf(tokens, honorificStart, cursor)))) cursor++;
	const words = tokens.slice(nameStart, cursor);
	if (words.length === 0 || words.length > 4) return null;
	const last = words[words.length - 1];
	if (!last) return null;
	const tokenStart = honorific ? honorificStart : nameStart;
	const role = roleAround(tokens, tokenStart, cursor);
	const run: NameRun = {
		tokenStart,
		tokenEnd: cursor,
		honorific,
		words: words.map((token, position) => (position === words.length - 1 ? token.base : token.word)),
		possessive: last.possessive,
		role: role?.role ?? null,
		party: role?.party ?? null,
		cued: false,
		personId: null,
	};
	run.cued = honorific !== null || role !== null || (!run.possessive && hasPersonCue(tokens, lowerWords, tokenStart, cursor));
	return run;
}

/** `Lord X of Y`, `Baroness X of Y`: a peer's territorial designation is part of the name. */
function isTerritorialOf(tokens: readonly Token[], runStart: number, index: number): boolean {
	// Asked of nearly every word that extends a run: the cheap tests come first.
	if (index !== runStart + 2 || tokens[index]?.word !== 'of') return false;
	const next = tokens[index + 1];
	return PEERAGE_TITLES.has(withoutFinal(tokens[runStart]?.lower ?? '', '.')) && next !== undefined && isNameWord(next);
}

/** `word` without one final `ending` character: `word.replace(/\.$/, '')` for `.`, by the last character. */
function withoutFinal(word: string, ending: string): string {
	return word.endsWith(ending) ? word.slice(0, -1) : word;
}

/** `Labour leader Sir X`, `X, the Green candidate,`, `X, who was the party's deputy leader`. */
function roleAround(tokens: readonly Token[], start: number, end: number): { role: string; party: string | null } | null {
	return rolePrefix(tokens, start, end) ?? roleAppositive(tokens, end);
}

function rolePrefix(tokens: readonly Token[], start: number, end: number): { role: string; party: string | null } | null {
	const before = tokens[start - 1];
	if (!before || !ROLE_NOUNS.has(withoutFinal(before.lower, 's')) && before.lower !== 'mps') return null;
	if (before.after !== '' && !(before.after === ',' && isAppositiveAfterRole(tokens, start, end))) return null;
	let first = start - 1;
	while (first > 0) {
		const candidate = tokens[first - 1];
		if (!candidate || candidate.after !== '' || !PREFIX_WORDS.has(candidate.lower)) break;
		first--;
	}
	return describeRole(tokens.slice(first, start));
}

/**
 * `The Conservative candidate, Jane Smith, said` / `said Smith's agent, John Brown.`: a name set
 * off by commas right after a determined role phrase (`the …`, `a …`, `X's …`, `his …`) is that role.
 */
function isAppositiveAfterRole(tokens: readonly Token[], start: number, end: number): boolean {
	const last = tokens[end - 1];
	if (!last || !/^[,.;:]/.test(last.after) || last.possessive) return false;
	let first = start - 1;
	while (first > 0 && start - first < 5) {
		const candidate = tokens[first - 1];
		if (!candidate || candidate.after !== '' || !PREFIX_WORDS.has(candidate.lower)) break;
		first--;
	}
	const determiner = tokens[first - 1];
	if (!determiner || determiner.after !== '') return false;
	return /^(the|a|an|his|her|their|its)$/.test(determiner.lower) || (determiner.possessive && isCapitalised(determiner.word));
}

function roleAppositive(tokens: readonly Token[], end: number): { role: string; party: string | null } | null {
	const last = tokens[end - 1];
	if (!last || !last.after.startsWith(',')) return null;
	let cursor = end;
	if (tokens[cursor]?.lower === 'who' && /^(is|was)$/.test(tokens[cursor + 1]?.lower ?? '')) cursor += 2;
	while (FILLER_BEFORE_NAME.has(tokens[cursor]?.lower ?? '')) cursor++;
	if (/^(the|a|an)$/.test(tokens[cursor]?.lower ?? '')) cursor++;
	if (tokens[cursor]?.lower === 'party' && tokens[cursor]?.possessive) cursor++;
	const words: Token[] = [];
	while (cursor < tokens.length && words.length < 5) {
		const token = tokens[cursor];
		if (!token || !PREFIX_WORDS.has(token.lower)) break;
		words.push(token);
		if (token.after !== '') break;
		cursor++;
	}
	while (words.length > 0 && !ROLE_NOUNS.has(words[words.length - 1]?.lower ?? '')) words.pop();
	if (words.length > 0) return describeRole(words);
	return describedRole(tokens, end);
}

/**
 * `X, a politics lecturer at …`, `X, an elections analyst,`: after an article, up to three
 * lower-case words ending in a role noun that closes the phrase (punctuation or a preposition).
 */
function describedRole(tokens: readonly Token[], end: number): { role: string; party: string | null } | null {
	let cursor = end;
	const determiner = tokens[cursor];
	if (!determiner || determiner.after !== '') return null;
	if (/^(a|an|the)$/.test(determiner.lower)) {
		cursor++;
		if (tokens[cursor]?.lower === 'party' && tokens[cursor]?.possessive && tokens[cursor]?.after === '') cursor++;
	} else if (determiner.possessive && isCapitalised(determiner.word)) {
		// `X, Labour's elections co-ordinator in the region`
		cursor++;
	} else {
		return null;
	}
	const words: Token[] = [];
	while (cursor < tokens.length && words.length < 3) {
		const token = tokens[cursor];
		if (!token || !/^\p{Ll}[\p{Ll}-]*$/u.test(token.word)) return null;
		words.push(token);
		if (ROLE_NOUNS.has(token.lower)) {
			const next = tokens[cursor + 1];
			const closes = token.after !== '' || next === undefined || PREPOSITIONS_AFTER_ROLE.has(next.lower);
			return closes && !token.possessive ? describeRole(words) : null;
		}
		if (token.after !== '') return null;
		cursor++;
	}
	return null;
}

function describeRole(words: readonly Token[]): { role: string; party: string | null } | null {
	if (words.length === 0) return null;
	const role = words
		.map((token) => (token.word === token.word.toUpperCase() && token.word.length > 3 ? titleCase(token.word) : token.word))
		.join(' ')
		.replace(/\bMPs$/, 'MP');
	let party: string | null = null;
	// `former Labour councillor`: a party the person has left says nothing about the party now.
	if (words.some((token) => PAST_MODIFIERS.has(token.lower))) return { role, party };
	for (let size = Math.min(3, words.length); size >= 1 && !party; size--) {
		for (let from = 0; from + size <= words.length && !party; from++) {
			party = canonicalParty(words.slice(from, from + size).map((token) => token.word).join(' '));
		}
	}
	return { role, party };
}

function titleCase(word: string): string {
	return word.charAt(0) + word.slice(1).toLowerCase();
}

/** A speech or result verb after the name (past an appositive or `who` clause), `said X`, or `X, who`. */
function hasPersonCue(tokens: readonly Token[], words: readonly string[], start: number, end: number): boolean {
	const last = tokens[end - 1];
	const next = tokens[end];
	const before = tokens[start - 1];
	if (last?.after.startsWith(',') && next?.lower === 'who') return true;
	// `The party chairman, Jane Smith, said`: a name set off by commas right before a speech verb.
	if (last?.after.startsWith(',') && before?.after.startsWith(',') && isSpeechVerbAt(words, end)) return true;
	if (before && isSpeechVerbAt(words, start - 1) && before.after === '') return true;
	const verbIndex = skipToVerb(tokens, end);
	if (verbIndex !== null && (isSpeechVerbAt(words, verbIndex) || RESULT_VERBS.has(words[verbIndex] ?? ''))) return true;
	// `X, 61, a retired teacher, said`: an age and a description, then the speech verb.
	const age = tokens[end];
	if (!last?.after.startsWith(',') || !age || !/^\d{1,3}$/.test(age.word) || !age.after.startsWith(',')) return false;
	const second = skipToVerb(tokens, end + 1);
	return second !== null && isSpeechVerbAt(words, second);
}

/** Index of the verb after a subject ending at `end`: past fillers and one `, … ,` appositive. */
export function skipToVerb(tokens: readonly Token[], end: number): number | null {
	let cursor = end;
	const last = tokens[end - 1];
	if (last?.after.startsWith(',')) {
		let close = cursor;
		while (close < tokens.length && close < cursor + 20 && !tokens[close]?.after.startsWith(',')) {
			if (/[.?!:;]/.test(tokens[close]?.after ?? '')) return null;
			close++;
		}
		if (close >= tokens.length || close >= cursor + 20) return null;
		cursor = close + 1;
	}
	while (cursor < tokens.length && (tokens[cursor]?.lower === 'had' || tokens[cursor]?.lower === 'has' || tokens[cursor]?.lower === 'also' || tokens[cursor]?.lower === 'later')) cursor++;
	return cursor < tokens.length ? cursor : null;
}
