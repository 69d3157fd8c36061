// The extractor's fast paths against the plain definitions they replaced: the same answers on
// random (and hostile) input, so a speed-up can never change what the bot quotes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatching } from '../../src/corpus/normalise.js';
import { dedupeQuotes } from '../../src/extract/dedupe.js';
import { OneEditIndex, withinOneEdit } from '../../src/extract/one-edit.js';
import { PlaceMatcher } from '../../src/extract/places.js';
import { containsWords, editDistance, matchWords, tokenize, wordSimilarity } from '../../src/extract/text.js';
import type { Quote, QuoteOccurrence } from '../../src/extract/types.js';

/** Pieces that exercise the edge cases: case, accents, astral and lone surrogates, marks, dashes, spaces. */
const PIECES = ['a', 'B', 'é', 'É', 'ß', 'İ', 'Σ', '1', '٣', "'", '’', '‘', '-', '—', '"', '“', '”', '«', ' ', '\u00a0', '\t', '\n', '\ufeff', '.', ',', '(', ')', '*', '_', '|', '😀', '𝐀', '\ud800', '\udc00', 's', 'S', "'s", '\u0301', '`'];
const tricky = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(''));
const text = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 30 }));
const RUNS = { numRuns: 3000 };

describe('matchWords', () => {
	const definition = (input: string): string[] =>
		foldForMatching(input)
			.toLowerCase()
			.replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
			.replace(/(^|\s)['-]+|['-]+(?=\s|$)/g, ' ')
			.split(/\s+/)
			.filter((word) => word !== '');

	it('finds the words the regular-expression definition finds', () => {
		fc.assert(
			fc.property(text, (input) => {
				expect(matchWords(input)).toEqual(definition(input));
			}),
			RUNS,
		);
	});
});

