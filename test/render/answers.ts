/** Hand-built Answers for rendering tests: the renderer must cope with any valid Answer. */
import type { Answer, AskAnswer, Citation, SourcesAnswer } from '../../src/answer/model.js';

export function citation(n: number, overrides: Partial<Citation> = {}): Citation {
	const excerpt = overrides.excerpt ?? `Paragraph ${n} says the turnout was 42.7 per cent.`;
	return {
		n,
		source: `article-${n}.txt`,
		title: `Article ${n}`,
		date: '2021-05-07',
		paragraph: n,
		text: excerpt,
		excerpt,
		marks: [],
		corroboratedBy: [],
		...overrides,
	};
}

export function askAnswer(overrides: Partial<AskAnswer> = {}): Answer {
	return {
		command: 'ask',
		title: 'Who won?',
		summary: 'Jill Mortimer won [1].',
		found: true,
		citations: [citation(1)],
		question: 'Who won?',
		suggestions: [],
		...overrides,
	};
}

export function sourcesAnswer(overrides: Partial<SourcesAnswer> = {}): Answer {
	return {
		command: 'sources',
		title: 'Sources',
		summary: 'Indexed articles.',
		found: true,
		citations: [],
		articles: [],
		skipped: [],
		...overrides,
	};
}
