// Answer → plain text for the console: the same parts, in the same order, as the bot's reply.
import type { Answer, Citation, Mark, SourceRef } from '../answer/model.js';

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
		default:
			return [];
	}
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
