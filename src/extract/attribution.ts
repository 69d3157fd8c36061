// Who said each quote, following the patterns of news writing. Every rule prefers silence to a
// guess: a quote is attributed only when one person is the clear subject of its speech verb.

import type { ArticleAnalysis, NameRun, ParagraphAnalysis } from './analysis.js';
import { skipToVerb } from './analysis.js';
import type { QuoteSegment } from './quotes.js';
import type { Person } from './types.js';
import { PARTY_WORDS, PREPOSITIONS, ROLE_CHANGING_MODIFIERS, ROLE_NOUNS, SUBJECT_VERB_FILLERS, canonicalParty, isSpeechVerbAt, type Gender } from './lexicon.js';
import type { Token } from './text.js';

export interface Attribution {
	speakerId: string | null;
	/** How the speaker was found, for audit: `lead-in`, `trailer`, `continuation`, … */
	how: string | null;
}

/** The last quote of the previous paragraph with quotes: its speaker, if nobody else came after it. */
interface PreviousParagraph {
	speakerId: string | null;
	paragraphIndex: number;
	/** Whether that quote was a full statement rather than a few words in reported speech. */
	full: boolean;
}

/** A reference to people at one place in the text. */
interface Subject {
	personIds: string[];
	via: string;
}

interface Mention {
	paragraphIndex: number;
	sentence: number;
	token: number;
	personId: string;
	/** `X's predecessor, Y`: X only describes Y, so X is no rival for a pronoun about Y. */
	descriptor?: boolean;
}

const NP_WORDS = new Set([...ROLE_NOUNS, ...ROLE_CHANGING_MODIFIERS, ...PARTY_WORDS, 'opposition', 'party', 'prime', 'home', 'foreign', 'government', 'senior', 'veteran', 'tory', 'labour', 'shadow']);
const DISCOURSE_OPENERS = new Set(['however', 'but', 'and', 'meanwhile', 'yet', 'still', 'later', 'earlier', 'separately', 'also']);
const PASSIVE_AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being']);
const COORDINATORS = new Set(['and', 'but', 'before', 'then', 'while']);

/** Resolves references (names, pronouns, `the Labour leader`) through one article, in reading order. */
export class ArticleReferences {
	private readonly mentions: Mention[] = [];
	private readonly resolved = new Map<string, string | null>();
	private readonly roles: Array<{ personId: string; words: string[]; party: string | null }> = [];
	/** Gender learnt from a pronoun resolved without doubt, for this article only. */
	private readonly inferred = new Map<string, Gender>();

	constructor(
		private readonly analysis: ArticleAnalysis,
		private readonly people: ReadonlyMap<string, Person>,
	) {
		for (const paragraph of analysis.paragraphs) {
			for (const run of paragraph.runs) {
				if (run.personId && run.role) this.roles.push({ personId: run.personId, words: run.role.toLowerCase().split(/\s+/), party: run.party });
			}
		}
		analysis.paragraphs.forEach((paragraph, index) => this.walk(paragraph, index));
	}

	/** The person a pronoun or role phrase ending at this token refers to, if resolved. */
	referenceAt(paragraphIndex: number, token: number): string | null | undefined {
		return this.resolved.get(`${paragraphIndex}:${token}`);
	}

	/** Distinct people mentioned (outside quotes) in a token range of one paragraph. */
	peopleBetween(paragraphIndex: number, fromToken: number, toToken: number): Set<string> {
		const found = new Set<string>();
		for (const mention of this.mentions) {
			if (mention.paragraphIndex === paragraphIndex && mention.token >= fromToken && mention.token < toToken) found.add(mention.personId);
		}
		return found;
	}

	private walk(paragraph: ParagraphAnalysis, paragraphIndex: number): void {
		const sentences = new SentenceCursor(paragraph);
		const runs = paragraph.runs;
		let nextRun = 0;
		paragraph.tokens.forEach((token, index) => {
			const sentence = sentences.indexOf(index);
			// The run starting at this token. Runs come in the order of their first tokens, no two
			// sharing one (findNameRuns), so a cursor finds it: a map by first token was built for
			// every paragraph and asked at every token.
			while (nextRun < runs.length && (runs[nextRun]?.tokenStart ?? index) < index) nextRun++;
			const run = runs[nextRun]?.tokenStart === index ? runs[nextRun] : undefined;
			if (run?.personId) this.mentions.push({ paragraphIndex, sentence, token: run.tokenEnd - 1, personId: run.personId, descriptor: describesNext(paragraph, run) });
			if (token.lower === 'he' || token.lower === 'she') {
				const personId = this.resolvePronoun(token.lower === 'he' ? 'male' : 'female', paragraphIndex, index);
				this.resolved.set(`${paragraphIndex}:${index}`, personId);
				if (personId) this.mentions.push({ paragraphIndex, sentence, token: index, personId });
			}
			if (token.lower === 'the') {
				const phrase = roleNounPhrase(paragraph.tokens, index);
				if (phrase) {
					const personId = this.resolveRole(phrase.words);
					this.resolved.set(`${paragraphIndex}:${phrase.end}`, personId);
					if (personId) this.mentions.push({ paragraphIndex, sentence, token: phrase.end, personId });
				}
			}
		});
	}

