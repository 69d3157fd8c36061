// MiniSearch is handed its index whole, in its own serialized form (`MiniSearch.loadJS`), made from
// the term table, instead of paragraph by paragraph (`add`). `add` walks MiniSearch's radix tree once
// per word of every paragraph, a third of an archive's build; here each term is placed in it once.
// The same form restores the index from the cache, which then needs to store only the term table.
// The form is MiniSearch's documented `AsPlainObject` (serialization version 2); a test compares what
// is made here with what MiniSearch's own `add` and `toJSON` make, so an upgrade that changes it fails.
// The postings themselves skip the form and go straight into MiniSearch's tree (`loadMiniSearchSteps`).
import MiniSearch from 'minisearch';
import type { AsPlainObject, Options } from 'minisearch';
import { NumberedOnDemand, PostingsOnDemand } from './maps-on-demand.js';
import type { InvertedTable, TermTable } from './term-table.js';
import { drain, type Steps } from '../corpus/slices.js';

/** The one field MiniSearch indexes (see paragraph-index.ts): a paragraph's analysed text. */
const TEXT_FIELD_ID = 0;

/**
 * MiniSearch's serialized index of the text field: paragraph p is document p (its id and its
 * internal short id alike), holding the terms `isIndexed` accepts. Every term still counts in the
 * paragraph's length, as it does when `add` is given a term its `processTerm` drops.
 */
export function miniSearchJson(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean): AsPlainObject {
	return drain(miniSearchJsonSteps(table, inverted, isIndexed));
}

/** Terms, or paragraphs, made between two yields of the steps below: a few milliseconds' work. */
const STEP = 2_000;

/** As `miniSearchJson`, yielding every few milliseconds: a bot rebuilding its corpus keeps answering. */
function* miniSearchJsonSteps(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean): Steps<AsPlainObject> {
	const header = yield* headerSteps(table);
	return { ...header, index: yield* indexEntries(table, inverted, isIndexed) };
}

/**
 * MiniSearch loaded with the index `miniSearchJson` describes, without making that form. `loadJS`
 * is given the empty parts; the documents and each term's postings then go straight into its Maps
 * and radix tree, as the Maps `loadJS` would have made from the form, each made only when read
 * (maps-on-demand.ts). On an archive that saves a second and a half at start-up: 1.6 million
 * `{ "paragraph": frequency }` keys made, then parsed back to numbers, and the garbage of both. It
 * reaches past MiniSearch's public API (see `internalsOf`), so the tests compare the result's
 * searches and `toJSON` with what MiniSearch's own `add` makes; an instance that does not keep its
 * index where expected is loaded the documented way instead.
 */
export function* loadMiniSearchSteps(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean, options: Options): Steps<MiniSearch> {
	const search = MiniSearch.loadJS({ ...header(table, averageLength(table), {}, {}), index: [] }, options);
	const inside = internalsOf(search);
	if (!inside) return MiniSearch.loadJS(yield* miniSearchJsonSteps(table, inverted, isIndexed), options);
	const count = table.paragraphCount;
	// Sized up front: filled out of order, a growing array would turn into a slow dictionary.
	const lengths = new Array<number[] | undefined>(count);
	inside.replaceDocuments({
		documentIds: new NumberedOnDemand(count, samePosition),
		idToShortId: new NumberedOnDemand(count, samePosition),
		// One array per paragraph, made when first scored, then kept: MiniSearch reads it per posting.
		fieldLength: new NumberedOnDemand(count, (position) => (lengths[position] ??= [table.distinctCount(position)])),
	});
	const { starts } = inverted;
	for (let id = 0, placed = 0; id < table.termCount; id++) {
		const start = starts[id] ?? 0;
		const end = starts[id + 1] ?? 0;
		if (start === end || !isIndexed(id)) continue;
		inside.index.set(table.termOfId(id) ?? '', new PostingsOnDemand(TEXT_FIELD_ID, inverted, start, end));
		if (++placed % STEP === 0) yield;
	}
	return search;
}

