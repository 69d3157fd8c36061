// Retrieval with a cost budget. MiniSearch scores every paragraph that holds any term of the query,
// so on an archive one common word ("vote", "election", an answer type such as "a person is named")
// makes it score most of the corpus. Here each term of the query (with its typo and prefix variants,
// in each field) is a unit whose cost is the number of paragraphs it occurs in. The rarest units go
// to MiniSearch until a budget of postings is spent; they choose the candidates. The costly ones only
// rank: their BM25 share is added to the best candidates from the paragraph's own term counts.
// A rare unit carries more weight than a common one (BM25's IDF), so the candidates the rare units
// choose are, with few exceptions, the ones all units together would have chosen. Below the budget
// (any corpus of a few hundred paragraphs) every unit goes to MiniSearch and nothing changes.
import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';

export type Field = 'text' | 'context' | 'types';

/** A word of the question as the ranking sees it: its weight and whether typos and prefixes count. */
export interface QueryTerm {
	term: string;
	boost: number;
	fuzzy: boolean;
	prefix: boolean;
}

/** A ranked paragraph: the shape of MiniSearch's SearchResult that ranking reads. */
export interface Candidate {
	id: number;
	score: number;
	/** Index terms that matched, the question's or their typo and prefix variants. */
	terms: string[];
	/** Question terms (or answer-type tokens) that matched. */
	queryTerms: string[];
	/** Matched index term → the fields it matched in. */
	match: Record<string, Field[]>;
}

/** What the index knows about its fields: enough to compute a BM25 score MiniSearch would give. */
export interface FieldStatistics {
	documentCount(): number;
	/** Paragraphs whose `field` holds `term`. */
	documentFrequency(field: Field, term: string): number;
	averageLength(field: Field): number;
	/** How often paragraph `id`'s `field` holds `term`. */
	frequencyIn(field: Field, id: number, term: string): number;
	/** Distinct terms in paragraph `id`'s `field` (MiniSearch's field length). */
	lengthOf(field: Field, id: number): number;
}

/** Known index terms near a word: what typo tolerance and prefix search expand it to. */
export interface Vocabulary {
	/** Terms within `maxDistance` edits, with their distance. */
	fuzzy(term: string, maxDistance: number): Iterable<[string, number]>;
	/** Terms that start with `prefix`. */
	withPrefix(prefix: string): Iterable<string>;
}

export interface RetrievalSource<T> {
	/** Holds the text field, but for the terms in more than `commonAbove` paragraphs. */
	search: MiniSearch<T>;
	commonAbove: number;
	/**
	 * The paragraphs whose context or types field may hold a term. The context (an article's headline
	 * and lede) is the same for every paragraph of an article, so it is kept once per article rather
	 * than indexed again with each of its paragraphs; the ten answer types are ten lists of paragraphs.
	 * Kept out of MiniSearch, an archive's index is a third smaller and faster to build. For the text
	 * field, the paragraphs of a term MiniSearch leaves out as common.
	 */
	postings: (field: Field, term: string) => Iterable<number>;
	statistics: FieldStatistics;
	vocabulary: Vocabulary;
}

export const FIELD_BOOST: Readonly<Record<Field, number>> = { text: 1, context: 0.3, types: 2 };
/** MiniSearch's defaults, named here because completion must score exactly as MiniSearch does. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
const FUZZINESS = 0.25;
/**
 * Journalists' typos are one or two keys. A walk of the vocabulary for three edits costs tens of
 * milliseconds on an archive and finds unrelated words.
 */
const MAX_FUZZY_DISTANCE = 2;
/**
 * A word the corpus uses more often than this is taken as spelt right: looking for its typo variants
 * walks the whole vocabulary and mostly finds other words.
 */
const FUZZY_ONLY_BELOW = 3;

/**
 * Postings MiniSearch may score for one question. A posting costs it about a microsecond (a score,
 * a map update, a result object to sort), so this keeps a question's search to a few milliseconds
 * however large the corpus grows.
 */
export const POSTING_BUDGET = 2_000;
/** Candidates chosen by the rare units that the costly ones then rank. */
const COMPLETION_POOL = 200;

export interface RetrievalQuery {
	terms: readonly QueryTerm[];
	/** Answer types the question wants, as the tokens the types field holds. */
	typeTokens: readonly string[];
	limit: number;
	budget?: number;
	/** Paragraphs the question may be answered from (its scope); all when absent. */
	accept?: ((id: number) => boolean) | undefined;
}

