// Near-miss lookups over a fixed list of short strings (name forms, constituency names): which keys
// are within a few edits of what was typed, and which are nearest. A scan of every key with
// Levenshtein is what autocomplete and `quote` used to do on every call; here each key carries its
// length and letter counts, which bound the distance from below, so most keys are ruled out by a
// couple of dozen additions and only the rest get the (banded) distance computed.
//
// Distances are `editDistance` from src/corpus/edit-distance.ts (Levenshtein over UTF-16 code
// units) wherever it is within the bound; past the bound this always says "bound + 1", where
// editDistance sometimes says more. test/answer/fuzzy.test.ts checks one against the other.

/** a–z get a bucket each; every other character shares one (merging buckets keeps the bound valid). */
const BUCKETS = 27;
const OTHER = 26;

function bucketOf(code: number): number {
	return code >= 97 && code <= 122 ? code - 97 : OTHER;
}

/** Letter counts, capped at 255 on both sides of a comparison (a cap only weakens the bound, never breaks it). */
function histogram(text: string): Int32Array {
	const counts = new Int32Array(BUCKETS);
	for (let i = 0; i < text.length; i++) {
		const bucket = bucketOf(text.charCodeAt(i));
		counts[bucket] = Math.min(255, (counts[bucket] ?? 0) + 1);
	}
	return counts;
}

/**
 * A query's letters as the bound reads them: the buckets it has one of (a mask: a key lacking one
 * is one short), and those it has several of (compared count by count).
 */
interface QueryCounts {
	counts: Int32Array;
	single: number;
	several: Int32Array;
	length: number;
}

function queryCounts(text: string): QueryCounts {
	const counts = histogram(text);
	let single = 0;
	const several: number[] = [];
	counts.forEach((count, bucket) => {
		if (count === 1) single |= 1 << bucket;
		else if (count > 1) several.push(bucket);
	});
	return { counts, single, several: Int32Array.from(several), length: text.length };
}

/** The buckets a text has at least one character in, one bit each. */
function presence(counts: Int32Array): number {
	let mask = 0;
	counts.forEach((count, bucket) => {
		if (count > 0) mask |= 1 << bucket;
	});
	return mask;
}

function bitCount(value: number): number {
	let bits = value - ((value >>> 1) & 0x55555555);
	bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
	bits = (bits + (bits >>> 4)) & 0x0f0f0f0f;
	return Math.imul(bits, 0x01010101) >>> 24;
}

/** The letter counts of a list of keys, laid out for bounds. */
interface KeyCounts {
	/** Bucket b of key k at b·keys + k. */
	counts: Uint8Array;
	present: Int32Array;
	lengths: Int32Array;
}

/**
 * Edits needed at least to turn key `key` into the query: each insertion, deletion or substitution
 * moves one character into or out of a bucket, so neither the key's shortfall of characters nor its
 * surplus can exceed the distance. The surplus follows from the shortfall and the two lengths.
 */
function lowerBound(keys: KeyCounts, key: number, query: QueryCounts): number {
	const total = keys.lengths.length;
	let shortfall = bitCount(query.single & ~(keys.present[key] ?? 0));
	for (let i = 0; i < query.several.length; i++) {
		const bucket = query.several[i] ?? 0;
		const missing = (query.counts[bucket] ?? 0) - (keys.counts[bucket * total + key] ?? 0);
		if (missing > 0) shortfall += missing;
	}
	const surplus = shortfall + (keys.lengths[key] ?? 0) - query.length;
	return surplus > shortfall ? surplus : shortfall;
}

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Levenshtein distance of `a` and `b` if it is at most `max`, else `max + 1` (`editDistance` gives
 * the same within `max`; beyond it, `max + 1` or more).
 * Only the diagonal band |i − j| ≤ max can hold a value ≤ max, so only it is computed.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	if (b.length === 0 || a.length === 0) return Math.max(a.length, b.length);
	const width = b.length + 1;
	if (previousRow.length < width) {
		previousRow = new Int32Array(width * 2);
		currentRow = new Int32Array(width * 2);
	}
	const outside = max + 1;
	let previous = previousRow;
	let current = currentRow;
	for (let j = 0; j < width; j++) previous[j] = j <= max ? j : outside;
	for (let i = 1; i <= a.length; i++) {
		const from = Math.max(1, i - max);
		const to = Math.min(b.length, i + max);
		current[0] = i <= max ? i : outside;
		if (from > 1) current[from - 1] = outside;
		let rowMin = current[0] ?? outside;
		const char = a.charCodeAt(i - 1);
		for (let j = from; j <= to; j++) {
			const substitution = (previous[j - 1] ?? outside) + (char === b.charCodeAt(j - 1) ? 0 : 1);
			const deletion = (previous[j] ?? outside) + 1;
			const insertion = (current[j - 1] ?? outside) + 1;
			let value = substitution < deletion ? substitution : deletion;
			if (insertion < value) value = insertion;
			if (value > outside) value = outside;
			current[j] = value;
			if (value < rowMin) rowMin = value;
		}
		if (to < b.length) current[to + 1] = outside;
		if (rowMin > max) return outside;
		[previous, current] = [current, previous];
	}
	const distance = previous[b.length] ?? outside;
	return distance > max ? outside : distance;
}

