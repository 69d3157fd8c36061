// A MiniSearch index over every paragraph, and the query handling a journalist expects on top of it:
// stemming, synonyms, typos, numbers, phrases, answer types, corroboration and a relevance floor.
import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Article, Paragraph } from '../corpus/types.js';
import { foldForMatching } from '../corpus/normalise.js';
import { isCapitalised } from '../extract/text.js';
import { compoundParts, indexTerms, queryTerms, stripAccents, termOf, tokens } from './analyse.js';
import { scanWords } from './scan-words.js';
import { SpanTable } from '../corpus/span-table.js';
import { expandTerms } from './thesaurus.js';
import { type AnswerType, answerTypeHints, paragraphAnswerTypes, questionAnswerTypes, withoutAnswerTypeWords } from './answer-type.js';
import { type Candidate, type Field, type FieldStatistics, POSTING_BUDGET, type QueryTerm, type RetrievalSource, retrieve } from './retrieval.js';
import { packNumbers, unpackNumbers } from './packed.js';
import { type InvertedTable, TermTable, type TermTableSnapshot } from './term-table.js';
import { loadMiniSearch, loadMiniSearchSteps } from './minisearch-json.js';
import { Slices, type Steps } from '../corpus/slices.js';
import { remembered } from '../corpus/remembered.js';

/**
 * A paragraph as MiniSearch sees it: its analysed text. Ranking also scores two more fields, kept
 * outside MiniSearch (see retrieval.ts): its article's headline and lede as context, and the kinds of
 * answer it can give (age, time, figure…), so a question that wants an age finds "Thwaite, 41," though
 * it shares no word with it.
 */
interface IndexedDocument {
	id: number;
	text: string;
}

/**
 * Everything a built index holds, as plain data (the on-disk cache). MiniSearch's index is not
 * stored: it is made again from the paragraphs' terms (see minisearch-json.ts). Articles are
 * referred to by position in the article list, which is stored once, elsewhere.
 */
export interface ParagraphIndexSnapshot {
	/** The distinct sets of answer types, and which of them each paragraph has, in corpus order (packed). */
	types: { sets: AnswerType[][]; ofParagraph: string };
	/** The text terms, in the order of their ids (the term table's). */
	terms: string[];
	/** Paragraphs using each term, by term id (packed). */
	documentFrequency: string;
	/** Term ids (packed), and the surface form of each. */
	surfaceForms: { terms: string; surfaces: string[] };
	/** Name terms' ids, and the positions of the articles that use term i: positions[starts[i] … starts[i + 1]) (all packed). */
	articlesByName: { terms: string; starts: string; positions: string };
	/** Terms of each article's headline and lede, in article order. */
	subjectTerms: string[][];
	/** Each paragraph's terms, as ids into `terms`. */
	paragraphTerms: TermTableSnapshot;
	/** Context term → how many paragraphs have it in their context field. */
	contextFrequency: [string, number][];
	/** Average distinct terms per paragraph in each field, as MiniSearch computes it for BM25. */
	averageFieldLength: Record<Field, number>;
	/** Text terms in more paragraphs than this were left out of MiniSearch (see `commonAbove`). */
	commonAbove: number;
}

export interface ParagraphRef {
	articleId: string;
	number: number;
}

export interface ParagraphHit extends ParagraphRef {
	score: number;
	/** Share of the question's weight that this paragraph matches (0–1): the relevance floor reads it. */
	coverage: number;
	/** Index terms of the paragraph that matched, used to mark the excerpt. */
	matchedTerms: string[];
	/** Phrases of the question (in quotation marks) that the paragraph contains. */
	containsPhrase: boolean;
	/** Near-identical paragraphs in other articles. */
	corroboratedBy: ParagraphRef[];
}

export interface SearchOutcome {
	hits: ParagraphHit[];
	/** False when nothing clears the relevance floor: the sources are silent. */
	found: boolean;
	/** Words of the question the index has never seen (not even as a typo). */
	unknownWords: string[];
}

/** The articles a question's names single out, the names that did it, and which of them are the stories' subjects. */
interface Scope {
	articles: Set<string>;
	terms: Set<string>;
	subjects: Set<string>;
}

export interface IndexOptions {
	/** Restores a built index instead of building one: use `ParagraphIndex.fromSnapshot`. */
	snapshot?: ParagraphIndexSnapshot;
	/** Postings a question's search may score (see retrieval.ts); tests lower it to force ranking-only terms. */
	postingBudget?: number;
	/**
	 * A text term in more paragraphs than this is common: MiniSearch leaves it out (see `indexText`) and
	 * its paragraphs are listed from the term table. Tests lower it to send common terms that way.
	 */
	commonAbove?: number;
}

export interface SearchOptions {
	limit?: number;
	/** People the question is about by role ("the new MP"), resolved by the caller: looked for too. */
	names?: readonly string[];
}

/** Below this share of the question's weight, a paragraph is not an answer but a coincidence. */
export const RELEVANCE_FLOOR = 0.45;
/** Hits far weaker than the best one are noise, however many words they share with the question. */
const RELATIVE_FLOOR = 0.4;
/** How much of a question term a paragraph covers when only its headline or lede has the term. */
const CONTEXT_COVERAGE = 0.5;
const SCOPE_TERM_WEIGHT = 0.1;
const COVERAGE_EXPONENT = 1;
const EXPANSION_WEIGHT = 0.45;
const CORROBORATION_SIMILARITY = 0.8;
const LENGTH_SIMILARITY = 0.6;
const CANDIDATES = 40;
const IDF_CACHE_SIZE = 50_000;
/** Articles whose context field ranking keeps counted; a question touches a few dozen. */
const CONTEXT_CACHE_SIZE = 5_000;
/** Names whose articles are kept as Sets once asked about: more than an archive's 36,000 names. */
const NAMES_REMEMBERED = 50_000;

