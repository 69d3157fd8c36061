// The same quote reported by several articles is one quote with several citations. Shorter
// quotes are grouped first, so a longer quote that strings two of them together is cited under
// each rather than swallowing both.

import type { Quote, QuoteOccurrence } from './types.js';
import { matchWordSpans } from './text.js';
import { SpanTable } from '../corpus/span-table.js';
import { drain, stepDue, type Steps } from '../corpus/slices.js';

const SIMILAR = 0.85;
/** A short phrase found inside a longer quote is the same quote only if it is this long, or the speaker agrees. */
const MIN_CONTAINED_WORDS = 4;
/** …or, shorter still, at least this share of the longer quote's words (`deeply proud` in `deeply proud of this campaign`). */
const SHORT_PHRASE_SHARE = 0.4;

interface Group {
	/** Position in creation order: a scan over every group finds the lowest match first. */
	id: number;
	speakerId: string | null;
	occurrences: QuoteOccurrence[];
	/** Every filed wording, so each has its ranks (see GroupIndex.ranksOf). */
	wordings: Wording[];
	/** The first of the longest wordings (what `sameQuote` compares with). */
	longest: Wording;
}

interface Item {
	occurrence: QuoteOccurrence;
	wording: Wording;
	order: number;
}

export function dedupeQuotes(occurrences: readonly QuoteOccurrence[]): Quote[] {
	return drain(dedupeQuotesSteps(occurrences));
}

/** `dedupeQuotes` in steps (see Steps). */
export function* dedupeQuotesSteps(occurrences: readonly QuoteOccurrence[]): Steps<Quote[]> {
	const words = new WordCache();
	const items: Item[] = [];
	for (const [order, occurrence] of occurrences.entries()) {
		if (stepDue(order + 1)) yield;
		items.push({ occurrence, wording: words.of(occurrence.text), order });
	}
	const sorted = [...items].sort((a, b) => a.wording.ids.length - b.wording.ids.length || a.order - b.order);
	const groups = new GroupIndex(
		items.map((item) => item.wording),
		words.vocabulary,
	);
	let handled = 0;
	for (const item of sorted) {
		if (stepDue(++handled)) yield;
		const pieces = coverBySentences(item, groups, words);
		if (pieces) {
			for (const piece of pieces) groups.join(piece.group, piece.occurrence, words.of(piece.occurrence.text));
			continue;
		}
		// Compare with each group's longest wording only: a short phrase must not glue two long quotes together.
		const whole = groups.first(groups.wholeCandidates(item.wording), (group) => compatible(group, item.occurrence) && sameQuote(groups, item.wording, group.longest, group, item.occurrence));
		if (whole) {
			groups.join(whole, item.occurrence, item.wording);
			continue;
		}
		groups.create(item.occurrence, item.wording);
	}
	const articleRank = new Map<string, number>();
	for (const occurrence of occurrences) if (!articleRank.has(occurrence.articleId)) articleRank.set(occurrence.articleId, articleRank.size);
	const position = (occurrence: QuoteOccurrence): number => (articleRank.get(occurrence.articleId) ?? 0) * 1e9 + occurrence.paragraph * 1e5 + occurrence.start;
	const ordered = groups.all.map((group) => ({ group, first: firstPosition(group, position) })).sort((a, b) => a.first - b.first);
	const quotes: Quote[] = [];
	for (const { group } of ordered) {
		if (stepDue(quotes.length + 1)) yield;
		quotes.push(toQuote(`q${quotes.length + 1}`, group, position, words));
	}
	return quotes;
}

/** A text's words as numbers: ids in one vocabulary (WordCache), and ranks once ranked. */
interface Wording {
	ids: Int32Array;
	/** The words' ranks, rarest first (see GroupIndex); worked out on first use. */
	ranked?: Int32Array;
}

/**
 * `matchWords` once per distinct text in one deduplication (a quote's text is read for grouping,
 * for its sentences and for its variants), each word numbered once: the indexes then work on
 * numbers, not strings. Equal texts share one wording; nothing changes its arrays.
 */
