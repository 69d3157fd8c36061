// Gives each distinct word a small number, in the order words are first met. Tables of numbers
// (typed arrays, id comparisons) are far cheaper to store and compare than tables of strings, which
// is what the index, quote deduplication and verify's wording index all need on an archive.

export class WordIds {
	private readonly ids = new Map<string, number>();
	/** Word by id. */
	readonly words: string[] = [];

	constructor(words: Iterable<string> = []) {
		for (const word of words) this.idOf(word);
	}

	get size(): number {
		return this.words.length;
	}

	/** The word's id, given it now if it has none. */
	idOf(word: string): number {
		let id = this.ids.get(word);
		if (id === undefined) {
			id = this.words.length;
			this.ids.set(word, id);
			this.words.push(word);
		}
		return id;
	}

	/** The word's id if it has one. */
	find(word: string): number | undefined {
		return this.ids.get(word);
	}
}
