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

export function escapeMarkdown(text: string): string {
	return neutraliseMentions(
		text.replace(INLINE, '\\$&').replace(LINE_START, '$1\\$2').replace(ORDERED_LIST, '$1\\.'),
	);
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