export class ParagraphIndex {
	private search: MiniSearch<IndexedDocument>;
	private readonly paragraphs: Paragraph[] = [];
	/** Answer types each paragraph can supply. Sets are shared: a corpus has a few dozen combinations. */
	private readonly paragraphTypes: ReadonlySet<AnswerType>[] = [];
	private readonly typeSets = new Map<string, ReadonlySet<AnswerType>>();
	/**
	 * Name term → the articles that use it, by position. Made into a Set of ids only when a question
	 * names it (`articlesNaming`), and kept: at 10,000 articles there are 36,000 names and 390,000
	 * (name, article) pairs, and making them all into Sets at start-up was work few questions use.
	 */
	private articlesByName = new Map<string, ArrayLike<number>>();
	/** The ids of the articles that use name term `term` (see `articlesByName`), or null when none does. */
	private readonly articlesNaming = remembered((term: string): ReadonlySet<string> | null => {
		const positions = this.articlesByName.get(term);
		return positions ? new Set(Array.from(positions, (position) => this.articleIds[position] ?? '')) : null;
	}, NAMES_REMEMBERED);
	/** Article id → the terms of its headline and lede: what the story is about. */
	private readonly subjectTerms = new Map<string, Set<string>>();
	private readonly articleCount: number;
	private readonly postingBudget: number;
	/** Paragraphs using each term, by the term's id in the term table (its vocabulary is the index's). */
	private documentFrequencies = new Uint32Array(0);
	/** Index term → the commonest way the corpus writes it: what suggestions show. */
	private readonly surfaceForms = new Map<string, string>();

	/** Each paragraph's terms as ids: corroboration compares them and ranking counts them. */
	private terms = new TermTable();
	private readonly contextFrequency = new Map<string, number>();
	/** Answer-type token → the paragraphs that can supply that type, in corpus order. */
	private readonly typePositions = new Map<string, number[]>();
	private averageFieldLength: Record<Field, number> = { text: 0, context: 0, types: 0 };
	private readonly articlesById = new Map<string, Article>();
	/** Position of each paragraph's article: a scope test per search result must be cheap. */
	private readonly articleOrdinalOf: number[] = [];
	private readonly ordinalOfArticle = new Map<string, number>();
	/** Article ids by position (the order the index was given the articles in). */
	private readonly articleIds: string[] = [];
	/** Position of each article's first paragraph, and one past its last. */
	private readonly articleBounds: [number, number][] = [];
	/** Context term → the articles whose headline or lede has it. */
	private readonly contextArticles = new Map<string, number[]>();
	/** Context terms → counts of the articles ranking has looked at (first paragraph, later ones). */
	private readonly contextCounts = new Map<string, { first: Map<string, number>; later: Map<string, number> }>();
	/** Known non-numeric terms → first-seen order, for typo-tolerant lookups; built on first use. */
	private vocabulary: SearchableMap<number> | null = null;
	private readonly idfCache = new Map<string, number>();
	private commonAbove: number;
	/** Common text term → the paragraphs that use it, in corpus order. */
	private commonPostings = new Map<string, Uint32Array>();

	/** `snapshot` restores a built index instead of building one: use `ParagraphIndex.fromSnapshot`. */
	/** `later`: leave the build to `buildInSlices` (internal). */
	constructor(articles: readonly Article[], options: IndexOptions = {}, later = false) {
		const { snapshot } = options;
		this.postingBudget = options.postingBudget ?? POSTING_BUDGET;
		this.commonAbove = snapshot?.commonAbove ?? options.commonAbove ?? POSTING_BUDGET;
		this.search = new MiniSearch(miniSearchOptions());
		this.articleCount = articles.length;
		for (const [ordinal, article] of articles.entries()) {
			this.articlesById.set(article.id, article);
			this.ordinalOfArticle.set(article.id, ordinal);
			this.articleIds.push(article.id);
			this.articleBounds.push([this.articleOrdinalOf.length, this.articleOrdinalOf.length + article.paragraphs.length]);
			for (let i = 0; i < article.paragraphs.length; i++) this.articleOrdinalOf.push(ordinal);
		}
		if (snapshot) this.restore(articles, snapshot);
		else if (!later) {
			for (const _step of this.buildSteps(articles));
			this.indexText();
		}
	}

	/**
	 * The same index the constructor builds, built in slices with the event loop given a turn between
	 * them: a bot rebuilding its corpus keeps answering from the old one meanwhile.
	 */
	static async buildInSlices(articles: readonly Article[], options: Omit<IndexOptions, 'snapshot'> & { sliceMs?: number } = {}): Promise<ParagraphIndex> {
		const index = new ParagraphIndex(articles, options, true);
		const slices = new Slices(options.sliceMs);
		for (const _step of index.buildSteps(articles)) await slices.yieldIfDue();
		await index.indexTextInSlices(slices);
		return index;
	}

