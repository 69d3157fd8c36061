// Leading metadata lines: `date YYYY-MM-DD`, `title …`, `url …`, `outlet …`.

export interface ArticleMetadata {
	title: string | null;
	date: string | null;
	url: string | null;
	outlet: string | null;
}

const METADATA_LINE = /^(date|title|url|outlet)\s*:?\s+(\S.*)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Some feeds put the date inline at the start of the first paragraph: " date 2021-05-07 The ruling…".
const INLINE_DATE = /^date\s+(\d{4}-\d{2}-\d{2})\s+/i;

export function emptyMetadata(): ArticleMetadata {
	return { title: null, date: null, url: null, outlet: null };
}

/** A real calendar date in ISO form, or null: `2021-02-30` is not a date a citation may show. */
export function validIsoDate(candidate: string): string | null {
	if (!ISO_DATE.test(candidate)) return null;
	const parsed = new Date(`${candidate}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(candidate) ? candidate : null;
}

/**
 * Consumes metadata lines from the top of the file. Returns the metadata and the index of the
 * first line that is text. A `date` line with no valid date is not metadata: it stays text.
 */
export function readLeadingMetadata(lines: readonly string[]): { metadata: ArticleMetadata; bodyStart: number } {
	const metadata = emptyMetadata();
	let index = 0;
	for (; index < lines.length; index++) {
		const line = (lines[index] ?? '').trim();
		if (line === '') continue;
		const match = METADATA_LINE.exec(line);
		if (!match) break;
		const key = (match[1] ?? '').toLowerCase() as keyof ArticleMetadata;
		const value = (match[2] ?? '').trim();
		if (key === 'date') {
			const date = validIsoDate(value);
			if (!date) break;
			metadata.date = date;
		} else {
			if (key === 'title' && value.split(/\s+/).length > 30) break; // a sentence that starts "Title…", not metadata
			metadata[key] = value;
		}
	}
	return { metadata, bodyStart: index };
}

/** Strips an inline `date YYYY-MM-DD` opening the first paragraph, returning the date it found. */
export function stripInlineDate(firstParagraph: string): { date: string | null; text: string } {
	const match = INLINE_DATE.exec(firstParagraph);
	const date = match ? validIsoDate(match[1] ?? '') : null;
	if (!match || !date) return { date: null, text: firstParagraph };
	return { date, text: firstParagraph.slice(match[0].length) };
}

/** The first sentence, cut at about 80 characters on a word boundary: a title for untitled files. */
export function titleFromText(text: string, maxLength = 80): string {
	const sentence = (/^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text).trim();
	if (sentence.length <= maxLength) return sentence;
	const cut = sentence.slice(0, maxLength + 1);
	const lastSpace = cut.lastIndexOf(' ');
	return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut.slice(0, maxLength)).replace(/[\s,;:–—-]+$/, '')}…`;
}
