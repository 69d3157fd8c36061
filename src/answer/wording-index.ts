// The words of every stretch `verify` may compare a wording with (each quote occurrence; each
// paragraph, for wording outside quote marks), split once per corpus and indexed by word, so a check
// reads only the stretches that hold the wording's rarer words instead of comparing it with all of them.
//
// Words are `matchWords` of the text, numbered where they stand (`SpanTable`), and stored as ids (each
// stretch's words in order, and each word's stretches): far less memory than a list of strings and
// a count map per stretch. The answers are those of the plain scan (test/answer/indexed-lookups.test.ts
// compares them with one).
import { matchWordSpans } from '../extract/text.js';
import { SpanTable } from '../corpus/span-table.js';
import { drain, type Steps } from '../corpus/slices.js';
import { GrowableUint32 } from '../corpus/growable.js';

export interface Window {
	score: number;
	/** The stretch's words from `start`, `size` of them. */
	start: number;
	size: number;
}

/**
 * A window's score: the words it shares with the checked wording over the longer of the two. The
 * arithmetic of wordSimilarity (Dice) turned back into shared words, step for step as the scan did
 * it, so scores (and their ties) compare exactly as before.
 */
export function windowScore(shared: number, size: number, n: number): number {
	const similarity = (2 * shared) / (size + n);
	return (similarity * (size + n)) / 2 / Math.max(size, n);
}

/** The highest score any window (of any length up to n + 2) sharing at most `shared` words can have. */
export function bestPossibleScore(shared: number, n: number): number {
	let best = 0;
	for (let size = 1; size <= n + 2; size++) best = Math.max(best, windowScore(Math.min(shared, size), size, n));
	return best;
}

export interface CloseSearch {
	/**
	 * Whether a stretch sharing this many of the checked words (at most; -1 for any stretch)
	 * could still change the answer.
	 */
	useful(shared: number, stretch: number): boolean;
	/** A stretch's best window (see `WordingIndex.closest`). */
	found(stretch: number, window: Window): void;
}

/** The checked wording as word ids: how often each known word occurs, and how many words the corpus never uses. */
interface Checked {
	length: number;
	counts: Map<number, number>;
	unknown: number;
}

/**
 * Stretches not reached word by word, with how many of the counted words each holds (in
 * `WordingIndex.accumulated`): `order` highest count first, the first `released` of them read.
 */
interface Counted {
	order: Int32Array;
	/** Checked words whose lists were not counted: what a stretch may share beyond its count. */
	rest: number;
	released: number;
}

/** The first `length` of `stretches`. */
interface Touched {
	stretches: Int32Array;
	length: number;
}

/** How the shared words of stretches are found (tests force each; the index chooses by cost). */
export type Strategy = 'auto' | 'read' | 'count';

/** Stretches counted at least `lowest` (at least 1: a stretch counted 0 is in no list). */
function candidatesAbove(tally: Int32Array, lowest: number): number {
	let total = 0;
	for (let count = Math.max(1, lowest); count < tally.length; count++) total += tally[count] ?? 0;
	return total;
}

/** Texts as word ids: text s's are tokens[tokenStart[s] … tokenStart[s + 1]), numbered in `vocabulary`. */
interface SplitTexts {
	vocabulary: SpanTable;
	tokenStart: Int32Array;
	tokens: Uint32Array;
}

/** Texts split between two turns of the event loop (`WordingIndex.inSteps`): about 10 ms of work. */
const TEXTS_PER_STEP = 1_000;

/** Splits texts into word ids one at a time (`matchWords`, each word numbered where it stands). */
class TextSplitter {
	private readonly vocabulary = new SpanTable();
	private readonly tokenStart: Int32Array;
	private readonly tokens = new GrowableUint32();

	constructor(texts: number) {
		this.tokenStart = new Int32Array(texts + 1);
	}

	/** Text number `stretch`: texts are added in order, each once. */
	add(stretch: number, text: string): void {
		const { folded, spans } = matchWordSpans(text);
		for (let at = 0; at < spans.length; at += 2) this.tokens.push(this.vocabulary.idOf(folded, spans[at] ?? 0, spans[at + 1] ?? 0));
		this.tokenStart[stretch + 1] = this.tokens.length;
	}

