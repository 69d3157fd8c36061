/**
 * Article text is untrusted markup: a stray `*` or `_` would restyle the rest of a reply, a
 * `>` at a line start would quote it, and `@everyone` or `<@&role>` would ping. These helpers
 * make source text display literally. (discord.js has escapeMarkdown, but src/render must not
 * import discord.js.)
 *
 * escapeMarkdown runs on every excerpt, title and list line of every reply, and again for each
 * prefix `fitRendered` tries, so it is one pass over the characters rather than five regex
 * replaces: the rendering was the largest part of the bot's own time per interaction. Its output
 * is exactly what these replaces, in this order, would give (test/render/escape.test.ts checks
 * that against them on random and hostile text):
 *
 *   text.replace(/[\\*_~|`>[\]]/g, '\\$&')          every inline marker
 *       .replace(/^([^\S\n]*)([#+-])/gm, '$1\\$2')  headings and lists at a line start
 *       .replace(/^([^\S\n]*\d+)\./gm, '$1\\.')      ordered lists at a line start
 *   then neutraliseMentions.
 */

const ZWSP = '\u200b';

const MASS_MENTION = /@(everyone|here)/gi;
/** User, role, channel and slash-command mentions: <@1>, <@!1>, <@&1>, <#1>, </name:1>. */
const MENTION = /<(@[!&]?|#|\/)/g;

/** Character codes that get a backslash wherever they are: \ * _ ~ | ` > [ ] */
const INLINE_CODES = new Set([0x5c, 0x2a, 0x5f, 0x7e, 0x7c, 0x60, 0x3e, 0x5b]);
/** # + - : a heading or list marker, when a line starts with it. */
const LINE_MARKER_CODES = new Set([0x23, 0x2b, 0x2d]);
const AT = 0x40;
const LESS_THAN = 0x3c;
const DOT = 0x2e;

/** What JavaScript's `\s` matches (without the `u` flag), by code unit. */
function isSpace(code: number): boolean {
	if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
	if (code < 0xa0) return false;
	return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Where `^` matches in a multiline regex: after \n, \r, U+2028 or U+2029. */
function isLineBreak(code: number): boolean {
	return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

/** `@everyone` or `@here` (ASCII case-insensitive, as the `i` flag without `u`) starts right after `at`. */
function isMassMention(text: string, at: number): boolean {
	const next = text.charCodeAt(at + 1) | 0x20;
	if (next === 0x65) return text.slice(at + 1, at + 9).toLowerCase() === 'everyone' && isAsciiWord(text, at + 1, 8);
	if (next === 0x68) return text.slice(at + 1, at + 5).toLowerCase() === 'here' && isAsciiWord(text, at + 1, 4);
	return false;
}

/**
 * `toLowerCase` also folds a few non-ASCII letters (the Kelvin sign to k, for one) that the regex
 * `i` flag without `u` never matches: only ASCII letters count.
 */
function isAsciiWord(text: string, from: number, length: number): boolean {
	for (let i = from; i < from + length; i++) if (text.charCodeAt(i) > 0x7f) return false;
	return true;
}

/** `<@`, `<#` or `</` : a mention or a slash-command link. */
function isMentionStart(code: number): boolean {
	return code === AT || code === 0x23 || code === 0x2f;
}

export function escapeMarkdown(text: string): string {
	let out = '';
	// text[copied, i) has not been appended to `out` yet: untouched runs are copied in one slice.
	let copied = 0;
	let lineStart = true;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (lineStart) {
			// Blanks (line breaks included: each starts a new line) keep us at a line start.
			if (isSpace(code)) continue;
			lineStart = false;
			if (LINE_MARKER_CODES.has(code)) {
				out += text.slice(copied, i) + '\\';
				copied = i;
				continue;
			}
			if (isDigit(code)) {
				let end = i + 1;
				while (isDigit(text.charCodeAt(end))) end++;
				if (text.charCodeAt(end) === DOT) {
					out += text.slice(copied, end) + '\\';
					copied = end;
					i = end;
				} else {
					// Digits need nothing: go on with the character after them as an ordinary one.
					i = end - 1;
				}
				continue;
			}
		}
		if (INLINE_CODES.has(code)) {
			out += text.slice(copied, i) + '\\';
			copied = i;
		} else if (code === AT) {
			if (isMassMention(text, i)) {
				out += text.slice(copied, i + 1) + ZWSP;
				copied = i + 1;
			}
		} else if (code === LESS_THAN) {
			if (isMentionStart(text.charCodeAt(i + 1))) {
				out += text.slice(copied, i + 1) + ZWSP;
				copied = i + 1;
			}
		} else if (isLineBreak(code)) {
			lineStart = true;
		}
	}
	// Nothing inserted (most article text): the input itself, with no copy.
	return out === '' ? text : out + text.slice(copied);
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
