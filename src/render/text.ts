// Answer → plain text for the console: the same parts, in the same order, as the bot's reply.
import type { Answer, Citation, Mark, QuoteAnswer, ResultAnswer, SourceRef, VerifyAnswer } from '../answer/model.js';
import { VERDICTS, candidateLine, conflictLines, differenceLines, matchHeading, refs, reportedLines, resultFactLines, speakerLines } from './lines.js';

export type MarkStyle = 'ansi' | 'none';

export interface TextOptions {
	/** How matched words are shown: bold on a terminal, nothing when piped (copy stays clean). */
	marks: MarkStyle;
}

export function renderText(answer: Answer, options: TextOptions = { marks: 'none' }): string {
	const sections = [answer.title, answer.summary, ...commandSections(answer), ...answer.citations.map((citation) => renderCitation(citation, options))];
	return `${sections.filter((section) => section.trim() !== '').join('\n\n')}\n`;
}

/** `[1] title — source ¶3, 2021-05-07`: the reference line every face shows for a citation. */
export function citationLine(citation: Citation): string {
	return `[${citation.n}] ${sourceLine(citation)}`;
}

export function sourceLine(ref: SourceRef): string {
	return `${ref.title} — ${ref.source} ¶${ref.paragraph}${ref.date ? `, ${ref.date}` : ''}`;
}

function renderCitation(citation: Citation, options: TextOptions): string {
	const lines = [citationLine(citation), indent(applyMarks(citation.excerpt, citation.marks, options.marks))];
	for (const ref of citation.corroboratedBy) lines.push(`    also in: ${sourceLine(ref)}`);
	return lines.join('\n');
}

function commandSections(answer: Answer): string[] {
	switch (answer.command) {
		case 'sources':
			return [
				answer.articles.map((article, i) => `${i + 1}. ${article.title} — ${article.source}${article.date ? `, ${article.date}` : ''} (${article.paragraphs} paragraphs)`).join('\n'),
				answer.skipped.map((skip) => `Skipped ${skip.file}: ${skip.reason}`).join('\n'),
			];
		case 'quote':
			return quoteSections(answer);
		case 'result':
			return resultSections(answer);
		case 'verify':
			return verifySections(answer);
		case 'ask':
		case 'find-sources':
			return answer.found || answer.suggestions.length === 0 ? [] : [`Try: ${answer.suggestions.join(', ')}`];
	}
}

/** A heading and its lines, or nothing when there are no lines. */
function section(heading: string, lines: readonly string[]): string {
	return lines.length === 0 ? '' : [heading, ...lines.map((line) => `  ${line}`)].join('\n');
}

function quoteSections(answer: QuoteAnswer): string[] {
	const quotes = answer.quotes.map((quote, i) => {
		const kind = quote.kind === 'partial' ? ' (partial)' : '';
		const variants = quote.variants.map((variant) => `\n    also worded: “${variant}”`).join('');
		return `Quote ${i + 1}${kind} ${refs(quote.citations)}\n    “${quote.text}”\n    — ${quote.speaker ?? 'unattributed'}${variants}`;
	});
	return [
		quotes.join('\n\n'),
		section('Reported, not quoted:', reportedLines(answer)),
		section('Speakers:', speakerLines(answer)),
		answer.found || answer.suggestions.length === 0 ? '' : `Did you mean: ${answer.suggestions.join(', ')}`,
	];
}

function resultSections(answer: ResultAnswer): string[] {
	const result = answer.result;
	if (!result) return [section('By-elections with a result:', answer.constituencies)];
	return [
		section(`${result.constituency}:`, resultFactLines(result)),
		section('Candidates:', result.candidates.map(candidateLine)),
		section('Sources disagree:', conflictLines(result)),
	];
}

function verifySections(answer: VerifyAnswer): string[] {
	const matches = answer.matches.map((match, i) =>
		[matchHeading(match, i), `    “${match.text}”`, `    — ${match.speaker ?? 'unattributed'}`, ...differenceLines(match).map((line) => `    ${line}`)].join('\n'),
	);
	return [`Verdict: ${VERDICTS[answer.verdict]}`, matches.join('\n\n')];
}

export function applyMarks(text: string, marks: readonly Mark[], style: MarkStyle): string {
	if (style === 'none' || marks.length === 0) return text;
	let out = '';
	let cursor = 0;
	for (const mark of [...marks].sort((a, b) => a.start - b.start)) {
		if (mark.start < cursor) continue;
		out += `${text.slice(cursor, mark.start)}\u001b[1m${text.slice(mark.start, mark.end)}\u001b[22m`;
		cursor = mark.end;
	}
	return out + text.slice(cursor);
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `    ${line}`)
		.join('\n');
}