	done(): SplitTexts {
		return { vocabulary: this.vocabulary, tokenStart: this.tokenStart, tokens: this.tokens.toArray() };
	}
}

export class WordingIndex {
	private readonly vocabulary: SpanTable;
	/** Stretch s's word ids are tokens[tokenStart[s] … tokenStart[s + 1]). */
	private readonly tokenStart: Int32Array;
	private readonly tokens: Uint32Array;
	/** Word w's stretches (ascending, each once) are postings[postingStart[w] … postingStart[w + 1]), holding it postingCount times. */
	private readonly postingStart: Int32Array;
	private readonly postings: Int32Array;
	private readonly postingCount: Uint16Array;
	/** Per length L: words in stretches at least L long, over all stretches (what reading one that can share L words costs, on average). */
	private readonly readCost: Float64Array;
	// Scratch space for one check at a time (JavaScript runs one at a time), left as it was found.
	/** Per stretch: the last check that reached it, and the last that counted its shared words from the lists. */
	private readonly seen: Int32Array;
	private readonly counted: Int32Array;
	private readonly accumulated: Int32Array;
	/** The stretches the current check counted, in the order first counted. */
	private readonly touched: Int32Array;
	private check = 0;
	/** Per word: how often the wording being checked has it, and how often the current window (or stretch) does. */
	private readonly wanted: Int32Array;
	private readonly inWindow: Int32Array;

	private constructor(
		split: SplitTexts,
		private readonly strategy: Strategy,
	) {
		({ vocabulary: this.vocabulary, tokenStart: this.tokenStart, tokens: this.tokens } = split);
		const stretches = this.tokenStart.length - 1;
		({ start: this.postingStart, postings: this.postings, counts: this.postingCount } = invert(this.tokens, this.tokenStart, this.vocabulary.size));
		this.readCost = readCosts(this.tokenStart);
		this.seen = new Int32Array(stretches);
		this.counted = new Int32Array(stretches);
		this.accumulated = new Int32Array(stretches);
		this.touched = new Int32Array(stretches);
		this.wanted = new Int32Array(this.vocabulary.size);
		this.inWindow = new Int32Array(this.vocabulary.size);
	}

	/** The index of `texts` (each a stretch), built at once. */
	static of(texts: readonly string[], strategy: Strategy = 'auto'): WordingIndex {
		return drain(WordingIndex.inSteps(texts, strategy));
	}

	/**
	 * The same index built a few texts per step, for a caller that gives the event loop a turn
	 * between steps: an archive's paragraphs take 1.4–1.9 s to split, too long to hold a serving bot.
	 */
	static *inSteps(texts: readonly string[], strategy: Strategy = 'auto'): Steps<WordingIndex> {
		const split = new TextSplitter(texts.length);
		for (const [stretch, text] of texts.entries()) {
			split.add(stretch, text);
			if (stretch % TEXTS_PER_STEP === TEXTS_PER_STEP - 1) yield;
		}
		return new WordingIndex(split.done(), strategy);
	}

	/** Stretch `stretch`'s words, as `matchWords` gives them. */
	wordsOf(stretch: number): string[] {
		const words: string[] = [];
		for (let at = this.tokenStart[stretch] ?? 0; at < (this.tokenStart[stretch + 1] ?? 0); at++) words.push(this.vocabulary.words[this.tokens[at] ?? 0] ?? '');
		return words;
	}

	/** Stretches (ascending) that hold `checked` as consecutive words (`containsWords`); only those with its rarest word are read. */
	exact(checked: readonly string[]): number[] {
		const needle: number[] = [];
		for (const word of checked) {
			const id = this.vocabulary.find(word);
			if (id === undefined) return [];
			needle.push(id);
		}
		if (needle.length === 0) return [];
		const rarest = needle.reduce((best, id) => (this.postingLength(id) < this.postingLength(best) ? id : best));
		const found: number[] = [];
		for (let at = this.postingStart[rarest] ?? 0; at < (this.postingStart[rarest + 1] ?? 0); at++) {
			const stretch = this.postings[at] ?? 0;
			if (this.contains(stretch, needle)) found.push(stretch);
		}
		return found;
	}

