// Numbers remembered for words, looked up by where the word stands in a text rather than by a string.
// Indexing an archive looks up every word it reads (12 million at 10,000 articles, of about 100,000
// distinct), and grouping quotes every word of every quote (1.7 million): with a Map each look-up
// first slices the word into a new string and hashes it, which was the largest single cost of the
// index's build (1.6 s). Here the characters are hashed and compared where they stand, and a string
// is made only for a word seen for the first time. It is the one word → number table of the
// project: the term table, quote grouping and verify's wording index all number words with it.

const EMPTY = 0;
const INITIAL_SLOTS = 1 << 12;

/** FNV-1a over the UTF-16 code units of text[start, end). */
function hashSpan(text: string, start: number, end: number): number {
	let hash = 0x811c9dc5;
	for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
	return hash | 0;
}

function sameSpan(word: string, text: string, start: number, end: number): boolean {
	if (word.length !== end - start) return false;
	for (let at = 0; at < word.length; at++) if (word.charCodeAt(at) !== text.charCodeAt(start + at)) return false;
	return true;
}

export class SpanTable {
	/** Word by entry number: the order the words were first met. */
	readonly words: string[] = [];
	private readonly values: number[] = [];
	/**
	 * Open addressing, kept at most half full: each slot is two numbers, the word's hash and its entry
	 * number + 1 (EMPTY when free), side by side so that a probe reads one place in memory.
	 */
	private slots = new Int32Array(INITIAL_SLOTS * 2);

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
		const hash = hashSpan(word, 0, word.length);
		const slots = this.slots;
		const mask = (slots.length >> 1) - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = slots[2 * slot + 1] ?? EMPTY;
			if (entry === EMPTY) return undefined;
			if (slots[2 * slot] === hash && this.words[entry - 1] === word) return this.values[entry - 1];
		}
	}

	/**
	 * The number for the word at text[start, end), asking `compute` (given the word) the first time.
	 * `compute` must not use this table.
	 */
	valueAt(text: string, start: number, end: number, compute: (word: string) => number): number {
		const hash = hashSpan(text, start, end);
		const slots = this.slots;
		const mask = (slots.length >> 1) - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = slots[2 * slot + 1] ?? EMPTY;
			if (entry === EMPTY) return this.insert(slot, hash, text.slice(start, end), compute);
			if (slots[2 * slot] === hash && sameSpan(this.words[entry - 1] ?? '', text, start, end)) return this.values[entry - 1] ?? 0;
		}
	}

	private insert(slot: number, hash: number, word: string, compute: (word: string) => number): number {
		const value = compute(word);
		this.words.push(word);
		this.values.push(value);
		this.slots[2 * slot] = hash;
		this.slots[2 * slot + 1] = this.words.length;
		if (this.words.length * 2 > this.slots.length >> 1) this.grow();
		return value;
	}

	private grow(): void {
		const old = this.slots;
		const slots = new Int32Array(old.length * 2);
		const mask = (slots.length >> 1) - 1;
		for (let from = 0; from < old.length; from += 2) {
			const entry = old[from + 1] ?? EMPTY;
			if (entry === EMPTY) continue;
			const hash = old[from] ?? 0;
			let slot = hash & mask;
			while (slots[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
			slots[2 * slot] = hash;
			slots[2 * slot + 1] = entry;
		}
		this.slots = slots;
	}
}
