// `verify "<wording>"`: is this wording in the sources, word for word, nearly, or not at all;
// who said it and where. What a sub-editor runs before a quote goes to print.

import type { ParagraphLookup } from './cite.js';
import type { Answer } from './model.js';
import { CitationList } from './quote.js';
import type { Knowledge, ParagraphRef } from '../extract/types.js';
import { matchWords } from '../extract/text.js';
import { bestPossibleScore, WordingIndex } from './wording-index.js';
import { drain, type Steps } from '../corpus/slices.js';

/** Below this share of shared words a stretch is a different sentence, not a misquote. */
const CLOSE_ENOUGH = 0.6;
const MAX_WORDS = 200;

/** A stretch `verify` compares a wording with: a quote as printed in one paragraph, or a whole paragraph. */
interface Candidate {
	ref: ParagraphRef;
	speakerId: string | null;
	start: number;
	end: number;
	inQuote: boolean;
}

/** One corpus' candidates of one kind, with their words indexed (wording-index.ts). */
interface Candidates {
	list: readonly Candidate[];
	words: WordingIndex;
}

interface Found {
	candidate: Candidate;
	verdict: 'exact' | 'close';
	score: number;
	window: string[];
}

export function answerVerify(knowledge: Knowledge, lookup: ParagraphLookup, wording: string): Answer {
	const checked = matchWords(wording).slice(0, MAX_WORDS);
	const base = { command: 'verify' as const, wording, citations: [], matches: [] };
	if (checked.length === 0) return { ...base, title: 'Nothing to verify', summary: 'Give the wording to check, in quotes.', found: false, verdict: 'not found' as const };
	const inQuotes = bestMatches(quoteCandidates(knowledge), checked);
	const found = inQuotes.length > 0 ? inQuotes : bestMatches(paragraphCandidates(lookup, knowledge), checked);
	if (found.length === 0) {
		return { ...base, title: 'Not found', summary: 'This wording is not in the sources, not even approximately. Do not publish it as a quote from them.', found: false, verdict: 'not found' as const };
	}
	const citations = new CitationList(lookup);
	const people = peopleNames(knowledge);
	const matches = found.map((entry) => ({
		speaker: entry.candidate.speakerId ? (people.get(entry.candidate.speakerId) ?? null) : null,
		verdict: entry.verdict,
		text: entry.window.join(' '),
		differences: entry.verdict === 'exact' ? [] : differences(checked, entry.window),
		inQuote: entry.candidate.inQuote,
		citations: [citations.add(entry.candidate.ref, { start: entry.candidate.start, end: entry.candidate.end })],
	}));
	const verdict = matches.some((match) => match.verdict === 'exact') ? ('exact' as const) : ('close' as const);
	return { ...base, title: verdict === 'exact' ? 'Exact wording found' : 'Close wording found', summary: summarise(verdict, matches), found: true, verdict, matches, citations: citations.build() };
}

// A corpus is immutable: its words are split and indexed once, by the engine's warm-up or the first
// check, not on every check (a sub-editor checks many).
const quoteCandidatesCache = new WeakMap<Knowledge, Candidates>();
// Keyed by the lookup: each Engine builds one lookup and one knowledge from the same articles.
const paragraphCandidatesCache = new WeakMap<ParagraphLookup, Candidates>();
const peopleNamesCache = new WeakMap<Knowledge, ReadonlyMap<string, string>>();

function memoised<K extends object, V>(cache: WeakMap<K, V>, key: K, build: () => V): V {
	const cached = cache.get(key);
	if (cached) return cached;
	const built = build();
	cache.set(key, built);
	return built;
}

/**
 * What the first checks would build, to build it now (Engine.warmUp): the quotes' words (about
 * 0.7 s at 10,000 articles), the speakers' names, and the paragraphs' words (1.4–1.9 s). The words
 * come as steps, and the caller gives the event loop turns between them.
 */
export function verifyLookups(knowledge: Knowledge, lookup: ParagraphLookup): Array<() => Steps<void> | void> {
	return [
		() => memoisedInSteps(quoteCandidatesCache, knowledge, () => indexedInSteps(splitQuotes(knowledge))),
		() => void peopleNames(knowledge),
		() => memoisedInSteps(paragraphCandidatesCache, lookup, () => indexedInSteps(splitParagraphs(lookup, knowledge))),
	];
}