class WordCache {
	/**
	 * Numbers words (`SpanTable`), looking each up where it stands in the text: quotes hold 1.7
	 * million words at 10,000 articles and 52,000 distinct ones, and a string and a Map look-up per
	 * word took about a sixth of deduplication's time in a profile.
	 */
	private readonly ids = new SpanTable();
	private readonly byText = new Map<string, Wording>();

	/** Word by id. */
	get vocabulary(): readonly string[] {
		return this.ids.words;
	}

	/** The wording of `text`; kept for the next time unless `keep` is false. */
	of(text: string, keep = true): Wording {
		let wording = this.byText.get(text);
		if (!wording) {
			const { folded, spans } = matchWordSpans(text);
			// Numbers only: a list of the words as strings per wording (80,000 lists at 10,000
			// articles) was more for each garbage collection to walk, and only its length was read.
			const ids = new Int32Array(spans.length / 2);
			for (let index = 0; index < ids.length; index++) ids[index] = this.ids.idOf(folded, spans[2 * index] ?? 0, spans[2 * index + 1] ?? 0);
			wording = { ids };
			if (keep) this.byText.set(text, wording);
		}
		return wording;
	}

	/** The words of `text` as `matchWords` gives them, joined by spaces: equal for texts that differ only in case, punctuation or spacing. */
	folded(text: string): string {
		return Array.from(this.of(text).ids, (id) => this.ids.words[id] ?? '').join(' ');
	}
}

/** A loop, not Math.min(...spread): a much-repeated quote may have more occurrences than a call takes arguments. */
function firstPosition(group: Group, position: (occurrence: QuoteOccurrence) => number): number {
	let first = Number.POSITIVE_INFINITY;
	for (const occurrence of group.occurrences) first = Math.min(first, position(occurrence));
	return first;
}

/**
 * The groups, with word indexes that find every group a wording could match without comparing
 * it with all of them (which made deduplication quadratic in the corpus):
 * - Similar wordings (Dice ≥ SIMILAR) share at least ⌈SIMILAR·n/(2−SIMILAR)⌉ of the n words of
 *   either side, so (prefix filtering) they share a word among the rarest n − that + 1 words of
 *   each side, in one fixed order of words; their lengths are within a factor SIMILAR/(2−SIMILAR)
 *   of each other; and (positional filtering) if the first word they share is the i-th of one
 *   and the j-th of the other, they share at most 1 + the fewer of the words after those. Groups
 *   are filed under those rarest words by the wording's length and the word's position, and a
 *   wording looks up its own rarest words at only the lengths and positions that pass both
 *   bounds (common words would otherwise make nearly every quote a candidate). A wording met
 *   again at a later shared word may pass where it failed before: that only adds candidates.
 * - A wording contained in another has all its words in it, including its rarest one. Groups are
 *   filed under each wording's rarest word (looked up with every word of a longer wording) and
 *   under every word (looked up with the rarest word of a shorter one).
 * Look-ups give a superset of the matching groups; each is then checked with the same test a full
 * scan used, lowest id first, so the first match is the one that scan found.
 */
class GroupIndex {
	readonly all: Group[] = [];
	/** Every bucket of group ids below, as lists in one pool: the indexes hold the lists' heads. */
	private readonly lists = new IdLists();
	/** By word (its rank): the wordings that have it among their rarest words (the prefix for similarity). */
	private readonly byPrefixWord: Array<PrefixPostings | undefined> = [];
	/** By word (its rank) → groups with a wording whose single rarest word it is. */
	private readonly byRarestWord: Heads = [];
	/** By word (its rank) → groups with a wording that contains it. */
	private readonly byAnyWord: Heads = [];
	/**
	 * A fixed order of words, by id: rarest (in fewest quotes) first, ties by spelling; words first
	 * seen later (-1 until then) go last, in the order they are met.
	 */
	private rankOfId: Int32Array;
	private nextRank = 0;
	/** Reused for every look-up (each is read before the next starts). */
	private readonly found = new CandidateSet();

