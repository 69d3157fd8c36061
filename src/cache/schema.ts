// The cache file's body, and the shape it must have before it is trusted. The checksum already
// catches damaged bytes; this catches a file that is intact but not what this code expects.
// Articles and knowledge are stored compactly (see codec.ts): positions instead of repeated ids,
// tuples instead of objects whose keys repeat, no text the paragraphs already hold.
// The big tables are checked by plain loops rather than zod tuples, which copy every entry and cost
// a good part of the start-up budget on an archive; the election results are checked at their top
// level only (the cache key includes a hash of the code that writes them, so their shape cannot
// drift between writing and reading). Positions are checked against the article list when they are
// restored (codec.ts), where that list is known.
import { z } from 'zod';
import type { ElectionResult, ParagraphRef, QuoteKind } from '../extract/index.js';
import type { Gender } from '../extract/lexicon.js';
import type { AnswerType } from '../index/answer-type.js';

const ANSWER_TYPES: ReadonlySet<string> = new Set(['figure', 'percent', 'person', 'time', 'date', 'age', 'place', 'reason', 'duration', 'occupation'] satisfies AnswerType[]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;
const isPosition = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function isListOf<T>(value: unknown, isItem: (item: unknown) => item is T): value is T[] {
	if (!Array.isArray(value)) return false;
	for (const item of value) if (!isItem(item)) return false;
	return true;
}

function isPair<K, V>(isKey: (key: unknown) => key is K, isValue: (value: unknown) => value is V): (item: unknown) => item is [K, V] {
	return (item): item is [K, V] => Array.isArray(item) && item.length === 2 && isKey(item[0]) && isValue(item[1]);
}

const isAnswerType = (value: unknown): value is AnswerType => typeof value === 'string' && ANSWER_TYPES.has(value);
const isStringList = (value: unknown): value is string[] => isListOf(value, isString);
const isPositionList = (value: unknown): value is number[] => isListOf(value, isPosition);
const isTypeList = (value: unknown): value is AnswerType[] => isListOf(value, isAnswerType);

function listOf<T>(isItem: (item: unknown) => item is T, what: string) {
	return z.custom<T[]>((value) => isListOf(value, isItem), { message: `not a list of ${what}` });
}

const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isGender = (value: unknown): value is Gender | null => value === null || value === 'male' || value === 'female';
const isQuoteKind = (value: unknown): value is QuoteKind => value === 'full' || value === 'partial';

/** A tuple of exactly these entries. Checked in a plain loop: zod tuples copy every entry. */
function isTuple<T extends unknown[]>(...checks: { [K in keyof T]: (value: unknown) => value is T[K] }): (value: unknown) => value is T {
	return (value): value is T => {
		if (!Array.isArray(value) || value.length !== checks.length) return false;
		return checks.every((check: (entry: unknown) => boolean, i) => check(value[i]));
	};
}

/**
 * Paragraph references, flat: article position, paragraph number, article position, … One array of
 * numbers instead of an object per reference whose article id is a 30-character string.
 */
export type StoredRefs = number[];
const isRefs = (value: unknown): value is StoredRefs => isPositionList(value) && value.length % 2 === 0;

/**
 * A quote occurrence. `text` is null when it is the paragraph's text from `start` to `end` (nearly
 * always), and `span` a number n when the span id is the usual `${articleId}#q${n}`.
 */
export type StoredOccurrence = [
	article: number,
	paragraph: number,
	start: number,
	end: number,
	text: string | null,
	kind: QuoteKind,
	speakerId: string | null,
	attribution: string | null,
	span: number | string,
];
const isSpan = (value: unknown): value is number | string => isCount(value) || isString(value);
const isOccurrence = isTuple<StoredOccurrence>(isPosition, isCount, isPosition, isPosition, isNullableString, isQuoteKind, isNullableString, isNullableString, isSpan);

/** A quote in full. `text` is a number i when it is the text of occurrence i. */
export type StoredFullQuote = [id: string, speakerId: string | null, text: string | number, kind: QuoteKind, occurrences: StoredOccurrence[], variants: string[]];
const isQuoteText = (value: unknown): value is string | number => isString(value) || isPosition(value);
const isOccurrences = (value: unknown): value is StoredOccurrence[] => isListOf(value, isOccurrence);
const isFullQuote = isTuple<StoredFullQuote>(isString, isNullableString, isQuoteText, isQuoteKind, isOccurrences, isStringList);

/**
 * Most quotes are cited once, and are then that one occurrence with the usual id (`q` and their
 * number): such a quote is stored as its occurrence alone, every other one in full.
 */
export type StoredQuote = StoredOccurrence | StoredFullQuote;
const isQuote = (value: unknown): value is StoredQuote => isOccurrence(value) || isFullQuote(value);

export type StoredPerson = [
	id: string,
	name: string,
	aliases: string[],
	gender: Gender | null,
	roles: string[],
	party: string | null,
	spellings: string[],
	mentions: StoredRefs,
];
const isPerson = isTuple<StoredPerson>(isString, isString, isStringList, isGender, isStringList, isNullableString, isStringList, isRefs);

/** A line of reported speech; `text` is null when it is the paragraph's text from `start` to `end`. */
export type StoredReported = [article: number, paragraph: number, personId: string, text: string | null, verb: string, start: number, end: number];
const isReported = isTuple<StoredReported>(isPosition, isCount, isString, isNullableString, isString, isPosition, isPosition);

/** `T` with every list of paragraph references stored flat. */
export type WithStoredRefs<T> = T extends readonly ParagraphRef[]
	? StoredRefs
	: T extends readonly (infer Item)[]
		? WithStoredRefs<Item>[]
		: T extends object
			? { [K in keyof T]: WithStoredRefs<T[K]> }
			: T;

type Winner = NonNullable<ElectionResult['winner']>;

/** The winner, or (nearly always) which of the candidates it is: `{ ...candidates[candidate], basis }`. */
export type StoredWinner = WithStoredRefs<Winner> | { candidate: number; basis: Winner['basis'] };

/** An election result as extracted, with its references stored flat. Nested and small: checked at the top only. */
export type StoredResult = Omit<WithStoredRefs<ElectionResult>, 'winner'> & { winner: StoredWinner | null };
const isResult = (value: unknown): value is StoredResult => isRecord(value);

const StoredKnowledge = z.object({
	people: listOf(isPerson, 'people'),
	quotes: listOf(isQuote, 'quotes'),
	reported: listOf(isReported, 'reported lines'),
	results: listOf(isResult, 'election results'),
});
export type StoredKnowledge = z.infer<typeof StoredKnowledge>;

const StoredArticle = z.object({
	id: z.string().min(1),
	title: z.string(),
	titleSource: z.enum(['metadata', 'first sentence']),
	date: z.string().nullable(),
	url: z.string().nullable(),
	outlet: z.string().nullable(),
	/** Paragraph texts: paragraph n of the article is entry n - 1. */
	paragraphs: listOf(isString, 'paragraph texts'),
});
export type StoredArticle = z.infer<typeof StoredArticle>;

const StoredIndex = z.object({
	// The packed lists (src/index/packed.ts) are checked when they are unpacked, against each other.
	types: z.object({ sets: listOf(isTypeList, 'answer type lists'), ofParagraph: z.string() }),
	terms: listOf(isString, 'terms'),
	documentFrequency: z.string(),
	surfaceForms: z.object({ terms: z.string(), surfaces: listOf(isString, 'surface forms') }),
	articlesByName: z.object({ terms: z.string(), starts: z.string(), positions: z.string() }),
	subjectTerms: listOf(isStringList, 'term lists'),
	paragraphTerms: z.object({ offsets: z.string(), ids: z.string() }),
	contextFrequency: listOf(isPair(isString, isCount), '[term, count] pairs'),
	averageFieldLength: z.object({ text: z.number().nonnegative(), context: z.number().nonnegative(), types: z.number().nonnegative() }),
	commonAbove: z.number().int().nonnegative(),
});

export const StoredEngine = z.object({
	articles: z.array(StoredArticle),
	warnings: z.array(z.object({ file: z.string(), reason: z.string() })),
	index: StoredIndex,
	knowledge: StoredKnowledge,
});
export type StoredEngine = z.infer<typeof StoredEngine>;

/** The line after the magic line: what the body must be, checked before the body is parsed. */
export const CacheHeader = z.object({
	format: z.literal(1),
	key: z.string().regex(/^[0-9a-f]{64}$/),
	bodyBytes: z.number().int().nonnegative(),
	crc32: z.number().int().nonnegative(),
	createdAt: z.string(),
});
export type CacheHeader = z.infer<typeof CacheHeader>;
