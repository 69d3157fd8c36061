// `quote <speaker> [topic]`: a person's direct quotes with every source, or reported speech
// clearly labelled, or an honest "unknown" with the closest known speakers.

import type { ParagraphLookup } from './cite.js';
import type { Answer, Citation, Mark, QuoteItem } from './model.js';
import type { SpeakerChoice } from './engine.js';
import type { Knowledge, ParagraphRef, Person, Quote } from '../extract/types.js';
import { matchWords } from '../extract/text.js';
import { speakerDirectory } from './speakers.js';

/** Numbers citations in order of first use; one paragraph is one citation, its marks merged. */
export class CitationList {
	private readonly entries: Array<{ ref: ParagraphRef; marks: Mark[] }> = [];
	/** Entry index by paragraph: a prolific speaker's answer cites hundreds of paragraphs. */
	private readonly byParagraph = new Map<string, number>();

	constructor(private readonly lookup: ParagraphLookup) {}

	add(ref: ParagraphRef, mark?: Mark): number {
		const key = `${ref.paragraph}\u0000${ref.articleId}`;
		let index = this.byParagraph.get(key) ?? -1;
		if (index < 0) {
			this.entries.push({ ref: { articleId: ref.articleId, paragraph: ref.paragraph }, marks: [] });
			index = this.entries.length - 1;
			this.byParagraph.set(key, index);
		}
		const entry = this.entries[index];
		if (entry && mark && !entry.marks.some((known) => known.start === mark.start && known.end === mark.end)) entry.marks.push(mark);
		return index + 1;
	}

	addAll(refs: readonly ParagraphRef[]): number[] {
		return unique(refs.map((ref) => this.add(ref)));
	}

	build(): Citation[] {
		return this.entries.map((entry, index) => this.lookup.cite(index + 1, entry.ref.articleId, entry.ref.paragraph, { marks: [...entry.marks].sort((a, b) => a.start - b.start) }));
	}
}

export function unique(numbers: readonly number[]): number[] {
	return [...new Set(numbers)];
}

// ——— Speaker matching (indexed once per corpus in speakers.ts) ———

/** The people a typed name matches, best tier only. */
export function matchPeople(knowledge: Knowledge, typed: string): Person[] {
	return speakerDirectory(knowledge).matchPeople(typed);
}

/** Autocomplete: speakers whose names contain what was typed (any alias), most-quoted first, at most 25. */
export function speakerChoices(knowledge: Knowledge, typed: string): SpeakerChoice[] {
	return speakerDirectory(knowledge)
		.choices(typed)
		.map((count) => ({ name: count.person.name, quotes: count.quotes }));
}

// ——— Answers ———

const TOPIC_STOPWORDS = new Set(['the', 'a', 'an', 'of', 'on', 'in', 'to', 'and', 'or', 'about', 'for', 'is', 'was', 'it', 'this', 'that']);

// A quote's words, split once per corpus (quotes are immutable) rather than on every topic search.
const wordsByQuote = new WeakMap<Quote, readonly string[]>();

function quoteWords(quote: Quote): readonly string[] {
	let words = wordsByQuote.get(quote);
	if (!words) {
		words = [...new Set([quote.text, ...quote.variants].flatMap(matchWords))];
		wordsByQuote.set(quote, words);
	}
	return words;
}

/** How many of the topic's words (or their stems: `fix` finds `fixing`) the quote contains. */
function topicScore(quote: Quote, topicWords: readonly string[]): number {
	if (topicWords.length === 0) return 0;
	const words = quoteWords(quote);
	return topicWords.filter((topic) => words.some((word) => word === topic || (topic.length >= 4 && word.startsWith(topic.slice(0, Math.max(4, topic.length - 2)))))).length;
}

export function answerQuote(knowledge: Knowledge, lookup: ParagraphLookup, speaker: string | undefined, topic?: string): Answer {
	const query = { speaker: speaker?.trim() || null, topic: topic?.trim() || null };
	const empty = { command: 'quote' as const, query, speaker: null, quotes: [], reported: [], speakers: [], suggestions: [], citations: [] };
	if (!query.speaker) return listSpeakers(knowledge, empty);
	const matches = matchPeople(knowledge, query.speaker);
	if (matches.length === 0) {
		const suggestions = speakerDirectory(knowledge).closest(query.speaker);
		return {
			...empty,
			title: `No speaker "${query.speaker}"`,
			summary: `Nobody called "${query.speaker}" is quoted in the sources.${suggestions.length > 0 ? ` Closest known speakers: ${suggestions.join(', ')}.` : ''}`,
			found: false,
			suggestions,
		};
	}
	if (matches.length > 1) {
		const names = matches.map((person) => person.name);
		return { ...empty, title: `Several people match "${query.speaker}"`, summary: `"${query.speaker}" could be ${names.join(' or ')}: which one?`, found: false, suggestions: names };
	}
	const person = matches[0] as Person;
	return personQuotes(knowledge, lookup, person, query);
}