	/**
	 * The most recent person who fits the pronoun. A person of known gender may be found up to
	 * three paragraphs back; one of unknown gender only when nobody else is in sight. Two fitting
	 * people in the sentence of the best candidate: ambiguous, so nobody.
	 */
	private resolvePronoun(gender: Gender, paragraphIndex: number, token: number): string | null {
		const window = this.mentions.filter((mention) => mention.paragraphIndex >= paragraphIndex - 3 && (mention.paragraphIndex < paragraphIndex || mention.token < token));
		const fits = (personId: string): boolean => {
			const known = this.genderOf(personId);
			return known === null || known === gender;
		};
		let best: Mention | undefined;
		for (let index = window.length - 1; index >= 0; index--) {
			const mention = window[index];
			if (mention && !mention.descriptor && fits(mention.personId)) {
				best = mention;
				break;
			}
		}
		if (!best) return null;
		const chosen = best;
		const bestGender = this.genderOf(chosen.personId);
		if (bestGender === null) {
			// Alone in sight only counts close by (this paragraph or the last): further back, someone
			// the rules did not recognise as a person may stand in between.
			const others = new Set(window.map((mention) => mention.personId));
			const close = chosen.paragraphIndex >= paragraphIndex - 1;
			if ((others.size === 1 && close) || this.onlyFitInParagraph(chosen, window, gender, paragraphIndex)) {
				this.inferred.set(chosen.personId, gender);
				return chosen.personId;
			}
			return null;
		}
		const rivals = window.filter((mention) => mention.personId !== chosen.personId && !mention.descriptor && mention.paragraphIndex === chosen.paragraphIndex && mention.sentence === chosen.sentence && fits(mention.personId));
		return rivals.length === 0 ? chosen.personId : null;
	}

	genderOf(personId: string): Gender | null {
		return this.people.get(personId)?.gender ?? this.inferred.get(personId) ?? null;
	}

	/**
	 * A person of unknown gender may still be the pronoun's referent when this paragraph, up to
	 * the pronoun, mentions them and nobody else who could fit: a pronoun never reaches past them.
	 */
	private onlyFitInParagraph(chosen: Mention, window: readonly Mention[], gender: Gender, paragraphIndex: number): boolean {
		if (chosen.paragraphIndex !== paragraphIndex) return false;
		return window
			.filter((mention) => mention.paragraphIndex === paragraphIndex && mention.personId !== chosen.personId)
			.every((mention) => {
				const known = this.genderOf(mention.personId);
				return known !== null && known !== gender;
			});
	}

	/** `the opposition leader` → the one person this article gives that role, else nobody. */
	private resolveRole(words: readonly string[]): string | null {
		const matches = new Set<string>();
		for (const role of this.roles) if (roleMatches(words, role.words, role.party)) matches.add(role.personId);
		return matches.size === 1 ? ([...matches][0] ?? null) : null;
	}
}

/** `X's predecessor, Y,` / `X's agent, Y.`: a possessive name heading a short phrase apposed to another person. */
function describesNext(paragraph: ParagraphAnalysis, run: NameRun): boolean {
	if (!run.possessive) return false;
	for (let cursor = run.tokenEnd; cursor < paragraph.tokens.length && cursor < run.tokenEnd + 3; cursor++) {
		const token = paragraph.tokens[cursor];
		if (!token || !/^\p{Ll}/u.test(token.word)) return false;
		if (token.after === '') continue;
		if (token.after !== ',') return false;
		const next = paragraph.runs.find((candidate) => candidate.tokenStart === cursor + 1);
		return Boolean(next?.personId && next.personId !== run.personId && !next.possessive);
	}
	return false;
}

/** The index of the sentence holding token `token`, or -1: a plain loop, as it runs for every mention and quote. */
function sentenceIndex(paragraph: ParagraphAnalysis, token: number): number {
	const sentences = paragraph.sentences;
	for (let index = 0; index < sentences.length; index++) {
		const sentence = sentences[index];
		if (sentence && token >= sentence[0] && token < sentence[1]) return index;
	}
	return -1;
}

/**
 * `sentenceIndex` for tokens read in order: sentences are consecutive ranges, so the answer only
 * moves forward, and searching every sentence for every token made long paragraphs quadratic.
 */
class SentenceCursor {
	private current = 0;

	constructor(private readonly paragraph: ParagraphAnalysis) {}

	indexOf(token: number): number {
		const sentences = this.paragraph.sentences;
		while (this.current < sentences.length && (sentences[this.current]?.[1] ?? 0) <= token) this.current++;
		const sentence = sentences[this.current];
		// Ranges that do not cover the tokens in order would need the full search.
		if (sentence && token >= sentence[0] && token < sentence[1] && (this.current === 0 || (sentences[this.current - 1]?.[1] ?? 0) <= sentence[0])) return this.current;
		return sentenceIndex(this.paragraph, token);
	}
}

/** `the [modifiers] role-noun`, not followed by a name (then it is a prefix of that name). */
function roleNounPhrase(tokens: readonly Token[], theIndex: number): { words: string[]; end: number } | null {
	const words: string[] = [];
	let cursor = theIndex + 1;
	while (cursor < tokens.length && words.length < 4) {
		const token = tokens[cursor];
		if (!token || !NP_WORDS.has(token.lower)) break;
		words.push(token.lower);
		if (token.after !== '' || token.possessive) break;
		cursor++;
	}
	while (words.length > 0 && !ROLE_NOUNS.has(words[words.length - 1] ?? '')) {
		words.pop();
		cursor--;
	}
	if (words.length === 0) return null;
	const end = theIndex + words.length;
	const next = tokens[end + 1];
	const last = tokens[end];
	if (last && last.after === '' && next && /^\p{Lu}/u.test(next.word) && !last.possessive) return null;
	return { words, end };
}

function roleMatches(phrase: readonly string[], role: readonly string[], party: string | null): boolean {
	const head = phrase[phrase.length - 1];
	if (!head || head !== role[role.length - 1]) return false;
	for (const word of phrase) {
		if (role.includes(word)) continue;
		const wordParty = canonicalParty(word);
		if (wordParty && wordParty === party) continue;
		return false;
	}
	return role.every((word) => !ROLE_CHANGING_MODIFIERS.has(word) || phrase.includes(word));
}

