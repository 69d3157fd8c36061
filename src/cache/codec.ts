// EngineSnapshot ⇄ what the cache file stores. The only change is compaction, which makes an
// archive's file far smaller and faster to parse, and the restored knowledge share its strings:
// - a paragraph's article id and number are implied by where it stands, so they are not written out
//   120,000 times;
// - a paragraph reference is an article position and a paragraph number, not an object with a
//   30-character id (there are hundreds of thousands); restored, every reference to an article
//   shares that article's id string;
// - quotes, occurrences, people and reported lines are tuples, not objects that repeat their keys;
//   a quote cited once is stored as that occurrence;
// - a quote's words are not written when the paragraph holds them at the quote's offsets (restored
//   as a slice of the paragraph's text, which shares its memory), nor twice for a quote and its
//   occurrence, nor the article id again in a span id;
// - an election's winner is which candidate it is, not a copy of that candidate.
// The stored lists are converted as the sliced writer reads them (`mapWhenRead`), not up front.
import { isDeepStrictEqual } from 'node:util';
import type { EngineSnapshot } from '../answer/engine.js';
import type { Article } from '../corpus/types.js';
import type { CandidateResult, ElectionResult, Knowledge, ParagraphRef, Person, Quote, QuoteOccurrence, ReportedLine, Sourced } from '../extract/index.js';
import type {
	StoredArticle,
	StoredEngine,
	StoredFullQuote,
	StoredKnowledge,
	StoredOccurrence,
	StoredPerson,
	StoredQuote,
	StoredRefs,
	StoredReported,
	StoredResult,
	StoredWinner,
	WithStoredRefs,
} from './schema.js';
import { mapWhenRead } from './json-slices.js';

/**
 * The lists are converted as they are read (see `mapWhenRead`), so reading one throws when the
 * snapshot cannot be stored compactly (a paragraph misnumbered, knowledge citing a paragraph that is
 * not in the corpus).
 */
export function toStored(snapshot: EngineSnapshot): StoredEngine {
	const refs = new RefWriter(snapshot.articles);
	return { ...snapshot, articles: mapWhenRead(snapshot.articles, storeArticle), warnings: [...snapshot.warnings], knowledge: storeKnowledge(snapshot.knowledge, refs) };
}

/**
 * Knowledge alone in the compact form, as JSON: how the extraction worker (src/build) sends it back.
 * One string crosses threads as one copy; the objects it describes would be cloned one by one, every
 * article id string with them.
 */
export function knowledgeToJson(knowledge: Knowledge, articles: readonly Article[]): string {
	return JSON.stringify(storeKnowledge(knowledge, new RefWriter(articles)));
}

/** The knowledge `knowledgeToJson` wrote, for the same articles: references share their ids, quotes their paragraphs' text. */
export function knowledgeFromJson(json: string, articles: readonly Article[]): Knowledge {
	return restoreKnowledge(JSON.parse(json) as StoredKnowledge, new RefReader(articles));
}

/**
 * Articles in the compact form, as JSON: how the build sends them to its extraction worker, a slice
 * at a time. At 10,000 articles this writes in 0.2 s and reads in 0.15 s, a little less than cloning
 * the objects (0.4 s), and each slice crosses as one string.
 */
export function articlesToJson(articles: readonly Article[]): string {
	return JSON.stringify(articles.map(storeArticle));
}

/** The articles `articlesToJson` wrote. */
export function articlesFromJson(json: string): Article[] {
	return (JSON.parse(json) as StoredArticle[]).map(restoreArticle);
}

/**
 * Throws when the stored knowledge contradicts itself (an article position that does not exist); the
 * index checks its own positions when it is restored (ParagraphIndex.fromSnapshot).
 */
export function fromStored(stored: StoredEngine): EngineSnapshot {
	const articles = stored.articles.map(restoreArticle);
	return { ...stored, articles, knowledge: restoreKnowledge(stored.knowledge, new RefReader(articles)) };
}

function storeArticle(article: Article): StoredArticle {
	article.paragraphs.forEach((paragraph, i) => {
		// The loader numbers each article's paragraphs 1…n; anything else cannot be stored compactly.
		if (paragraph.articleId !== article.id || paragraph.number !== i + 1) throw new Error(`cannot cache ${article.id}: paragraph ${i + 1} is numbered ${paragraph.number}`);
	});
	return { ...article, paragraphs: article.paragraphs.map((paragraph) => paragraph.text) };
}

function restoreArticle(stored: StoredArticle): Article {
	return { ...stored, paragraphs: stored.paragraphs.map((text, i) => ({ articleId: stored.id, number: i + 1, text })) };
}

