// The cache file's body, and the shape it must have before it is trusted. The checksum already
// catches damaged bytes; this catches a file that is intact but not what this code expects.
// Articles are stored compactly (a paragraph's article and number are implied by its position).
// The big tables are checked by plain loops rather than zod tuples, which copy every entry and cost
// a good part of the start-up budget on an archive; MiniSearch's JSON and the extracted knowledge are
// checked at their top level only (the cache key includes a hash of the code that writes them, so
// their shape cannot drift between writing and reading).
import { z } from 'zod';
import type { AsPlainObject } from 'minisearch';
import type { Knowledge } from '../extract/index.js';
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

const MiniSearchJson = z.custom<AsPlainObject>(
	(value) =>
		isRecord(value) &&
		typeof value.documentCount === 'number' &&
		typeof value.nextId === 'number' &&
		typeof value.serializationVersion === 'number' &&
		isRecord(value.documentIds) &&
		isRecord(value.fieldIds) &&
		isRecord(value.fieldLength) &&
		isRecord(value.storedFields) &&
		Array.isArray(value.averageFieldLength) &&
		Array.isArray(value.index),
	{ message: 'not a MiniSearch index' },
);

const KNOWLEDGE_LISTS = ['people', 'quotes', 'reported', 'results'] as const;

const KnowledgeJson = z.custom<Knowledge>((value) => isRecord(value) && KNOWLEDGE_LISTS.every((list) => isListOf(value[list], isRecord)), {
	message: 'not extracted knowledge',
});

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
	search: MiniSearchJson,
	types: listOf(isTypeList, 'answer type lists'),
	documentFrequency: listOf(isPair(isString, isCount), '[term, count] pairs'),
	surfaceForms: listOf(isPair(isString, isString), '[term, surface] pairs'),
	articlesByName: listOf(isPair(isString, isPositionList), '[term, article positions] pairs'),
	subjectTerms: listOf(isStringList, 'term lists'),
	paragraphTerms: z.object({ offsets: z.string(), ids: z.string() }),
	contextFrequency: listOf(isPair(isString, isCount), '[term, count] pairs'),
	averageFieldLength: z.object({ text: z.number().nonnegative(), context: z.number().nonnegative(), types: z.number().nonnegative() }),
});

export const StoredEngine = z.object({
	articles: z.array(StoredArticle),
	warnings: z.array(z.object({ file: z.string(), reason: z.string() })),
	index: StoredIndex,
	knowledge: KnowledgeJson,
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