/** Finds each quote segment's speaker in one article. Segments of one span share a speaker. */
export function attributeArticle(analysis: ArticleAnalysis, references: ArticleReferences): Map<QuoteSegment, Attribution> {
	const result = new Map<QuoteSegment, Attribution>();
	const bySpan = new Map<string, QuoteSegment[]>();
	let previousParagraphLast: PreviousParagraph | null = null;

	analysis.paragraphs.forEach((paragraph, paragraphIndex) => {
		let previousInParagraph: { segment: QuoteSegment; attribution: Attribution; token: number } | null = null;
		for (const segment of paragraph.segments) {
			const token = quoteToken(paragraph, segment);
			let attribution: Attribution = { speakerId: null, how: null };
			if (token !== null) {
				attribution = direct(paragraph, paragraphIndex, segment, token, previousInParagraph, references);
				if (!attribution.speakerId) attribution = pronounContinuation(paragraph, paragraphIndex, token, previousInParagraph, previousParagraphLast, references) ?? attribution;
				if (!attribution.speakerId && startsOwnSentence(paragraph, token, previousInParagraph?.token ?? null)) {
					attribution = carryOver(paragraph, paragraphIndex, token, previousInParagraph, previousParagraphLast, references);
				}
			}
			result.set(segment, attribution);
			const spanSegments = bySpan.get(segment.spanId) ?? [];
			spanSegments.push(segment);
			bySpan.set(segment.spanId, spanSegments);
			if (token !== null) previousInParagraph = { segment, attribution, token };
		}
		if (paragraph.segments.length > 0) {
			const last = previousInParagraph;
			const after = last ? references.peopleBetween(paragraphIndex, last.token + 1, paragraph.tokens.length) : new Set<string>();
			const speakerId = last?.attribution.speakerId ?? null;
			const clean = speakerId !== null && [...after].every((id) => id === speakerId);
			previousParagraphLast = { speakerId: clean ? speakerId : null, paragraphIndex, full: last?.segment.kind === 'full' };
		}
	});
	attributeFromNextParagraph(analysis, references, result, bySpan);
	return unifySpans(result, bySpan);
}

/** Ways a quote may have been attributed without any words of its own paragraph naming the speaker. */
const BORROWED = new Set(['continues previous paragraph', 'continues previous quote', 'pronoun continues previous speaker']);

/**
 * A paragraph that is nothing but a quote, followed by one that opens by naming who said it
 * (`Those were the words of X`, `The warning came from X`): X said it, whatever came before.
 * When such a paragraph names nobody the rules know, the quote is left unattributed.
 */
function attributeFromNextParagraph(analysis: ArticleAnalysis, references: ArticleReferences, result: Map<QuoteSegment, Attribution>, bySpan: Map<string, QuoteSegment[]>): void {
	const paragraphs = analysis.paragraphs;
	paragraphs.forEach((paragraph, paragraphIndex) => {
		const next = paragraphs[paragraphIndex + 1];
		if (!next || !isQuoteOnly(paragraph)) return;
		const backward = backwardReference(next, paragraphIndex + 1, references);
		if (!backward) return;
		// This paragraph's quote, and any run of quote-only paragraphs of the same span before it.
		const last = paragraph.segments[paragraph.segments.length - 1];
		if (!last || last.closeMark === null) return;
		const span = bySpan.get(last.spanId) ?? [];
		if (span.some((segment) => isOwnAttribution(result.get(segment)))) return;
		const how = backward.speakerId ? 'named in the next paragraph' : 'next paragraph names someone else';
		for (const segment of span) result.set(segment, { speakerId: backward.speakerId, how });
		// Earlier quote-only paragraphs carried over from someone: who said them is now in doubt.
		for (let index = paragraphIndex - 1; index >= 0; index--) {
			const earlier = paragraphs[index];
			if (!earlier || !isQuoteOnly(earlier)) break;
			const segments = earlier.segments.flatMap((segment) => bySpan.get(segment.spanId) ?? []);
			if (segments.some((segment) => isOwnAttribution(result.get(segment)))) break;
			for (const segment of segments) if (!span.includes(segment)) result.set(segment, { speakerId: null, how: 'speaker in doubt' });
		}
	});
}

function isOwnAttribution(attribution: Attribution | undefined): boolean {
	return Boolean(attribution?.speakerId) && !BORROWED.has(attribution?.how ?? '');
}

/** Nothing but quoted words (and punctuation) in the paragraph. */
function isQuoteOnly(paragraph: ParagraphAnalysis): boolean {
	if (paragraph.segments.length === 0) return false;
	let outside = '';
	let cursor = 0;
	for (const segment of paragraph.segments) {
		const from = segment.openMark ?? segment.start;
		outside += paragraph.text.slice(cursor, Math.max(cursor, from));
		cursor = Math.max(cursor, segment.closeMark === null ? paragraph.text.length : segment.closeMark + 1);
	}
	outside += paragraph.text.slice(cursor);
	return !/\p{L}/u.test(outside);
}

/** Nouns for what someone said, as a later sentence refers back to it. */
const SAID_NOUNS = new Set([
	'words', 'word', 'verdict', 'warning', 'remarks', 'remark', 'comments', 'comment', 'message', 'view', 'assessment',
	'plea', 'claim', 'prediction', 'response', 'reaction', 'cry', 'admission', 'boast', 'promise', 'pledge', 'judgment',
	'judgement', 'conclusion', 'thoughts', 'sentiment', 'sentiments', 'advice', 'challenge', 'rallying', 'quote', 'insistence',
	'analysis', 'reply', 'retort', 'defence', 'defense', 'assertion', 'appeal', 'call', 'charge', 'accusation', 'taunt', 'jibe',
]);
const BACK_DEMONSTRATIVES = new Set(['that', 'those', 'these', 'this', 'such', 'the', 'so']);

/**
 * `Those were the words of X`, `That was X's verdict`, `The warning came from X`, `So said X`:
 * the paragraph opens by saying whose the quote before it was. Null when it does not open so;
 * `speakerId` null when it does but names nobody the rules can resolve.
 */