function quoteCandidates(knowledge: Knowledge): Candidates {
	return memoised(quoteCandidatesCache, knowledge, () => drain(indexedInSteps(splitQuotes(knowledge))));
}

function paragraphCandidates(lookup: ParagraphLookup, knowledge: Knowledge): Candidates {
	return memoised(paragraphCandidatesCache, lookup, () => drain(indexedInSteps(splitParagraphs(lookup, knowledge))));
}

/** `memoised`, built in steps unless a check has built it already. */
function* memoisedInSteps<K extends object, V>(cache: WeakMap<K, V>, key: K, build: () => Steps<V>): Steps<void> {
	if (cache.has(key)) return;
	const built = yield* build();
	// A check between two steps may have built it meanwhile: the first built stays.
	if (!cache.has(key)) cache.set(key, built);
}

function peopleNames(knowledge: Knowledge): ReadonlyMap<string, string> {
	return memoised(peopleNamesCache, knowledge, () => new Map(knowledge.people.map((person) => [person.id, person.name])));
}

function* indexedInSteps(stretches: ReadonlyArray<{ candidate: Candidate; text: string }>): Steps<Candidates> {
	const words = yield* WordingIndex.inSteps(stretches.map((stretch) => stretch.text));
	return { list: stretches.map((stretch) => stretch.candidate), words };
}

function splitQuotes(knowledge: Knowledge): Array<{ candidate: Candidate; text: string }> {
	return knowledge.quotes.flatMap((quote) =>
		quote.occurrences.map((occurrence) => ({
			candidate: { ref: occurrence, speakerId: quote.speakerId, start: occurrence.start, end: occurrence.end, inQuote: true },
			text: occurrence.text,
		})),
	);
}

/** Whole paragraphs, for wording the writer used outside quote marks: found, but nobody's quote. */
function splitParagraphs(lookup: ParagraphLookup, knowledge: Knowledge): Array<{ candidate: Candidate; text: string }> {
	const articleIds = new Set<string>([...knowledge.quotes.flatMap((quote) => quote.occurrences.map((occurrence) => occurrence.articleId)), ...knowledge.people.flatMap((person) => person.mentions.map((mention) => mention.articleId))]);
	const stretches: Array<{ candidate: Candidate; text: string }> = [];
	for (const articleId of articleIds) {
		const article = lookup.article(articleId);
		for (const paragraph of article?.paragraphs ?? []) {
			stretches.push({ candidate: { ref: { articleId, paragraph: paragraph.number }, speakerId: null, start: 0, end: paragraph.text.length, inQuote: false }, text: paragraph.text });
		}
	}
	return stretches;
}

/**
 * Exact matches if any; otherwise the closest stretches above the threshold (at most three, one a
 * paragraph). A window scores shared / max(window, n) (see WordingIndex), so reaching CLOSE_ENOUGH
 * needs at least CLOSE_ENOUGH · n shared words, and what a stretch sharing s words can score at
 * best is known before it is slid. The index offers stretches most-shared first; once three
 * paragraphs rank above what the rest could score, the rest are not looked at.
 */
function bestMatches(candidates: Candidates, checked: readonly string[]): Found[] {
	const { words } = candidates;
	const exact = words.exact(checked).map((stretch) => ({ candidate: candidateAt(candidates, stretch), verdict: 'exact' as const, score: 1, window: [...checked] }));
	if (exact.length > 0) return dedupeByParagraph(exact);
	const close: Array<Found & { stretch: number }> = [];
	const leaders = new Leaders();
	const n = checked.length;
	const needed = Math.ceil(CLOSE_ENOUGH * n - 1e-9);
	const bestPossible = memoisedBound(n);
	words.closest(checked, needed, {
		useful: (shared, stretch) => shared >= needed && leaders.admits(bestPossible(shared), stretch),
		found: (stretch, best) => {
			if (best.score < CLOSE_ENOUGH) return;
			const candidate = candidateAt(candidates, stretch);
			close.push({ candidate, stretch, verdict: 'close', score: best.score, window: words.wordsOf(stretch).slice(best.start, best.start + best.size) });
			leaders.add(paragraphKey(candidate), best.score, stretch);
		},
	});
	// Best first; among equals, in corpus order (as a stable sort of the stretches in order would have them).
	const ranked = close.sort((a, b) => b.score - a.score || a.stretch - b.stretch).map(({ stretch: _, ...found }) => found);
	return dedupeByParagraph(ranked).slice(0, 3);
}