	constructor(wordings: readonly Wording[], vocabulary: readonly string[]) {
		// How many wordings use each word; `last` counts a word once per wording.
		const quotes = new Int32Array(vocabulary.length);
		const last = new Int32Array(vocabulary.length).fill(-1);
		wordings.forEach((wording, index) => {
			for (const id of wording.ids) {
				if (last[id] === index) continue;
				last[id] = index;
				quotes[id] = (quotes[id] ?? 0) + 1;
			}
		});
		const used: number[] = [];
		for (let id = 0; id < vocabulary.length; id++) if ((quotes[id] ?? 0) > 0) used.push(id);
		const spelling = (id: number): string => vocabulary[id] ?? '';
		used.sort((a, b) => (quotes[a] ?? 0) - (quotes[b] ?? 0) || (spelling(a) < spelling(b) ? -1 : spelling(a) > spelling(b) ? 1 : 0));
		this.rankOfId = new Int32Array(vocabulary.length).fill(-1);
		for (const id of used) this.rankOfId[id] = this.nextRank++;
		// Dense arrays (no holes) keep look-ups by rank fast; later words extend them one by one.
		for (let rank = 0; rank < this.nextRank; rank++) {
			this.byPrefixWord.push(undefined);
			this.byRarestWord.push(undefined);
			this.byAnyWord.push(undefined);
		}
	}

	create(occurrence: QuoteOccurrence, wording: Wording): void {
		const group: Group = { id: this.all.length, speakerId: occurrence.speakerId, occurrences: [occurrence], wordings: [wording], longest: wording };
		this.all.push(group);
		this.file(group, wording);
	}

	join(group: Group, occurrence: QuoteOccurrence, wording: Wording): void {
		group.occurrences.push(occurrence);
		group.wordings.push(wording);
		if (wording.ids.length > group.longest.ids.length) group.longest = wording;
		group.speakerId ??= occurrence.speakerId;
		this.file(group, wording);
	}

	/** Groups whose longest wording may be similar to `wording`, or contain or be contained in it. */
	wholeCandidates(wording: Wording): readonly number[] {
		const found = this.found.start();
		this.collectSimilarOrContaining(wording, found);
		// Every word, not only the rarest: a shorter wording inside this one is filed under its own rarest word.
		for (const rank of this.ranksOf(wording)) this.lists.addAll(this.byRarestWord[rank], found);
		return found.sorted();
	}

	/** Groups with a wording that may be similar to `wording` or contain it. */
	sentenceCandidates(wording: Wording): readonly number[] {
		const found = this.found.start();
		this.collectSimilarOrContaining(wording, found);
		return found.sorted();
	}

	private collectSimilarOrContaining(wording: Wording, found: CandidateSet): void {
		const words = wording.ids;
		const ranked = this.ranksOf(wording);
		const prefix = Math.min(prefixLength(words.length), ranked.length);
		const [shortest, longest] = similarLengths(words.length);
		for (let index = 0; index < prefix; index++) {
			const rank = ranked[index] ?? 0;
			if (index > 0 && ranked[index - 1] === rank) continue;
			// Sharing this word first leaves at most the words from here on to share: longer wordings
			// fall short sooner, and once the shortest does, so do all later words.
			if (!mayBeSimilar(words.length - index, words.length, shortest)) break;
			const postings = this.byPrefixWord[rank];
			if (!postings) continue;
			// Longer wordings leave a smaller share: the first length that cannot reach SIMILAR ends it.
			for (let at = firstLengthAtLeast(postings, shortest); at < postings.length; at += 2) {
				const length = postings[at] ?? 0;
				if (length > longest || !mayBeSimilar(words.length - index, words.length, length)) break;
				this.lists.addSimilar(postings[at + 1], index, words.length, length, found);
			}
		}
		if (ranked.length > 0) this.lists.addAll(this.byAnyWord[ranked[0] ?? 0], found);
	}

	/** The lowest-id candidate that passes `test`. */
	first(candidates: readonly number[], test: (group: Group) => boolean): Group | undefined {
		for (const id of candidates) {
			const group = this.all[id];
			if (group && test(group)) return group;
		}
		return undefined;
	}

