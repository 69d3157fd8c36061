// Reported speech: a sentence with no direct quote whose subject is a known person and whose
// verb reports speech (`X urged …`, `X denied …`, `with X calling for …`).

import type { ArticleAnalysis } from './analysis.js';
import { subjectBefore, type ArticleReferences } from './attribution.js';
import type { ReportedLine } from './types.js';
import { isSpeechVerbAt } from './lexicon.js';

export function findReportedSpeech(analysis: ArticleAnalysis, references: ArticleReferences): ReportedLine[] {
	const lines: ReportedLine[] = [];
	analysis.paragraphs.forEach((paragraph, paragraphIndex) => {
		const words = paragraph.words;
		for (const [start, end] of paragraph.sentences) {
			const first = paragraph.tokens[start];
			const last = paragraph.tokens[end - 1];
			if (!first || !last) continue;
			const hasQuote = paragraph.segments.some((segment) => segment.end > first.start && segment.start < last.end + 2);
			if (hasQuote) continue;
			const seen = new Set<string>();
			for (let verb = start; verb < end; verb++) {
				if (!isSpeechVerbAt(words, verb)) continue;
				const subject = subjectBefore(paragraph, paragraphIndex, verb, start, references);
				for (const personId of subject?.personIds ?? []) {
					if (seen.has(personId)) continue;
					seen.add(personId);
					const textStart = first.start - first.before.length;
					const textEnd = last.end + last.after.length;
					lines.push({
						articleId: paragraph.articleId,
						paragraph: paragraph.paragraph,
						personId,
						text: paragraph.text.slice(textStart, textEnd).trim(),
						verb: paragraph.tokens[verb]?.word ?? '',
						start: textStart,
						end: textEnd,
					});
				}
			}
		}
	});
	return lines;
}