/** One term (or a typo/prefix variant of it) in one field: what MiniSearch would score. */
interface Unit {
	field: Field;
	/** The question's term (or answer-type token) it stands for. */
	source: string;
	/** The index term it looks up. */
	derived: string;
	weight: number;
	/** Paragraphs it occurs in: the postings MiniSearch would score. */
	cost: number;
}

interface Partial {
	id: number;
	raw: number;
	sources: Set<string>;
	match: Record<string, Field[]>;
}

/**
 * The best `limit` paragraphs for the query terms and wanted answer-type tokens, scored as one
 * MiniSearch OR query over text, context and types would score them (within the candidates).
 */
export function retrieve<T>(source: RetrievalSource<T>, query: RetrievalQuery): Candidate[] {
	const { terms, typeTokens, limit, budget = POSTING_BUDGET, accept = () => true } = query;
	const { included, deferred } = withinBudget(unitsOf(terms, typeTokens, source), budget, source.statistics.documentCount());
	const partials = [...searchUnits(source, included, accept).values()];
	if (deferred.length === 0) return ranked(partials).slice(0, limit).map(toCandidate);
	const pool = ranked(partials).slice(0, Math.max(limit, COMPLETION_POOL));
	for (const partial of pool) complete(partial, deferred, source.statistics);
	return ranked(pool).slice(0, limit).map(toCandidate);
}

function unitsOf<T>(terms: readonly QueryTerm[], typeTokens: readonly string[], source: RetrievalSource<T>): Unit[] {
	const units: Unit[] = [];
	const { statistics } = source;
	for (const term of terms) {
		for (const [derived, weight] of variantsOf(term, source.vocabulary, statistics)) {
			for (const field of ['text', 'context'] as const) {
				const cost = statistics.documentFrequency(field, derived);
				if (cost > 0) units.push({ field, source: term.term, derived, weight: term.boost * weight, cost });
			}
		}
	}
	for (const token of typeTokens) {
		const cost = statistics.documentFrequency('types', token);
		if (cost > 0) units.push({ field: 'types', source: token, derived: token, weight: 1, cost });
	}
	return units;
}

/** The term itself at full weight, and its typo and prefix variants at MiniSearch's weights for them. */
function variantsOf(term: QueryTerm, vocabulary: Vocabulary, statistics: FieldStatistics): Map<string, number> {
	const variants = new Map<string, number>();
	if (term.fuzzy && statistics.documentFrequency('text', term.term) < FUZZY_ONLY_BELOW) {
		const maxDistance = Math.min(MAX_FUZZY_DISTANCE, Math.round(term.term.length * FUZZINESS));
		if (maxDistance > 0) {
			for (const [derived, distance] of vocabulary.fuzzy(term.term, maxDistance)) {
				if (distance > 0) variants.set(derived, (FUZZY_WEIGHT * derived.length) / (derived.length + distance));
			}
		}
	}
	if (term.prefix) {
		for (const derived of vocabulary.withPrefix(term.term)) {
			const distance = derived.length - term.term.length;
			// As in MiniSearch, a word that is both a prefix match and a typo match counts as the prefix match.
			if (distance > 0) variants.set(derived, (PREFIX_WEIGHT * derived.length) / (derived.length + 0.3 * distance));
		}
	}
	variants.set(term.term, 1);
	return variants;
}

/**
 * The units worth most to the ranking that fit the budget; the rest only rank. A unit's worth is the
 * most it can add to a score: its weight times its IDF.
 */
function withinBudget(units: Unit[], budget: number, documentCount: number): { included: Unit[]; deferred: Unit[] } {
	const worth = (unit: Unit) => unit.weight * FIELD_BOOST[unit.field] * Math.log(1 + (documentCount - unit.cost + 0.5) / (unit.cost + 0.5));
	const byWorth = [...units].sort((a, b) => worth(b) - worth(a) || a.cost - b.cost);
	const included: Unit[] = [];
	const deferred: Unit[] = [];
	let spent = 0;
	for (const unit of byWorth) {
		if (spent + unit.cost <= budget) {
			included.push(unit);
			spent += unit.cost;
		} else deferred.push(unit);
	}
	// When every unit is costly (a question of common words), the cheapest one still chooses candidates.
	if (included.length === 0 && deferred.length > 0) {
		const cheapest = deferred.reduce((best, unit) => (unit.cost < best.cost ? unit : best));
		included.push(cheapest);
		deferred.splice(deferred.indexOf(cheapest), 1);
	}
	return { included, deferred };
}

/**
 * Text units go to MiniSearch in one query (each term at its weight); the others, and a common text
 * term (searched only when a question has nothing rarer), to their own postings.
 */
