/**
 * Answer → Discord embeds, split into pages. Pure: types come from discord-api-types only, so
 * the renderer can be tested (and reused) without a Discord client. Every string that reaches
 * Discord passes through a `fit…` helper, so no input can push a payload over a limit.
 */
import type { APIApplicationCommandOptionChoice, APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Answer, Citation, Mark, QuoteAnswer, ResultAnswer, SourceRef, VerifyAnswer } from '../answer/model.js';
import { escapeMarkdown, neutraliseMentions } from './escape.js';
import { VERDICTS, candidateLine, conflictLines, differenceLines, matchHeading, refs, reportedLines, resultFactLines, speakerLines } from './lines.js';
import { ELLIPSIS, LIMITS, embedLength, fitRendered, truncate } from './limits.js';

export interface Page {
	embeds: APIEmbed[];
}

export const COLOURS = { found: 0x2e7d32, notFound: 0x757575, notice: 0x1565c0, error: 0xc62828 } as const;

/** Fields per page: Discord allows 25, but a reader scanning citations on a phone wants fewer. */
const FIELDS_PER_PAGE = 8;
/** Room kept free on every page for the "Page 2 of 3" footer, which is written after packing. */
const FOOTER_RESERVE = 100;
const EMPTY_VALUE = '\u200b';

export function renderAnswer(answer: Answer): Page[] {
	const title = fitRendered(answer.title, esc, LIMITS.embedTitle);
	const extra = extraDescription(answer);
	const description = fitRendered(answer.summary, escWithNote, LIMITS.embedDescription - extra.length) + extra;
	const colour = answer.found ? COLOURS.found : COLOURS.notFound;
	return paginate({ title, description, colour, fields: answerFields(answer) });
}

/** A one-embed message (refusals, confirmations, errors): text escaped by the caller as needed. */
export function renderNotice(title: string, text: string, colour: number = COLOURS.notice): APIEmbed {
	return {
		title: truncate(title, LIMITS.embedTitle),
		description: truncate(text, LIMITS.embedDescription),
		color: colour,
	};
}

/** Autocomplete choices: at most 25, names and values at most 100 characters, no duplicates. */
export function renderChoices(names: readonly string[]): APIApplicationCommandOptionChoice<string>[] {
	const seen = new Set<string>();
	const choices: APIApplicationCommandOptionChoice<string>[] = [];
	for (const raw of names) {
		// A value over 100 characters would be rejected, and a cut value would not match the
		// corpus: skip it rather than offer a choice that finds nothing.
		if (raw.length === 0 || raw.length > LIMITS.choiceValue || seen.has(raw)) continue;
		seen.add(raw);
		choices.push({ name: truncate(raw, LIMITS.choiceName), value: raw });
		if (choices.length === LIMITS.choices) break;
	}
	return choices;
}

/** A quotation as a Discord block quote, attributed: `> words` then `— **Speaker**`. */
export function renderQuote(text: string, speaker: string, max: number = LIMITS.fieldValue): string {
	const attribution = `\n— **${fitRendered(speaker, esc, 100)}**`;
	const body = fitRendered(text, (t, cut) => blockQuote(escapeMarkdown(t) + (cut ? ELLIPSIS : '')), max - attribution.length);
	return body + attribution;
}

function blockQuote(text: string): string {
	return text
		.split('\n')
		.map((line) => `> ${line}`)
		.join('\n');
}

// ─── Per-command content ────────────────────────────────────────────────────────────────────

function extraDescription(answer: Answer): string {
	switch (answer.command) {
		case 'ask':
		case 'find-sources':
		case 'quote':
			if (answer.found || answer.suggestions.length === 0) return '';
			return '\n\n' + fitRendered(`Try: ${answer.suggestions.join(', ')}`, esc, 300);
		case 'verify':
			return `\n\n**Verdict: ${VERDICTS[answer.verdict]}**`;
		default:
			return '';
	}
}


/** Command-specific fields first (quotes, results, matches), then the numbered citations they refer to. */
function answerFields(answer: Answer): APIEmbedField[] {
	const citations = answer.citations.map(citationField);
	switch (answer.command) {
		case 'sources':
			return [...citations, ...answer.articles.map(articleField), ...listField(`Skipped files (${answer.skipped.length})`, answer.skipped.map((s) => `${s.file} — ${s.reason}`))];
		case 'quote':
			return [...quoteFields(answer), ...citations];
		case 'result':
			return [...resultFields(answer), ...citations];
		case 'verify':
			return [...verifyFields(answer), ...citations];
		default:
			return citations;
	}
}


