// Entry point: everything the quote, result and verify commands know, extracted from articles.

import type { Article } from '../corpus/types.js';
import { analyseArticle, type ArticleAnalysis } from './analysis.js';
export { analyseArticle, type ArticleAnalysis } from './analysis.js';
import { ArticleReferences, attributeArticle } from './attribution.js';
import { dedupeQuotes } from './dedupe.js';
import { resolvePeople } from './people.js';
import { findReportedSpeech } from './reported.js';
import { extractResults } from './results.js';
import type { Knowledge, QuoteOccurrence, ReportedLine } from './types.js';

export type * from './types.js';

/** Pure and deterministic: the same articles in the same order give the same knowledge. */
export function extractKnowledge(articles: readonly Article[]): Knowledge {
	const { people, occurrences, reported, results } = extractAllButDedupe(articles);
	return { people, quotes: dedupeQuotes(occurrences), reported, results };
}

/** The knowledge but its quotes, which are still single occurrences: `dedupeQuotes` groups them. */
export interface UndedupedKnowledge extends Omit<Knowledge, 'quotes'> {
	occurrences: QuoteOccurrence[];
}

/**
 * Everything but the deduplication of quotes. Deduplication needs only the occurrences, so
 * `onOccurrences` hands them over as soon as they are attributed, before the results are read: a
 * build can then deduplicate on another thread meanwhile (src/build/parallel.ts).
 */
export function extractAllButDedupe(articles: readonly Article[], onOccurrences?: (occurrences: QuoteOccurrence[]) => void): UndedupedKnowledge {
	return extractFromAnalyses(articles.map(analyseArticle), onOccurrences);
}

/**
 * `extractAllButDedupe` from the articles' analyses (`analyseArticle`, one per article, in the
 * articles' order): a build analyses each article as it loads. Takes the array over: it is emptied
 * once read, so the analyses (most of the memory) can be collected.
 */
export function extractFromAnalyses(analyses: ArticleAnalysis[], onOccurrences?: (occurrences: QuoteOccurrence[]) => void): UndedupedKnowledge {
	const people = resolvePeople(analyses);
	const peopleById = new Map(people.map((person) => [person.id, person]));
	const occurrences: QuoteOccurrence[] = [];
	const reported: ReportedLine[] = [];
	for (const analysis of analyses) {
		const references = new ArticleReferences(analysis, peopleById);
		const attributions = attributeArticle(analysis, references);
		for (const paragraph of analysis.paragraphs) {
			for (const segment of paragraph.segments) {
				const attribution = attributions.get(segment);
				occurrences.push({
					articleId: segment.articleId,
					paragraph: segment.paragraph,
					text: segment.text,
					start: segment.start,
					end: segment.end,
					kind: segment.kind,
					speakerId: attribution?.speakerId ?? null,
					attribution: attribution?.how ?? null,
					spanId: segment.spanId,
				});
			}
		}
		reported.push(...findReportedSpeech(analysis, references));
	}
	onOccurrences?.(occurrences);
	// Results read every paragraph's tokens, deduplication only the quotes, and neither depends on
	// the other. Results go first so that the analyses (most of the memory) can be let go before
	// deduplication builds its indexes: each garbage collection then has far less to walk.
	const results = extractResults(analyses, people);
	analyses.length = 0;
	return { people, occurrences, reported, results };
}