	/**
	 * Everything but MiniSearch's index (`indexText`, made afterwards from the term table filled
	 * here). Each paragraph is tokenised once, and each article's context once: the context is the
	 * same for every paragraph of an article but the first, so it is counted per article.
	 */
	private *buildSteps(articles: readonly Article[]): Steps<void> {
		const lengths = { text: 0, context: 0, types: 0 };
		const tally = new BuildTally();
		for (const [ordinal, article] of articles.entries()) {
			const contexts = contextsOf(article);
			const first = new Set(contexts.first);
			const later = new Set(contexts.later);
			this.subjectTerms.set(article.id, later);
			const firsts = article.paragraphs.filter((paragraph) => paragraph.number === 1).length;
			this.countContext(first, firsts);
			this.countContext(later, article.paragraphs.length - firsts);
			lengths.context += first.size * firsts + later.size * (article.paragraphs.length - firsts);
			for (const paragraph of article.paragraphs) {
				const { id, distinct } = this.add(paragraph, ordinal, tally);
				lengths.text += distinct;
				// MiniSearch splits an empty types field into one empty token: a length of 1.
				lengths.types += Math.max(1, this.paragraphTypes[id]?.size ?? 0);
			}
			yield;
		}
		// Each a few hundred milliseconds on an archive: a turn for the event loop between them.
		this.terms.seal();
		yield;
		this.keepTally(tally);
		yield;
		this.countTypes();
		yield;
		this.noteContextArticles();
		const count = Math.max(1, this.paragraphs.length);
		this.averageFieldLength = { text: lengths.text / count, context: lengths.context / count, types: lengths.types / count };
	}

	/** `paragraphs` paragraphs have `context` as their context field. */
	private countContext(context: ReadonlySet<string>, paragraphs: number): void {
		if (paragraphs === 0) return;
		for (const term of context) this.contextFrequency.set(term, (this.contextFrequency.get(term) ?? 0) + paragraphs);
	}

	/** The build's per-term-id counts, turned into the tables queries look terms up in. */
	private keepTally(tally: BuildTally): void {
		this.documentFrequencies = Uint32Array.from(tally.documentFrequency);
		for (const [id, surface] of tally.surfaces.entries()) if (surface !== undefined) this.surfaceForms.set(this.terms.termOfId(id) ?? '', surface);
		for (const [id, ordinals] of tally.nameArticles.entries()) {
			if (ordinals) this.articlesByName.set(this.terms.termOfId(id) ?? '', ordinals);
		}
	}

	/**
	 * Hands MiniSearch the text field, from the term table, but for the common terms: those in more
	 * paragraphs than any question's posting budget lets it search. They are a third of an archive's
	 * postings; a question made only of them is searched by the rarest (retrieval.ts), from lists here.
	 */
	private indexText(): void {
		const inverted = this.terms.invert();
		this.search = loadMiniSearch(this.terms, inverted, (id) => !this.isCommon(inverted, id), miniSearchOptions());
		this.keepCommonPostings(inverted);
	}

	/** `indexText` with the event loop given turns: MiniSearch's index is a second or two's work on an archive. */
	private async indexTextInSlices(slices: Slices): Promise<void> {
		const inverted = this.terms.invert();
		this.search = await slices.drain(loadMiniSearchSteps(this.terms, inverted, (id) => !this.isCommon(inverted, id), miniSearchOptions()));
		this.keepCommonPostings(inverted);
	}

	private isCommon({ starts }: InvertedTable, id: number): boolean {
		return (starts[id + 1] ?? 0) - (starts[id] ?? 0) > this.commonAbove;
	}

	private keepCommonPostings(inverted: InvertedTable): void {
		const { starts, positions } = inverted;
		this.commonPostings.clear();
		for (let id = 0; id < this.terms.termCount; id++) {
			if (this.isCommon(inverted, id)) this.commonPostings.set(this.terms.termOfId(id) ?? '', positions.slice(starts[id], starts[id + 1]));
		}
	}

	/** From each article's later context (headline and lede), which includes its first paragraph's (headline). */
	private noteContextArticles(): void {
		for (const [ordinal, terms] of [...this.subjectTerms.values()].entries()) {
			for (const term of terms) {
				const articles = this.contextArticles.get(term);
				if (articles) articles.push(ordinal);
				else this.contextArticles.set(term, [ordinal]);
			}
		}
	}

	/** Paragraphs whose context may hold `term`: every paragraph of the articles whose headline or lede has it. */
	private *contextPostings(term: string): Iterable<number> {
		for (const ordinal of this.contextArticles.get(term) ?? []) {
			const [start, end] = this.articleBounds[ordinal] ?? [0, 0];
			for (let position = start; position < end; position++) yield position;
		}
	}

	private typeSet(types: readonly AnswerType[]): ReadonlySet<AnswerType> {
		const key = types.join(' ');
		let shared = this.typeSets.get(key);
		if (!shared) this.typeSets.set(key, (shared = new Set(types)));
		return shared;
	}

	/** Where a paragraph stands in the corpus. The loader numbers an article's paragraphs 1…n; other numbering is searched for. */
	private positionOf(ref: ParagraphRef): number | undefined {
		const [start, end] = this.articleBounds[this.ordinalOfArticle.get(ref.articleId) ?? -1] ?? [0, 0];
		const position = start + ref.number - 1;
		if (position >= start && position < end && this.paragraphs[position]?.number === ref.number) return position;
		for (let each = start; each < end; each++) if (this.paragraphs[each]?.number === ref.number) return each;
		return undefined;
	}

	private countTypes(): void {
		for (const [position, types] of this.paragraphTypes.entries()) {
			for (const type of types) {
				const token = typeToken(type);
				const positions = this.typePositions.get(token);
				if (positions) positions.push(position);
				else this.typePositions.set(token, [position]);
			}
		}
	}

	get size(): number {
		return this.paragraphs.length;
	}

