import type { Mark } from './model.js';
import { tokens } from '../index/analyse.js';

const SHORT_PARAGRAPH = 320;

/**
 * The part of a paragraph that answers, with the matched words marked. A short paragraph is its own
 * excerpt; a long one is cut to the sentence that matches most (and its neighbour when there is room),
 * so the reader sees the answer, not the whole story.
 */
export function excerptOf(text: string, matchedTerms: ReadonlySet<string>): { excerpt: string; marks: Mark[] } {
	const excerpt = text.length <= SHORT_PARAGRAPH ? text : bestSentences(text, matchedTerms);
	return { excerpt, marks: marksIn(excerpt, matchedTerms) };
}

export function marksIn(text: string, matchedTerms: ReadonlySet<string>): Mark[] {
	return tokens(text)
		.filter((token) => token.term !== null && matchedTerms.has(token.term))
		.map((token) => ({ start: token.start, end: token.end }));
}

function bestSentences(text: string, matchedTerms: ReadonlySet<string>): string {
	const sentences = text.match(/[^.!?]+(?:[.!?]+["'”’)]*|$)\s*/g) ?? [text];
	let best = 0;
	let bestScore = -1;
	sentences.forEach((sentence, index) => {
		const score = marksIn(sentence, matchedTerms).length;
		if (score > bestScore) [best, bestScore] = [index, score];
	});
	const chosen = (sentences[best] ?? text).trim();
	const next = sentences[best + 1]?.trim();
	return next && chosen.length + next.length < SHORT_PARAGRAPH ? `${chosen} ${next}` : chosen;
}