function memoisedBound(n: number): (shared: number) => number {
	const known = new Map<number, number>();
	return (shared) => {
		let bound = known.get(shared);
		if (bound === undefined) {
			bound = bestPossibleScore(shared, n);
			known.set(shared, bound);
		}
		return bound;
	};
}

interface Ranked {
	score: number;
	stretch: number;
}

/** Ranked as the answer ranks them: higher score first, then earlier in the corpus. */
function ranksBefore(a: Ranked, b: Ranked): boolean {
	return a.score > b.score || (a.score === b.score && a.stretch < b.stretch);
}

/** The three best paragraphs so far, each by its best stretch: what a stretch must rank above to matter. */
class Leaders {
	private readonly top: Array<Ranked & { key: string }> = [];

	add(key: string, score: number, stretch: number): void {
		const entry = { key, score, stretch };
		const known = this.top.find((leader) => leader.key === key);
		if (known) {
			if (ranksBefore(entry, known)) Object.assign(known, entry);
		} else if (this.top.length < 3) this.top.push(entry);
		else if (ranksBefore(entry, this.top[2] ?? entry)) this.top[2] = entry;
		this.top.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
	}

	/** Whether a stretch scoring at most `bound` could rank among the first three paragraphs (stretch -1: any). */
	admits(bound: number, stretch: number): boolean {
		const third = this.top[2];
		return !third || ranksBefore({ score: bound, stretch }, third);
	}
}

function candidateAt(candidates: Candidates, stretch: number): Candidate {
	const candidate = candidates.list[stretch];
	if (!candidate) throw new Error(`No verify candidate ${stretch}`);
	return candidate;
}

function paragraphKey(candidate: Candidate): string {
	return `${candidate.ref.articleId}#${candidate.ref.paragraph}`;
}

function dedupeByParagraph(found: readonly Found[]): Found[] {
	const seen = new Set<string>();
	return found.filter((entry) => {
		const key = paragraphKey(entry.candidate);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Word-level differences from a longest common subsequence: what was checked vs what the source says. */
export function differences(checked: readonly string[], source: readonly string[]): Array<{ checked: string; source: string }> {
	const rows = checked.length;
	const columns = source.length;
	const table: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
	for (let i = rows - 1; i >= 0; i--) {
		for (let j = columns - 1; j >= 0; j--) {
			const row = table[i] as number[];
			row[j] = checked[i] === source[j] ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
		}
	}
	const result: Array<{ checked: string; source: string }> = [];
	let pendingChecked: string[] = [];
	let pendingSource: string[] = [];
	const flush = (): void => {
		if (pendingChecked.length > 0 || pendingSource.length > 0) result.push({ checked: pendingChecked.join(' '), source: pendingSource.join(' ') });
		pendingChecked = [];
		pendingSource = [];
	};
	let i = 0;
	let j = 0;
	while (i < rows || j < columns) {
		if (i < rows && j < columns && checked[i] === source[j]) {
			flush();
			i++;
			j++;
		} else if (j < columns && (i >= rows || (table[i]?.[j + 1] ?? 0) >= (table[i + 1]?.[j] ?? 0))) {
			pendingSource.push(source[j] ?? '');
			j++;
		} else {
			pendingChecked.push(checked[i] ?? '');
			i++;
		}
	}
	flush();
	return result;
}

function summarise(verdict: 'exact' | 'close', matches: ReadonlyArray<{ speaker: string | null; inQuote: boolean; differences: Array<{ checked: string; source: string }>; citations: number[] }>): string {
	const where = matches
		.map((match) => {
			const who = match.inQuote ? (match.speaker ? `quoted as ${match.speaker}` : 'in a quote with no clear speaker') : 'in the writer\'s own words, not a quote';
			const diff = match.differences.length > 0 ? `; differs: ${match.differences.map((difference) => `"${difference.checked || '—'}" → "${difference.source || '—'}"`).join(', ')}` : '';
			return `${who} [${match.citations.join('][')}]${diff}`;
		})
		.join('; ');
	return verdict === 'exact' ? `Word for word in the sources: ${where}.` : `Not word for word. Closest in the sources: ${where}.`;
}