/** Paragraph references → article positions, for writing. */
class RefWriter {
	private readonly positions = new Map<string, number>();

	constructor(private readonly articles: readonly Article[]) {
		articles.forEach((article, position) => this.positions.set(article.id, position));
	}

	/** The position of the article `ref` cites; throws unless the article and paragraph are stored. */
	position(ref: ParagraphRef): number {
		const position = this.positions.get(ref.articleId);
		const paragraphs = position === undefined ? 0 : (this.articles[position]?.paragraphs.length ?? 0);
		if (position === undefined || !Number.isInteger(ref.paragraph) || ref.paragraph < 1 || ref.paragraph > paragraphs) {
			throw new Error(`cannot cache the knowledge: it cites ${ref.articleId} paragraph ${ref.paragraph}, which is not in the corpus`);
		}
		return position;
	}

	pack(refs: readonly ParagraphRef[]): StoredRefs {
		const packed: StoredRefs = [];
		for (const ref of refs) packed.push(this.position(ref), ref.paragraph);
		return packed;
	}

	/** Null when `text` is what the cited paragraph holds from `start` to `end`: it is restored from there. */
	text(ref: ParagraphRef, start: number, end: number, text: string): string | null {
		const paragraph = this.articles[this.position(ref)]?.paragraphs[ref.paragraph - 1]?.text ?? '';
		// Only offsets the reader accepts (RefReader.text): slice() would also take negative ones.
		const inside = Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= paragraph.length;
		return inside && paragraph.slice(start, end) === text ? null : text;
	}
}

/**
 * Article positions → paragraph references, for reading; every check a reference needs. One object
 * per cited paragraph, shared by every reference to it: hundreds of thousands fewer objects to make
 * and hold. Nothing changes a reference once extracted (the extractor itself shares them).
 */
class RefReader {
	/** Per article position, its paragraphs' references (entry n - 1 for paragraph n), each made on first use. */
	private readonly refs: Array<Array<ParagraphRef | undefined>>;

	constructor(private readonly articles: readonly Article[]) {
		// Sized up front: filled at scattered positions, a growing array would turn into a slow dictionary.
		this.refs = articles.map((article) => new Array<ParagraphRef | undefined>(article.paragraphs.length));
	}

	/** The reference, sharing the article's id string; throws unless the article and paragraph are stored. */
	ref(position: number, paragraph: number): ParagraphRef {
		const article = this.article(position, paragraph);
		const refs = this.refs[position] ?? [];
		return (refs[paragraph - 1] ??= { articleId: article.id, paragraph });
	}

	/** The id of the article at `position`; throws unless it and the paragraph are stored. */
	articleId(position: number, paragraph: number): string {
		return this.article(position, paragraph).id;
	}

	/** Checks the list too: election results are checked at their top level only (schema.ts). */
	unpack(stored: StoredRefs): ParagraphRef[] {
		if (!Array.isArray(stored) || stored.length % 2 !== 0) throw new Error('not a list of paragraph references');
		const refs: ParagraphRef[] = [];
		// The length is even: the fallbacks never apply, and `ref` would reject them.
		for (let i = 0; i < stored.length; i += 2) refs.push(this.ref(stored[i] ?? -1, stored[i + 1] ?? 0));
		return refs;
	}

	/** `stored`, or the cited paragraph's text from `start` to `end` when it is null. */
	text(position: number, paragraph: number, start: number, end: number, stored: string | null): string {
		if (stored !== null) return stored;
		const text = this.article(position, paragraph).paragraphs[paragraph - 1]?.text ?? '';
		if (start > end || end > text.length) throw new Error(`text at ${start}–${end} is outside paragraph ${paragraph} of article ${position}`);
		return text.slice(start, end);
	}

	private article(position: number, paragraph: number): Article {
		const article = Number.isInteger(position) ? this.articles[position] : undefined;
		if (!article || !Number.isInteger(paragraph) || paragraph < 1 || paragraph > article.paragraphs.length) {
			throw new Error(`a reference to paragraph ${String(paragraph)} of article ${String(position)}, which is not stored`);
		}
		return article;
	}
}

function storeKnowledge(knowledge: Knowledge, refs: RefWriter): StoredKnowledge {
	return {
		people: mapWhenRead(knowledge.people, (person) => storePerson(person, refs)),
		quotes: mapWhenRead(knowledge.quotes, (quote, index) => storeQuote(quote, index, refs)),
		reported: mapWhenRead(knowledge.reported, (line) => storeReported(line, refs)),
		results: mapWhenRead(knowledge.results, (result) => storeResult(result, refs)),
	};
}