	private file(group: Group, wording: Wording): void {
		const words = wording.ids;
		const ranked = this.ranksOf(wording);
		const prefix = Math.min(prefixLength(words.length), ranked.length);
		for (let index = 0; index < prefix; index++) {
			const rank = ranked[index] ?? 0;
			if (index > 0 && ranked[index - 1] === rank) continue;
			const postings = this.byPrefixWord[rank] ?? [];
			this.byPrefixWord[rank] = postings;
			const at = lengthAt(postings, words.length);
			postings[at + 1] = this.lists.prepend(postings[at + 1], group.id, index);
		}
		if (ranked.length > 0) this.lists.fileUnder(this.byRarestWord, ranked[0] ?? 0, group.id);
		for (const rank of ranked) this.lists.fileUnder(this.byAnyWord, rank, group.id);
	}

	/** The wording's words as ranks in the fixed order, rarest first (repeats kept: wordings are multisets). */
	ranksOf(wording: Wording): Int32Array {
		if (!wording.ranked) {
			const ranked = new Int32Array(wording.ids.length);
			for (let index = 0; index < ranked.length; index++) ranked[index] = this.rankOf(wording.ids[index] ?? 0);
			wording.ranked = ranked.sort();
		}
		return wording.ranked;
	}

	private rankOf(id: number): number {
		if (id >= this.rankOfId.length) {
			const grown = new Int32Array(Math.max(id + 1, this.rankOfId.length * 2)).fill(-1);
			grown.set(this.rankOfId);
			this.rankOfId = grown;
		}
		let rank = this.rankOfId[id] ?? -1;
		if (rank < 0) {
			rank = this.nextRank++;
			this.rankOfId[id] = rank;
		}
		return rank;
	}
}

/**
 * One word's prefix postings: the lengths of the wordings filed under it, in increasing order,
 * each followed by the head of its list (in the IdLists pool, -1 for none) of the groups with the
 * word's position in the wording. Sorted lengths let a look-up start at the shortest length that
 * could match and stop at the first that cannot, whatever the number of lengths a common word
 * collects. Pairs in one plain array rather than an object with an array of lengths and one of
 * heads: a look-up visits close to a million postings per deduplication, and each was five
 * reads from far-apart places in memory, now two.
 */
type PrefixPostings = number[];

/** Index in `postings` of the first length ≥ `length` (binary search over the pairs). */
function firstLengthAtLeast(postings: PrefixPostings, length: number): number {
	let low = 0;
	let high = postings.length / 2;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((postings[2 * middle] ?? 0) < length) low = middle + 1;
		else high = middle;
	}
	return 2 * low;
}

/** Index in `postings` of the pair for wordings of `length` words, made (with an empty list) when first needed. */
function lengthAt(postings: PrefixPostings, length: number): number {
	const at = firstLengthAtLeast(postings, length);
	if (postings[at] !== length) postings.splice(at, 0, length, -1);
	return at;
}

/**
 * Group ids gathered by one look-up, each once. A stamp per id marks the look-up that last took
 * it, so no set is built per look-up (there is one or more per quote).
 */
class CandidateSet {
	private stamps = new Int32Array(1024);
	private lookUp = 0;
	private readonly ids: number[] = [];

	start(): this {
		this.lookUp++;
		this.ids.length = 0;
		return this;
	}

	add(id: number): void {
		if (id >= this.stamps.length) this.grow(id);
		if (this.stamps[id] === this.lookUp) return;
		this.stamps[id] = this.lookUp;
		this.ids.push(id);
	}

	/** The ids, lowest first (the order a scan over all groups would meet them). */
	sorted(): readonly number[] {
		const ids = this.ids;
		// A look-up gathers a handful of ids: sorted in place by insertion, which for so few costs far
		// less than a call of `sort` with a comparator (one or two per quote). Ids are distinct, so
		// the order is the same.
		if (ids.length > 32) return ids.sort((a, b) => a - b);
		for (let index = 1; index < ids.length; index++) {
			const id = ids[index] ?? 0;
			let at = index;
			while (at > 0 && (ids[at - 1] ?? 0) > id) {
				ids[at] = ids[at - 1] ?? 0;
				at--;
			}
			ids[at] = id;
		}
		return ids;
	}