function quoteFields(answer: QuoteAnswer): APIEmbedField[] {
	const quotes = answer.quotes.map((q, i) => ({
		name: `Quote ${i + 1}${q.kind === 'partial' ? ' (partial)' : ''} ${refs(q.citations)}`.slice(0, LIMITS.fieldName),
		value: renderQuote(q.text, q.speaker ?? 'unattributed', LIMITS.fieldValue - 120) + variantsLine(q.variants),
	}));
	const reported = listField('Reported, not quoted', reportedLines(answer));
	const speakers = listField('Speakers', speakerLines(answer));
	return [...quotes, ...reported, ...speakers];
}

function variantsLine(variants: readonly string[]): string {
	if (variants.length === 0) return '';
	return '\n' + fitRendered(`Also worded: ${variants.map((v) => `“${v}”`).join('; ')}`, esc, 110);
}

function resultFields(answer: ResultAnswer): APIEmbedField[] {
	const result = answer.result;
	if (!result) return listField('By-elections with a result', answer.constituencies);
	return [
		...listField(result.constituency, resultFactLines(result)),
		...listField('Candidates', result.candidates.map(candidateLine)),
		...listField('Sources disagree', conflictLines(result)),
	];
}

function verifyFields(answer: VerifyAnswer): APIEmbedField[] {
	return answer.matches.map((m, i) => {
		const differences = differenceLines(m).join('\n');
		const diffText = differences ? '\n' + fitRendered(differences, esc, 300) : '';
		return {
			name: matchHeading(m, i).slice(0, LIMITS.fieldName),
			value: renderQuote(m.text, m.speaker ?? 'unattributed', LIMITS.fieldValue - diffText.length) + diffText,
		};
	});
}

/** `[1] Title — source ¶3 · 2021-05-07`, then the excerpt with the matched words in bold. */
export function citationField(citation: Citation): APIEmbedField {
	const where = ` — ${esc(citation.source)} ¶${citation.paragraph}${citation.date ? ` · ${esc(citation.date)}` : ''}`;
	const head = `[${citation.n}] `;
	const titleRoom = LIMITS.fieldName - head.length - where.length;
	const name =
		titleRoom >= 20
			? head + fitRendered(citation.title, esc, titleRoom) + where
			: fitRendered(`${head}${citation.title} — ${citation.source} ¶${citation.paragraph}`, esc, LIMITS.fieldName);
	const also = corroboration(citation.corroboratedBy);
	const excerpt = fitRendered(citation.excerpt, (text, cut) => renderMarked(text, citation.marks) + (cut ? ELLIPSIS : ''), LIMITS.fieldValue - also.length);
	return { name, value: (excerpt || EMPTY_VALUE) + also };
}

function corroboration(refs: readonly SourceRef[]): string {
	if (refs.length === 0) return '';
	const list = refs.map((ref) => `${ref.source} ¶${ref.paragraph}`).join(', ');
	return '\n' + fitRendered(`Also in: ${list}`, esc, 200);
}

function articleField(article: Extract<Answer, { command: 'sources' }>['articles'][number]): APIEmbedField {
	const parts = [article.source, article.date ?? 'undated', article.outlet, `${article.paragraphs} paragraphs`].filter((p): p is string => p !== null);
	const url = article.url && /^https?:\/\/\S+$/.test(article.url) ? `\n${neutraliseMentions(truncate(article.url, 300))}` : '';
	return {
		name: fitRendered(article.title || article.source, esc, LIMITS.fieldName),
		value: fitRendered(parts.join(' · '), esc, LIMITS.fieldValue - url.length) + url,
	};
}

/**
 * A list as one field, one escaped line per item; when the items do not fit in a field value,
 * the field says how many were left out. No field at all for an empty list.
 */
