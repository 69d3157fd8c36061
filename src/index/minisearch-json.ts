// MiniSearch is handed its index whole, in its own serialized form (`MiniSearch.loadJS`), made from
// the term table, instead of paragraph by paragraph (`add`). `add` walks MiniSearch's radix tree once
// per word of every paragraph, a third of an archive's build; here each term is placed in it once.
// The same form restores the index from the cache, which then needs to store only the term table.
// The form is MiniSearch's documented `AsPlainObject` (serialization version 2); a test compares what
// is made here with what MiniSearch's own `add` and `toJSON` make, so an upgrade that changes it fails.
// The postings themselves skip the form and go straight into MiniSearch's tree (`loadMiniSearchSteps`).
import MiniSearch from 'minisearch';
import type { AsPlainObject, Options } from 'minisearch';
import type { InvertedTable, TermTable } from './term-table.js';

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
function* miniSearchJsonSteps(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean): Generator<void, AsPlainObject, void> {
	const header = yield* headerSteps(table);
	return { ...header, index: yield* indexEntries(table, inverted, isIndexed) };
}

/**
 * MiniSearch loaded with the index `miniSearchJson` describes, without making that form. `loadJS`
 * is given the empty parts; each document and each term's postings then go straight into its Maps
 * and radix tree, as the Maps `loadJS` would have made from the form. On an archive that saves a
 * second and a half at start-up: 1.6 million `{ "paragraph": frequency }` keys made, then parsed back
 * to numbers, and the garbage of both. It reaches past MiniSearch's public API (see `internalsOf`),
 * so the tests compare the result's `toJSON` with what MiniSearch's own `add` makes; an instance
 * that does not keep its index where expected is loaded the documented way instead.
 */
export function* loadMiniSearchSteps(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean, options: Options): Generator<void, MiniSearch, void> {
	const search = MiniSearch.loadJS({ ...header(table, averageLength(table), {}, {}), index: [] }, options);
	const inside = internalsOf(search);
	if (!inside) return MiniSearch.loadJS(yield* miniSearchJsonSteps(table, inverted, isIndexed), options);
	for (let position = 0; position < table.paragraphCount; position++) {
		inside.documentIds.set(position, position);
		inside.idToShortId.set(position, position);
		inside.fieldLength.set(position, [table.distinctCount(position)]);
		if (position % (STEP * 10) === 0) yield;
	}
	const { starts } = inverted;
	for (let id = 0, placed = 0; id < table.termCount; id++) {
		const start = starts[id] ?? 0;
		const end = starts[id + 1] ?? 0;
		if (start === end || !isIndexed(id)) continue;
		inside.index.set(table.termOfId(id) ?? '', new PostingsOnDemand(inverted, start, end));
		if (++placed % STEP === 0) yield;
	}
	return search;
}

/**
 * One term's entry in MiniSearch's index (field id → paragraph → frequency), made from the term's
 * slice of the inverted lists the first time anything reads it. A question reads the entries of a
 * few terms; making all of them up front, about 8 million Map entries on an archive, was a third of
 * a start from the cache and half a second of every build. Once made, it is the same Map
 * `loadJS` or `add` would have made, in the same order, and every Map method (reads and writes
 * alike) goes to it: MiniSearch's search, `toJSON` and `discard` cannot tell the difference.
 */
class PostingsOnDemand extends Map<number, Map<number, number>> {
	/** The inverted lists until the entry is made (null after), and this term's slice of them. */
	#inverted: InvertedTable | null;
	readonly #start: number;
	readonly #end: number;

	constructor(inverted: InvertedTable, start: number, end: number) {
		super();
		this.#inverted = inverted;
		this.#start = start;
		this.#end = end;
	}

	#make(): void {
		const inverted = this.#inverted;
		if (inverted === null) return;
		this.#inverted = null;
		const frequencyOf = new Map<number, number>();
		for (let slot = this.#start; slot < this.#end; slot++) frequencyOf.set(inverted.positions[slot] ?? 0, inverted.frequencies[slot] ?? 0);
		super.set(TEXT_FIELD_ID, frequencyOf);
	}

	override get size(): number {
		this.#make();
		return super.size;
	}
	override get(field: number): Map<number, number> | undefined {
		this.#make();
		return super.get(field);
	}
	override has(field: number): boolean {
		this.#make();
		return super.has(field);
	}
	override set(field: number, postings: Map<number, number>): this {
		this.#make();
		return super.set(field, postings);
	}
	override delete(field: number): boolean {
		this.#make();
		return super.delete(field);
	}
	override clear(): void {
		this.#inverted = null;
		super.clear();
	}
	override forEach(visit: (postings: Map<number, number>, field: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown): void {
		this.#make();
		super.forEach(visit, thisArg);
	}
	override entries(): MapIterator<[number, Map<number, number>]> {
		this.#make();
		return super.entries();
	}
	override keys(): MapIterator<number> {
		this.#make();
		return super.keys();
	}
	override values(): MapIterator<Map<number, number>> {
		this.#make();
		return super.values();
	}
	override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
		return this.entries();
	}
}

/** `loadMiniSearchSteps` run to the end at once. */
export function loadMiniSearch(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean, options: Options): MiniSearch {
	return drain(loadMiniSearchSteps(table, inverted, isIndexed, options));
}

/** Where a loaded MiniSearch keeps its index: term → field id → document → term frequency, and its documents. */
interface Internals {
	index: { set(term: string, fields: Map<number, Map<number, number>>): unknown };
	documentIds: Map<number, number>;
	idToShortId: Map<number, number>;
	fieldLength: Map<number, number[]>;
}

/** The empty index and document Maps `loadJS` made for `search`, or null when MiniSearch no longer keeps them there. */
export function internalsOf(search: MiniSearch): Internals | null {
	const index: unknown = Reflect.get(search, '_index');
	const maps = ['_documentIds', '_idToShortId', '_fieldLength'].map((field): unknown => Reflect.get(search, field));
	if (typeof index !== 'object' || index === null || typeof Reflect.get(index, 'set') !== 'function' || Reflect.get(index, 'size') !== 0) return null;
	if (!maps.every((map) => map instanceof Map && map.size === 0)) return null;
	const [documentIds, idToShortId, fieldLength] = maps as [Map<number, number>, Map<number, number>, Map<number, number[]>];
	return { index: index as Internals['index'], documentIds, idToShortId, fieldLength };
}

function drain<T>(steps: Generator<void, T, void>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** Everything in the serialized form but the terms: documents, their lengths and the average. */
function* headerSteps(table: TermTable): Generator<void, Omit<AsPlainObject, 'index'>, void> {
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

function* indexEntries(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean): Generator<void, AsPlainObject['index'], void> {
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