	private grow(id: number): void {
		const stamps = new Int32Array(Math.max(id + 1, this.stamps.length * 2));
		stamps.set(this.stamps);
		this.stamps = stamps;
	}
}

/** An index's buckets by key: each the head of a list in an IdLists pool, or a hole for none. */
type Heads = Array<number | undefined>;

/** Numbers per IdLists entry: its three fields, and one unused so that no entry straddles two cache lines. */
const ENTRY_SIZE = 4;

/**
 * Buckets of group ids as linked lists in typed arrays. An array per bucket cost far more: there
 * are hundreds of thousands of buckets, most holding one or two ids, and a JS array's first growth
 * gives it room for 17; their allocation and copying was most of deduplication's garbage
 * collection. A list is read newest first; readers only gather ids into a CandidateSet, which
 * sorts them, so the order within a bucket never mattered.
 */
class IdLists {
	/**
	 * Entry by entry, ENTRY_SIZE numbers: the group id; the word's position in the wording, for
	 * prefix postings (0 elsewhere); and the entry after it (older), or -1 at a list's end. One
	 * array, not one per field: a list's entries lie far apart in it, and walking them (millions
	 * of steps per deduplication) then reads one place per entry rather than three.
	 */
	private entries = new Int32Array(ENTRY_SIZE << 16);
	private size = 0;

	/** Files a group id under `key`, once even when a wording repeats the word. */
	fileUnder(index: Heads, key: number, id: number): void {
		index[key] = this.prepend(index[key], id, 0);
	}

	/** The list starting at `head` with (id, position) added unless it is already the newest entry; its new head. */
	prepend(head: number | undefined, id: number, position: number): number {
		const old = head ?? -1;
		if (old >= 0 && this.entries[old * ENTRY_SIZE] === id && this.entries[old * ENTRY_SIZE + 1] === position) return old;
		if (this.size * ENTRY_SIZE === this.entries.length) this.entries = grown(this.entries);
		const entry = this.size++;
		this.entries[entry * ENTRY_SIZE] = id;
		this.entries[entry * ENTRY_SIZE + 1] = position;
		this.entries[entry * ENTRY_SIZE + 2] = old;
		return entry;
	}

	/** Adds every id in the list starting at `head` to `found`. */
	addAll(head: number | undefined, found: CandidateSet): void {
		for (let entry = head ?? -1; entry >= 0; entry = this.entries[entry * ENTRY_SIZE + 2] ?? -1) found.add(this.entries[entry * ENTRY_SIZE] ?? 0);
	}

	/**
	 * Adds, from a prefix list of wordings of `length` words, the groups that could still be
	 * similar to a wording of `queryLength` words whose `index`-th rarest word is the one they share
	 * first: the two share at most 1 + the fewer of the words after those positions.
	 */
	addSimilar(head: number | undefined, index: number, queryLength: number, length: number, found: CandidateSet): void {
		// `mayBeSimilar` grows with the words shared, so the test comes down to one bound on the
		// position, worked out once per list rather than once per entry.
		const lastPosition = length - fewestSharedToBeSimilar(queryLength - index, queryLength, length);
		for (let entry = head ?? -1; entry >= 0; entry = this.entries[entry * ENTRY_SIZE + 2] ?? -1) {
			if ((this.entries[entry * ENTRY_SIZE + 1] ?? 0) <= lastPosition) found.add(this.entries[entry * ENTRY_SIZE] ?? 0);
		}
	}
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
	const larger = new Int32Array(array.length * 2);
	larger.set(array);
	return larger;
}

/**
 * How many of a wording's rarest words two similar wordings must share one of. Dice ≥ SIMILAR
 * means at least SIMILAR·n/(2−SIMILAR) shared words; rounding that down (and never below one)
 * only lengthens the prefix, which can add candidates but never lose one.
 */
function prefixLength(length: number): number {
	const shared = Math.max(1, Math.floor((SIMILAR * length) / (2 - SIMILAR)));
	return Math.max(1, length - shared + 1);
}

/**
 * Whether two wordings of these lengths sharing at most `shared` words could reach SIMILAR.
 * The margin only ever keeps a candidate that floating point might round either way.
 */
