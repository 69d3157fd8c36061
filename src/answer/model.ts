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

/** Citation numbers [n] into the answer's `citations`. */
const CitationNumbers = z.array(z.number().int().positive());

/** One quote: who, the words, full or partial, and every source that prints it. */
export const QuoteItem = z.object({
	/** Canonical name, or null when the sources do not say who with confidence. */
	speaker: z.string().nullable(),
	text: z.string(),
	kind: z.enum(['full', 'partial']),
	citations: CitationNumbers,
	/** Other wordings of the same quote in other sources, as written. */
	variants: z.array(z.string()),
});
export type QuoteItem = z.infer<typeof QuoteItem>;

/** A sentence reporting what someone said, without a direct quote: never to be printed as a quote. */
export const ReportedItem = z.object({
	speaker: z.string(),
	text: z.string(),
	label: z.literal('reported'),
	citations: CitationNumbers,
});

export const QuoteAnswer = z.object({
	command: z.literal('quote'),
	...base,
	query: z.object({ speaker: z.string().nullable(), topic: z.string().nullable() }),
	/** The person the query matched (canonical name), or null. */
	speaker: z.string().nullable(),
	quotes: z.array(QuoteItem),
	reported: z.array(ReportedItem),
	/** With no speaker asked: everyone quoted, most-quoted first. */
	speakers: z.array(z.object({ name: z.string(), quotes: z.number().int().nonnegative(), reported: z.number().int().nonnegative() })),
	/** Closest known speakers when the name matched nobody (or several people). */
	suggestions: z.array(z.string()),
});
export type QuoteAnswer = z.infer<typeof QuoteAnswer>;

const SourcedText = z.object({ value: z.string(), wording: z.string().nullable(), citations: CitationNumbers });

export const ResultCandidate = z.object({
	name: z.string(),
	party: z.string().nullable(),
	votes: z.number().int().nonnegative().nullable(),
	citations: z.object({ party: CitationNumbers, votes: CitationNumbers }),
});

export const ElectionResultView = z.object({
	constituency: z.string(),
	/** `text`: a source states it; `article date`: the date of the article reporting the result. */
	date: z.object({ value: z.string(), basis: z.enum(['text', 'article date']), citations: CitationNumbers }).nullable(),
	winner: ResultCandidate.extend({ basis: z.enum(['stated', 'most votes']) }).nullable(),
	/** Only the winning party, when no source names the winning candidate with a figure. */
	winnerParty: SourcedText.nullable(),
	candidates: z.array(ResultCandidate),
	majority: z
		.object({
			votes: z.number().int().nonnegative().nullable(),
			computed: z.boolean(),
			/** What a source says when it rounds: `almost 5,000`. */
			reported: SourcedText.nullable(),
			citations: CitationNumbers,
		})
		.nullable(),
	gain: z.object({ value: z.boolean(), basis: z.enum(['stated', 'implied']), wording: z.string().nullable(), citations: CitationNumbers }).nullable(),
	previousParty: SourcedText.nullable(),
	/** Sources that disagree, side by side: never merged silently. */
	conflicts: z.array(
		z.object({
			field: z.string(),
			subject: z.string(),
			values: z.array(z.object({ value: z.string(), wording: z.string().nullable(), citations: CitationNumbers })),
		}),
	),
});
export type ElectionResultView = z.infer<typeof ElectionResultView>;

export const ResultAnswer = z.object({
	command: z.literal('result'),
	...base,
	query: z.string().nullable(),
	result: ElectionResultView.nullable(),
	/** Every by-election the sources report a result for. */
	constituencies: z.array(z.string()),
});
export type ResultAnswer = z.infer<typeof ResultAnswer>;

export const VerifyMatch = z.object({
	speaker: z.string().nullable(),
	verdict: z.enum(['exact', 'close']),
	/** The source's wording of the matching stretch. */
	text: z.string(),
	/** Stretches that differ: the wording checked vs the source's words (empty when exact). */
	differences: z.array(z.object({ checked: z.string(), source: z.string() })),
	/** Whether the words sit inside a direct quote in the source (else only in the writer's text). */
	inQuote: z.boolean(),
	citations: CitationNumbers,
});

export const VerifyAnswer = z.object({
	command: z.literal('verify'),
	...base,
	wording: z.string(),
	verdict: z.enum(['exact', 'close', 'not found']),
	matches: z.array(VerifyMatch),
});
export type VerifyAnswer = z.infer<typeof VerifyAnswer>;

export const Answer = z.discriminatedUnion('command', [AskAnswer, FindSourcesAnswer, SourcesAnswer, QuoteAnswer, ResultAnswer, VerifyAnswer]);
export type Answer = z.infer<typeof Answer>;
export type AskAnswer = z.infer<typeof AskAnswer>;
export type SourcesAnswer = z.infer<typeof SourcesAnswer>;
export type FindSourcesAnswer = z.infer<typeof FindSourcesAnswer>;