function restoreKnowledge(stored: StoredKnowledge, refs: RefReader): Knowledge {
	return {
		people: stored.people.map((person) => restorePerson(person, refs)),
		quotes: stored.quotes.map((quote, index) => restoreQuote(quote, index, refs)),
		reported: stored.reported.map((line) => restoreReported(line, refs)),
		results: stored.results.map((result) => restoreResult(result, refs)),
	};
}

function storePerson(person: Person, refs: RefWriter): StoredPerson {
	return [person.id, person.name, person.aliases, person.gender, person.roles, person.party, person.spellings, refs.pack(person.mentions)];
}

function restorePerson([id, name, aliases, gender, roles, party, spellings, mentions]: StoredPerson, refs: RefReader): Person {
	return { id, name, aliases, gender, roles, party, spellings, mentions: refs.unpack(mentions) };
}

/** The id the extractor gives the quote at `index` (dedupe.ts). */
const quoteId = (index: number): string => `q${index + 1}`;

function storeQuote(quote: Quote, index: number, refs: RefWriter): StoredQuote {
	const [only] = quote.occurrences;
	if (only && isItsOnlyOccurrence(quote, only, index)) return storeOccurrence(only, refs);
	const same = quote.occurrences.findIndex((occurrence) => occurrence.text === quote.text);
	const occurrences = quote.occurrences.map((occurrence) => storeOccurrence(occurrence, refs));
	return [quote.id, quote.speakerId, same >= 0 ? same : quote.text, quote.kind, occurrences, quote.variants];
}

/** Whether `quote` is nothing but `occurrence` (restored from it alone). */
function isItsOnlyOccurrence(quote: Quote, occurrence: QuoteOccurrence, index: number): boolean {
	return (
		quote.occurrences.length === 1 &&
		quote.variants.length === 0 &&
		quote.id === quoteId(index) &&
		quote.text === occurrence.text &&
		quote.kind === occurrence.kind &&
		quote.speakerId === occurrence.speakerId
	);
}

function restoreQuote(stored: StoredQuote, index: number, refs: RefReader): Quote {
	if (stored.length === 6) return restoreFullQuote(stored, refs);
	const occurrence = restoreOccurrence(stored, refs);
	return { id: quoteId(index), speakerId: occurrence.speakerId, text: occurrence.text, kind: occurrence.kind, occurrences: [occurrence], variants: [] };
}

function restoreFullQuote([id, speakerId, text, kind, stored, variants]: StoredFullQuote, refs: RefReader): Quote {
	const occurrences = stored.map((occurrence) => restoreOccurrence(occurrence, refs));
	const quoteText = typeof text === 'number' ? occurrences[text]?.text : text;
	if (quoteText === undefined) throw new Error(`quote ${id} takes its text from occurrence ${text}, which it does not have`);
	return { id, speakerId, text: quoteText, kind, occurrences, variants };
}

function storeOccurrence(occurrence: QuoteOccurrence, refs: RefWriter): StoredOccurrence {
	const { start, end } = occurrence;
	const text = refs.text(occurrence, start, end, occurrence.text);
	const span = spanNumber(occurrence.spanId, occurrence.articleId) ?? occurrence.spanId;
	return [refs.position(occurrence), occurrence.paragraph, start, end, text, occurrence.kind, occurrence.speakerId, occurrence.attribution, span];
}

function restoreOccurrence([article, paragraph, start, end, text, kind, speakerId, attribution, span]: StoredOccurrence, refs: RefReader): QuoteOccurrence {
	const articleId = refs.articleId(article, paragraph);
	const spanId = typeof span === 'number' ? `${articleId}#q${span}` : span;
	return { articleId, paragraph, text: refs.text(article, paragraph, start, end, text), start, end, kind, speakerId, attribution, spanId };
}

/** n when `spanId` is the extractor's `${articleId}#q${n}` (and reads back the same), else undefined. */
function spanNumber(spanId: string, articleId: string): number | undefined {
	const prefix = `${articleId}#q`;
	if (!spanId.startsWith(prefix)) return undefined;
	const digits = spanId.slice(prefix.length);
	const n = Number(digits);
	return Number.isInteger(n) && n > 0 && String(n) === digits ? n : undefined;
}

function storeReported(line: ReportedLine, refs: RefWriter): StoredReported {
	const text = refs.text(line, line.start, line.end, line.text);
	return [refs.position(line), line.paragraph, line.personId, text, line.verb, line.start, line.end];
}

