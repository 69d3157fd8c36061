// MiniSearch is handed its index whole, in its own serialized form (`MiniSearch.loadJS`), made from
// the term table, instead of paragraph by paragraph (`add`). `add` walks MiniSearch's radix tree once
// per word of every paragraph, a third of an archive's build; here each term is placed in it once.
// The same form restores the index from the cache, which then needs to store only the term table.
// The form is MiniSearch's documented `AsPlainObject` (serialization version 2); a test compares what
// is made here with what MiniSearch's own `add` and `toJSON` make, so an upgrade that changes it fails.
import type { AsPlainObject } from 'minisearch';
import type { InvertedTable, TermTable } from './term-table.js';

/** The one field MiniSearch indexes (see paragraph-index.ts): a paragraph's analysed text. */
const TEXT_FIELD_ID = 0;

/**
 * MiniSearch's serialized index of the text field: paragraph p is document p (its id and its
 * internal short id alike), holding the terms `isIndexed` accepts. Every term still counts in the
 * paragraph's length, as it does when `add` is given a term its `processTerm` drops.
 */
export function miniSearchJson(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean): AsPlainObject {
	const steps = miniSearchJsonSteps(table, inverted, isIndexed);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** Terms, or paragraphs, made between two yields of `miniSearchJsonSteps`: a few milliseconds' work. */
const STEP = 2_000;

/** As `miniSearchJson`, yielding every few milliseconds: a bot rebuilding its corpus keeps answering. */
export function* miniSearchJsonSteps(table: TermTable, inverted: InvertedTable, isIndexed: (termId: number) => boolean): Generator<void, AsPlainObject, void> {
	const documentCount = table.paragraphCount;
	const documentIds: Record<number, number> = {};
	const fieldLength: Record<number, number[]> = {};
	let averageLength = 0;
	for (let position = 0; position < documentCount; position++) {
		const length = table.distinctCount(position);
		documentIds[position] = position;
		fieldLength[position] = [length];
		// MiniSearch keeps a running average, document by document; the same arithmetic gives the same double.
		averageLength = (averageLength * position + length) / (position + 1);
		if (position % (STEP * 10) === 0) yield;
	}
	const index = yield* indexEntries(table, inverted, isIndexed);
	return {
		documentCount,
		nextId: documentCount,
		documentIds,
		fieldIds: { text: TEXT_FIELD_ID },
		fieldLength,
		averageFieldLength: [averageLength],
		storedFields: {},
		dirtCount: 0,
		index,
		serializationVersion: 2,
	};
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
