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
	speakerId: string | null;
	occurrences: QuoteOccurrence[];
	wordings: string[][];
}

interface Item {
	occurrence: QuoteOccurrence;
	words: string[];
	order: number;
}

export function dedupeQuotes(occurrences: readonly QuoteOccurrence[]): Quote[] {
	const items: Item[] = occurrences.map((occurrence, order) => ({ occurrence, words: matchWords(occurrence.text), order }));
	const sorted = [...items].sort((a, b) => a.words.length - b.words.length || a.order - b.order);
	const groups: Group[] = [];
	for (const item of sorted) {
		const pieces = coverBySentences(item, groups);
		if (pieces) {
			for (const piece of pieces) join(piece.group, piece.occurrence, matchWords(piece.occurrence.text));
			continue;
		}
		// Compare with each group's longest wording only: a short phrase must not glue two long quotes together.
		const whole = groups.find((group) => compatible(group, item.occurrence) && sameQuote(item.words, longest(group.wordings), group, item.occurrence));
		if (whole) {
			join(whole, item.occurrence, item.words);
			continue;
		}
		groups.push({ speakerId: item.occurrence.speakerId, occurrences: [item.occurrence], wordings: [item.words] });
	}
	const articleRank = new Map<string, number>();
	for (const occurrence of occurrences) if (!articleRank.has(occurrence.articleId)) articleRank.set(occurrence.articleId, articleRank.size);
	const position = (occurrence: QuoteOccurrence): number => (articleRank.get(occurrence.articleId) ?? 0) * 1e9 + occurrence.paragraph * 1e5 + occurrence.start;
	return groups
		.map((group) => ({ group, first: Math.min(...group.occurrences.map(position)) }))
		.sort((a, b) => a.first - b.first)
		.map(({ group }, index) => toQuote(`q${index + 1}`, group, position));
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

function longest(wordings: readonly string[][]): string[] {
	return wordings.reduce((best, wording) => (wording.length > best.length ? wording : best), wordings[0] ?? []);
}

function join(group: Group, occurrence: QuoteOccurrence, words: string[]): void {
	group.occurrences.push(occurrence);
	group.wordings.push(words);
	group.speakerId ??= occurrence.speakerId;
}

/**
 * A quote whose every sentence (of four words or more) is already a known quote is those
 * quotes again: each gets this occurrence, narrowed to the matching sentence.
 */
function coverBySentences(item: Item, groups: readonly Group[]): Array<{ group: Group; occurrence: QuoteOccurrence }> | null {
	const sentences = splitSentences(item.occurrence.text).filter((sentence) => matchWords(sentence.text).length >= MIN_CONTAINED_WORDS);
	if (sentences.length < 2) return null;
	const pieces: Array<{ group: Group; occurrence: QuoteOccurrence }> = [];
	for (const sentence of sentences) {
		const words = matchWords(sentence.text);
		const group = groups.find(
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
	return pieces;
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

function toQuote(id: string, group: Group, position: (occurrence: QuoteOccurrence) => number): Quote {
	const occurrences = [...group.occurrences].sort((a, b) => position(a) - position(b) || a.start - b.start);
	const full = occurrences.filter((occurrence) => occurrence.kind === 'full');
	const main = full[0] ?? occurrences[0];
	const text = main?.text ?? '';
	const seen = new Set([matchWords(text).join(' ')]);
	const variants: string[] = [];
	for (const occurrence of occurrences) {
		const folded = matchWords(occurrence.text).join(' ');
		if (seen.has(folded)) continue;
		seen.add(folded);
		variants.push(occurrence.text);
	}
	return { id, speakerId: group.speakerId, text, kind: full.length > 0 ? 'full' : 'partial', occurrences, variants };
}