	/**
	 * Every stretch sharing at least `needed` of the checked words (each counted at most as often as
	 * the wording has it) that `search` still finds useful, with its best window, most-shared first.
	 *
	 * A stretch sharing at least t words holds one of the rarest words that together make up more
	 * than n − t of the wording (else it misses too many), so the stretches sharing t are all among
	 * those words' stretches. Level by level, from t = n down to `needed`, only those are read; the
	 * search stops as soon as a stretch sharing t could no longer change the answer, before it
	 * reads the commoner words' (long) lists. When those lists must be read after all (a long
	 * misquote of common words), their stretches are too many to read one by one: the words are
	 * counted from the lists instead, and only stretches counted high enough are read (`countFrom`).
	 */
	closest(checked: readonly string[], needed: number, search: CloseSearch): void {
		const wording = this.prepare(checked);
		for (const [word, count] of wording.counts) this.wanted[word] = count;
		try {
			this.byLevel(wording, needed, search);
		} finally {
			for (const word of wording.counts.keys()) this.wanted[word] = 0;
		}
	}

	private byLevel(wording: Checked, needed: number, search: CloseSearch): void {
		const rarestFirst = [...wording.counts].sort((a, b) => this.postingLength(a[0]) - this.postingLength(b[0]));
		const byShared: number[][] = Array.from({ length: wording.length + 1 }, () => []);
		this.check++;
		// Shared words are counted in each stretch reached, until reading the next word's stretches
		// would cost more than counting from the lists (see `countFrom`): then the rest come from those.
		const reading = this.readCost[Math.min(needed, this.readCost.length - 1)] ?? 0;
		let counts: Counted | null = null;
		let covered = wording.unknown;
		let next = 0;
		for (let level = wording.length; level >= Math.max(1, needed); level--) {
			if (!search.useful(level, -1)) return;
			for (; !counts && next < rarestFirst.length && covered < wording.length - level + 1; next++) {
				const [word, count] = rarestFirst[next] ?? [0, 0];
				if (this.strategy === 'count' || (this.strategy === 'auto' && this.postingLength(word) * reading > this.listsToCover(rarestFirst, next, covered, wording.length - needed + 1))) {
					counts = this.countFrom(rarestFirst, next, covered, wording.length, needed, reading);
					break;
				}
				this.reach(word, needed, byShared);
				covered += count;
			}
			if (counts) this.release(counts, level, needed, byShared);
			for (const stretch of byShared[level] ?? []) {
				// No window shares more than the widest one does, so one slide at that width says whether the rest are worth it.
				if (!search.useful(level, stretch) || !search.useful(this.widestShared(stretch, wording.length), stretch)) continue;
				const window = this.slide(stretch, wording.length);
				if (window) search.found(stretch, window);
			}
		}
	}

	/** Files each stretch of `word` not reached before under how many checked words it shares (when that is enough). */
	private reach(word: number, needed: number, byShared: number[][]): void {
		for (let at = this.postingStart[word] ?? 0; at < (this.postingStart[word + 1] ?? 0); at++) {
			const stretch = this.postings[at] ?? 0;
			if (this.seen[stretch] === this.check) continue;
			this.seen[stretch] = this.check;
			// A stretch shorter than `needed` words cannot share that many: not read at all.
			if (this.lengthOf(stretch) < needed) continue;
			const shared = this.shared(stretch);
			if (shared >= needed) byShared[shared]?.push(stretch);
		}
	}

	/** The postings of words `from` onwards (rarest first) that must be read before they cover `cover` checked words. */
	private listsToCover(rarestFirst: ReadonlyArray<readonly [number, number]>, from: number, covered: number, cover: number): number {
		let total = 0;
		for (let at = from; at < rarestFirst.length && covered < cover; at++) {
			const [word, count] = rarestFirst[at] ?? [0, 0];
			total += this.postingLength(word);
			covered += count;
		}
		return total;
	}