function listField(name: string, items: readonly string[]): APIEmbedField[] {
	if (items.length === 0) return [];
	const lines: string[] = [];
	let used = 0;
	const room = LIMITS.fieldValue - 40; // kept for the "…and N more" line
	for (const item of items) {
		const line = fitRendered(item, esc, 300);
		if (used + line.length + 1 > room) break;
		lines.push(line);
		used += line.length + 1;
	}
	const rest = items.length - lines.length;
	if (rest > 0) lines.push(`…and ${rest} more`);
	return [{ name: fitRendered(name, esc, LIMITS.fieldName), value: lines.join('\n') }];
}

// ─── Marks: matched words in bold ───────────────────────────────────────────────────────────

/**
 * Renders `text` with the ranges in `marks` in bold. Ranges are clamped, merged and trimmed of
 * surrounding spaces first (`** word**` would not render as bold).
 */
export function renderMarked(text: string, marks: readonly Mark[]): string {
	let out = '';
	let at = 0;
	for (const mark of normaliseMarks(text, marks)) {
		out += escapeMarkdown(text.slice(at, mark.start)) + `**${escapeMarkdown(text.slice(mark.start, mark.end))}**`;
		at = mark.end;
	}
	return out + escapeMarkdown(text.slice(at));
}

function normaliseMarks(text: string, marks: readonly Mark[]): Mark[] {
	if (marks.length === 0) return [];
	const sorted = marks
		.map((m) => ({ start: Math.max(0, Math.min(m.start, text.length)), end: Math.max(0, Math.min(m.end, text.length)) }))
		.filter((m) => m.end > m.start)
		.sort((a, b) => a.start - b.start);
	const merged: Mark[] = [];
	for (const mark of sorted) {
		const last = merged.at(-1);
		if (last && mark.start <= last.end) last.end = Math.max(last.end, mark.end);
		else merged.push({ ...mark });
	}
	return merged.map((m) => trimMark(text, m)).filter((m) => m.end > m.start);
}

const SPACE = /\s/;

function trimMark(text: string, mark: Mark): Mark {
	let { start, end } = mark;
	while (start < end && SPACE.test(text.charAt(start))) start++;
	while (end > start && SPACE.test(text.charAt(end - 1))) end--;
	return { start, end };
}

// ─── Pagination ─────────────────────────────────────────────────────────────────────────────

interface Body {
	title: string;
	description: string;
	colour: number;
	fields: APIEmbedField[];
}

/**
 * One embed per page. The first page carries the summary; fields fill pages up to
 * FIELDS_PER_PAGE and the 6000-character total, with room kept for the footer.
 */
function paginate(body: Body): Page[] {
	const budget = LIMITS.embedTotal - FOOTER_RESERVE;
	const pages: APIEmbed[] = [];
	let fields: APIEmbedField[] = [];
	let current: APIEmbed = { title: body.title, description: body.description || EMPTY_VALUE, color: body.colour, fields };
	// What the page counts toward the 6000-character total so far, kept as fields are added
	// (embedLength of the page with the next field, without copying the page for each field).
	let used = embedLength(current);
	for (const field of body.fields) {
		const size = field.name.length + field.value.length;
		const full = fields.length >= FIELDS_PER_PAGE || used + size > budget;
		if (full && fields.length > 0) {
			pages.push(current);
			fields = [];
			current = { title: continued(body.title), color: body.colour, fields };
			used = embedLength(current);
		}
		fields.push(field);
		used += size;
	}
	pages.push(current);
	return pages.map((embed, i) => ({ embeds: [withFooter(embed, i, pages.length)] }));
}

function continued(title: string): string {
	const suffix = ' (continued)';
	return truncate(title, LIMITS.embedTitle - suffix.length) + suffix;
}

function withFooter(embed: APIEmbed, index: number, total: number): APIEmbed {
	const fields = embed.fields?.length ? embed.fields : undefined;
	const base: APIEmbed = { ...embed, fields };
	if (!fields) delete base.fields;
	if (total <= 1) return base;
	const more = index < total - 1 ? ' · press More for the rest' : '';
	return { ...base, footer: { text: `Page ${index + 1} of ${total}${more}` } };
}

function esc(text: string, truncated = false): string {
	return escapeMarkdown(text) + (truncated ? ELLIPSIS : '');
}

function escWithNote(text: string, truncated: boolean): string {
	return escapeMarkdown(text) + (truncated ? `${ELLIPSIS} *(shortened)*` : '');
}