function mayBeSimilar(shared: number, length: number, otherLength: number): boolean {
	return (2 * shared) / (length + otherLength) >= SIMILAR - 1e-9;
}

/**
 * The fewest shared words, at most `most`, with which `mayBeSimilar` holds for these lengths
 * (callers know it holds for `most`). An entry at `position` of a wording of `length` words shares
 * at most min(most, length − position) words, so it passes exactly when position ≤ length − this.
 */
function fewestSharedToBeSimilar(most: number, length: number, otherLength: number): number {
	let fewest = most;
	while (fewest > 1 && mayBeSimilar(fewest - 1, length, otherLength)) fewest--;
	return fewest;
}

/**
 * The wording lengths that can be similar to a wording of `length` words: Dice ≥ SIMILAR needs
 * each length to be at least SIMILAR/(2−SIMILAR) of the other. One word of slack each way keeps
 * floating-point rounding from ever excluding a match.
 */
function similarLengths(length: number): [number, number] {
	const ratio = SIMILAR / (2 - SIMILAR);
	return [Math.max(0, Math.floor(length * ratio) - 1), Math.ceil(length / ratio) + 1];
}

function compatible(group: Group, occurrence: QuoteOccurrence): boolean {
	return group.speakerId === null || occurrence.speakerId === null || group.speakerId === occurrence.speakerId;
}

function sameQuote(groups: GroupIndex, own: Wording, wording: Wording, group: Group, occurrence: QuoteOccurrence): boolean {
	if (similarity(groups.ranksOf(own), groups.ranksOf(wording)) >= SIMILAR) return true;
	const shorter = own.ids.length <= wording.ids.length ? own.ids : wording.ids;
	const longer = shorter === own.ids ? wording.ids : own.ids;
	if (!containsRun(longer, shorter)) return false;
	const sameSpeaker = group.speakerId !== null && group.speakerId === occurrence.speakerId;
	return shorter.length >= MIN_CONTAINED_WORDS || (sameSpeaker && shorter.length >= longer.length * SHORT_PHRASE_SHARE);
}

/**
 * `wordSimilarity` (text.ts) of two wordings, from their ranks: ranks stand one for one for words,
 * and sorted they give the shared words (the multisets' intersection, what its counting map finds)
 * by one merge, with no map and no strings. There are half a million comparisons at 10,000
 * articles; with a map each (and two joined strings for `containsWords`) they took about a tenth
 * of deduplication's time.
 */
function similarity(a: Int32Array, b: Int32Array): number {
	if (a.length === 0 || b.length === 0) return 0;
	let shared = 0;
	let inA = 0;
	let inB = 0;
	while (inA < a.length && inB < b.length) {
		const left = a[inA] ?? 0;
		const right = b[inB] ?? 0;
		if (left === right) {
			shared++;
			inA++;
			inB++;
		} else if (left < right) {
			inA++;
		} else {
			inB++;
		}
	}
	return (2 * shared) / (a.length + b.length);
}

/**
 * `containsWords` (text.ts) on word ids: whether `needle` is a run of consecutive words of
 * `haystack`. Words hold no spaces, so the joined-string test it replaces matched exactly this.
 */
function containsRun(haystack: Int32Array, needle: Int32Array): boolean {
	if (needle.length === 0 || needle.length > haystack.length) return false;
	for (let start = 0; start + needle.length <= haystack.length; start++) {
		let at = 0;
		while (at < needle.length && haystack[start + at] === needle[at]) at++;
		if (at === needle.length) return true;
	}
	return false;
}

/**
 * A quote whose every sentence (of four words or more) is already a known quote is those
 * quotes again: each gets this occurrence, narrowed to the matching sentence. Sentences are read
 * one at a time and the first with no known quote ends the search: its answer is null however
 * many sentences follow, so the later ones need not be split into words.
 */