	/**
	 * Counts, from the lists of the checked words `from` onwards (rarest first), how many of them
	 * each stretch not reached yet holds. A stretch sharing `needed` words holds one of the words
	 * up to the point where they cover more than n − needed of the wording (it holds none of the
	 * words reached already): those stretches are the candidates, and later lists only add to
	 * their counts, while a list is shorter than reading the candidates it could rule out. A
	 * stretch holding `count` of the counted words shares at most `count + rest` (`rest`: the
	 * checked words whose lists were not counted), so only those with count ≥ level − rest can
	 * share `level`, and only they are read. With every list counted, the counts are the shared
	 * words themselves and nothing is read.
	 */
	private countFrom(rarestFirst: ReadonlyArray<readonly [number, number]>, from: number, covered: number, n: number, needed: number, reading: number): Counted {
		const touched = { stretches: this.touched, length: 0 };
		const tally = new Int32Array(n + 1);
		const cover = n - needed + 1;
		for (let at = from; at < rarestFirst.length; at++) {
			const [word, wanted] = rarestFirst[at] ?? [0, 0];
			if (covered < cover) this.count(word, wanted, touched, tally);
			else if (this.postingLength(word) < reading * candidatesAbove(tally, needed - (n - covered))) this.countMore(word, wanted, tally);
			else break;
			covered += wanted;
		}
		return this.rankedByCount(touched, tally, n - covered, needed);
	}

	/**
	 * Adds a checked word's share (at most as often as the wording has it) to each stretch holding
	 * it, and makes it a candidate. Stretches reached already, or too short, are counted too
	 * (skipping them here would cost more than it saves) and passed over when released.
	 */
	private count(word: number, wanted: number, touched: Touched, tally: Int32Array): void {
		const { postings, postingCount, counted, accumulated, check } = this;
		const list = touched.stretches;
		const end = this.postingStart[word + 1] ?? 0;
		for (let at = this.postingStart[word] ?? 0; at < end; at++) {
			const stretch = postings[at] ?? 0;
			const share = Math.min(wanted, postingCount[at] ?? 0);
			let total = share;
			if (counted[stretch] === check) {
				const before = accumulated[stretch] ?? 0;
				tally[before] = (tally[before] ?? 0) - 1;
				total += before;
			} else {
				counted[stretch] = check;
				list[touched.length++] = stretch;
			}
			accumulated[stretch] = total;
			tally[total] = (tally[total] ?? 0) + 1;
		}
	}

	/** As `count`, for the candidates only: a stretch holding none of the words counted before cannot share enough. */
	private countMore(word: number, wanted: number, tally: Int32Array): void {
		const { postings, postingCount, counted, accumulated, check } = this;
		const end = this.postingStart[word + 1] ?? 0;
		for (let at = this.postingStart[word] ?? 0; at < end; at++) {
			const stretch = postings[at] ?? 0;
			if (counted[stretch] !== check) continue;
			const before = accumulated[stretch] ?? 0;
			const total = before + Math.min(wanted, postingCount[at] ?? 0);
			tally[before] = (tally[before] ?? 0) - 1;
			accumulated[stretch] = total;
			tally[total] = (tally[total] ?? 0) + 1;
		}
	}

	/** The counted stretches that could share `needed` words, highest count first (a counting sort). */
	private rankedByCount(touched: Touched, tally: Int32Array, rest: number, needed: number): Counted {
		const lowest = Math.max(1, needed - rest);
		const next = new Int32Array(tally.length);
		let total = 0;
		for (let count = tally.length - 1; count >= lowest; count--) {
			next[count] = total;
			total += tally[count] ?? 0;
		}
		const order = new Int32Array(total);
		for (let at = 0; at < touched.length; at++) {
			const stretch = touched.stretches[at] ?? 0;
			const count = this.accumulated[stretch] ?? 0;
			if (count < lowest) continue;
			order[next[count] ?? 0] = stretch;
			next[count] = (next[count] ?? 0) + 1;
		}
		return { order, rest, released: 0 };
	}