function backwardReference(paragraph: ParagraphAnalysis, paragraphIndex: number, references: ArticleReferences): { speakerId: string | null } | null {
	const tokens = paragraph.tokens;
	const words = paragraph.words;
	const first = words[0] ?? '';
	// `X said those words to a crowd …` / `X spoke those words …` / `X's words drew cheers`
	const opening = paragraph.runs.find((candidate) => candidate.tokenStart === 0);
	if (opening?.possessive) return SAID_NOUNS.has(words[opening.tokenEnd] ?? '') && tokens[opening.tokenEnd - 1]?.after === '' ? { speakerId: opening.personId } : null;
	if (opening) {
		const verb = skipToVerb(tokens, opening.tokenEnd);
		const verbWord = verb === null ? '' : (words[verb] ?? '');
		if (verb !== null && (isSpeechVerbAt(words, verb) || verbWord === 'spoke' || verbWord === 'delivered') && /^(those|these|the)$/.test(words[verb + 1] ?? '') && SAID_NOUNS.has(words[verb + 2] ?? '')) {
			const subject = subjectBefore(paragraph, paragraphIndex, verb, 0, references);
			return { speakerId: single(subject) };
		}
		return null;
	}
	if (!BACK_DEMONSTRATIVES.has(first)) return null;
	if (first === 'so') return words[1] === 'said' ? { speakerId: single(referenceStartingAt(paragraph, paragraphIndex, 2, references)) } : null;
	const firstQuote = paragraph.segments[0] ? tokens.findIndex((token) => token.end > (paragraph.segments[0]?.start ?? 0)) : tokens.length;
	let sawNoun = false;
	for (let index = 1; index < Math.min(tokens.length, 8, firstQuote < 0 ? tokens.length : firstQuote); index++) {
		const word = words[index] ?? '';
		if (index === 1 && first === 'the' && !SAID_NOUNS.has(word)) return null;
		if (SAID_NOUNS.has(word)) sawNoun = true;
		const run = paragraph.runs.find((candidate) => candidate.tokenStart === index);
		if (run?.possessive && sawNoun && SAID_NOUNS.has(words[run.tokenEnd] ?? '')) return { speakerId: run.personId };
		if ((word === 'of' || word === 'from' || word === 'by') && sawNoun) {
			return { speakerId: single(referenceStartingAt(paragraph, paragraphIndex, index + 1, references)) };
		}
		if (/[.;:?!]/.test(tokens[index]?.after ?? '')) return null;
	}
	return null;
}

/** A quote over several paragraphs has one speaker: the one its attributions agree on. */
function unifySpans(result: Map<QuoteSegment, Attribution>, bySpan: Map<string, QuoteSegment[]>): Map<QuoteSegment, Attribution> {
	for (const segments of bySpan.values()) {
		const found = segments.map((segment) => result.get(segment)).filter((attribution): attribution is Attribution => Boolean(attribution?.speakerId));
		const speakers = new Set(found.map((attribution) => attribution.speakerId));
		const first = found[0];
		for (const segment of segments) {
			if (speakers.size === 1 && first) {
				const own = result.get(segment);
				result.set(segment, own?.speakerId ? own : { speakerId: first.speakerId, how: `${first.how ?? 'span'} (same quote)` });
			} else if (speakers.size > 1) {
				result.set(segment, { speakerId: null, how: 'conflicting attributions' });
			}
		}
	}
	return result;
}

/** The masked token that stands for the quote's words. */
function quoteToken(paragraph: ParagraphAnalysis, segment: QuoteSegment): number | null {
	const index = paragraph.tokens.findIndex((token) => token.end > segment.start && token.start < segment.end);
	return index >= 0 ? index : null;
}

function startsOwnSentence(paragraph: ParagraphAnalysis, token: number, previousQuoteToken: number | null): boolean {
	const sentence = paragraph.sentences.find(([start, end]) => token >= start && token < end);
	if (!sentence) return false;
	const scopeStart = previousQuoteToken !== null && previousQuoteToken >= sentence[0] ? previousQuoteToken + 1 : sentence[0];
	return token === scopeStart;
}

function direct(
	paragraph: ParagraphAnalysis,
	paragraphIndex: number,
	segment: QuoteSegment,
	token: number,
	previous: { segment: QuoteSegment; attribution: Attribution; token: number } | null,
	references: ArticleReferences,
): Attribution {
	const sentence = paragraph.sentences.find(([start, end]) => token >= start && token < end) ?? [0, paragraph.tokens.length];
	const previousInSentence = previous && previous.token >= sentence[0] ? previous : null;
	const scopeStart = previousInSentence ? previousInSentence.token + 1 : sentence[0];
	const leadIn = leadInSubject(paragraph, paragraphIndex, scopeStart, token, previousInSentence?.attribution ?? null, references);
	const trailer = segment.closeMark !== null ? trailerSubject(paragraph, paragraphIndex, token, sentence[1], references) : null;
	const fromLeadIn = single(leadIn);
	const fromTrailer = single(trailer);
	if (fromLeadIn && fromTrailer && fromLeadIn !== fromTrailer) return { speakerId: null, how: 'lead-in and trailer disagree' };
	if (fromLeadIn) return { speakerId: fromLeadIn, how: `lead-in (${leadIn?.via ?? ''})` };
	if (fromTrailer) return { speakerId: fromTrailer, how: `trailer (${trailer?.via ?? ''})` };
	if (leadIn || trailer) return { speakerId: null, how: 'several people' };
	// `said he was "gutted" but "proud of …"`: one verb, two quoted objects joined by a conjunction.
	if (previousInSentence?.attribution.speakerId && joinedQuotes(paragraph, previousInSentence.token, token)) {
		return { speakerId: previousInSentence.attribution.speakerId, how: 'joined to previous quote' };
	}
	const blunt = describedThenQuoted(paragraph, paragraphIndex, scopeStart, token, references);
	if (blunt) return { speakerId: blunt, how: 'described, then quoted' };
	const source = accordingTo(paragraph, paragraphIndex, sentence, references);
	return source ? { speakerId: source, how: 'according to' } : { speakerId: null, how: null };
}

const COPULAS = new Set(['was', 'is', 'were', 'sounded', 'seemed', 'remained']);

/**
 * `X, whose party finished third, was more blunt: "…"`: a person described by a copula and a
 * colon straight before the quote, with no speech verb and nobody else in the clause.
 */
