// The same quote reported by several articles is one quote with several citations. Shorter
// quotes are grouped first, so a longer quote that strings two of them together is cited under
// each rather than swallowing both.

import type { Quote, QuoteOccurrence } from './types.js';
import { containsWords, matchWords, wordSimilarity } from './text.js';

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
	wordings: string[][];
	/** The first of the longest wordings (what `sameQuote` compares with). */
	longest: string[];
}

interface Item {
	occurrence: QuoteOccurrence;
	words: string[];
	order: number;
}

export function dedupeQuotes(occurrences: readonly QuoteOccurrence[]): Quote[] {
	const words = new WordCache();
	const items: Item[] = occurrences.map((occurrence, order) => ({ occurrence, words: words.of(occurrence.text), order }));
	const sorted = [...items].sort((a, b) => a.words.length - b.words.length || a.order - b.order);
	const groups = new GroupIndex(items.map((item) => item.words));
	for (const item of sorted) {
		const pieces = coverBySentences(item, groups, words);
		if (pieces) {
			for (const piece of pieces) groups.join(piece.group, piece.occurrence, words.of(piece.occurrence.text));
			continue;
		}
		// Compare with each group's longest wording only: a short phrase must not glue two long quotes together.
		const whole = groups.first(groups.wholeCandidates(item.words), (group) => compatible(group, item.occurrence) && sameQuote(item.words, group.longest, group, item.occurrence));
		if (whole) {
			groups.join(whole, item.occurrence, item.words);
			continue;
		}
		groups.create(item.occurrence, item.words);
	}
	const articleRank = new Map<string, number>();
	for (const occurrence of occurrences) if (!articleRank.has(occurrence.articleId)) articleRank.set(occurrence.articleId, articleRank.size);
	const position = (occurrence: QuoteOccurrence): number => (articleRank.get(occurrence.articleId) ?? 0) * 1e9 + occurrence.paragraph * 1e5 + occurrence.start;
	return groups.all
		.map((group) => ({ group, first: firstPosition(group, position) }))
		.sort((a, b) => a.first - b.first)
		.map(({ group }, index) => toQuote(`q${index + 1}`, group, position, words));
}

/**
 * `matchWords` once per distinct text in one deduplication (a quote's text is read for grouping,
 * for its sentences and for its variants). Equal texts share one array; nothing mutates it.
 */
class WordCache {
	private readonly byText = new Map<string, string[]>();