	/** Reads (or, with every list counted, takes from the counts) the shared words of each counted stretch that could share `level`, and files it. */
	private release(counts: Counted, level: number, needed: number, byShared: number[][]): void {
		const { order, rest } = counts;
		for (; counts.released < order.length; counts.released++) {
			const stretch = order[counts.released] ?? 0;
			const count = this.accumulated[stretch] ?? 0;
			if (count < level - rest) return;
			if (this.seen[stretch] === this.check || this.lengthOf(stretch) < needed) continue;
			this.seen[stretch] = this.check;
			// Reached at the first level it could share: its shared words are at most count + rest, which is at most this level.
			const shared = rest === 0 ? count : this.shared(stretch);
			if (shared >= needed) byShared[shared]?.push(stretch);
		}
	}

	private lengthOf(stretch: number): number {
		return (this.tokenStart[stretch + 1] ?? 0) - (this.tokenStart[stretch] ?? 0);
	}

	/** Checked words the stretch holds, each counted at most as often as the wording has it (`mostInWindow` over the whole stretch, unrolled: it is read for thousands of stretches). */
	private shared(stretch: number): number {
		const { tokens, wanted, inWindow } = this;
		const from = this.tokenStart[stretch] ?? 0;
		const to = this.tokenStart[stretch + 1] ?? 0;
		let shared = 0;
		for (let at = from; at < to; at++) {
			const word = tokens[at] ?? 0;
			const count = inWindow[word] ?? 0;
			if (count < (wanted[word] ?? 0)) shared++;
			inWindow[word] = count + 1;
		}
		for (let at = from; at < to; at++) inWindow[tokens[at] ?? 0] = 0;
		return shared;
	}

	/** The most checked words any window of the widest length (n + 2, or the whole stretch) shares. */
	private widestShared(stretch: number, n: number): number {
		const from = this.tokenStart[stretch] ?? 0;
		const length = (this.tokenStart[stretch + 1] ?? 0) - from;
		return this.mostInWindow(from, length, Math.min(length, n + 2));
	}

	/**
	 * The most checked words shared by a window of `size` words sliding over tokens[from … from + length),
	 * with running counts: a word counts while the window holds no more of it than the wording does.
	 */
	private mostInWindow(from: number, length: number, size: number): number {
		let most = 0;
		this.slideWindow(from, length, size, (shared) => {
			if (shared > most) most = shared;
		});
		return most;
	}

	/**
	 * The stretch of the source, about as long as the checked wording, sharing the most words with
	 * it: shared words over the longer of the two, so a window that drops a differing word does not
	 * win. Lengths n, n − 1, n + 1, n − 2, n + 2 in that order, each slid along the stretch; the
	 * first best window wins.
	 */
	private slide(stretch: number, n: number): Window | null {
		const from = this.tokenStart[stretch] ?? 0;
		const length = (this.tokenStart[stretch + 1] ?? 0) - from;
		let best: Window | null = null;
		const sizes = [0, -1, 1, -2, 2].map((delta) => Math.min(length, n + delta)).filter((size, index, all) => size > 0 && all.indexOf(size) === index);
		for (const size of sizes) {
			this.slideWindow(from, length, size, (shared, start) => {
				const score = windowScore(shared, size, n);
				if (!best || score > best.score) best = { score, start, size };
			});
		}
		return best;
	}

	/**
	 * Slides a window of `size` words over tokens[from … from + length), telling `each` how many
	 * checked words every full window shares (and where it starts), and leaves the counts at zero.
	 */
	private slideWindow(from: number, length: number, size: number, each: (shared: number, start: number) => void): void {
		const { tokens, wanted, inWindow } = this;
		let shared = 0;
		for (let at = 0; at < length; at++) {
			const entering = tokens[from + at] ?? 0;
			const count = inWindow[entering] ?? 0;
			inWindow[entering] = count + 1;
			if (count < (wanted[entering] ?? 0)) shared++;
			if (at >= size) {
				const leaving = tokens[from + at - size] ?? 0;
				const left = (inWindow[leaving] ?? 0) - 1;
				inWindow[leaving] = left;
				if (left < (wanted[leaving] ?? 0)) shared--;
			}
			if (at >= size - 1) each(shared, at - size + 1);
		}
		for (let at = Math.max(0, length - size); at < length; at++) {
			const word = tokens[from + at] ?? 0;
			inWindow[word] = (inWindow[word] ?? 0) - 1;
		}
	}

