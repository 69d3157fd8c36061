import type { AskAnswer, Citation, FindSourcesAnswer } from './model.js';
import type { ParagraphIndex, ParagraphHit } from '../index/paragraph-index.js';
import type { ParagraphLookup } from './cite.js';
import { excerptOf } from './excerpt.js';
import { namesForRoles } from './roles.js';
import type { ElectionResult } from '../extract/index.js';

type QuestionCommand = 'ask' | 'find-sources';

/**
 * Answers a free question with the paragraphs that answer it, cited. When nothing clears the
 * relevance floor the answer says the sources are silent, and offers the closest known terms.
 */
export function answerQuestion(
	index: ParagraphIndex,
	lookup: ParagraphLookup,
	question: string,
	command: QuestionCommand = 'ask',
	results: readonly ElectionResult[] = [],
): AskAnswer | FindSourcesAnswer {
	if (question.trim() === '') return { command, title: 'No question asked', summary: 'Ask a question about the articles.', found: false, citations: [], question, suggestions: [] };
	const outcome = index.find(question, { names: namesForRoles(question, results) });
	if (!outcome.found) return notInSources(index, question, outcome.unknownWords, command);
	const citations = outcome.hits.map((hit, i) => citeHit(lookup, hit, i + 1));
	const first = citations[0];
	const more = citations.length > 1 ? ` ${citations.length - 1} more paragraph${citations.length > 2 ? 's' : ''} below.` : '';
	return {
		command,
		title: question,
		summary: first ? `${first.excerpt} [1]${more}` : '',
		found: true,
		citations,
		question,
		suggestions: [],
	};
}

function citeHit(lookup: ParagraphLookup, hit: ParagraphHit, n: number): Citation {
	const paragraph = lookup.paragraph(hit.articleId, hit.number);
	const { excerpt, marks } = excerptOf(paragraph?.text ?? '', new Set(hit.matchedTerms));
	return lookup.cite(n, hit.articleId, hit.number, {
		excerpt,
		marks,
		corroboratedBy: hit.corroboratedBy.map((ref) => lookup.sourceRef(ref.articleId, ref.number)),
	});
}

function notInSources(index: ParagraphIndex, question: string, unknownWords: string[], command: QuestionCommand): AskAnswer | FindSourcesAnswer {
	const suggestions = index.suggestions(question);
	const silentOn = unknownWords.length > 0 ? ` They never mention ${unknownWords.map((word) => `“${word}”`).join(', ')}.` : '';
	const closest = suggestions.length > 0 ? ` Closest terms they do use: ${suggestions.join(', ')}.` : '';
	return {
		command,
		title: question,
		summary: `Not in the sources: no indexed article answers this.${silentOn}${closest}`,
		found: false,
		citations: [],
		question,
		suggestions,
	};
}
