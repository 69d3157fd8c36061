// Near-miss lookups over a fixed list of short strings (name forms, constituency names): which keys
// are within a few edits of what was typed, and which are nearest. A scan of every key with
// Levenshtein is what autocomplete and `quote` used to do on every call; here each key carries its
// length and letter counts, which bound the distance from below, so most keys are ruled out by a
// couple of dozen additions and only the rest get the (banded) distance computed.
//
// Distances are exactly `editDistance` from src/corpus/edit-distance.ts (Levenshtein over UTF-16
// code units, "max + 1" past the bound): test/answer/fuzzy.test.ts checks one against the other.

/** a–z get a bucket each; every other character shares one (merging buckets keeps the bound valid). */
const BUCKETS = 27;
const OTHER = 26;

function bucketOf(code: number): number {
	return code >= 97 && code <= 122 ? code - 97 : OTHER;
}

function histogram(text: string): Int32Array {
	const counts = new Int32Array(BUCKETS);
	for (let i = 0; i < text.length; i++) {
		const bucket = bucketOf(text.charCodeAt(i));
		counts[bucket] = (counts[bucket] ?? 0) + 1;
	}
	return counts;
}

/**
 * Edits needed at least: each insertion, deletion or substitution moves one character into or out
 * of a bucket, so neither the surplus nor the shortfall of characters can exceed the distance.
 */
function lowerBound(counts: Uint8Array, at: number, query: Int32Array): number {
	let surplus = 0;
	let shortfall = 0;
	for (let b = 0; b < BUCKETS; b++) {
		const difference = (counts[at + b] ?? 0) - (query[b] ?? 0);
		if (difference > 0) surplus += difference;
		else shortfall -= difference;
	}
	return surplus > shortfall ? surplus : shortfall;
}

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Levenshtein distance of `a` and `b` if it is at most `max`, else `max + 1` (as `editDistance`).
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

export interface NearKey {
	key: number;
	distance: number;
}

/** A fixed list of keys, searchable by edit distance. Built once per corpus; read-only after. */
export class FuzzyTable {
	/** Key indices ordered by length, and where each length starts in that order. */
	private readonly byLength: Int32Array;
	private readonly lengthStart: Int32Array;
	/** Letter counts of key k at k·BUCKETS (capped at 255, which only weakens the bound). */
	private readonly counts: Uint8Array;

	constructor(readonly keys: readonly string[]) {
		const longest = keys.reduce((most, key) => Math.max(most, key.length), 0);
		this.lengthStart = new Int32Array(longest + 2);
		for (const key of keys) this.lengthStart[key.length + 1] = (this.lengthStart[key.length + 1] ?? 0) + 1;
		for (let length = 1; length < this.lengthStart.length; length++) this.lengthStart[length] = (this.lengthStart[length] ?? 0) + (this.lengthStart[length - 1] ?? 0);
		const next = this.lengthStart.slice();
		this.byLength = new Int32Array(keys.length);
		this.counts = new Uint8Array(keys.length * BUCKETS);
		keys.forEach((key, k) => {
			const slot = next[key.length] ?? 0;
			this.byLength[slot] = k;
			next[key.length] = slot + 1;
			const counts = histogram(key);
			for (let b = 0; b < BUCKETS; b++) this.counts[k * BUCKETS + b] = Math.min(255, counts[b] ?? 0);
		});
	}

	/** Every key within `max` edits of `query`, with its exact distance, in key order. */
	within(query: string, max: number): NearKey[] {
		const found: NearKey[] = [];
		const counts = histogram(query);
		const shortest = Math.max(0, query.length - max);
		const longest = Math.min(this.lengthStart.length - 2, query.length + max);
		for (let length = shortest; length <= longest; length++) {
			const end = this.lengthStart[length + 1] ?? 0;
			for (let slot = this.lengthStart[length] ?? 0; slot < end; slot++) {
				const key = this.byLength[slot] ?? 0;
				if (lowerBound(this.counts, key * BUCKETS, counts) > max) continue;
				const distance = boundedEditDistance(this.keys[key] ?? '', query, max);
				if (distance <= max) found.push({ key, distance });
			}
		}
		return found.sort((a, b) => a.key - b.key);
	}

	/**
	 * Visits keys nearest-first by their lower bound, for as long as that bound is within `limit()`
	 * (which the caller may lower as it learns more). `visit` gets the distance when it is within
	 * the limit at that moment, else that limit + 1; keys never visited are further than the final limit.
	 */
	nearest(query: string, limit: () => number, visit: (key: number, distance: number) => void): void {
		const counts = histogram(query);
		const bounds = new Int32Array(this.keys.length);
		let highest = 0;
		for (let key = 0; key < this.keys.length; key++) {
			const bound = lowerBound(this.counts, key * BUCKETS, counts);
			bounds[key] = bound;
			if (bound > highest) highest = bound;
		}
		// Keys grouped by bound (a counting sort), so each group is visited only while it can still matter.
		const start = new Int32Array(highest + 2);
		for (const bound of bounds) start[bound + 1] = (start[bound + 1] ?? 0) + 1;
		for (let bound = 1; bound < start.length; bound++) start[bound] = (start[bound] ?? 0) + (start[bound - 1] ?? 0);
		const order = new Int32Array(this.keys.length);
		const next = start.slice();
		bounds.forEach((bound, key) => {
			const slot = next[bound] ?? 0;
			order[slot] = key;
			next[bound] = slot + 1;
		});
		for (let bound = 0; bound <= highest && bound <= limit(); bound++) {
			const end = start[bound + 1] ?? 0;
			for (let slot = start[bound] ?? 0; slot < end; slot++) {
				const key = order[slot] ?? 0;
				const max = limit();
				if (bound > max) return;
				visit(key, boundedEditDistance(this.keys[key] ?? '', query, max));
			}
		}
	}
}