	private prepare(checked: readonly string[]): Checked {
		const counts = new Map<number, number>();
		let unknown = 0;
		for (const word of checked) {
			const id = this.vocabulary.find(word);
			if (id === undefined) unknown++;
			else counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		return { length: checked.length, counts, unknown };
	}

	private contains(stretch: number, needle: readonly number[]): boolean {
		const from = this.tokenStart[stretch] ?? 0;
		const to = this.tokenStart[stretch + 1] ?? 0;
		for (let at = from; at + needle.length <= to; at++) {
			let matched = 0;
			while (matched < needle.length && this.tokens[at + matched] === needle[matched]) matched++;
			if (matched === needle.length) return true;
		}
		return false;
	}

	private postingLength(word: number): number {
		return (this.postingStart[word + 1] ?? 0) - (this.postingStart[word] ?? 0);
	}
}

/** See `WordingIndex.readCost`. */
function readCosts(tokenStart: Int32Array): Float64Array {
	const stretches = tokenStart.length - 1;
	let longest = 0;
	for (let stretch = 0; stretch < stretches; stretch++) longest = Math.max(longest, (tokenStart[stretch + 1] ?? 0) - (tokenStart[stretch] ?? 0));
	const words = new Float64Array(longest + 2);
	for (let stretch = 0; stretch < stretches; stretch++) {
		const length = (tokenStart[stretch + 1] ?? 0) - (tokenStart[stretch] ?? 0);
		words[length] = (words[length] ?? 0) + length;
	}
	for (let length = longest; length >= 0; length--) words[length] = (words[length] ?? 0) + (words[length + 1] ?? 0);
	return words.map((total) => total / Math.max(1, stretches));
}

/** Each word's stretches (ascending, each once) with how often it occurs there, packed into flat arrays. */
function invert(tokens: Uint32Array, tokenStart: Int32Array, vocabularySize: number): { start: Int32Array; postings: Int32Array; counts: Uint16Array } {
	const stretches = tokenStart.length - 1;
	const last = new Int32Array(vocabularySize).fill(-1);
	const start = new Int32Array(vocabularySize + 1);
	for (let stretch = 0; stretch < stretches; stretch++) {
		for (let at = tokenStart[stretch] ?? 0; at < (tokenStart[stretch + 1] ?? 0); at++) {
			const word = tokens[at] ?? 0;
			if (last[word] === stretch) continue;
			last[word] = stretch;
			start[word + 1] = (start[word + 1] ?? 0) + 1;
		}
	}
	for (let word = 1; word <= vocabularySize; word++) start[word] = (start[word] ?? 0) + (start[word - 1] ?? 0);
	const postings = new Int32Array(start[vocabularySize] ?? 0);
	const counts = new Uint16Array(postings.length);
	const next = start.slice(0, vocabularySize);
	last.fill(-1);
	for (let stretch = 0; stretch < stretches; stretch++) {
		for (let at = tokenStart[stretch] ?? 0; at < (tokenStart[stretch + 1] ?? 0); at++) {
			const word = tokens[at] ?? 0;
			if (last[word] !== stretch) {
				last[word] = stretch;
				postings[next[word] ?? 0] = stretch;
				next[word] = (next[word] ?? 0) + 1;
			}
			const slot = (next[word] ?? 1) - 1;
			// Capped; a wording is at most 200 words, so no count it is compared with comes near.
			counts[slot] = Math.min(65_535, (counts[slot] ?? 0) + 1);
		}
	}
	return { start, postings, counts };
}