/** `loadMiniSearchSteps` run to the end at once. */
export function loadMiniSearch(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean, options: Options): MiniSearch {
	return drain(loadMiniSearchSteps(table, inverted, isIndexed, options));
}

/** Paragraph p is MiniSearch's document p, with id p. */
const samePosition = (position: number): number => position;

/** A loaded MiniSearch's documents: short id → id, id → short id, short id → length per field. */
interface Documents {
	documentIds: Map<number, number>;
	idToShortId: Map<number, number>;
	fieldLength: Map<number, number[]>;
}

/** Where a loaded MiniSearch keeps its index (term → field id → document → term frequency), and its documents. */
interface Internals {
	index: { set(term: string, fields: Map<number, Map<number, number>>): unknown };
	/** Puts `documents` where its (empty) document Maps were. */
	replaceDocuments(documents: Documents): void;
}

/** The empty index and document Maps `loadJS` made for `search`, or null when MiniSearch no longer keeps them there. */
export function internalsOf(search: MiniSearch): Internals | null {
	const index: unknown = Reflect.get(search, '_index');
	const maps = ['_documentIds', '_idToShortId', '_fieldLength'].map((field): unknown => Reflect.get(search, field));
	if (typeof index !== 'object' || index === null || typeof Reflect.get(index, 'set') !== 'function' || Reflect.get(index, 'size') !== 0) return null;
	if (!maps.every((map) => map instanceof Map && map.size === 0)) return null;
	const replaceDocuments = ({ documentIds, idToShortId, fieldLength }: Documents): void => {
		Reflect.set(search, '_documentIds', documentIds);
		Reflect.set(search, '_idToShortId', idToShortId);
		Reflect.set(search, '_fieldLength', fieldLength);
	};
	return { index: index as Internals['index'], replaceDocuments };
}

/** Everything in the serialized form but the terms: documents, their lengths and the average. */
function* headerSteps(table: TermTable): Steps<Omit<AsPlainObject, 'index'>> {
	const documentIds: Record<number, number> = {};
	const fieldLength: Record<number, number[]> = {};
	for (let position = 0; position < table.paragraphCount; position++) {
		documentIds[position] = position;
		fieldLength[position] = [table.distinctCount(position)];
		if (position % (STEP * 10) === 0) yield;
	}
	return header(table, averageLength(table), documentIds, fieldLength);
}

function header(table: TermTable, average: number, documentIds: AsPlainObject['documentIds'], fieldLength: AsPlainObject['fieldLength']): Omit<AsPlainObject, 'index'> {
	const documentCount = table.paragraphCount;
	return { documentCount, nextId: documentCount, documentIds, fieldIds: { text: TEXT_FIELD_ID }, fieldLength, averageFieldLength: [average], storedFields: {}, dirtCount: 0, serializationVersion: 2 };
}

/** MiniSearch keeps a running average, document by document; the same arithmetic gives the same double. */
function averageLength(table: TermTable): number {
	let average = 0;
	for (let position = 0; position < table.paragraphCount; position++) average = (average * position + table.distinctCount(position)) / (position + 1);
	return average;
}

function* indexEntries(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean): Steps<AsPlainObject['index']> {
	const entries: AsPlainObject['index'] = [];
	const { starts, positions, frequencies } = inverted;
	for (let id = 0; id < table.termCount; id++) {
		const start = starts[id] ?? 0;
		const end = starts[id + 1] ?? 0;
		if (start === end || !isIndexed(id)) continue;
		const frequencyOf: Record<number, number> = {};
		for (let slot = start; slot < end; slot++) frequencyOf[positions[slot] ?? 0] = frequencies[slot] ?? 0;
		entries.push([table.termOfId(id) ?? '', { [TEXT_FIELD_ID]: frequencyOf }]);
		if (entries.length % STEP === 0) yield;
	}
	return entries;
}