/**
 * Distances from one string (the query) to many: for a query of up to 32 code units, Myers' bit-
 * parallel Levenshtein (one machine word per column of the table: a few operations per character
 * of the other string, not one cell per pair of characters); longer ones, the banded table.
 */
export class DistanceFrom {
	/** Per character code of the query: the bit of each position where it stands (ASCII in an array, the rest in a map). */
	private readonly ascii = new Int32Array(128);
	private readonly other = new Map<number, number>();
	private readonly last: number;

	constructor(private readonly query: string) {
		for (let i = 0; i < query.length && query.length <= 32; i++) {
			const code = query.charCodeAt(i);
			if (code < 128) this.ascii[code] = (this.ascii[code] ?? 0) | (1 << i);
			else this.other.set(code, (this.other.get(code) ?? 0) | (1 << i));
		}
		this.last = 1 << (query.length - 1);
	}

	/** As `boundedEditDistance(key, query, max)`. */
	to(key: string, max: number): number {
		const length = this.query.length;
		if (Math.abs(length - key.length) > max) return max + 1;
		if (length === 0 || length > 32 || key.length === 0) return boundedEditDistance(key, this.query, max);
		// Hyyrö's formulation of Myers (1999) for the distance between whole strings: Pv/Mv hold the
		// +1/−1 vertical differences of the current column, the score is its last cell.
		let positive = length === 32 ? -1 : (1 << length) - 1;
		let negative = 0;
		let score = length;
		for (let j = 0; j < key.length; j++) {
			const code = key.charCodeAt(j);
			const equal = code < 128 ? (this.ascii[code] ?? 0) : (this.other.get(code) ?? 0);
			const vertical = equal | negative;
			const horizontal = ((((equal & positive) + positive) | 0) ^ positive) | equal;
			let up = negative | ~(horizontal | positive);
			let down = positive & horizontal;
			if (up & this.last) score++;
			else if (down & this.last) score--;
			// What is left of the key can lower the score by at most one a character.
			if (score - (key.length - 1 - j) > max) return max + 1;
			up = (up << 1) | 1;
			down <<= 1;
			positive = down | ~(vertical | up);
			negative = up & vertical;
		}
		return score <= max ? score : max + 1;
	}
}

export interface NearestSearch {
	/** The largest distance that still matters. */
	limit(): number;
	/** Whether a key at least `bound` edits away could still matter. */
	worth(key: number, bound: number): boolean;
	visit(key: number, distance: number): void;
}

export interface NearKey {
	key: number;
	distance: number;
}

/** A fixed list of keys, searchable by edit distance. Built once per corpus; read-only after. */
export class FuzzyTable {
	/** Key indices ordered by length, and where each length starts in that order. */
	private readonly byLength: Int32Array;
	private readonly lengthStart: Int32Array;
	private readonly letters: KeyCounts;
	/** Scratch space for `nearest`, reused from call to call: each key's bound, and the keys grouped by it. */
	private readonly bounds: Int32Array;
	private readonly order: Int32Array;