	/** Ranked paragraphs that answer `question`, near-duplicates merged, with a verdict on relevance. */
	find(question: string, options: SearchOptions = {}): SearchOutcome {
		const limit = options.limit ?? 5;
		const names = options.names ?? [];
		const questionTerms = unique([...queryTerms(withoutAnswerTypeWords(question)), ...names.flatMap((name) => queryTerms(name))]);
		const wanted = questionAnswerTypes(question);
		if (questionTerms.length === 0) return { hits: [], found: false, unknownWords: [] };
		const unknownWords = this.unknownProperNouns(question);
		// A name the sources never mention means they cannot answer, however well the other words match.
		if (unknownWords.length > 0) return { hits: [], found: false, unknownWords };
		const phrases = quotedPhrases(question);
		const scope = this.scopeOf(names.length > 0 ? `${question} ${names.join(' ')}` : question);
		const results = this.rankedResults(questionTerms, wanted, scope);
		const hits = this.mergeCorroborating(results.map((result) => this.toHit(result, questionTerms, wanted, phrases, scope?.terms)));
		hits.sort((a, b) => Number(b.containsPhrase) - Number(a.containsPhrase) || rankOf(b) - rankOf(a));
		const best = hits[0] ? rankOf(hits[0]) : 0;
		const relevant = hits.filter((hit) => hit.containsPhrase || (hit.coverage >= RELEVANCE_FLOOR && rankOf(hit) >= best * RELATIVE_FLOOR));
		return { hits: relevant.slice(0, limit), found: relevant.length > 0, unknownWords };
	}

	/** Words the index knows that are closest to the question's unmatched words. */
	suggestions(question: string, max = 5): string[] {
		const suggestions = new Set<string>();
		for (const token of tokens(question)) {
			if (!token.term || this.isIndexed(token.term)) continue;
			const tolerance = Math.max(1, Math.floor(token.term.length / 4));
			for (const candidate of this.closestTerms(token.term, tolerance)) suggestions.add(candidate);
		}
		return [...suggestions].slice(0, max);
	}

	/**
	 * Tokenises a paragraph once and counts what the index needs of it by term id: a term's string is
	 * looked up once per word, not once per table (document frequency, surface form, names).
	 */
	private add(paragraph: Paragraph, ordinal: number, tally: BuildTally): { id: number; distinct: number } {
		const position = this.paragraphs.length;
		const { text } = paragraph;
		const ids: number[] = [];
		let distinct = 0;
		scanWords(text, (start, end) => {
			const id = tally.termIdAt(text, start, end, this.terms);
			if (id === STOP_WORD) return;
			ids.push(id);
			distinct += tally.use(id, position);
			tally.surfaces[id] ??= text.slice(start, end);
			if (startsCapitalised(text, start)) tally.name(id, ordinal);
			for (const partId of tally.partsOf(id)) {
				ids.push(partId);
				distinct += tally.use(partId, position);
			}
		});
		this.terms.addParagraphIds(ids);
		this.paragraphs.push(paragraph);
		this.paragraphTypes.push(this.typeSet(paragraphAnswerTypes(paragraph.text)));
		return { id: position, distinct };
	}

	private rankedResults(questionTerms: string[], wanted: AnswerType[], scope: Scope | null): Candidate[] {
		const expansions = [...new Set([...expandTerms(questionTerms), ...answerTypeHints(wanted)])].filter((term) => !questionTerms.includes(term));
		const own = questionTerms.length;
		const terms: QueryTerm[] = [...questionTerms, ...expansions].map((term, i) => ({
			term,
			// Once a name has chosen the articles it says little about which of their paragraphs answers.
			boost: i >= own ? EXPANSION_WEIGHT : scope?.subjects.has(term) ? SCOPE_TERM_WEIGHT : 1,
			fuzzy: i < own && isFuzzyCandidate(term),
			prefix: i === own - 1 && term.length >= 4 && term.length <= MAX_FUZZY_LENGTH && !/^\d/.test(term),
		}));
		const ordinals = scope ? new Set([...scope.articles].map((id) => this.ordinalOfArticle.get(id))) : null;
		const inScope = ordinals ? (id: number) => ordinals.has(this.articleOrdinalOf[id]) : undefined;
		return retrieve(this.retrievalSource(), { terms, typeTokens: wanted.map(typeToken), limit: CANDIDATES, budget: this.postingBudget, accept: inScope });
	}

	private retrievalSource(): RetrievalSource<IndexedDocument> {
		return {
			search: this.search,
			commonAbove: this.commonAbove,
			postings: (field, term) => (field === 'text' ? (this.commonPostings.get(term) ?? []) : field === 'context' ? this.contextPostings(term) : (this.typePositions.get(term) ?? [])),
			statistics: this.statistics,
			vocabulary: {
				fuzzy: (term, maxDistance) => [...this.knownVocabulary().fuzzyGet(term, maxDistance)].map(([known, [, distance]]) => [known, distance]),
				withPrefix: (prefix) => this.knownVocabulary().atPrefix(prefix).keys(),
			},
		};
	}

	/** The field statistics MiniSearch scores with, for the terms retrieval leaves out of the search. */
	private readonly statistics: FieldStatistics = {
		documentCount: () => this.paragraphs.length,
		documentFrequency: (field, term) => (field === 'text' ? this.frequencyOf(term) : field === 'context' ? this.contextFrequency.get(term) : this.typePositions.get(term)?.length) ?? 0,
		averageLength: (field) => this.averageFieldLength[field],
		frequencyIn: (field, id, term) => (field === 'text' ? this.terms.frequencyIn(id, term) : field === 'context' ? (this.contextCountsOf(id).get(term) ?? 0) : Number(this.paragraphTypes[id]?.has(term.slice(1) as AnswerType) ?? false)),
		lengthOf: (field, id) => (field === 'text' ? this.terms.distinctCount(id) : field === 'context' ? this.contextCountsOf(id).size : Math.max(1, this.paragraphTypes[id]?.size ?? 0)),
	};

	/** The context field of paragraph `id` as term counts, worked out per article when ranking first needs it. */
	private contextCountsOf(id: number): Map<string, number> {
		const paragraph = this.paragraphs[id];
		const article = paragraph ? this.articlesById.get(paragraph.articleId) : undefined;
		if (!paragraph || !article) return new Map();
		let counts = this.contextCounts.get(article.id);
		if (!counts) {
			const contexts = contextsOf(article);
			counts = { first: countTerms(contexts.first), later: countTerms(contexts.later) };
			if (this.contextCounts.size >= CONTEXT_CACHE_SIZE) this.contextCounts.clear();
			this.contextCounts.set(article.id, counts);
		}
		return paragraph.number === 1 ? counts.first : counts.later;
	}

