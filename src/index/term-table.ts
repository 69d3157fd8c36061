// Each paragraph's index terms as numbers into one vocabulary. Ranking on an archive needs to know,
// for a few hundred candidate paragraphs, how often each uses a common word that was too costly to
// search for (see retrieval.ts); tokenising those paragraphs again would cost more than the search.
// Numbers in one flat typed array cost 4 bytes a term, where an array of strings per paragraph would
// cost an object per term.

import { SpanTable } from '../corpus/span-table.js';
import { packNumbers, unpackNumbers } from './packed.js';
import { GrowableUint32 } from '../corpus/growable.js';

/** The table as plain data for the on-disk cache: both arrays packed (packed.ts). */
export interface TermTableSnapshot {
	/** Paragraph p's term ids are ids[offsets[p] … offsets[p + 1]). */
	offsets: string;
	ids: string;
}

/** Term id t's paragraphs are positions[starts[t] … starts[t + 1]), using it frequencies[…] times. */
export interface InvertedTable {
	starts: Uint32Array;
	positions: Uint32Array;
	frequencies: Uint16Array;
}

export class TermTable {
	private readonly vocabulary = new SpanTable();
	private readonly growing = { ids: new GrowableUint32(), offsets: new GrowableUint32() };
	private ids: Uint32Array = new Uint32Array(0);
	private offsets: Uint32Array = new Uint32Array(1);
	private sealed = false;
	/** Distinct terms per paragraph (BM25's field length), each worked out when first asked; 0 = not yet. */
	private distinctCounts: Uint16Array | null = null;

	/** `vocabulary` fixes the ids: a term's id is its position. Terms met later are appended. */
	constructor(vocabulary: Iterable<string> = []) {
		for (const term of vocabulary) this.idOf(term);
		this.growing.offsets.push(0);
	}

	/** Appends the next paragraph's terms (in text order, repeats kept) as ids from `idOf`. */
	addParagraphIds(ids: readonly number[]): void {
		if (this.sealed) throw new Error('TermTable: paragraphs cannot be added after it is sealed');
		for (const id of ids) this.growing.ids.push(id);
		this.growing.offsets.push(this.growing.ids.length);
	}

	/** The term's id, given it now if it is new. */
	idOf(term: string): number {
		return this.vocabulary.idOf(term, 0, term.length);
	}

	/** Ends the build: the arrays are trimmed to size and the growth buffers freed. */
	seal(): this {
		if (this.sealed) return this;
		this.ids = this.growing.ids.toArray();
		this.offsets = this.growing.offsets.toArray();
		this.growing.ids = new GrowableUint32();
		this.growing.offsets = new GrowableUint32();
		this.sealed = true;
		return this;
	}

	get paragraphCount(): number {
		return this.offsets.length - 1;
	}

	idOfTerm(term: string): number | undefined {
		return this.vocabulary.find(term);
	}

	/** The paragraph's term ids, in text order. */
	termIds(position: number): Uint32Array {
		return this.ids.subarray(this.offsets[position] ?? 0, this.offsets[position + 1] ?? 0);
	}

	/** How many times paragraph `position` uses `term` (0 when never, or when the term is unknown). */
	frequencyIn(position: number, term: string): number {
		const id = this.vocabulary.find(term);
		if (id === undefined) return 0;
		let count = 0;
		for (const each of this.termIds(position)) if (each === id) count++;
		return count;
	}

	/** Distinct terms of paragraph `position`: what MiniSearch counts as the length of its text field. */
	distinctCount(position: number): number {
		this.distinctCounts ??= new Uint16Array(this.paragraphCount);
		const known = this.distinctCounts[position];
		if (known) return known;
		const count = Math.min(new Set(this.termIds(position)).size, 0xffff);
		this.distinctCounts[position] = count;
		return count;
	}

	/**
	 * The table turned around: for each term id, the paragraphs that use it (in corpus order, each
	 * once) and how often. Made in two passes over the table, so nothing grows or is copied.
	 */
	invert(): InvertedTable {
		this.seal();
		const { ids, offsets } = this;
		const termCount = this.vocabulary.size;
		// The paragraph each id was last seen in: a term used twice in a paragraph is one posting.
		const seenIn = new Int32Array(termCount).fill(-1);
		const starts = new Uint32Array(termCount + 1);
		// The distinct terms of each paragraph fall out of the same pass: MiniSearch wants them all.
		const distinctCounts = new Uint16Array(this.paragraphCount);
		for (let position = 0; position < offsets.length - 1; position++) {
			let distinct = 0;
			for (let at = offsets[position] ?? 0; at < (offsets[position + 1] ?? 0); at++) {
				const id = ids[at] ?? 0;
				if (seenIn[id] === position) continue;
				seenIn[id] = position;
				starts[id + 1] = (starts[id + 1] ?? 0) + 1;
				distinct++;
			}
			distinctCounts[position] = Math.min(distinct, 0xffff);
		}
		this.distinctCounts = distinctCounts;
		for (let id = 0; id < termCount; id++) starts[id + 1] = (starts[id + 1] ?? 0) + (starts[id] ?? 0);
		const positions = new Uint32Array(starts[termCount] ?? 0);
		const frequencies = new Uint16Array(positions.length);
		const next = starts.slice(0, termCount);
		const lastSlot = new Uint32Array(termCount);
		seenIn.fill(-1);
		for (let position = 0; position < offsets.length - 1; position++) {
			for (let at = offsets[position] ?? 0; at < (offsets[position + 1] ?? 0); at++) {
				const id = ids[at] ?? 0;
				if (seenIn[id] === position) {
					const slot = lastSlot[id] ?? 0;
					frequencies[slot] = Math.min(0xffff, (frequencies[slot] ?? 0) + 1);
					continue;
				}
				seenIn[id] = position;
				const slot = next[id] ?? 0;
				next[id] = slot + 1;
				lastSlot[id] = slot;
				positions[slot] = position;
				frequencies[slot] = 1;
			}
		}
		return { starts, positions, frequencies };
	}

	/** Distinct terms in the table's vocabulary: ids run from 0 to one less. */
	get termCount(): number {
		return this.vocabulary.size;
	}

	/** The term with id `id`. */
	termOfId(id: number): string | undefined {
		return this.vocabulary.words[id];
	}

	toSnapshot(): TermTableSnapshot {
		this.seal();
		return { offsets: packNumbers(this.offsets), ids: packNumbers(this.ids) };
	}

	/** The table `toSnapshot` wrote; `vocabulary` must list the terms in the order their ids were given. */
	static fromSnapshot(vocabulary: Iterable<string>, snapshot: TermTableSnapshot): TermTable {
		const table = new TermTable(vocabulary);
		table.offsets = unpackNumbers(snapshot.offsets, 'The term table snapshot');
		table.ids = unpackNumbers(snapshot.ids, 'The term table snapshot');
		table.sealed = true;
		const last = table.offsets[table.offsets.length - 1];
		if (table.offsets.length === 0 || last !== table.ids.length) throw new Error('The term table snapshot is inconsistent.');
		// An indexed loop: over millions of ids, for…of on a typed array took ten times as long (40 ms).
		const { ids } = table;
		for (let at = 0; at < ids.length; at++) if ((ids[at] ?? 0) >= table.vocabulary.size) throw new Error('The term table snapshot refers to an unknown term.');
		return table;
	}
}