	constructor(readonly keys: readonly string[]) {
		const longest = keys.reduce((most, key) => Math.max(most, key.length), 0);
		this.lengthStart = new Int32Array(longest + 2);
		for (const key of keys) this.lengthStart[key.length + 1] = (this.lengthStart[key.length + 1] ?? 0) + 1;
		for (let length = 1; length < this.lengthStart.length; length++) this.lengthStart[length] = (this.lengthStart[length] ?? 0) + (this.lengthStart[length - 1] ?? 0);
		const next = this.lengthStart.slice();
		this.byLength = new Int32Array(keys.length);
		this.letters = { counts: new Uint8Array(keys.length * BUCKETS), present: new Int32Array(keys.length), lengths: Int32Array.from(keys, (key) => key.length) };
		keys.forEach((key, k) => {
			const slot = next[key.length] ?? 0;
			this.byLength[slot] = k;
			next[key.length] = slot + 1;
			const counts = histogram(key);
			counts.forEach((count, bucket) => (this.letters.counts[bucket * keys.length + k] = count));
			this.letters.present[k] = presence(counts);
		});
		this.bounds = new Int32Array(keys.length);
		this.order = new Int32Array(keys.length);
	}

	/** Every key within `max` edits of `query`, with its exact distance, in key order. */
	within(query: string, max: number): NearKey[] {
		const found: NearKey[] = [];
		const counts = queryCounts(query);
		const from = new DistanceFrom(query);
		const shortest = Math.max(0, query.length - max);
		const longest = Math.min(this.lengthStart.length - 2, query.length + max);
		for (let length = shortest; length <= longest; length++) {
			const end = this.lengthStart[length + 1] ?? 0;
			for (let slot = this.lengthStart[length] ?? 0; slot < end; slot++) {
				const key = this.byLength[slot] ?? 0;
				if (lowerBound(this.letters, key, counts) > max) continue;
				const distance = from.to(this.keys[key] ?? '', max);
				if (distance <= max) found.push({ key, distance });
			}
		}
		return found.sort((a, b) => a.key - b.key);
	}

	/**
	 * Visits keys nearest-first by their lower bound, for as long as that bound is within
	 * `search.limit()` (which the caller may lower as it learns more) and `search.worth` says a key
	 * at that bound could still matter. `visit` gets the distance when it is within the limit at
	 * that moment, else that limit + 1; keys never visited are further than the final limit or not
	 * worth it. Not reentrant: the search must not search this table again.
	 */
	nearest(query: string, search: NearestSearch): void {
		const from = new DistanceFrom(query);
		const { order, start } = this.byBound(queryCounts(query));
		for (let bound = 0; bound + 1 < start.length && bound <= search.limit(); bound++) {
			const end = start[bound + 1] ?? 0;
			for (let slot = start[bound] ?? 0; slot < end; slot++) {
				const key = order[slot] ?? 0;
				const max = search.limit();
				if (bound > max) return;
				if (search.worth(key, bound)) search.visit(key, from.to(this.keys[key] ?? '', max));
			}
		}
	}

	/** Keys grouped by their lower bound from the query (a counting sort): group b is order[start[b] … start[b + 1]). */
	private byBound(query: QueryCounts): { order: Int32Array; start: Int32Array } {
		const { bounds, order } = this;
		const total = this.keys.length;
		let highest = 0;
		for (let key = 0; key < total; key++) {
			const bound = lowerBound(this.letters, key, query);
			bounds[key] = bound;
			if (bound > highest) highest = bound;
		}
		const start = new Int32Array(highest + 2);
		for (let key = 0; key < total; key++) {
			const slot = (bounds[key] ?? 0) + 1;
			start[slot] = (start[slot] ?? 0) + 1;
		}
		for (let bound = 1; bound < start.length; bound++) start[bound] = (start[bound] ?? 0) + (start[bound - 1] ?? 0);
		const next = start.slice();
		for (let key = 0; key < total; key++) {
			const bound = bounds[key] ?? 0;
			const slot = next[bound] ?? 0;
			order[slot] = key;
			next[bound] = slot + 1;
		}
		return { order, start };
	}
}