function describedThenQuoted(paragraph: ParagraphAnalysis, paragraphIndex: number, scopeStart: number, quote: number, references: ArticleReferences): string | null {
	const tokens = paragraph.tokens;
	const words = paragraph.words;
	if (!(tokens[quote - 1]?.after ?? '').endsWith(':')) return null;
	let copula = -1;
	for (let index = quote - 1; index >= scopeStart && quote - index <= 4; index--) {
		if (isSpeechVerbAt(words, index)) return null;
		if (COPULAS.has(words[index] ?? '')) {
			copula = index;
			break;
		}
		if (!/^\p{Ll}+$/u.test(tokens[index]?.word ?? '') || (index < quote - 1 && tokens[index]?.after !== '')) return null;
	}
	if (copula < 0) return null;
	for (let index = scopeStart; index < copula; index++) if (isSpeechVerbAt(words, index)) return null;
	const speaker = single(subjectBefore(paragraph, paragraphIndex, copula, scopeStart, references)) ?? possessiveSaying(paragraph, scopeStart, copula);
	if (!speaker || ![...references.peopleBetween(paragraphIndex, scopeStart, quote)].every((id) => id === speaker)) return null;
	return speaker;
}

/** `X's verdict was stark:` — the subject is what X said, so X is the speaker. */
function possessiveSaying(paragraph: ParagraphAnalysis, scopeStart: number, copula: number): string | null {
	const noun = paragraph.tokens[copula - 1];
	if (!noun || noun.after !== '' || !SAID_NOUNS.has(noun.lower)) return null;
	const run = paragraph.runs.find((candidate) => candidate.tokenEnd === copula - 1);
	if (!run?.personId || !run.possessive || run.tokenStart < scopeStart) return null;
	const before = paragraph.tokens[run.tokenStart - 1];
	return before && before.after === '' && PREPOSITIONS.has(before.lower) ? null : run.personId;
}

/**
 * `The swing was "…", according to X, a lecturer at …`: the one person a sentence credits with
 * `according to`, when nobody in it is the subject of a speech verb (then X reports, not speaks).
 */
function accordingTo(paragraph: ParagraphAnalysis, paragraphIndex: number, sentence: readonly [number, number], references: ArticleReferences): string | null {
	// Memoised per sentence: a sentence with thousands of quotes is scanned once, not once per quote.
	const cache = accordingCache.get(paragraph) ?? new Map<number, string | null>();
	accordingCache.set(paragraph, cache);
	const cached = cache.get(sentence[0]);
	if (cached !== undefined) return cached;
	const found = accordingToUncached(paragraph, paragraphIndex, sentence, references);
	cache.set(sentence[0], found);
	return found;
}

const accordingCache = new WeakMap<ParagraphAnalysis, Map<number, string | null>>();

function accordingToUncached(paragraph: ParagraphAnalysis, paragraphIndex: number, sentence: readonly [number, number], references: ArticleReferences): string | null {
	const words = paragraph.words;
	let found: number | null = null;
	for (let index = sentence[0]; index < sentence[1]; index++) {
		if (isSpeechVerbAt(words, index)) return null;
		if (words[index] === 'according' && words[index + 1] === 'to' && paragraph.tokens[index]?.after === '') {
			if (found !== null) return null;
			found = index + 2;
		}
	}
	if (found === null || found >= sentence[1]) return null;
	const subject = referenceStartingAt(paragraph, paragraphIndex, found, references);
	return single(subject);
}

const JOINING_WORDS = new Set(['and', 'but', 'or', 'yet', 'nor']);
/** Auxiliaries that may follow the conjunction while the same reported clause goes on (`and would "…"`). */
const JOINED_AUXILIARIES = new Set(['would', 'will', 'could', 'should', 'might', 'must', 'was', 'were', 'is', 'are', 'had', 'has', 'have', 'be', 'been', 'not', 'also', 'still', 'now', 'then']);

/**
 * Two quotes with nothing between them but a comma, or a conjunction and up to two auxiliaries:
 * one speech verb governs both (`said she was "…" and would "…"`).
 */
function joinedQuotes(paragraph: ParagraphAnalysis, previous: number, token: number): boolean {
	const between = paragraph.tokens.slice(previous + 1, token);
	const previousAfter = paragraph.tokens[previous]?.after ?? '';
	if (/[.;:?!]/.test(previousAfter)) return false;
	if (between.length === 0) return /,/.test(previousAfter);
	const [conjunction, ...rest] = between;
	if (!conjunction || !JOINING_WORDS.has(conjunction.lower) || rest.length > 2) return false;
	return between.every((entry) => entry.after === '') && rest.every((entry) => JOINED_AUXILIARIES.has(entry.lower));
}

function single(subject: Subject | null): string | null {
	return subject && subject.personIds.length === 1 ? (subject.personIds[0] ?? null) : null;
}

/** The subject of the last speech verb between the sentence (or previous quote) and this quote. */
function leadInSubject(
	paragraph: ParagraphAnalysis,
	paragraphIndex: number,
	scopeStart: number,
	quote: number,
	previous: Attribution | null,
	references: ArticleReferences,
): Subject | null {
	const words = paragraph.words;
	let verb = -1;
	for (let index = quote - 1; index >= scopeStart; index--) {
		if (isSpeechVerbAt(words, index)) {
			verb = index;
			break;
		}
	}
	if (verb < 0) return null;
	// `X was quoted as saying: "…"`
	if (words[verb - 1] === 'as' && words[verb - 2] === 'quoted' && /^(was|were|is|been)$/.test(words[verb - 3] ?? '') && paragraph.tokens[verb - 2]?.after === '') {
		const quoted = single(subjectBefore(paragraph, paragraphIndex, verb - 3, scopeStart, references));
		if (quoted) return { personIds: [quoted], via: 'quoted as saying' };
	}
	const subject = subjectBefore(paragraph, paragraphIndex, verb, scopeStart, references);
	if (subject) return subject;
	// `… and said: "…"` after an attributed quote in the same sentence: the same speaker.
	const before = words[verb - 1] ?? '';
	const nobodyElse = [...references.peopleBetween(paragraphIndex, scopeStart, verb)].every((id) => id === previous?.speakerId);
	if (previous?.speakerId && COORDINATORS.has(before) && paragraph.tokens[verb - 1]?.after === '' && nobodyElse) {
		return { personIds: [previous.speakerId], via: 'coordinated verb' };
	}
	// `X congratulated his opponent but said …`: the verb shares the subject the sentence opens with.
	if (COORDINATORS.has(before) && before !== 'then' && paragraph.tokens[verb - 1]?.after === '' && !previous) {
		const opening = sentenceOpeningSubject(paragraph, paragraphIndex, scopeStart, verb, references);
		const only = single(opening);
		if (only && [...references.peopleBetween(paragraphIndex, scopeStart, verb)].every((id) => id === only)) return { personIds: [only], via: 'coordinated with sentence subject' };
	}
	const verbToken = paragraph.tokens[verb];
	if (verbToken && /ing$/.test(verbToken.lower) && paragraph.tokens[verb - 1]?.after.startsWith(',')) {
		return sentenceOpeningSubject(paragraph, paragraphIndex, scopeStart, verb, references);
	}
	return null;
}