	/**
	 * The articles a question is about, when it names something (a constituency, a person) that only
	 * some articles mention: "Why was the Kingsmere result late?" is answered from articles that
	 * mention Kingsmere, however well another article's paragraph matches "result" and "late".
	 */
	private scopeOf(question: string): Scope | null {
		let articles: Set<string> | null = null;
		const scopeTerms = new Set<string>();
		// Rarest names first: "Tories in Cwm Tawel" scopes to Cwm Tawel, not to every article about Tories.
		for (const [term, mentioning] of this.scopingNames(question)) {
			const narrowed: Set<string> = articles === null ? new Set(mentioning) : new Set([...articles].filter((id) => mentioning.has(id)));
			if (narrowed.size === 0) continue; // names from different stories: keep the narrower scope
			articles = narrowed;
			scopeTerms.add(term);
		}
		if (!articles) return null;
		const inScope = articles;
		// A name in every chosen article's headline or lede is the story's subject (the constituency);
		// a name further down (a person quoted) still tells paragraphs apart.
		const subjects = new Set([...scopeTerms].filter((term) => [...inScope].every((id) => this.subjectTerms.get(id)?.has(term))));
		return { articles, terms: scopeTerms, subjects };
	}

	/** Names in the question (capitalised, not its first word) that only some articles use, rarest first. */
	private scopingNames(question: string): [string, ReadonlySet<string>][] {
		const names: [string, ReadonlySet<string>][] = [];
		for (const [index, token] of tokens(question).entries()) {
			if (index === 0 || !token.term || !/^\p{Lu}/u.test(token.surface)) continue;
			// Parties and other words with synonyms describe many stories; they rank, they do not scope.
			if (expandTerms([token.term]).length > 0) continue;
			const mentioning = this.articlesNaming(token.term);
			if (mentioning && mentioning.size < this.articleCount) names.push([token.term, mentioning]);
		}
		return names.sort((a, b) => a[1].size - b[1].size);
	}

	private suppliesType(id: number, wanted: readonly AnswerType[]): boolean {
		const types = this.paragraphTypes[id];
		return types !== undefined && wanted.some((type) => types.has(type));
	}

	private toHit(result: Candidate, questionTerms: string[], wanted: AnswerType[], phrases: string[], scopeTerms?: ReadonlySet<string>): ParagraphHit {
		const paragraph = this.paragraphs[result.id as number];
		if (!paragraph) throw new Error(`Index returned unknown paragraph ${String(result.id)}`);
		const folded = foldedForPhrase(paragraph.text);
		return {
			articleId: paragraph.articleId,
			number: paragraph.number,
			score: result.score,
			coverage: this.coverage(questionTerms, result, wanted.length > 0 ? this.suppliesType(result.id as number, wanted) : undefined, scopeTerms),
			matchedTerms: result.terms,
			containsPhrase: phrases.length > 0 && phrases.every((phrase) => folded.includes(phrase)),
			corroboratedBy: [],
		};
	}

	/**
	 * IDF-weighted share of the question's terms that the result matched (a synonym counts in part).
	 * A question that wants a kind of answer (an age, a time) counts that as one more term, met when
	 * the paragraph holds such a thing.
	 */
	private coverage(questionTerms: string[], result: Candidate, suppliesWantedType: boolean | undefined, scopeTerms?: ReadonlySet<string>): number {
		// A paragraph in an article about the named place or person is about it, named again or not.
		// A term found only in the headline or lede covers less than one the paragraph itself uses.
		// (A fuzzy or prefix match has no entry of its own in `match`: it came from the text.)
		const inContextOnly = (term: string) => Object.hasOwn(result.match, term) && !result.match[term]?.includes('text');
		const matchedInContext = new Set(result.queryTerms.filter(inContextOnly));
		const matched = new Set([...result.queryTerms.filter((term) => !inContextOnly(term)), ...(scopeTerms ?? [])]);
		const typeWeight = suppliesWantedType === undefined ? 0 : Math.log(1 + this.paragraphs.length / 4);
		let total = typeWeight;
		let covered = suppliesWantedType ? typeWeight : 0;
		for (const term of questionTerms) {
			const weight = this.idf(term);
			total += weight;
			if (matched.has(term)) covered += weight;
			else if (matchedInContext.has(term)) covered += weight * CONTEXT_COVERAGE;
			else if (expandTerms([term]).some((synonym) => matched.has(synonym))) covered += weight * 0.75;
		}
		return total === 0 ? 0 : covered / total;
	}

	/** Cached: coverage asks it for every term of every candidate, and a misspelt term costs a fuzzy lookup. */
	private idf(term: string): number {
		const cached = this.idfCache.get(term);
		if (cached !== undefined) return cached;
		const frequency = this.frequencyOf(term) ?? this.fuzzyFrequency(term);
		const idf = Math.log(1 + (this.paragraphs.length + 1) / (frequency + 0.5));
		if (this.idfCache.size >= IDF_CACHE_SIZE) this.idfCache.clear();
		this.idfCache.set(term, idf);
		return idf;
	}

	/** A misspelt word weighs what its closest known spelling weighs, not what a never-seen word would. */
	private fuzzyFrequency(term: string): number {
		const closest = this.closestTerms(term, 2)[0];
		return closest ? (this.frequencyOf(termOf(closest) ?? '') ?? 0) : 0;
	}