interface SpeakerList {
	speakers: ReadonlyArray<{ name: string; quotes: number; reported: number }>;
	summary: string;
}

// The list and its summary are the same for every call on one corpus: made once.
const speakerLists = new WeakMap<Knowledge, SpeakerList>();

/** Makes the speaker directory and list now, as the first /quote or autocomplete would (Engine.warmUp). */
export function prepareQuote(knowledge: Knowledge): void {
	speakerList(knowledge);
}

function speakerList(knowledge: Knowledge): SpeakerList {
	let list = speakerLists.get(knowledge);
	if (!list) {
		const counts = speakerDirectory(knowledge).speakers;
		const listed = counts.map((count) => `${count.person.name} (${count.quotes} ${count.quotes === 1 ? 'quote' : 'quotes'}${count.reported > 0 ? `, ${count.reported} reported` : ''})`);
		list = {
			// Frozen: every answer listing the speakers shares these entries.
			speakers: counts.map((count) => Object.freeze({ name: count.person.name, quotes: count.quotes, reported: count.reported })),
			summary: counts.length > 0 ? `${counts.length} people are quoted or reported: ${listed.join('; ')}.` : 'Nobody is quoted in the sources.',
		};
		speakerLists.set(knowledge, list);
	}
	return list;
}

function listSpeakers(knowledge: Knowledge, empty: Omit<Extract<Answer, { command: 'quote' }>, 'title' | 'summary' | 'found'>): Answer {
	const { speakers, summary } = speakerList(knowledge);
	return {
		...empty,
		title: 'Speakers quoted in the sources',
		summary,
		found: speakers.length > 0,
		// A list of its own (the entries are frozen): ten thousand copies would cost more than the rest of the answer.
		speakers: [...speakers],
	};
}

function personQuotes(knowledge: Knowledge, lookup: ParagraphLookup, person: Person, query: { speaker: string | null; topic: string | null }): Answer {
	const citations = new CitationList(lookup);
	const topicWords = query.topic ? matchWords(query.topic).filter((word) => !TOPIC_STOPWORDS.has(word)) : [];
	const directory = speakerDirectory(knowledge);
	const own = directory.quotesBy(person.id);
	const ranked = own
		.map((quote, order) => ({ quote, order, score: topicScore(quote, topicWords), sources: sourceCount(quote) }))
		.filter((entry) => topicWords.length === 0 || entry.score > 0)
		.sort((a, b) => kindRank(a.quote) - kindRank(b.quote) || b.score - a.score || b.sources - a.sources || a.order - b.order);
	const quotes: QuoteItem[] = ranked.map(({ quote }) => ({
		speaker: person.name,
		text: quote.text,
		kind: quote.kind,
		citations: unique(quote.occurrences.map((occurrence) => citations.add(occurrence, { start: occurrence.start, end: occurrence.end }))),
		variants: quote.variants,
	}));
	const reported = directory
		.reportedBy(person.id)
		.map((line) => ({ speaker: person.name, text: line.text, label: 'reported' as const, citations: [citations.add(line, { start: line.start, end: line.end })] }));
	const about = query.topic ? ` about "${query.topic}"` : '';
	const articles = new Set(ranked.flatMap(({ quote }) => quote.occurrences.map((occurrence) => occurrence.articleId))).size;
	let summary: string;
	if (quotes.length > 0) {
		summary = `${person.name}: ${quotes.length} direct ${quotes.length === 1 ? 'quote' : 'quotes'}${about} from ${articles} ${articles === 1 ? 'article' : 'articles'}, full quotes first.`;
		if (reported.length > 0) summary += ` Also ${reported.length} reported ${reported.length === 1 ? 'line' : 'lines'} (not direct quotes).`;
	} else if (own.length > 0) {
		summary = `None of ${person.name}'s ${own.length} quotes is about "${query.topic ?? ''}".`;
	} else if (reported.length > 0) {
		summary = `No direct quote from ${person.name} in the sources. Reported speech only (paraphrase, not their words): ${reported.length} ${reported.length === 1 ? 'line' : 'lines'}.`;
	} else {
		summary = `No direct quote from ${person.name} in the sources, and no reported speech.`;
	}
	return {
		command: 'quote',
		title: `Quotes: ${person.name}${about}`,
		summary,
		found: quotes.length > 0 || (own.length === 0 && reported.length > 0),
		citations: citations.build(),
		query,
		speaker: person.name,
		quotes,
		reported: quotes.length > 0 || own.length === 0 ? reported : [],
		speakers: [],
		suggestions: [],
	};
}

function kindRank(quote: Quote): number {
	return quote.kind === 'full' ? 0 : 1;
}

function sourceCount(quote: Quote): number {
	return new Set(quote.occurrences.map((occurrence) => occurrence.articleId)).size;
}