/**
 * The subject ending just before a verb: `X said`, `X, the candidate, said`, `X, who …, said`,
 * `with X saying`. A name after a preposition or in the possessive is never the subject.
 */
export function subjectBefore(paragraph: ParagraphAnalysis, paragraphIndex: number, verb: number, scopeStart: number, references: ArticleReferences): Subject | null {
	const tokens = paragraph.tokens;
	const participle = /ing$/.test(tokens[verb]?.lower ?? '');
	let index = verb - 1;
	let passive = false;
	while (index >= scopeStart && SUBJECT_VERB_FILLERS.has(tokens[index]?.lower ?? '') && tokens[index]?.after === '') {
		if (PASSIVE_AUXILIARIES.has(tokens[index]?.lower ?? '')) passive = true;
		index--;
	}
	// `X was asked: "…"`, `X was told …`: X is spoken to, not speaking.
	if (index < scopeStart || (passive && !participle)) return null;
	for (let cursor = index; cursor > scopeStart; cursor--) {
		const token = tokens[cursor];
		if (token?.lower === 'who' && tokens[cursor - 1]?.after.startsWith(',')) return referenceEndingAt(paragraph, paragraphIndex, cursor - 1, participle, references);
		if (token && /[.;:]/.test(token.after)) break;
	}
	const last = tokens[index];
	if (!last) return null;
	if (last.after === '') return referenceEndingAt(paragraph, paragraphIndex, index, participle, references);
	if (!last.after.startsWith(',')) return null;
	let open = index - 1;
	while (open >= scopeStart && index - open < 25 && !tokens[open]?.after.startsWith(',')) open--;
	if (open < scopeStart || !tokens[open]?.after.startsWith(',')) return null;
	const named = ROLE_NOUNS.has(tokens[open]?.lower ?? '') && governedByPreposition(paragraph, open) ? null : appositiveName(paragraph, open + 1, index);
	if (named) return named;
	return referenceEndingAt(paragraph, paragraphIndex, open, participle, references) ?? openingNameBeforeAppositives(paragraph, scopeStart, open, index, participle);
}

/**
 * `X, 38, a community pharmacist, said`: two appositives (an age, a described role) between the
 * name that opens the sentence and its verb. Only for the sentence's opening name.
 */
function openingNameBeforeAppositives(paragraph: ParagraphAnalysis, scopeStart: number, open: number, index: number, participle: boolean): Subject | null {
	const tokens = paragraph.tokens;
	const isAppositive = (from: number, to: number): boolean => {
		const first = tokens[from];
		if (!first) return false;
		if (from === to) return /^\d{1,3}$/.test(first.word);
		return /^(a|an|the)$/.test(first.lower) && to - from < 8;
	};
	if (!isAppositive(open + 1, index)) return null;
	let second = open - 1;
	while (second >= scopeStart && open - second < 8 && !tokens[second]?.after.startsWith(',')) second--;
	if (second < scopeStart || !tokens[second]?.after.startsWith(',') || !isAppositive(second + 1, open)) return null;
	let start = scopeStart;
	while (start < second && DISCOURSE_OPENERS.has(tokens[start]?.lower ?? '')) start++;
	const run = paragraph.runs.find((candidate) => candidate.tokenStart === start && candidate.tokenEnd - 1 === second);
	return run ? runSubject(paragraph, run, participle) : null;
}

/**
 * The noun phrase ending at `head` (`the former MP`) is the object of a preposition
 * (`the family of the former MP`): a name in apposition to it is no subject.
 */
function governedByPreposition(paragraph: ParagraphAnalysis, head: number): boolean {
	const tokens = paragraph.tokens;
	let cursor = head;
	while (cursor > 0 && head - cursor < 6) {
		const previous = tokens[cursor - 1];
		if (!previous || previous.after !== '') break;
		const word = previous.lower;
		if (PREPOSITIONS.has(word)) break;
		if (!(NP_WORDS.has(word) || /^(the|a|an|his|her|their|its)$/.test(word) || (previous.possessive && /^\p{Lu}/u.test(previous.word)))) break;
		cursor--;
	}
	const before = tokens[cursor - 1];
	return Boolean(before && before.after === '' && PREPOSITIONS.has(before.lower) && before.lower !== 'and');
}

/** `The party chairman, Jane Smith, said` / `His mentor, the veteran campaigner Dame X, denied`: the name in the appositive. */
function appositiveName(paragraph: ParagraphAnalysis, from: number, to: number): Subject | null {
	const run = paragraph.runs.find((candidate) => candidate.tokenEnd - 1 === to);
	if (!run?.personId || run.possessive) return null;
	for (let cursor = from; cursor < run.tokenStart; cursor++) {
		const word = paragraph.tokens[cursor]?.lower ?? '';
		if (!NP_WORDS.has(word) && !/^(the|a|an)$/.test(word)) return null;
	}
	return { personIds: [run.personId], via: 'appositive name' };
}

