// Maps that MiniSearch holds as its own but that are made only when, and only as far as, they are
// read. A start from the cache (and every build) hands MiniSearch an index of 120,000 paragraphs and
// 70,000 terms at once (minisearch-json.ts); making every Map entry up front took about 0.35 s of
// a 2.4 s start, and its garbage more, though a question reads only a few terms' postings and the
// lengths of the paragraphs it scores. Each class here has every method of a `Map`, so MiniSearch's
// own code runs on it unchanged (it never asks whether a value is a Map): a read it can answer from
// the lists it was given is answered from them; anything else, a write included, first makes every
// entry in a plain Map, and from then on it hands everything to that Map.

/**
 * A Map whose entries `fill` makes, once, the first time anything uses it. It holds the real Map
 * from then on rather than being one: an empty `Map` costs V8 a few hundred bytes, and an archive
 * has 70,000 terms, most of them never searched.
 */
abstract class MapOnDemand<K, V> implements Map<K, V> {
	#map: Map<K, V> | null = null;

	/** Makes every entry, in the order the Map would have had them. */
	protected abstract fill(): Map<K, V>;

	protected get made(): boolean {
		return this.#map !== null;
	}

	protected map(): Map<K, V> {
		this.#map ??= this.fill();
		return this.#map;
	}

	get [Symbol.toStringTag](): string {
		return 'Map';
	}
	get size(): number {
		return this.map().size;
	}
	get(key: K): V | undefined {
		return this.map().get(key);
	}
	has(key: K): boolean {
		return this.map().has(key);
	}
	set(key: K, value: V): this {
		this.map().set(key, value);
		return this;
	}
	delete(key: K): boolean {
		return this.map().delete(key);
	}
	clear(): void {
		this.#map = new Map();
	}
	forEach(visit: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
		this.map().forEach((value, key) => visit.call(thisArg, value, key, this));
	}
	entries(): MapIterator<[K, V]> {
		return this.map().entries();
	}
	keys(): MapIterator<K> {
		return this.map().keys();
	}
	values(): MapIterator<V> {
		return this.map().values();
	}
	[Symbol.iterator](): MapIterator<[K, V]> {
		return this.entries();
	}
}

/** The inverted lists: paragraphs and frequencies of every term's postings, one term after another. */
export interface PostingLists {
	positions: Uint32Array;
	frequencies: Uint16Array;
}

/**
 * One term's entry in MiniSearch's index, field id → paragraph → frequency, made from the term's
 * slice of the inverted lists, [start, end), the first time MiniSearch reads it.
 */
export class PostingsOnDemand extends MapOnDemand<number, Map<number, number>> {
	/** Held until the entry is made, then let go. */
	#lists: PostingLists | null;

	constructor(
		private readonly field: number,
		lists: PostingLists,
		private readonly start: number,
		private readonly end: number,
	) {
		super();
		this.#lists = lists;
	}

	protected fill(): Map<number, Map<number, number>> {
		const lists = this.#lists;
		this.#lists = null;
		const frequencyOf = new Map<number, number>();
		if (lists) for (let at = this.start; at < this.end; at++) frequencyOf.set(lists.positions[at] ?? 0, lists.frequencies[at] ?? 0);
		return new Map([[this.field, frequencyOf]]);
	}
}

/**
 * A Map of the keys 0 … count − 1 to `valueAt(key)`: MiniSearch's documents (paragraph p is its
 * document p, whose id is p) and their field lengths. `has`, `get` and `size` are answered without
 * making any entry; anything else makes them all.
 */
export class NumberedOnDemand<V> extends MapOnDemand<number, V> {
	constructor(
		private readonly count: number,
		private readonly valueAt: (key: number) => V,
	) {
		super();
	}

	override get size(): number {
		return this.made ? super.size : this.count;
	}
	override has(key: number): boolean {
		return this.made ? super.has(key) : this.holds(key);
	}
	override get(key: number): V | undefined {
		if (this.made) return super.get(key);
		return this.holds(key) ? this.valueAt(key) : undefined;
	}

	protected fill(): Map<number, V> {
		const map = new Map<number, V>();
		for (let key = 0; key < this.count; key++) map.set(key, this.valueAt(key));
		return map;
	}

	private holds(key: number): boolean {
		return Number.isInteger(key) && key >= 0 && key < this.count;
	}
}