	/**
	 * Known terms within `maxDistance` edits of `term`, nearest first, then in the order the corpus
	 * first used them. A fuzzy walk of a radix tree of the vocabulary: scanning the whole vocabulary
	 * cost tens of milliseconds a lookup on an archive-sized corpus.
	 */
	private closestTerms(term: string, maxDistance: number): string[] {
		if (/^\d/.test(term) || term.length > MAX_FUZZY_LENGTH) return [];
		const matches = [...this.knownVocabulary().fuzzyGet(term, maxDistance)];
		return matches.sort(([, [orderA, distanceA]], [, [orderB, distanceB]]) => distanceA - distanceB || orderA - orderB).map(([known]) => this.surfaceForms.get(known) ?? known);
	}

	/** Makes the typo-tolerant vocabulary now, as the first question with an unknown word would (Engine.warmUp). */
	prepareTypoLookups(): void {
		this.knownVocabulary();
	}

	private knownVocabulary(): SearchableMap<number> {
		if (this.vocabulary) return this.vocabulary;
		const vocabulary = new SearchableMap<number>();
		let order = 0;
		for (const known of this.indexedTerms()) if (!/^\d/.test(known)) vocabulary.set(known, order++);
		this.vocabulary = vocabulary;
		return vocabulary;
	}

	/**
	 * Capitalised words inside the question (not its first word) that no paragraph contains, even
	 * allowing a typo: "Who won in Barnsley?" asked of a corpus that never mentions Barnsley.
	 */
	private unknownProperNouns(question: string): string[] {
		const unknown: string[] = [];
		for (const [index, token] of tokens(question).entries()) {
			if (index === 0 || !token.term || !/^\p{Lu}/u.test(token.surface) || token.surface.length < 3) continue;
			if (this.isKnown(token.term) || expandTerms([token.term]).some((synonym) => this.isKnown(synonym))) continue;
			unknown.push(token.surface);
		}
		return unknown;
	}

	/** Paragraphs whose text has `term`; undefined when none has. */
	private frequencyOf(term: string): number | undefined {
		const id = this.terms.idOfTerm(term);
		return id === undefined ? undefined : this.documentFrequencies[id];
	}

	private isIndexed(term: string): boolean {
		return this.terms.idOfTerm(term) !== undefined;
	}

	/** Every term of the paragraphs' text, in the order the corpus first used them (their ids' order). */
	private *indexedTerms(): Generator<string, void, void> {
		for (let id = 0; id < this.terms.termCount; id++) yield this.terms.termOfId(id) ?? '';
	}

	private isKnown(term: string): boolean {
		return this.isIndexed(term) || this.closestTerms(term, 1).length > 0;
	}

	/** Near-identical paragraphs from different articles become one hit with several citations. */
	private mergeCorroborating(hits: ParagraphHit[]): ParagraphHit[] {
		const kept: ParagraphHit[] = [];
		const termSets = new Map<ParagraphHit, ReadonlySet<number>>();
		const termSetOf = (hit: ParagraphHit): ReadonlySet<number> => {
			let termSet = termSets.get(hit);
			if (!termSet) termSets.set(hit, (termSet = this.termSetOf(hit)));
			return termSet;
		};
		for (const hit of hits) {
			const twin = kept.find((candidate) => candidate.articleId !== hit.articleId && nearlyIdentical(termSetOf(candidate), termSetOf(hit)));
			if (twin) twin.corroboratedBy.push({ articleId: hit.articleId, number: hit.number });
			else kept.push(hit);
		}
		return kept;
	}

	private termSetOf(ref: ParagraphRef): ReadonlySet<number> {
		const position = this.positionOf(ref);
		if (position === undefined) throw new Error(`Unknown paragraph ${ref.articleId} ¶${ref.number}`);
		return new Set(this.terms.termIds(position));
	}

	/** The built index as plain data, for the on-disk cache; `fromSnapshot` restores it. */
	toSnapshot(): ParagraphIndexSnapshot {
		return {
			types: this.packTypes(),
			terms: [...this.indexedTerms()],
			documentFrequency: packNumbers(this.documentFrequencies),
			surfaceForms: this.packSurfaceForms(),
			articlesByName: this.packArticlesByName(),
			subjectTerms: [...this.subjectTerms.values()].map((terms) => [...terms]),
			paragraphTerms: this.terms.toSnapshot(),
			contextFrequency: [...this.contextFrequency],
			averageFieldLength: { ...this.averageFieldLength },
			commonAbove: this.commonAbove,
		};
	}

	/** The index `toSnapshot` described, over the same articles in the same order, without rebuilding it. */
	static fromSnapshot(articles: readonly Article[], snapshot: ParagraphIndexSnapshot): ParagraphIndex {
		return new ParagraphIndex(articles, { snapshot });
	}

	/** Answer-type sets are few and shared (see `paragraphTypes`): each is stored once, and paragraphs say which. */
	private packTypes(): ParagraphIndexSnapshot['types'] {
		const numbers = new Map<ReadonlySet<AnswerType>, number>();
		const ofParagraph = this.paragraphTypes.map((types) => {
			let number = numbers.get(types);
			if (number === undefined) numbers.set(types, (number = numbers.size));
			return number;
		});
		return { sets: [...numbers.keys()].map((types) => [...types]), ofParagraph: packNumbers(ofParagraph) };
	}

	private packSurfaceForms(): ParagraphIndexSnapshot['surfaceForms'] {
		const terms: number[] = [];
		const surfaces: string[] = [];
		for (const [term, surface] of this.surfaceForms) {
			terms.push(this.termIdOf(term));
			surfaces.push(surface);
		}
		return { terms: packNumbers(terms), surfaces };
	}