function restoreReported([article, paragraph, personId, text, verb, start, end]: StoredReported, refs: RefReader): ReportedLine {
	return { ...refs.ref(article, paragraph), personId, text: refs.text(article, paragraph, start, end, text), verb, start, end };
}

// Election results are nested and few (one per constituency): they keep their shape, with each
// list of references stored flat. Spreads keep every key where it was, so a restored result
// serialises exactly as the original.

/** `Sourced<T>` stored; T is a plain value (a string, a number), so only the sources change. */
type StoredSourced<T> = Omit<Sourced<T>, 'sources'> & { sources: StoredRefs };

function storeResult(result: ElectionResult, refs: RefWriter): StoredResult {
	const { date, winner, majority, gain } = result;
	return {
		...result,
		sources: refs.pack(result.sources),
		date: date && { ...date, sources: refs.pack(date.sources) },
		candidates: result.candidates.map((candidate) => storeCandidate(candidate, refs)),
		winner: winner && storeWinner(winner, result.candidates, refs),
		winnerParty: storeSourced(result.winnerParty, refs),
		majority: majority && { ...majority, reported: storeSourced(majority.reported, refs), sources: refs.pack(majority.sources) },
		gain: gain && { ...gain, sources: refs.pack(gain.sources) },
		previousParty: storeSourced(result.previousParty, refs),
		conflicts: result.conflicts.map((conflict) => ({ ...conflict, values: conflict.values.map((value) => storeSourced(value, refs)) })),
	};
}

function restoreResult(stored: StoredResult, refs: RefReader): ElectionResult {
	const { date, winner, majority, gain } = stored;
	const candidates = stored.candidates.map((candidate) => restoreCandidate(candidate, refs));
	return {
		...stored,
		sources: refs.unpack(stored.sources),
		date: date && { ...date, sources: refs.unpack(date.sources) },
		candidates,
		winner: winner && restoreWinner(winner, candidates, refs),
		winnerParty: restoreSourced(stored.winnerParty, refs),
		majority: majority && { ...majority, reported: restoreSourced(majority.reported, refs), sources: refs.unpack(majority.sources) },
		gain: gain && { ...gain, sources: refs.unpack(gain.sources) },
		previousParty: restoreSourced(stored.previousParty, refs),
		conflicts: stored.conflicts.map((conflict) => ({ ...conflict, values: conflict.values.map((value) => restoreSourced(value, refs)) })),
	};
}

type Winner = NonNullable<ElectionResult['winner']>;

function storeWinner(winner: Winner, candidates: readonly CandidateResult[], refs: RefWriter): StoredWinner {
	const candidate = candidates.findIndex((candidate) => isDeepStrictEqual({ ...candidate, basis: winner.basis }, winner));
	return candidate >= 0 ? { candidate, basis: winner.basis } : { ...winner, ...storeCandidate(winner, refs) };
}

/** Restored from a candidate, the winner shares its objects, as the extractor's winner does. */
function restoreWinner(stored: StoredWinner, candidates: readonly CandidateResult[], refs: RefReader): Winner {
	if (!('candidate' in stored)) return { ...stored, ...restoreCandidate(stored, refs) };
	const candidate = candidates[stored.candidate];
	if (!candidate) throw new Error(`the winner is candidate ${String(stored.candidate)}, which is not stored`);
	return { ...candidate, basis: stored.basis };
}

function storeCandidate(candidate: CandidateResult, refs: RefWriter): WithStoredRefs<CandidateResult> {
	return { ...candidate, party: storeSourced(candidate.party, refs), votes: storeSourced(candidate.votes, refs) };
}

function restoreCandidate(stored: WithStoredRefs<CandidateResult>, refs: RefReader): CandidateResult {
	return { ...stored, party: restoreSourced(stored.party, refs), votes: restoreSourced(stored.votes, refs) };
}

function storeSourced<T>(sourced: Sourced<T>, refs: RefWriter): StoredSourced<T>;
function storeSourced<T>(sourced: Sourced<T> | null, refs: RefWriter): StoredSourced<T> | null;
function storeSourced<T>(sourced: Sourced<T> | null, refs: RefWriter): StoredSourced<T> | null {
	return sourced && { ...sourced, sources: refs.pack(sourced.sources) };
}

function restoreSourced<T>(stored: StoredSourced<T>, refs: RefReader): Sourced<T>;
function restoreSourced<T>(stored: StoredSourced<T> | null, refs: RefReader): Sourced<T> | null;
function restoreSourced<T>(stored: StoredSourced<T> | null, refs: RefReader): Sourced<T> | null {
	return stored && { ...stored, sources: refs.unpack(stored.sources) };
}
