/**
 * Article text is untrusted markup: a stray `*` or `_` would restyle the rest of a reply, a
 * `>` at a line start would quote it, and `@everyone` or `<@&role>` would ping. These helpers
 * make source text display literally. (discord.js has escapeMarkdown, but src/render must not
 * import discord.js.)
 */

const ZWSP = '\u200b';

/** Backslash-escapes every character Discord's markdown gives meaning to, anywhere in a line. */
const INLINE = /[\\*_~|`>[\]]/g;
/**
 * Markers that only mean something at the start of a line: headings, lists, subtext. The indent
 * is `[^\S\n]*` (spaces, not newlines): with `\s*`, every line start of a run of blank lines would
 * rescan the whole run, quadratic in its length.
 */
const LINE_START = /^([^\S\n]*)([#+-])/gm;
const ORDERED_LIST = /^([^\S\n]*\d+)\./gm;
const MASS_MENTION = /@(everyone|here)/gi;
/** User, role, channel and slash-command mentions: <@1>, <@!1>, <@&1>, <#1>, </name:1>. */
const MENTION = /<(@[!&]?|#|\/)/g;

/**
 * Cheap tests, one per step below, that find every place the step's replaces could change: an
 * inline marker (INLINE); a line start (the text's start, or after a line break as `^` with the
 * `m` flag sees one) followed by blanks and `#`, `+`, `-` or a digit (LINE_START, ORDERED_LIST;
 * the blanks after a break exclude breaks, so a run of them is scanned once, not once per break);
 * `@` or `<` (the mentions). Escaping runs on every excerpt, title and list line of every reply,
 * and again for each prefix fitRendered tries; most article text has nothing to escape, and a
 * list line only its `[1]`, so skipping the steps that cannot apply saves most of the scans (two
 * of the replaces try a match at every position). test/render/escape.test.ts checks the result
 * is unchanged.
 */
const MAY_INLINE = /[\\*_~|`>[\]]/;
const MAY_LINE_MARKER = /^\s*[#+\-\d]|[\n\r\u2028\u2029][^\S\n\r\u2028\u2029]*[#+\-\d]/;
const INLINE_MARKERS = ['\\', '*', '_', '~', '|', '`', '>', '[', ']'] as const;
/** Where the `m` flag's `^` can match besides the text's start. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const LINE_BREAKS = ['\n', '\r', '\u2028', '\u2029'] as const;
/**
 * MAY_LINE_MARKER, LINE_START and ORDERED_LIST for text of one line, where `^` can only match at
 * its start: the same tests and replaces, anchored, so they try one position instead of every
 * position of a long excerpt (fitRendered escapes a 4,000-character prefix a dozen times).
 */
const FIRST_LINE_MARKER = /^\s*[#+\-\d]/;
const FIRST_LINE_START = /^([^\S\n]*)([#+-])/;
const FIRST_ORDERED_LIST = /^([^\S\n]*\d+)\./;
/**
 * Up to this length a character-class regex is the cheapest test for a few characters; on longer
 * text one `includes` per character is many times faster (the regex visits each position itself).
 */
const SHORT_TEXT = 200;

/**
 * Short strings are escaped once and remembered: article titles, file names, dates and speakers'
 * names come back on every citation of every reply. Bounded, and simply emptied when full: what
 * matters is the corpus's metadata, which refills it at once.
 */
const MEMO_MAX_LENGTH = 128;
const MEMO_MAX_ENTRIES = 4096;
const memo = new Map<string, string>();

export function escapeMarkdown(text: string): string {
	if (text.length > MEMO_MAX_LENGTH) return escapeText(text);
	let escaped = memo.get(text);
	if (escaped === undefined) {
		escaped = escapeText(text);
		if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
		memo.set(text, escaped);
	}
	return escaped;
}

function escapeText(text: string): string {
	const inline = containsAny(text, MAY_INLINE, INLINE_MARKERS) ? text.replace(INLINE, '\\$&') : text;
	const lines = escapeLineStarts(inline);
	return lines.includes('@') || lines.includes('<') ? neutraliseMentions(lines) : lines;
}

/** The LINE_START and ORDERED_LIST replaces, each tried only where it can apply. */
function escapeLineStarts(text: string): string {
	if (containsAny(text, LINE_BREAK, LINE_BREAKS)) return MAY_LINE_MARKER.test(text) ? text.replace(LINE_START, '$1\\$2').replace(ORDERED_LIST, '$1\\.') : text;
	return FIRST_LINE_MARKER.test(text) ? text.replace(FIRST_LINE_START, '$1\\$2').replace(FIRST_ORDERED_LIST, '$1\\.') : text;
}

/** Whether `text` has any of `chars` (`test` is the same question as one regex). */
function containsAny(text: string, test: RegExp, chars: readonly string[]): boolean {
	return text.length <= SHORT_TEXT ? test.test(text) : chars.some((char) => text.includes(char));
}

/** A zero-width space after `@` or `<` keeps the text readable but stops it resolving to a ping. */
export function neutraliseMentions(text: string): string {
	return text.replace(MASS_MENTION, `@${ZWSP}$1`).replace(MENTION, `<${ZWSP}$1`);
}

/** Discord renders a code span literally; used only for short identifiers such as file names. */
export function inlineCode(text: string): string {
	const clean = text.replace(/`/g, 'ˋ');
	return `\`${clean}\``;
}