	private packArticlesByName(): ParagraphIndexSnapshot['articlesByName'] {
		const terms: number[] = [];
		const starts = [0];
		const positions: number[] = [];
		for (const [term, articles] of this.articlesByName) {
			terms.push(this.termIdOf(term));
			for (let i = 0; i < articles.length; i++) positions.push(articles[i] ?? 0);
			starts.push(positions.length);
		}
		return { terms: packNumbers(terms), starts: packNumbers(starts), positions: packNumbers(positions) };
	}

	/** Surface forms and names are kept for text terms only, which is what lets the snapshot store their ids. */
	private termIdOf(term: string): number {
		const id = this.terms.idOfTerm(term);
		if (id === undefined) throw new Error(`cannot snapshot the index: "${term}" is not a text term`);
		return id;
	}

	private restore(articles: readonly Article[], snapshot: ParagraphIndexSnapshot): void {
		const paragraphCount = articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
		if (snapshot.subjectTerms.length !== articles.length) throw new Error('The index snapshot does not match its articles.');
		const types = this.unpackTypes(snapshot.types, paragraphCount);
		for (const [position, article] of articles.entries()) {
			this.subjectTerms.set(article.id, new Set(snapshot.subjectTerms[position]));
			for (const paragraph of article.paragraphs) {
				this.paragraphTypes.push(types[this.paragraphs.length] ?? EMPTY_TYPES);
				this.paragraphs.push(paragraph);
			}
		}
		this.terms = TermTable.fromSnapshot(snapshot.terms, snapshot.paragraphTerms);
		// A term listed twice would shift every id after it.
		if (this.terms.termCount !== snapshot.terms.length) throw new Error('The index snapshot lists a term twice.');
		this.documentFrequencies = unpackNumbers(snapshot.documentFrequency, 'The document frequencies');
		if (this.documentFrequencies.length !== this.terms.termCount) throw new Error('The index snapshot has a document frequency for each of a different set of terms.');
		if (this.terms.paragraphCount !== paragraphCount) throw new Error('The index snapshot does not match its articles.');
		this.indexText();
		for (const [term, count] of snapshot.contextFrequency) this.contextFrequency.set(term, count);
		this.countTypes();
		this.noteContextArticles();
		this.averageFieldLength = { ...snapshot.averageFieldLength };
		this.unpackSurfaceForms(snapshot.surfaceForms);
		this.articlesByName = unpackArticlesByName(snapshot.articlesByName, (id) => this.terms.termOfId(id), articles.length);
	}

	/** Each paragraph's set of answer types, shared as the build shares them (`typeSet`). */
	private unpackTypes({ sets, ofParagraph }: ParagraphIndexSnapshot['types'], paragraphCount: number): ReadonlySet<AnswerType>[] {
		const shared = sets.map((types) => this.typeSet(types));
		const numbers = unpackNumbers(ofParagraph, "The paragraphs' answer types");
		if (numbers.length !== paragraphCount) throw new Error('The index snapshot does not match its articles.');
		return Array.from(numbers, (number) => {
			const types = shared[number];
			if (!types) throw new Error(`The index snapshot gives a paragraph answer-type set ${number}, of ${shared.length}.`);
			return types;
		});
	}

	private unpackSurfaceForms({ terms, surfaces }: ParagraphIndexSnapshot['surfaceForms']): void {
		const ids = unpackNumbers(terms, 'The surface forms');
		if (ids.length !== surfaces.length) throw new Error('The index snapshot has surface forms for a different number of terms.');
		ids.forEach((id, i) => this.surfaceForms.set(termNumbered(id, (each) => this.terms.termOfId(each)), surfaces[i] ?? ''));
	}
}

const EMPTY_TYPES: ReadonlySet<AnswerType> = new Set();

/**
 * Name term → the positions of the articles that use it, as the snapshot stores them (each a view
 * into one array, not an array of its own). Throws when the snapshot contradicts itself.
 */
export function unpackArticlesByName(packed: ParagraphIndexSnapshot['articlesByName'], termOfId: (id: number) => string | undefined, articleCount: number): Map<string, Uint32Array> {
	const terms = unpackNumbers(packed.terms, 'The name terms');
	const starts = unpackNumbers(packed.starts, "The name terms' starts");
	const positions = unpackNumbers(packed.positions, "The name terms' articles");
	if (starts.length !== terms.length + 1 || starts[0] !== 0 || starts[terms.length] !== positions.length) throw new Error("The index snapshot's name terms are inconsistent.");
	for (let at = 0; at < positions.length; at++) if ((positions[at] ?? 0) >= articleCount) throw new Error('The index snapshot names an article that is not stored.');
	const byName = new Map<string, Uint32Array>();
	terms.forEach((id, i) => {
		const start = starts[i] ?? 0;
		const end = starts[i + 1] ?? 0;
		if (end < start) throw new Error("The index snapshot's name terms are inconsistent.");
		byName.set(termNumbered(id, termOfId), positions.subarray(start, end));
	});
	return byName;
}

function termNumbered(id: number, termOfId: (id: number) => string | undefined): string {
	const term = termOfId(id);
	if (term === undefined) throw new Error(`The index snapshot refers to term ${id}, which it does not list.`);
	return term;
}

/**
 * How MiniSearch reads a question's terms: already analysed (see `rankedResults`), space-separated.
 * Its index is handed to it whole (minisearch-json.ts), so it never tokenises a paragraph.
 */
export function miniSearchOptions(): Options<IndexedDocument> {
	return {
		fields: ['text'],
		tokenize: (text) => (text !== '' ? text.split(' ') : []),
		processTerm: (term) => term,
		searchOptions: { tokenize: (query) => query.split(' ').filter(Boolean), processTerm: (term) => term },
	};
}

/**
 * The context terms of an article's first paragraph (its headline) and of the others (headline and
 * lede). The title gives every paragraph its article's context: "How old is the new MP for X?" is
 * answered by a paragraph that names the MP but not X, in an article about X.
 */