function referenceEndingAt(paragraph: ParagraphAnalysis, paragraphIndex: number, index: number, participle: boolean, references: ArticleReferences): Subject | null {
	const token = paragraph.tokens[index];
	if (!token) return null;
	if (token.lower === 'he' || token.lower === 'she') {
		const personId = references.referenceAt(paragraphIndex, index);
		return personId ? { personIds: [personId], via: `pronoun ${token.word}` } : null;
	}
	const run = paragraph.runs.find((candidate) => candidate.tokenEnd - 1 === index);
	if (run) return runSubject(paragraph, run, participle);
	const role = references.referenceAt(paragraphIndex, index);
	if (role && ROLE_NOUNS.has(token.lower) && !token.possessive && !governedByPreposition(paragraph, index)) return { personIds: [role], via: 'role' };
	return null;
}

function runSubject(paragraph: ParagraphAnalysis, run: NameRun, participle: boolean): Subject | null {
	if (!run.personId || run.possessive) return null;
	const before = paragraph.tokens[run.tokenStart - 1];
	const beforeWord = before?.lower ?? '';
	const roleWordBefore = before && before.after === '' && run.role !== null;
	if (beforeWord === 'and' && before?.after === '') {
		const partner = paragraph.runs.find((candidate) => candidate.tokenEnd === run.tokenStart - 1);
		return partner?.personId && !partner.possessive ? { personIds: [partner.personId, run.personId], via: 'joint subject' } : null;
	}
	if (!roleWordBefore && PREPOSITIONS.has(beforeWord) && !(participle && (beforeWord === 'with' || beforeWord === 'including'))) return null;
	// `the family of the former MP, X, who …, said`: X is in apposition to the object of `of`.
	const closing = paragraph.tokens[run.tokenEnd - 1]?.after ?? '';
	if (before?.after === ',' && closing.startsWith(',') && ROLE_NOUNS.has(beforeWord) && governedByPreposition(paragraph, run.tokenStart - 1)) return null;
	return { personIds: [run.personId], via: 'name' };
}

/** `, saying: "…"` after a main clause: the person the sentence opens with. */
function sentenceOpeningSubject(paragraph: ParagraphAnalysis, paragraphIndex: number, scopeStart: number, verb: number, references: ArticleReferences): Subject | null {
	let cursor = scopeStart;
	while (cursor < verb && DISCOURSE_OPENERS.has(paragraph.tokens[cursor]?.lower ?? '')) cursor++;
	const token = paragraph.tokens[cursor];
	if (!token) return null;
	if (token.lower === 'he' || token.lower === 'she') {
		const personId = references.referenceAt(paragraphIndex, cursor);
		return personId ? { personIds: [personId], via: 'sentence subject' } : null;
	}
	const run = paragraph.runs.find((candidate) => candidate.tokenStart === cursor);
	if (!run?.personId || run.possessive) return null;
	const next = skipToVerb(paragraph.tokens, run.tokenEnd);
	const nextToken = next === null ? undefined : paragraph.tokens[next];
	return nextToken && /^\p{Ll}/u.test(nextToken.word) ? { personIds: [run.personId], via: 'sentence subject' } : null;
}

/** `"…," X said.` / `"…," said X.` / `"…," he added.` / `"…," the Labour leader said.` */
function trailerSubject(paragraph: ParagraphAnalysis, paragraphIndex: number, quote: number, sentenceEnd: number, references: ArticleReferences): Subject | null {
	const tokens = paragraph.tokens;
	const quoteTokenAfter = tokens[quote]?.after ?? '';
	if (!/[,?!—–-]/.test(quoteTokenAfter)) return null;
	const words = paragraph.words;
	const first = quote + 1;
	if (first >= sentenceEnd) return null;
	if (words[first] === 'it' && DOCUMENT_VERBS.has(words[first + 1] ?? '')) return documentAuthor(paragraph, paragraphIndex, quote, references);
	if (isSpeechVerbAt(words, first)) {
		const at = words[first] === 'went' ? first + 2 : first + 1;
		return referenceStartingAt(paragraph, paragraphIndex, at, references);
	}
	const subject = referenceStartingAt(paragraph, paragraphIndex, first, references);
	if (!subject) return null;
	const end = subjectEnd(paragraph, first);
	const verb = end === null ? null : skipToVerb(tokens, end);
	return verb !== null && verb < sentenceEnd && isSpeechVerbAt(words, verb) ? subject : null;
}

function referenceStartingAt(paragraph: ParagraphAnalysis, paragraphIndex: number, index: number, references: ArticleReferences): Subject | null {
	const token = paragraph.tokens[index];
	if (!token) return null;
	if (token.lower === 'he' || token.lower === 'she') {
		const personId = references.referenceAt(paragraphIndex, index);
		return personId ? { personIds: [personId], via: `pronoun ${token.word}` } : null;
	}
	if (token.lower === 'the') {
		const phrase = roleNounPhrase(paragraph.tokens, index);
		const personId = phrase ? references.referenceAt(paragraphIndex, phrase.end) : null;
		return personId ? { personIds: [personId], via: 'role' } : null;
	}
	const apposed = apposedName(paragraph, index);
	if (apposed) return { personIds: [apposed], via: 'apposed name' };
	const run = paragraph.runs.find((candidate) => candidate.tokenStart === index || (candidate.tokenStart > index && candidate.tokenStart - index <= 3 && candidate.role !== null));
	if (!run?.personId || run.possessive) return null;
	return { personIds: [run.personId], via: 'name' };
}

/**
 * `Smith's agent, Jane Brown.` / `the party's regional organiser, Jane Brown,` starting at
 * `index`: a determined role phrase set off by a comma, then the name it stands for.
 */
