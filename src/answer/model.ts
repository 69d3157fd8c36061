import { z } from 'zod';

/** Where a claim comes from: which article, which paragraph, the exact words. */
export const SourceRef = z.object({
	source: z.string().min(1),
	title: z.string(),
	date: z.string().nullable(),
	paragraph: z.number().int().positive(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** A character range [start, end) inside an excerpt that matched the question. */
export const Mark = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() });
export type Mark = z.infer<typeof Mark>;

export const Citation = SourceRef.extend({
	/** 1-based number the answer's text refers to as [n]. */
	n: z.number().int().positive(),
	/** The whole paragraph, as the author wrote it. */
	text: z.string(),
	/** The part of the paragraph that answers; `marks` say which words matched. */
	excerpt: z.string(),
	marks: z.array(Mark),
	/** The same paragraph (or nearly) in other articles: corroboration, not a duplicate. */
	corroboratedBy: z.array(SourceRef),
});
export type Citation = z.infer<typeof Citation>;

const base = {
	title: z.string().min(1),
	summary: z.string(),
	/** False when the sources do not answer: the summary then says so plainly. */
	found: z.boolean(),
	citations: z.array(Citation),
};

export const AskAnswer = z.object({
	command: z.literal('ask'),
	...base,
	question: z.string(),
	/** Terms the index knows that are closest to the question, offered when nothing answers. */
	suggestions: z.array(z.string()),
});

/** The "Find sources" context menu: paragraphs bearing on a message, same shape as ask. */
export const FindSourcesAnswer = AskAnswer.extend({ command: z.literal('find-sources') });

export const SourcesAnswer = z.object({
	command: z.literal('sources'),
	...base,
	articles: z.array(
		z.object({
			source: z.string(),
			title: z.string(),
			date: z.string().nullable(),
			url: z.string().nullable(),
			outlet: z.string().nullable(),
			paragraphs: z.number().int().nonnegative(),
		}),
	),
	skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
});

export const Answer = z.discriminatedUnion('command', [AskAnswer, FindSourcesAnswer, SourcesAnswer]);
export type Answer = z.infer<typeof Answer>;
export type AskAnswer = z.infer<typeof AskAnswer>;
export type SourcesAnswer = z.infer<typeof SourcesAnswer>;
export type FindSourcesAnswer = z.infer<typeof FindSourcesAnswer>;