	of(text: string): string[] {
		let words = this.byText.get(text);
		if (!words) {
			words = matchWords(text);
			this.byText.set(text, words);
		}
		return words;
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
	/**
	 * By word (its rank) → wording length → the word's position in the wording → groups whose
	 * wordings have it among their rarest words (the prefix for similarity).
	 */
	private readonly byPrefixWord: Array<Array<number[][] | undefined> | undefined> = [];
	/** By word (its rank) → groups with a wording whose single rarest word it is. */
	private readonly byRarestWord: Array<number[] | undefined> = [];
	/** By word (its rank) → groups with a wording that contains it. */
	private readonly byAnyWord: Array<number[] | undefined> = [];
	/** A fixed order of words, rarest (in fewest quotes) first; words first seen later go last. */
	private readonly rank = new Map<string, number>();
	/** Each wording's words as ranks, in that order (arrays are shared per text, never changed). */
	private readonly rankedCache = new WeakMap<readonly string[], Int32Array>();

	constructor(wordings: readonly (readonly string[])[]) {
		// How many wordings use each word; `last` counts a word once per wording.
		const usage = new Map<string, { quotes: number; last: number }>();
		wordings.forEach((words, index) => {
			for (const word of words) {
				const entry = usage.get(word);
				if (!entry) usage.set(word, { quotes: 1, last: index });
				else if (entry.last !== index) {
					entry.quotes++;
					entry.last = index;
				}
			}
		});
		const ordered = [...usage.entries()].sort((a, b) => a[1].quotes - b[1].quotes || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
		for (const [word] of ordered) this.rankOf(word);
		// Dense arrays (no holes) keep look-ups by rank fast; later words extend them one by one.
		for (let rank = 0; rank < this.rank.size; rank++) {
			this.byPrefixWord.push(undefined);
			this.byRarestWord.push(undefined);
			this.byAnyWord.push(undefined);
		}
	}

	create(occurrence: QuoteOccurrence, words: string[]): void {
		const group: Group = { id: this.all.length, speakerId: occurrence.speakerId, occurrences: [occurrence], wordings: [words], longest: words };
		this.all.push(group);
		this.file(group, words);
	}

	join(group: Group, occurrence: QuoteOccurrence, words: string[]): void {
		group.occurrences.push(occurrence);
		group.wordings.push(words);
		if (words.length > group.longest.length) group.longest = words;
		group.speakerId ??= occurrence.speakerId;
		this.file(group, words);
	}

	/** Groups whose longest wording may be similar to `words`, or contain or be contained in it. */
	wholeCandidates(words: readonly string[]): Set<number> {
		const found = this.sentenceCandidates(words);
		// Every word, not only the rarest: a shorter wording inside `words` is filed under its own rarest word.
		for (const rank of this.ranked(words)) collect(this.byRarestWord[rank], found);
		return found;
	}

	/** Groups with a wording that may be similar to `words` or contain it. */
	sentenceCandidates(words: readonly string[]): Set<number> {
		const found = new Set<number>();
		const ranked = this.ranked(words);
		const prefix = Math.min(prefixLength(words.length), ranked.length);
		const [shortest, longest] = similarLengths(words.length);
		for (let index = 0; index < prefix; index++) {
			const rank = ranked[index] ?? 0;
			if (index > 0 && ranked[index - 1] === rank) continue;
			const byLength = this.byPrefixWord[rank];
			if (!byLength) continue;
			for (let length = shortest; length <= longest && length < byLength.length; length++) {
				const byPosition = byLength[length];
				if (!byPosition) continue;
				// Positions further on leave fewer words to share: stop at the first that cannot reach SIMILAR.
				for (let position = 0; position < byPosition.length; position++) {
					if (!mayBeSimilar(1 + Math.min(words.length - 1 - index, length - 1 - position), words.length, length)) break;
					collect(byPosition[position], found);
				}
			}
		}
		if (ranked.length > 0) collect(this.byAnyWord[ranked[0] ?? 0], found);
		return found;
	}

	/** The lowest-id candidate that passes `test`. */
	first(candidates: ReadonlySet<number>, test: (group: Group) => boolean): Group | undefined {
		for (const id of [...candidates].sort((a, b) => a - b)) {
			const group = this.all[id];
			if (group && test(group)) return group;
		}
		return undefined;
	}

	private file(group: Group, words: readonly string[]): void {
		const ranked = this.ranked(words);
		const prefix = Math.min(prefixLength(words.length), ranked.length);
		for (let index = 0; index < prefix; index++) {
			const rank = ranked[index] ?? 0;
			if (index > 0 && ranked[index - 1] === rank) continue;
			const byLength = this.byPrefixWord[rank] ?? [];
			this.byPrefixWord[rank] = byLength;
			while (byLength.length <= words.length) byLength.push(undefined);
			const byPosition = byLength[words.length] ?? [];
			byLength[words.length] = byPosition;
			while (byPosition.length <= index) byPosition.push([]);
			fileUnder(byPosition, index, group.id);
		}
		if (ranked.length > 0) fileUnder(this.byRarestWord, ranked[0] ?? 0, group.id);
		for (const rank of ranked) fileUnder(this.byAnyWord, rank, group.id);
	}

	/** `words` as ranks in the fixed order, rarest first (repeats kept: wordings are multisets). */
	private ranked(words: readonly string[]): Int32Array {
		let ranked = this.rankedCache.get(words);
		if (!ranked) {
			ranked = new Int32Array(words.length);
			for (let index = 0; index < words.length; index++) ranked[index] = this.rankOf(words[index] ?? '');
			ranked.sort();
			this.rankedCache.set(words, ranked);
		}
		return ranked;
	}

	private rankOf(word: string): number {
		let rank = this.rank.get(word);
		if (rank === undefined) {
			rank = this.rank.size;
			this.rank.set(word, rank);
		}
		return rank;
	}
}

function collect(bucket: readonly number[] | undefined, found: Set<number>): void {
	if (bucket) for (const id of bucket) found.add(id);
}

/** Files a group id under `key`, once even when a wording repeats the word. */
function fileUnder(index: Array<number[] | undefined>, key: number, id: number): void {
	const bucket = index[key];
	if (!bucket) index[key] = [id];
	else if (bucket[bucket.length - 1] !== id) bucket.push(id);
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

function sameQuote(words: readonly string[], wording: readonly string[], group: Group, occurrence: QuoteOccurrence): boolean {
	if (wordSimilarity(words, wording) >= SIMILAR) return true;
	const shorter = words.length <= wording.length ? words : wording;
	const longer = shorter === words ? wording : words;
	if (!containsWords(longer, shorter)) return false;
	const sameSpeaker = group.speakerId !== null && group.speakerId === occurrence.speakerId;
	return shorter.length >= MIN_CONTAINED_WORDS || (sameSpeaker && shorter.length >= longer.length * SHORT_PHRASE_SHARE);
}

/**
 * A quote whose every sentence (of four words or more) is already a known quote is those
 * quotes again: each gets this occurrence, narrowed to the matching sentence. Sentences are read
 * one at a time and the first with no known quote ends the search: its answer is null however
 * many sentences follow, so the later ones need not be split into words.
 */
function coverBySentences(item: Item, groups: GroupIndex, cache: WordCache): Array<{ group: Group; occurrence: QuoteOccurrence }> | null {
	const pieces: Array<{ group: Group; occurrence: QuoteOccurrence }> = [];
	let sentences = 0;
	for (const sentence of splitSentences(item.occurrence.text)) {
		const words = cache.of(sentence.text);
		if (words.length < MIN_CONTAINED_WORDS) continue;
		sentences++;
		const group = groups.first(
			groups.sentenceCandidates(words),
			(candidate) => compatible(candidate, item.occurrence) && candidate.wordings.some((wording) => wordSimilarity(words, wording) >= SIMILAR || containsWords(wording, words)),
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

function splitSentences(text: string): Array<{ text: string; offset: number }> {
	const sentences: Array<{ text: string; offset: number }> = [];
	for (const match of text.matchAll(/[^.?!]+[.?!]*/g)) {
		const raw = match[0];
		const lead = raw.length - raw.trimStart().length;
		const trimmed = raw.trim().replace(/,$/, '');
		if (trimmed !== '') sentences.push({ text: trimmed, offset: match.index + lead });
	}
	return sentences;
}

function toQuote(id: string, group: Group, position: (occurrence: QuoteOccurrence) => number, cache: WordCache): Quote {
	const occurrences = [...group.occurrences].sort((a, b) => position(a) - position(b) || a.start - b.start);
	const full = occurrences.filter((occurrence) => occurrence.kind === 'full');
	const main = full[0] ?? occurrences[0];
	const text = main?.text ?? '';
	const seen = new Set([cache.of(text).join(' ')]);
	const variants: string[] = [];
	for (const occurrence of occurrences) {
		const folded = cache.of(occurrence.text).join(' ');
		if (seen.has(folded)) continue;
		seen.add(folded);
		variants.push(occurrence.text);
	}
	return { id, speakerId: group.speakerId, text, kind: full.length > 0 ? 'full' : 'partial', occurrences, variants };
}