describe('tokenize', () => {
	const leading = new Set(['"', '“', '”', '‘', "'", '(', '[', '{', '«', '„', '*', '_', '|']);
	const trailing = new Set([',', '.', ';', ':', '!', '?', '"', '”', '“', '’', "'", ')', ']', '}', '»', '…', '—', '–', '*', '_', '|']);
	const definition = (input: string): unknown[] =>
		[...input.matchAll(/\S+/g)].flatMap((match) => {
			const raw = match[0];
			let head = 0;
			let tail = raw.length;
			while (head < tail && leading.has(raw.charAt(head))) head++;
			while (tail > head && trailing.has(raw.charAt(tail - 1))) tail--;
			const word = raw.slice(head, tail);
			if (word === '') return [];
			const base = word.replace(/['’]s$/i, '');
			const possessive = /['’]s$/i.test(word) || (/s$/i.test(word) && /^['’]/.test(raw.slice(tail)));
			return [{ word, base, lower: base.toLowerCase(), possessive, start: match.index + head, end: match.index + tail, before: raw.slice(0, head), after: raw.slice(tail) }];
		});

	it('cuts the tokens the regular-expression definition cuts', () => {
		fc.assert(
			fc.property(text, (input) => {
				expect(tokenize(input)).toEqual(definition(input));
			}),
			RUNS,
		);
	});
});

describe('PlaceMatcher', () => {
	const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const definition = (input: string, names: readonly string[]): string[] => names.filter((name) => new RegExp(`(^|[^\\p{L}])${escape(name)}(?![\\p{L}])`, 'u').test(input));
	const placeText = fc.array(fc.constantFrom('Ash', 'Ashworth', 'worth', 'West', ' ', '-', "'", 'É', 'é', '𝐀', '😀', '\ud800', '\udc00', 'a', '.', 'İ'), { maxLength: 12 }).map((parts) => parts.join(''));

	it('names what a pattern per name finds, in the whole text and in any stretch of it', () => {
		fc.assert(
			fc.property(fc.array(placeText.filter((name) => name !== ''), { maxLength: 5 }), placeText, fc.nat(), fc.nat(), (names, input, a, b) => {
				const matcher = new PlaceMatcher(names);
				expect(matcher.namesIn(input)).toEqual(definition(input, names));
				const from = Math.min(a, b) % (input.length + 1);
				const to = Math.max(from, Math.max(a, b) % (input.length + 1));
				expect(matcher.scan(input).between(from, to)).toEqual(definition(input.slice(from, to), names));
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('withinOneEdit', () => {
	it('agrees with the edit distance', () => {
		const word = fc.oneof(fc.array(fc.constantFrom('a', 'b', 'c', 'é', '😀', '\ud800'), { maxLength: 7 }).map((letters) => letters.join('')), fc.string({ maxLength: 6 }));
		fc.assert(
			fc.property(word, word, (a, b) => {
				expect(withinOneEdit(a, b)).toBe(editDistance(a, b, 1) <= 1);
			}),
			RUNS,
		);
	});
});

describe('OneEditIndex', () => {
	it('finds every key within one edit', () => {
		const word = fc.array(fc.constantFrom('a', 'b', 'c', 'é'), { maxLength: 6 }).map((letters) => letters.join(''));
		fc.assert(
			fc.property(fc.array(word, { maxLength: 20 }), word, (keys, query) => {
				const index = new OneEditIndex<string>();
				for (const key of keys) index.add(key, key);
				const near = index.near(query);
				for (const key of keys) if (editDistance(key, query, 1) <= 1) expect(near.has(key)).toBe(true);
			}),
			RUNS,
		);
	});
});

describe('dedupeQuotes', () => {
	// Quotes made from a few base sentences, so that they often repeat, differ by a word, contain
	// one another or string several together.
	const word = fc.constantFrom('we', 'will', 'win', 'the', 'seat', 'back', 'proud', 'of', 'this', 'campaign', 'deeply', 'voters');
	const base = fc.array(word, { minLength: 2, maxLength: 9 });
	const variant = (pool: string[][]): fc.Arbitrary<string> =>
		fc.oneof(
			fc.constantFrom(...pool).map((words) => `${words.join(' ')}.`),
			fc.tuple(fc.constantFrom(...pool), fc.nat(8), word).map(([words, at, other]) => words.map((w, i) => (i === at % words.length ? other : w)).join(' ')),
			fc.tuple(fc.constantFrom(...pool), fc.nat(8), fc.nat(8)).map(([words, a, b]) => words.slice(Math.min(a, b) % words.length, (Math.max(a, b) % words.length) + 1).join(' ')),
			fc.array(fc.constantFrom(...pool), { minLength: 2, maxLength: 3 }).map((sentences) => sentences.map((words) => `${words.join(' ')}.`).join(' ')),
			fc.tuple(fc.constantFrom(...pool), fc.constantFrom('!', '?', ',', '')).map(([words, mark]) => `${words.join(' ').toUpperCase()}${mark}`),
		);
	const occurrences = fc.array(base, { minLength: 1, maxLength: 4 }).chain((pool) =>
		fc.array(fc.tuple(variant(pool), fc.constantFrom(null, 'p1', 'p2'), fc.constantFrom<'full' | 'partial'>('full', 'partial'), fc.nat(3)), { maxLength: 25 }).map((drafts) =>
			drafts.map(([quote, speakerId, kind, article], index): QuoteOccurrence => ({
				articleId: `a${article}.txt`,
				paragraph: index + 1,
				text: quote,
				start: 0,
				end: quote.length,
				kind,
				speakerId,
				attribution: null,
				spanId: `a${article}.txt#q${index}`,
			})),
		),
	);

	it('groups quotes as comparing every pair did', () => {
		fc.assert(
			fc.property(occurrences, (drafts) => {
				expect(dedupeQuotes(drafts)).toEqual(pairwiseDedupe(drafts));
			}),
			{ numRuns: 2000 },
		);
	});
});

// ——— The pairwise deduplication the indexed one replaced, kept as its definition ———

const SIMILAR = 0.85;
const MIN_CONTAINED_WORDS = 4;
const SHORT_PHRASE_SHARE = 0.4;

interface PairwiseGroup {
	speakerId: string | null;
	occurrences: QuoteOccurrence[];
	wordings: string[][];
}

function pairwiseDedupe(occurrences: readonly QuoteOccurrence[]): Quote[] {
	const items = occurrences.map((occurrence, order) => ({ occurrence, words: matchWords(occurrence.text), order }));
	const sorted = [...items].sort((a, b) => a.words.length - b.words.length || a.order - b.order);
	const groups: PairwiseGroup[] = [];
	const compatible = (group: PairwiseGroup, occurrence: QuoteOccurrence): boolean => group.speakerId === null || occurrence.speakerId === null || group.speakerId === occurrence.speakerId;
	const join = (group: PairwiseGroup, occurrence: QuoteOccurrence, words: string[]): void => {
		group.occurrences.push(occurrence);
		group.wordings.push(words);
		group.speakerId ??= occurrence.speakerId;
	};
	for (const item of sorted) {
		const pieces = pairwiseCover(item.occurrence, groups, compatible);
		if (pieces) {
			for (const piece of pieces) join(piece.group, piece.occurrence, matchWords(piece.occurrence.text));
			continue;
		}
		const whole = groups.find((group) => {
			if (!compatible(group, item.occurrence)) return false;
			const wording = group.wordings.reduce((best, candidate) => (candidate.length > best.length ? candidate : best), group.wordings[0] ?? []);
			if (wordSimilarity(item.words, wording) >= SIMILAR) return true;
			const shorter = item.words.length <= wording.length ? item.words : wording;
			const longer = shorter === item.words ? wording : item.words;
			if (!containsWords(longer, shorter)) return false;
			const sameSpeaker = group.speakerId !== null && group.speakerId === item.occurrence.speakerId;
			return shorter.length >= MIN_CONTAINED_WORDS || (sameSpeaker && shorter.length >= longer.length * SHORT_PHRASE_SHARE);
		});
		if (whole) join(whole, item.occurrence, item.words);
		else groups.push({ speakerId: item.occurrence.speakerId, occurrences: [item.occurrence], wordings: [item.words] });
	}
	const articleRank = new Map<string, number>();
	for (const occurrence of occurrences) if (!articleRank.has(occurrence.articleId)) articleRank.set(occurrence.articleId, articleRank.size);
	const position = (occurrence: QuoteOccurrence): number => (articleRank.get(occurrence.articleId) ?? 0) * 1e9 + occurrence.paragraph * 1e5 + occurrence.start;
	return groups
		.map((group) => ({ group, first: Math.min(...group.occurrences.map(position)) }))
		.sort((a, b) => a.first - b.first)
		.map(({ group }, index) => {
			const sortedOccurrences = [...group.occurrences].sort((a, b) => position(a) - position(b) || a.start - b.start);
			const full = sortedOccurrences.filter((occurrence) => occurrence.kind === 'full');
			const text = (full[0] ?? sortedOccurrences[0])?.text ?? '';
			const seen = new Set([matchWords(text).join(' ')]);
			const variants: string[] = [];
			for (const occurrence of sortedOccurrences) {
				const folded = matchWords(occurrence.text).join(' ');
				if (seen.has(folded)) continue;
				seen.add(folded);
				variants.push(occurrence.text);
			}
			return { id: `q${index + 1}`, speakerId: group.speakerId, text, kind: full.length > 0 ? 'full' : 'partial', occurrences: sortedOccurrences, variants };
		});
}

function pairwiseCover(
	occurrence: QuoteOccurrence,
	groups: readonly PairwiseGroup[],
	compatible: (group: PairwiseGroup, occurrence: QuoteOccurrence) => boolean,
): Array<{ group: PairwiseGroup; occurrence: QuoteOccurrence }> | null {
	const sentences: Array<{ text: string; offset: number }> = [];
	for (const match of occurrence.text.matchAll(/[^.?!]+[.?!]*/g)) {
		const raw = match[0];
		const trimmed = raw.trim().replace(/,$/, '');
		if (trimmed !== '' && matchWords(trimmed).length >= MIN_CONTAINED_WORDS) sentences.push({ text: trimmed, offset: match.index + raw.length - raw.trimStart().length });
	}
	if (sentences.length < 2) return null;
	const pieces: Array<{ group: PairwiseGroup; occurrence: QuoteOccurrence }> = [];
	for (const sentence of sentences) {
		const words = matchWords(sentence.text);
		const group = groups.find((candidate) => compatible(candidate, occurrence) && candidate.wordings.some((wording) => wordSimilarity(words, wording) >= SIMILAR || containsWords(wording, words)));
		if (!group) return null;
		const previous = pieces[pieces.length - 1];
		const end = sentence.offset + sentence.text.length;
		if (previous?.group === group) {
			const offset = previous.occurrence.start - occurrence.start;
			previous.occurrence = { ...previous.occurrence, text: occurrence.text.slice(offset, end), end: occurrence.start + end };
			continue;
		}
		pieces.push({ group, occurrence: { ...occurrence, text: sentence.text, start: occurrence.start + sentence.offset, end: occurrence.start + end } });
	}
	return pieces;
}
