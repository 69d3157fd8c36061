// Text normalisation shared by the loader (display text) and by matching (folded text).

// Dropped: U+FFFD, zero-width characters, and C0/C1 controls except tab and newline (the loader
// handles line structure itself). One pattern for all three: dropping a character never makes
// another, so one pass removes exactly what three did, and every file goes through it.
// eslint-disable-next-line no-control-regex
const DROPPED = /[\uFFFD\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Non-breaking spaces and tabs become ordinary spaces. */
const TO_SPACE = /[\u00A0\u2007\u202F\t]/g;

/**
 * Cleans one file's text for display and storage: NFC, no U+FFFD or invisible characters,
 * ordinary spaces. The author's quotation marks and dashes are kept as written.
 */
export function normaliseText(raw: string): string {
	return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(DROPPED, '').replace(TO_SPACE, ' ');
}

/** Folds runs of spaces inside a line and trims it. */
export function foldSpaces(line: string): string {
	return line.replace(/ {2,}/g, ' ').trim();
}

const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032`\u00B4]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * Folds typographic variants so that straight and curly quotes, dashes and apostrophes compare equal.
 * Length-preserving (one character in, one out), so offsets found in folded text map back onto the original.
 */
export function foldForMatching(text: string): string {
	return text.replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'").replace(DASHES, '-');
}