function searchUnits<T>(source: RetrievalSource<T>, units: readonly Unit[], accept: (id: number) => boolean): Map<number, Partial> {
	const merged = new Map<number, Partial>();
	const textUnits: Unit[] = [];
	for (const unit of units) {
		if (unit.field === 'text' && unit.cost <= source.commonAbove) textUnits.push(unit);
		else scoreOwnPostings(source, unit.field, unit, accept, merged);
	}
	if (textUnits.length === 0) return merged;
	const sourcesOf = new Map<string, string[]>();
	for (const unit of textUnits) sourcesOf.set(unit.derived, [...(sourcesOf.get(unit.derived) ?? []), unit.source]);
	const results = source.search.search(textUnits.map((unit) => unit.derived).join(' '), {
		fields: ['text'],
		boost: { text: FIELD_BOOST.text },
		boostTerm: (_term, i) => textUnits[i]?.weight ?? 0,
		fuzzy: false,
		prefix: false,
		combineWith: 'OR',
		bm25: BM25,
	});
	for (const result of results) if (accept(result.id as number)) mergeResult(merged, result, 'text', sourcesOf);
	return merged;
}

/** A context or types unit, scored paragraph by paragraph as MiniSearch would score a field holding it. */
function scoreOwnPostings<T>(source: RetrievalSource<T>, field: Field, unit: Unit, accept: (id: number) => boolean, merged: Map<number, Partial>): void {
	for (const id of source.postings(field, unit.derived)) {
		if (!accept(id)) continue;
		const partial = merged.get(id) ?? { id, raw: 0, sources: new Set<string>(), match: {} };
		if (addUnit(partial, unit, source.statistics)) merged.set(id, partial);
	}
}

/** MiniSearch multiplies a score by the number of query terms matched; the merge undoes and redoes it. */
function mergeResult(merged: Map<number, Partial>, result: SearchResult, field: Field, sourcesOf: ReadonlyMap<string, readonly string[]>): void {
	const id = result.id as number;
	const partial = merged.get(id) ?? { id, raw: 0, sources: new Set<string>(), match: {} };
	partial.raw += result.score / Math.max(1, result.queryTerms.length);
	for (const derived of result.queryTerms) {
		for (const source of sourcesOf.get(derived) ?? []) partial.sources.add(source);
		addMatch(partial.match, derived, field);
	}
	merged.set(id, partial);
}

/** Adds the units that were too costly to search for, from the paragraph's own term counts. */
function complete(partial: Partial, deferred: readonly Unit[], statistics: FieldStatistics): void {
	for (const unit of deferred) addUnit(partial, unit, statistics);
}

/** Adds `unit`'s BM25 share to the paragraph when the paragraph holds it; says whether it did. */
function addUnit(partial: Partial, unit: Unit, statistics: FieldStatistics): boolean {
	const frequency = statistics.frequencyIn(unit.field, partial.id, unit.derived);
	if (frequency === 0) return false;
	const length = statistics.lengthOf(unit.field, partial.id);
	partial.raw += unit.weight * FIELD_BOOST[unit.field] * bm25(frequency, unit.cost, statistics.documentCount(), length, statistics.averageLength(unit.field));
	partial.sources.add(unit.source);
	addMatch(partial.match, unit.derived, unit.field);
	return true;
}

/** MiniSearch's BM25+ (its calcBM25Score), so completed scores add up with searched ones. */
export function bm25(termFrequency: number, matching: number, total: number, fieldLength: number, averageFieldLength: number): number {
	const { k, b, d } = BM25;
	const inverseDocumentFrequency = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
	return inverseDocumentFrequency * (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / averageFieldLength)));
}

function addMatch(match: Record<string, Field[]>, derived: string, field: Field): void {
	const fields = Object.hasOwn(match, derived) ? match[derived] : undefined;
	if (!fields) match[derived] = [field];
	else if (!fields.includes(field)) fields.push(field);
}

function scoreOf(partial: Partial): number {
	return partial.raw * Math.max(1, partial.sources.size);
}

/** Best first; equal scores in paragraph order, so a ranking never depends on map order. */
function ranked(partials: Partial[]): Partial[] {
	return partials.sort((a, b) => scoreOf(b) - scoreOf(a) || a.id - b.id);
}

function toCandidate(partial: Partial): Candidate {
	return { id: partial.id, score: scoreOf(partial), terms: Object.keys(partial.match), queryTerms: [...partial.sources], match: partial.match };
}