function apposedName(paragraph: ParagraphAnalysis, index: number): string | null {
	const tokens = paragraph.tokens;
	let cursor = index;
	const head = paragraph.runs.find((candidate) => candidate.tokenStart === index);
	if (head) {
		if (!head.possessive) return null;
		cursor = head.tokenEnd;
	} else if (/^(the|a|an|his|her|their)$/.test(tokens[cursor]?.lower ?? '') && tokens[cursor]?.after === '') {
		cursor++;
		if (tokens[cursor]?.lower === 'party' && tokens[cursor]?.possessive && tokens[cursor]?.after === '') cursor++;
	} else {
		return null;
	}
	const start = cursor;
	while (cursor < tokens.length && cursor - start < 4) {
		const token = tokens[cursor];
		if (!token || token.possessive || !(NP_WORDS.has(token.lower) || /^\p{Ll}[\p{Ll}-]*$/u.test(token.word))) return null;
		if (token.after !== '') {
			if (token.after !== ',' || !ROLE_NOUNS.has(token.lower)) return null;
			const run = paragraph.runs.find((candidate) => candidate.tokenStart === cursor + 1);
			const last = run ? tokens[run.tokenEnd - 1] : undefined;
			if (!run?.personId || run.possessive || !last || (last.after !== '' && !/^[,.;:!?]/.test(last.after))) return null;
			return run.personId;
		}
		cursor++;
	}
	return null;
}

const DOCUMENT_VERBS = new Set(['read', 'reads', 'said', 'says', 'added', 'stated', 'continued']);
const ISSUING_VERBS = new Set(['issued', 'sent', 'released', 'published', 'posted', 'put', 'wrote', 'shared']);
const DOCUMENTS = new Set(['statement', 'letter', 'message', 'post', 'tweet', 'email', 'note']);

/**
 * `X issued a short statement. "…," it read.`: the author of the document the sentence before
 * the quote (in the same paragraph) says someone issued, when nobody else is named since.
 */
function documentAuthor(paragraph: ParagraphAnalysis, paragraphIndex: number, quote: number, references: ArticleReferences): Subject | null {
	const index = sentenceIndex(paragraph, quote);
	const previous = paragraph.sentences[index - 1];
	if (index < 1 || !previous) return null;
	const words = paragraph.words;
	for (let verb = previous[0]; verb < previous[1]; verb++) {
		if (!ISSUING_VERBS.has(words[verb] ?? '')) continue;
		const document = words.slice(verb + 1, Math.min(verb + 5, previous[1])).findIndex((word) => DOCUMENTS.has(word));
		if (document < 0) continue;
		const subject = subjectBefore(paragraph, paragraphIndex, verb, previous[0], references);
		const author = single(subject);
		if (!author) return null;
		const others = references.peopleBetween(paragraphIndex, verb, quote);
		return [...others].every((id) => id === author) ? { personIds: [author], via: 'document author' } : null;
	}
	return null;
}

/** Token index just past the reference starting at `index`. */
function subjectEnd(paragraph: ParagraphAnalysis, index: number): number | null {
	const token = paragraph.tokens[index];
	if (!token) return null;
	if (token.lower === 'he' || token.lower === 'she') return index + 1;
	if (token.lower === 'the') {
		const phrase = roleNounPhrase(paragraph.tokens, index);
		return phrase ? phrase.end + 1 : null;
	}
	const run = paragraph.runs.find((candidate) => candidate.tokenStart >= index && candidate.tokenStart - index <= 3);
	return run ? run.tokenEnd : null;
}

/**
 * A quote standing alone as a sentence continues the speaker before it: the previous quote in
 * the paragraph, or the last quote of the previous paragraph, if nobody else came in between.
 */
function carryOver(
	paragraph: ParagraphAnalysis,
	paragraphIndex: number,
	token: number,
	previousInParagraph: { attribution: Attribution; token: number } | null,
	previousParagraph: PreviousParagraph | null,
	references: ArticleReferences,
): Attribution {
	const othersInParagraph = references.peopleBetween(paragraphIndex, 0, paragraph.tokens.length);
	if (previousInParagraph) {
		const speakerId = previousInParagraph.attribution.speakerId;
		const between = references.peopleBetween(paragraphIndex, previousInParagraph.token + 1, token);
		if (speakerId && [...between].every((id) => id === speakerId)) return { speakerId, how: 'continues previous quote' };
		return { speakerId: null, how: null };
	}
	const speakerId = previousParagraph?.speakerId ?? null;
	if (!speakerId || previousParagraph?.paragraphIndex !== paragraphIndex - 1) return { speakerId: null, how: null };
	// After a few words quoted inside the writer's sentence, a new quote is not clearly the same voice.
	if (!previousParagraph.full) return { speakerId: null, how: null };
	if (![...othersInParagraph].every((id) => id === speakerId)) return { speakerId: null, how: null };
	return { speakerId, how: 'continues previous paragraph' };
}

/**
 * `He added: "…"` / `She went on: "…"` opening a paragraph, when the pronoun found nobody by
 * itself: the speaker of the previous paragraph's last quote, if nobody else was named since
 * and their gender (if known) fits.
 */
function pronounContinuation(
	paragraph: ParagraphAnalysis,
	paragraphIndex: number,
	token: number,
	previousInParagraph: { token: number } | null,
	previousParagraph: PreviousParagraph | null,
	references: ArticleReferences,
): Attribution | null {
	if (previousInParagraph || !previousParagraph?.speakerId || previousParagraph.paragraphIndex !== paragraphIndex - 1) return null;
	const words = paragraph.words;
	const pronoun = words[0];
	if ((pronoun !== 'he' && pronoun !== 'she') || !isSpeechVerbAt(words, 1 + (words[1] === 'also' || words[1] === 'later' ? 1 : 0))) return null;
	if (token > 4 || references.peopleBetween(paragraphIndex, 0, token).size > 0) return null;
	if (references.referenceAt(paragraphIndex, 0)) return null;
	const gender = references.genderOf(previousParagraph.speakerId);
	if (gender !== null && gender !== (pronoun === 'he' ? 'male' : 'female')) return null;
	return { speakerId: previousParagraph.speakerId, how: `pronoun continues previous speaker` };
}