function contextsOf(article: Article): { first: string[]; later: string[] } {
	const first = article.paragraphs[0] ?? { articleId: article.id, number: 1, text: '' };
	return { first: contextTerms(contextOf(article, first)), later: contextTerms(contextOf(article, { articleId: article.id, number: 0, text: '' })) };
}

/** An article's headline and lede: what the story is about, which its later paragraphs take as read. */
function contextOf(article: Article, paragraph: Paragraph): string {
	const headline = article.titleSource === 'metadata' ? article.title : '';
	const lede = paragraph.number === 1 ? '' : (article.paragraphs[0]?.text ?? '');
	return `${headline} ${lede}`;
}

/** The story's subject, not its figures: a number in the lede does not make every paragraph about it. */
function contextTerms(text: string): string[] {
	return indexTerms(text).filter((term) => !/^\d/.test(term));
}

/**
 * One article often quotes a paragraph of another and adds a few words ("…, she said."): compare
 * with the smaller paragraph, but not when one is a sentence lost inside a long one.
 */
function nearlyIdentical(left: ReadonlySet<number>, right: ReadonlySet<number>): boolean {
	const smaller = Math.min(left.size, right.size);
	const larger = Math.max(left.size, right.size);
	// Sizes alone rule most pairs out, before any term is compared.
	if (smaller === 0 || smaller / larger < LENGTH_SIMILARITY) return false;
	let shared = 0;
	for (const term of left) if (right.has(term)) shared++;
	return shared / smaller >= CORROBORATION_SIMILARITY && shared / larger >= LENGTH_SIMILARITY;
}

const STOP_WORD = -1;
const NO_IDS: readonly number[] = [];

/** Counts kept by term id while the index is built (see `add`), made into tables at its end. */
class BuildTally {
	/**
	 * Word as written → its term's id (STOP_WORD for a stop word): one lookup a word instead of two
	 * (word → term, term → id), made where the word stands in the paragraph (see `SpanTable`). An
	 * archive has millions of words and about a hundred thousand distinct.
	 */
	private readonly wordIds = new SpanTable();
	/** Term id → the ids of its compound's parts, for the terms that have parts. */
	private readonly parts = new Map<number, number[]>();
	readonly documentFrequency: number[] = [];
	/** The first way each term was written. */
	readonly surfaces: (string | undefined)[] = [];
	/** Capitalised terms → positions of the articles that use them, each once. */
	readonly nameArticles: (number[] | undefined)[] = [];
	/** The paragraph each term was last counted in: a word repeated in a paragraph counts once. */
	private readonly lastParagraph: number[] = [];

	/** Counts term `id` in paragraph `position`; 1 when it is new to the paragraph, else 0. */
	use(id: number, position: number): number {
		if (this.lastParagraph[id] === position) return 0;
		this.lastParagraph[id] = position;
		this.documentFrequency[id] = (this.documentFrequency[id] ?? 0) + 1;
		return 1;
	}

	/** The term id of the word at text[start, end). */
	termIdAt(text: string, start: number, end: number, table: TermTable): number {
		return this.wordIds.valueAt(text, start, end, (word) => this.firstMet(word, table));
	}

	/** A word met for the first time: its term's id, and its parts' if it is a compound. */
	private firstMet(word: string, table: TermTable): number {
		const term = termOf(word);
		if (term === null) return STOP_WORD;
		const id = table.idOf(term);
		const parts = compoundParts(term);
		if (parts.length > 0) this.parts.set(id, parts.map((part) => table.idOf(part)));
		return id;
	}

	/** The term ids of term `id`'s compound parts (none for a plain word). */
	partsOf(id: number): readonly number[] {
		return this.parts.get(id) ?? NO_IDS;
	}

	name(id: number, ordinal: number): void {
		const ordinals = this.nameArticles[id];
		if (!ordinals) this.nameArticles[id] = [ordinal];
		else if (ordinals[ordinals.length - 1] !== ordinal) ordinals.push(ordinal);
	}
}

/** The word at `start` of `text` starts with a capital letter (one character, not a slice of the word). */
function startsCapitalised(text: string, start: number): boolean {
	return isCapitalised(String.fromCodePoint(text.codePointAt(start) ?? 0));
}

function countTerms(terms: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
	return counts;
}

function typeToken(type: AnswerType): string {
	return `_${type}`;
}

/**
 * BM25 rewards a paragraph for repeating a few of the question's words; coverage rewards it for
 * answering all of the question. The rank weighs both.
 */
function rankOf(hit: ParagraphHit): number {
	return hit.score * hit.coverage ** COVERAGE_EXPONENT;
}


/** Longer than any word a journalist types: fuzzy and prefix lookups on such a term cost much and find nothing. */
const MAX_FUZZY_LENGTH = 24;

function isFuzzyCandidate(term: string): boolean {
	return term.length >= 5 && term.length <= MAX_FUZZY_LENGTH && !/\d/.test(term);
}

function unique<T>(values: T[]): T[] {
	return [...new Set(values)];
}

/** Lower-cased, accent-free, quote-folded, single-spaced: how phrases are compared. */
function foldedForPhrase(text: string): string {
	return stripAccents(foldForMatching(text).toLowerCase()).replace(/\s+/g, ' ');
}

/** Words in quotation marks inside a question: they must appear together, in order. */
export function quotedPhrases(question: string): string[] {
	const folded = foldForMatching(question);
	const phrases: string[] = [];
	for (const match of folded.matchAll(/"([^"]{2,200})"/g)) {
		const phrase = foldedForPhrase(match[1] ?? '').trim();
		if (phrase) phrases.push(phrase);
	}
	return phrases;
}
