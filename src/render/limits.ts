/**
 * Discord's hard limits. A payload over any of them is rejected with a 400, so every
 * renderer clamps to these numbers whatever the input.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const LIMITS = {
	content: 2000,
	embeds: 10,
	embedTitle: 256,
	embedDescription: 4096,
	embedFields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	authorName: 256,
	/** Title + description + field names and values + footer + author, over all embeds of a message. */
	embedTotal: 6000,
	choices: 25,
	choiceName: 100,
	choiceValue: 100,
	customId: 100,
	buttonLabel: 80,
} as const;

export const ELLIPSIS = '…';

/** Cuts before a lone high surrogate so a truncated string is still valid UTF-16. */
function safeCut(text: string, end: number): string {
	let cut = text.slice(0, Math.max(0, end));
	const last = cut.charCodeAt(cut.length - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	return cut;
}

const WHITESPACE = /\s/;

/**
 * Where `text`'s last word starts, as `text.search(/\s\S*$/u)` says (the last whitespace, or -1),
 * found from the end: the regex tries every whitespace from the start, and fitRendered asks this
 * of a 4,000-character prefix a dozen times per reply.
 */
export function lastWhitespace(text: string): number {
	for (let i = text.length - 1; i >= 0; i--) {
		if (isWhitespace(text.charCodeAt(i))) return i;
	}
	return -1;
}

/** `\s` for one UTF-16 unit: ASCII decided by comparison (a long word is scanned cheaply), the rest by the regex. */
function isWhitespace(code: number): boolean {
	if (code < 128) return code === 32 || (code >= 9 && code <= 13);
	return WHITESPACE.test(String.fromCharCode(code));
}

/**
 * Shortens plain text to at most `max` characters, ending on a word boundary with `…`.
 * Falls back to a hard cut when the only space would throw away more than half the room
 * (one enormous "word", such as a URL).
 */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	if (max <= 0) return '';
	if (max === 1) return ELLIPSIS;
	const room = safeCut(text, max - 1);
	const space = lastWhitespace(room);
	const cut = space >= room.length / 2 ? room.slice(0, space) : room;
	return cut.trimEnd() + ELLIPSIS;
}

/**
 * The longest word-boundary prefix of `raw` whose rendering fits in `max`. `render` must never
 * shorten its input.
 * Rendering (escaping, bold marks) grows the text unpredictably, so truncating the rendered
 * string would cut an escape or a `**` in half; instead we search over prefixes of the raw
 * text and render each, which always yields balanced markdown.
 */
export function fitRendered(raw: string, render: (text: string, truncated: boolean) => string, max: number): string {
	if (raw.length <= max) {
		const whole = render(raw, false);
		if (whole.length <= max) return whole;
	}
	let low = 0;
	// Rendering only ever adds characters (escapes, bold markers), so no prefix longer than
	// `max` can fit: bounding the search keeps huge inputs as cheap as small ones.
	let high = Math.min(raw.length - 1, max);
	let best: string | null = null;
	while (low <= high) {
		const mid = Math.floor((low + high) / 2);
		const candidate = render(prefixAtWord(raw, mid), true);
		if (candidate.length <= max) {
			best = candidate;
			low = mid + 1;
		} else {
			high = mid - 1;
		}
	}
	// Pathological: not even an empty prefix fits (a tiny max). A hard cut is the last resort.
	return best ?? truncate(render('', true), max);
}

/** Up to `length` characters of `text`, cut back to the last word boundary when there is one. */
export function prefixAtWord(text: string, length: number): string {
	if (length >= text.length) return text;
	const room = safeCut(text, length);
	const space = lastWhitespace(room);
	return (space > 0 ? room.slice(0, space) : room).trimEnd();
}

/** Counts what Discord counts toward the 6000-character total of one embed. */
export function embedLength(embed: {
	title?: string;
	description?: string;
	fields?: readonly { name: string; value: string }[];
	footer?: { text: string };
	author?: { name: string };
}): number {
	let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
	total += embed.footer?.text.length ?? 0;
	total += embed.author?.name.length ?? 0;
	for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
	return total;
}
