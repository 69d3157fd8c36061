// Entry point: everything the quote, result and verify commands know, extracted from articles.

import type { Article } from '../corpus/types.js';
import { analyseArticle, type ArticleAnalysis } from './analysis.js';
export { analyseArticle, type ArticleAnalysis } from './analysis.js';
import { ArticleReferences, attributeArticle } from './attribution.js';
import { dedupeQuotesSteps } from './dedupe.js';
import { resolvePeopleSteps } from './people.js';
import { findReportedSpeech } from './reported.js';
import { extractResultsSteps } from './results.js';
import { drain, type Steps } from '../corpus/slices.js';
import type { Knowledge, QuoteOccurrence, ReportedLine } from './types.js';

export type * from './types.js';

/** Pure and deterministic: the same articles in the same order give the same knowledge. */
export function extractKnowledge(articles: readonly Article[]): Knowledge {
	return drain(extractKnowledgeSteps(articles));
}

/**
 * `extractKnowledge` in steps (see Steps), for a bot that must go on answering while it extracts
 * on its own thread (its workers failed): at 10,000 articles extraction takes about 15 s, and
 * Discord gives an interaction 3. Each step is an article, or a few hundred names or quotes.
 */
export function* extractKnowledgeSteps(articles: readonly Article[]): Steps<Knowledge> {
	const analyses: ArticleAnalysis[] = [];
	for (const article of articles) {
		analyses.push(analyseArticle(article));
		yield;
	}
	const { people, occurrences, reported, results } = yield* extractFromAnalysesSteps(analyses);
	return { people, quotes: yield* dedupeQuotesSteps(occurrences), reported, results };
}

/** The knowledge but its quotes, which are still single occurrences: `dedupeQuotes` groups them. */
export interface UndedupedKnowledge extends Omit<Knowledge, 'quotes'> {
	occurrences: QuoteOccurrence[];
}

/**
 * Everything but the deduplication of quotes, from the articles' analyses (`analyseArticle`, one
 * per article, in the articles' order): a build analyses each article as it loads. Deduplication
 * needs only the occurrences, so `onOccurrences` hands them over as soon as they are attributed,
 * before the results are read: a build can then deduplicate on another thread meanwhile
 * (src/build/parallel.ts). Takes the array over: it is emptied once read, so the analyses (most of
 * the memory) can be collected.
 */
export function extractFromAnalyses(analyses: ArticleAnalysis[], onOccurrences?: (occurrences: QuoteOccurrence[]) => void): UndedupedKnowledge {
	return drain(extractFromAnalysesSteps(analyses, onOccurrences));
}

/** `extractFromAnalyses` in steps (see Steps). */
function* extractFromAnalysesSteps(analyses: ArticleAnalysis[], onOccurrences?: (occurrences: QuoteOccurrence[]) => void): Steps<UndedupedKnowledge> {
	const people = yield* resolvePeopleSteps(analyses);
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
		yield;
	}
	onOccurrences?.(occurrences);
	// Results read every paragraph's tokens, deduplication only the quotes, and neither depends on
	// the other. Results go first so that the analyses (most of the memory) can be let go before
	// deduplication builds its indexes: each garbage collection then has far less to walk.
	const results = yield* extractResultsSteps(analyses, people);
	analyses.length = 0;
	return { people, occurrences, reported, results };
}
