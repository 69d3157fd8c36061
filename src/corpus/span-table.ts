// Numbers remembered for words, looked up by where the word stands in a text rather than by a string.
// Indexing an archive looks up every word it reads (12 million at 10,000 articles, of about 100,000
// distinct), and grouping quotes every word of every quote (1.7 million): with a Map each look-up
// first slices the word into a new string and hashes it, which was the largest single cost of the
// index's build (1.6 s). Here the characters are hashed and compared where they stand, and a string
// is made only for a word seen for the first time. It is the one word → number table of the
// project: the term table, quote grouping and verify's wording index all number words with it.

const EMPTY = 0;
const INITIAL_SLOTS = 1 << 12;
const INITIAL_POOL = 1 << 16;
/** Numbers per slot: the word's hash, its entry number + 1 (EMPTY when free), where it stands in the pool, its value. */
const SLOT = 4;
/** Pool units before a word's code units: its length. */
const LENGTH_UNITS = 2;

/** FNV-1a over the UTF-16 code units of text[start, end). */
function hashSpan(text: string, start: number, end: number): number {
	let hash = 0x811c9dc5;
	for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
	return hash | 0;
}

export class SpanTable {
	/** Word by entry number: the order the words were first met. */
	readonly words: string[] = [];
	/**
	 * Open addressing, kept at most half full. A slot holds all a probe reads (hash, entry, pool
	 * offset, value) side by side, and the pool holds each word's length and code units together: a
	 * look-up reads two places in memory. With the value in its own array and the word compared as a
	 * string it read four (slot, words, the string, values), and at 10,000 articles these look-ups,
	 * mostly waiting on memory, took twice as long (1.0 s against 0.45 s for 3.6 million words).
	 */
	private slots = new Int32Array(INITIAL_SLOTS * SLOT);
	/** Each word as its length (two units, low then high: a word may be longer than 65,535), then its UTF-16 code units. */
	private pool = new Uint16Array(INITIAL_POOL);
	private poolSize = 0;

	get size(): number {
		return this.words.length;
	}

	/** The entry number of the word at text[start, end) (words are numbered 0, 1, … as first met), given it now if it has none. */
	idOf(text: string, start: number, end: number): number {
		// `insert` asks before it adds the word: the count so far is the new word's number.
		return this.valueAt(text, start, end, () => this.words.length);
	}

	/** The entry number of `word` (as `idOf` gave it), or undefined when it has none: nothing is added. */
	find(word: string): number | undefined {
		const at = this.slotOf(word, 0, word.length, hashSpan(word, 0, word.length));
		const entry = this.slots[at + 1] ?? EMPTY;
		return entry === EMPTY ? undefined : entry - 1;
	}

	/**
	 * The number for the word at text[start, end), asking `compute` (given the word) the first time.
	 * `compute` must not use this table.
	 */
	valueAt(text: string, start: number, end: number, compute: (word: string) => number): number {
		const hash = hashSpan(text, start, end);
		const at = this.slotOf(text, start, end, hash);
		if (this.slots[at + 1] === EMPTY) return this.insert(at, hash, text, start, end, compute);
		return this.slots[at + 3] ?? 0;
	}

	/** Where in `slots` the word at text[start, end) is, or the free slot where it would go. */
	private slotOf(text: string, start: number, end: number, hash: number): number {
		const slots = this.slots;
		const mask = slots.length / SLOT - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const at = slot * SLOT;
			if (slots[at + 1] === EMPTY || (slots[at] === hash && this.pooledEquals(slots[at + 2] ?? 0, text, start, end))) return at;
		}
	}

	private pooledEquals(offset: number, text: string, start: number, end: number): boolean {
		const pool = this.pool;
		const length = end - start;
		if (pool[offset] !== (length & 0xffff) || pool[offset + 1] !== length >>> 16) return false;
		for (let at = start, from = offset + LENGTH_UNITS; at < end; at++, from++) if (pool[from] !== text.charCodeAt(at)) return false;
		return true;
	}

	private insert(at: number, hash: number, text: string, start: number, end: number, compute: (word: string) => number): number {
		const word = text.slice(start, end);
		const value = compute(word);
		this.words.push(word);
		this.slots[at] = hash;
		this.slots[at + 1] = this.words.length;
		this.slots[at + 2] = this.pooled(text, start, end);
		this.slots[at + 3] = value;
		if (this.words.length * 2 > this.slots.length / SLOT) this.grow();
		return value;
	}

	/** Adds the word at text[start, end) to the pool; where it starts. */
	private pooled(text: string, start: number, end: number): number {
		const length = end - start;
		const needed = this.poolSize + LENGTH_UNITS + length;
		if (needed > this.pool.length) {
			const pool = new Uint16Array(Math.max(needed, this.pool.length * 2));
			pool.set(this.pool.subarray(0, this.poolSize));
			this.pool = pool;
		}
		const offset = this.poolSize;
		this.pool[offset] = length & 0xffff;
		this.pool[offset + 1] = length >>> 16;
		for (let at = start, to = offset + LENGTH_UNITS; at < end; at++, to++) this.pool[to] = text.charCodeAt(at);
		this.poolSize = needed;
		return offset;
	}

	private grow(): void {
		const old = this.slots;
		const slots = new Int32Array(old.length * 2);
		const mask = slots.length / SLOT - 1;
		for (let from = 0; from < old.length; from += SLOT) {
			if (old[from + 1] === EMPTY) continue;
			let slot = (old[from] ?? 0) & mask;
			while (slots[slot * SLOT + 1] !== EMPTY) slot = (slot + 1) & mask;
			slots.set(old.subarray(from, from + SLOT), slot * SLOT);
		}
		this.slots = slots;
	}
}
