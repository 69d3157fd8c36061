// The words of every stretch `verify` may compare a wording with (each quote occurrence; each
// paragraph, for wording outside quote marks), split once per corpus and indexed by word, so a check
// looks only at the stretches that could reach the closeness threshold instead of at all of them.
//
// Words are `matchWords` of the text, as before; they are stored as ids into one vocabulary (the
// stretch's words in order, and each word's list of stretches), which is far smaller than a list of
// strings and a count map per stretch.
import { matchWords } from '../extract/text.js';

export class WordingIndex {
	private readonly vocabulary = new Map<string, number>();
	private readonly words: string[] = [];
	/** Stretch s's word ids are tokens[tokenStart[s] … tokenStart[s + 1]). */
	private readonly tokenStart: Int32Array;
	private readonly tokens: Int32Array;
	/** Word w's stretches (ascending, each once) are postings[postingStart[w] … postingStart[w + 1]). */
	private readonly postingStart: Int32Array;
	private readonly postings: Int32Array;
	/** Per stretch: the last query that reached it, so a union of postings needs no set. */
	private readonly seen: Int32Array;
	private query = 0;

	constructor(texts: readonly string[]) {
		const ids: number[][] = texts.map((text) => matchWords(text).map((word) => this.idOf(word)));
		this.tokenStart = new Int32Array(texts.length + 1);
		ids.forEach((list, stretch) => (this.tokenStart[stretch + 1] = (this.tokenStart[stretch] ?? 0) + list.length));
		this.tokens = new Int32Array(this.tokenStart[texts.length] ?? 0);
		ids.forEach((list, stretch) => this.tokens.set(list, this.tokenStart[stretch] ?? 0));
		({ start: this.postingStart, postings: this.postings } = invert(ids, this.words.length));
		this.seen = new Int32Array(texts.length);
	}

	get size(): number {
		return this.seen.length;
	}

	/** Stretch `stretch`'s words, as `matchWords` gives them. */
	wordsOf(stretch: number): string[] {
		const words: string[] = [];
		for (let at = this.tokenStart[stretch] ?? 0; at < (this.tokenStart[stretch + 1] ?? 0); at++) words.push(this.words[this.tokens[at] ?? 0] ?? '');
		return words;
	}

	/**
	 * Stretches (ascending) sharing at least `needed` of the checked words, counted with repeats as
	 * `sharedWords` in verify.ts counts them, each with that count. Any such stretch holds one of the
	 * rarest words that together make up more than `checked.length − needed` of the wording (else it
	 * misses too many), so only those words' lists are read; the rest are counted in the stretch.
	 */
	sharing(checked: readonly string[], needed: number): Array<{ stretch: number; shared: number }> {
		const counts = new Map<number, number>();
		let unknown = 0;
		for (const word of checked) {
			const id = this.vocabulary.get(word);
			if (id === undefined) unknown++;
			else counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		const candidates = this.candidates(counts, checked.length - needed + 1 - unknown);
		const found: Array<{ stretch: number; shared: number }> = [];
		for (const stretch of candidates) {
			const shared = this.shared(stretch, counts);
			if (shared >= needed) found.push({ stretch, shared });
		}
		return found;
	}

	/** Whether stretch `stretch` holds `checked` as consecutive words (`containsWords`). */
	contains(stretch: number, checked: readonly string[]): boolean {
		const needle: number[] = [];
		for (const word of checked) {
			const id = this.vocabulary.get(word);
			if (id === undefined) return false;
			needle.push(id);
		}
		const from = this.tokenStart[stretch] ?? 0;
		const to = this.tokenStart[stretch + 1] ?? 0;
		if (needle.length === 0 || needle.length > to - from) return false;
		for (let at = from; at + needle.length <= to; at++) {
			let matched = 0;
			while (matched < needle.length && this.tokens[at + matched] === needle[matched]) matched++;
			if (matched === needle.length) return true;
		}
		return false;
	}

	/**
	 * The union, ascending, of the postings of the rarest known checked words until their counts
	 * reach `cover` (words the corpus never uses have already been counted towards it).
	 */
	private candidates(counts: ReadonlyMap<number, number>, cover: number): number[] {
		if (cover <= 0) return [];
		const rarestFirst = [...counts].sort((a, b) => this.postingLength(a[0]) - this.postingLength(b[0]));
		this.query++;
		const union: number[] = [];
		let covered = 0;
		for (const [word, count] of rarestFirst) {
			for (let at = this.postingStart[word] ?? 0; at < (this.postingStart[word + 1] ?? 0); at++) {
				const stretch = this.postings[at] ?? 0;
				if (this.seen[stretch] === this.query) continue;
				this.seen[stretch] = this.query;
				union.push(stretch);
			}
			covered += count;
			if (covered >= cover) break;
		}
		return union.sort((a, b) => a - b);
	}

	/** Checked words the stretch holds, each counted at most as often as the wording has it. */
	private shared(stretch: number, counts: ReadonlyMap<number, number>): number {
		const used = new Map<number, number>();
		let shared = 0;
		for (let at = this.tokenStart[stretch] ?? 0; at < (this.tokenStart[stretch + 1] ?? 0); at++) {
			const word = this.tokens[at] ?? 0;
			const allowed = counts.get(word);
			if (allowed === undefined) continue;
			const taken = used.get(word) ?? 0;
			if (taken < allowed) {
				used.set(word, taken + 1);
				shared++;
			}
		}
		return shared;
	}

	private postingLength(word: number): number {
		return (this.postingStart[word + 1] ?? 0) - (this.postingStart[word] ?? 0);
	}

	private idOf(word: string): number {
		let id = this.vocabulary.get(word);
		if (id === undefined) {
			id = this.words.length;
			this.vocabulary.set(word, id);
			this.words.push(word);
		}
		return id;
	}
}

/** Each word's stretches, ascending and each once, packed into one array. */
function invert(ids: readonly number[][], vocabularySize: number): { start: Int32Array; postings: Int32Array } {
	const last = new Int32Array(vocabularySize).fill(-1);
	const start = new Int32Array(vocabularySize + 1);
	ids.forEach((list, stretch) => {
		for (const word of list) {
			if (last[word] === stretch) continue;
			last[word] = stretch;
			start[word + 1] = (start[word + 1] ?? 0) + 1;
		}
	});
	for (let word = 1; word <= vocabularySize; word++) start[word] = (start[word] ?? 0) + (start[word - 1] ?? 0);
	const postings = new Int32Array(start[vocabularySize] ?? 0);
	const next = start.slice(0, vocabularySize);
	last.fill(-1);
	ids.forEach((list, stretch) => {
		for (const word of list) {
			if (last[word] === stretch) continue;
			last[word] = stretch;
			const slot = next[word] ?? 0;
			postings[slot] = stretch;
			next[word] = slot + 1;
		}
	});
	return { start, postings };
}