function coverBySentences(item: Item, groups: GroupIndex, cache: WordCache): Array<{ group: Group; occurrence: QuoteOccurrence }> | null {
	// One sentence (most partial quotes) is never two known quotes: no need to read its words.
	if (!hasTwoSentences(item.occurrence.text)) return null;
	const pieces: Array<{ group: Group; occurrence: QuoteOccurrence }> = [];
	let sentences = 0;
	for (const sentence of sentencesOf(item.occurrence.text)) {
		// Looked up, not kept: a sentence is usually read once, and only to be compared.
		const wording = cache.of(sentence.text, false);
		if (wording.ids.length < MIN_CONTAINED_WORDS) continue;
		sentences++;
		const candidates = groups.sentenceCandidates(wording);
		const ranks = groups.ranksOf(wording);
		const group = groups.first(
			candidates,
			(candidate) => compatible(candidate, item.occurrence) && candidate.wordings.some((known) => similarity(ranks, groups.ranksOf(known)) >= SIMILAR || containsRun(known.ids, wording.ids)),
		);
		if (!group) return null;
		const previous = pieces[pieces.length - 1];
		const end = sentence.offset + sentence.text.length;
		if (previous?.group === group) {
			// Consecutive sentences of one known quote stay one occurrence.
			const offset = previous.occurrence.start - item.occurrence.start;
			previous.occurrence = { ...previous.occurrence, text: item.occurrence.text.slice(offset, end), end: item.occurrence.start + end };
			continue;
		}
		pieces.push({ group, occurrence: { ...item.occurrence, text: sentence.text, start: item.occurrence.start + sentence.offset, end: item.occurrence.start + end } });
	}
	return sentences >= 2 ? pieces : null;
}

/**
 * Whether `sentencesOf` yields two sentences or more (of any length). Asked of every quote, so
 * its pieces (what the pattern of `sentencesOf` matches) are found by a scan of character codes instead.
 */
function hasTwoSentences(text: string): boolean {
	let count = 0;
	let start = 0;
	while (start < text.length) {
		// A piece never starts at a mark: only marks at the very start go unmatched.
		if (isSentenceMark(text.charCodeAt(start))) {
			start++;
			continue;
		}
		let end = start;
		while (end < text.length && !isSentenceMark(text.charCodeAt(end))) end++;
		while (end < text.length && isSentenceMark(text.charCodeAt(end))) end++;
		if (sentenceText(text.slice(start, end)) !== '' && ++count >= 2) return true;
		start = end;
	}
	return false;
}

/** `.`, `?` or `!`. */
function isSentenceMark(code: number): boolean {
	return code === 46 || code === 63 || code === 33;
}

/** A piece of a quote as a sentence: trimmed, without a trailing comma (empty for none). */
function sentenceText(raw: string): string {
	return raw.trim().replace(/,$/, '');
}

/** The quote's sentences, one at a time: the search usually stops at the first. */
function* sentencesOf(text: string): Generator<{ text: string; offset: number }> {
	for (const match of text.matchAll(/[^.?!]+[.?!]*/g)) {
		const raw = match[0];
		const lead = raw.length - raw.trimStart().length;
		const trimmed = sentenceText(raw);
		if (trimmed !== '') yield { text: trimmed, offset: match.index + lead };
	}
}

function toQuote(id: string, group: Group, position: (occurrence: QuoteOccurrence) => number, cache: WordCache): Quote {
	// Most quotes are cited once: then the quote is that occurrence, with no variants.
	const only = group.occurrences.length === 1 ? group.occurrences[0] : undefined;
	if (only) return { id, speakerId: group.speakerId, text: only.text, kind: only.kind === 'full' ? 'full' : 'partial', occurrences: [only], variants: [] };
	const occurrences = [...group.occurrences].sort((a, b) => position(a) - position(b) || a.start - b.start);
	const full = occurrences.filter((occurrence) => occurrence.kind === 'full');
	const main = full[0] ?? occurrences[0];
	const text = main?.text ?? '';
	const seen = new Set([cache.folded(text)]);
	const variants: string[] = [];
	for (const occurrence of occurrences) {
		const folded = cache.folded(occurrence.text);
		if (seen.has(folded)) continue;
		seen.add(folded);
		variants.push(occurrence.text);
	}
	return { id, speakerId: group.speakerId, text, kind: full.length > 0 ? 'full' : 'partial', occurrences, variants };
}
