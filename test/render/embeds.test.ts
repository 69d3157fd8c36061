import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { citationField, renderAnswer, renderChoices, renderMarked, renderQuote } from '../../src/render/embeds.js';
import type { Page } from '../../src/render/embeds.js';
import { escapeMarkdown } from '../../src/render/escape.js';
import { LIMITS, embedLength, fitRendered, lastWhitespace, truncate } from '../../src/render/limits.js';
import { askAnswer, citation, sourcesAnswer } from './answers.js';

const HOSTILE = '**bold** _it_ ~~s~~ ||spoiler|| `code` > quote @everyone @here <@123456789012345678> <@&123456789012345678> [link](https://evil.example) # head\n- list\n1. one';

/** Every limit Discord enforces on a message's embeds, as a list of what was broken. */
function limitProblems(pages: Page[]): string[] {
	const problems: string[] = [];
	for (const [p, page] of pages.entries()) {
		if (page.embeds.length > LIMITS.embeds) problems.push(`page ${p}: ${page.embeds.length} embeds`);
		const total = page.embeds.reduce((sum, e) => sum + embedLength(embedForCount(e)), 0);
		if (total > LIMITS.embedTotal) problems.push(`page ${p}: total ${total}`);
		for (const e of page.embeds) {
			if ((e.title?.length ?? 0) > LIMITS.embedTitle) problems.push(`page ${p}: title ${e.title?.length}`);
			if ((e.description?.length ?? 0) > LIMITS.embedDescription) problems.push(`page ${p}: description`);
			if ((e.fields?.length ?? 0) > LIMITS.embedFields) problems.push(`page ${p}: ${e.fields?.length} fields`);
			if ((e.footer?.text.length ?? 0) > LIMITS.footer) problems.push(`page ${p}: footer`);
			for (const f of e.fields ?? []) {
				if (f.name.length > LIMITS.fieldName || f.name.length === 0) problems.push(`page ${p}: field name ${f.name.length}`);
				if (f.value.length > LIMITS.fieldValue || f.value.length === 0) problems.push(`page ${p}: field value ${f.value.length}`);
			}
		}
	}
	return problems;
}

function embedForCount(e: APIEmbed): Parameters<typeof embedLength>[0] {
	return { title: e.title, description: e.description, fields: e.fields, footer: e.footer, author: e.author };
}

describe('escaping', () => {
	it('makes markdown, mentions and links display literally', () => {
		const out = escapeMarkdown(HOSTILE);
		expect(out).toContain('\\*\\*bold\\*\\*');
		expect(out).toContain('\\_it\\_');
		expect(out).toContain('\\|\\|spoiler\\|\\|');
		expect(out).toContain('\\`code\\`');
		expect(out).toContain('\\> quote');
		expect(out).toContain('\\[link\\]');
		expect(out).toMatch(/^\\- list$/m);
		expect(out).toMatch(/^1\\\. one$/m);
		expect(out).not.toMatch(/@everyone|@here|<@\d|<@&\d/);
	});
});

describe('citations', () => {
	it('names the citation [n] title — source ¶p · date', () => {
		const field = citationField(citation(3, { title: 'Labour loses Hartlepool', source: 'mirror.txt', paragraph: 4, date: '2021-05-07' }));
		expect(field.name).toBe('[3] Labour loses Hartlepool — mirror.txt ¶4 · 2021-05-07');
	});

	it('puts the matched words in bold and escapes the rest', () => {
		const excerpt = 'He said *trust* was lost';
		expect(renderMarked(excerpt, [{ start: 8, end: 15 }])).toBe('He said **\\*trust\\*** was lost');
	});

	it('copes with overlapping, reversed and out-of-range marks', () => {
		expect(renderMarked('abc def', [{ start: 4, end: 99 }, { start: 0, end: 2 }, { start: 1, end: 3 }])).toBe('**abc** **def**');
	});

	it('keeps bold balanced when a long excerpt is cut', () => {
		const words = Array.from({ length: 600 }, (_, i) => `word${i}`).join(' ');
		const marks = Array.from({ length: 300 }, (_, i) => ({ start: i * 14, end: i * 14 + 5 }));
		const field = citationField(citation(1, { excerpt: words, marks }));
		expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
		expect(field.value.endsWith('…')).toBe(true);
		expect((field.value.match(/\*\*/g) ?? []).length % 2).toBe(0);
	});
});

describe('limits', () => {
	it('hold for absurdly large input, and long answers are paginated', () => {
		const huge = (HOSTILE + ' ').repeat(400);
		const citations = Array.from({ length: 60 }, (_, i) =>
			citation(i + 1, { title: huge, source: huge, excerpt: huge, marks: [{ start: 0, end: 5000 }], corroboratedBy: [{ source: huge, title: huge, date: null, paragraph: 2 }] }),
		);
		const pages = renderAnswer(askAnswer({ title: huge, summary: huge, citations, found: false, suggestions: [huge, huge] }));
		expect(limitProblems(pages)).toEqual([]);
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[0]?.embeds[0]?.footer?.text).toBe(`Page 1 of ${pages.length} · press More for the rest`);
		expect(pages.at(-1)?.embeds[0]?.footer?.text).toBe(`Page ${pages.length} of ${pages.length}`);
		const fields = pages.flatMap((p) => p.embeds.flatMap((e) => e.fields ?? []));
		expect(fields).toHaveLength(60);
	});

	it('says a shortened summary was shortened', () => {
		const summary = 'word '.repeat(2000);
		const description = renderAnswer(askAnswer({ summary }))[0]?.embeds[0]?.description ?? '';
		expect(description.length).toBeLessThanOrEqual(LIMITS.embedDescription);
		expect(description).toMatch(/word… \*\(shortened\)\*$/);
	});

	it('lists every article in /sources, and many skipped files in one bounded field', () => {
		const articles = Array.from({ length: 40 }, (_, i) => ({ source: `a${i}.txt`, title: `Title ${i}`, date: null, url: 'https://example.com/x', outlet: 'Mirror', paragraphs: 12 }));
		const skipped = Array.from({ length: 500 }, (_, i) => ({ file: `bad-${i}.bin`, reason: 'not UTF-8 text' }));
		const pages = renderAnswer(sourcesAnswer({ articles, skipped }));
		expect(limitProblems(pages)).toEqual([]);
		const fields = pages.flatMap((p) => p.embeds.flatMap((e) => e.fields ?? []));
		expect(fields.filter((f) => f.name.startsWith('Title '))).toHaveLength(40);
		expect(fields.find((f) => f.name === 'Skipped files (500)')?.value).toMatch(/…and \d+ more$/);
		expect(fields[0]?.value).toBe('a0.txt · undated · Mirror · 12 paragraphs\nhttps://example.com/x');
	});

	it('renders a short answer as one page without a footer', () => {
		const pages = renderAnswer(askAnswer());
		expect(pages).toHaveLength(1);
		expect(pages[0]?.embeds[0]?.footer).toBeUndefined();
	});
});

describe('truncate', () => {
	it('cuts on a word boundary with an ellipsis', () => {
		expect(truncate('the quick brown fox', 12)).toBe('the quick…');
		expect(truncate('short', 12)).toBe('short');
	});

	it('never leaves half a surrogate pair', () => {
		const out = truncate('😀'.repeat(100), 51);
		expect(out.length).toBeLessThanOrEqual(51);
		expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
	});

	it('finds the last word as the regex it replaces did, whitespace of every kind included', () => {
		const pieces = ['a', 'word', 'é', '😀', '\ud800', '\udc00', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u180e', '\u0085'];
		const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));
		fc.assert(fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 40 })), (sample) => {
			expect(lastWhitespace(sample)).toBe(sample.search(/\s\S*$/u));
		}), { numRuns: 1_500 });
	});

	it('fits a long list into a description exactly as before: the longest word-boundary prefix that fits', () => {
		const list = Array.from({ length: 3000 }, (_, i) => `Place_${i} [${i}]`).join(', ');
		const out = fitRendered(list, (text, cut) => escapeMarkdown(text) + (cut ? '…' : ''), 4000);
		expect(out.length).toBeLessThanOrEqual(4000);
		expect(out.endsWith('…')).toBe(true);
		const kept = out.slice(0, -1).replace(/\\(.)/g, '$1');
		expect(list.startsWith(kept)).toBe(true);
		// One more word would not have fitted.
		const next = list.slice(0, list.indexOf(' ', kept.length + 1));
		expect(escapeMarkdown(next).length + 1).toBeGreaterThan(4000);
	});
});

describe('autocomplete choices', () => {
	it('offers at most 25, each name and value at most 100 characters, without duplicates', () => {
		const names = ['Keir Starmer', 'Keir Starmer', 'x'.repeat(101), '', ...Array.from({ length: 40 }, (_, i) => `Speaker ${i}`)];
		const choices = renderChoices(names);
		expect(choices).toHaveLength(25);
		expect(choices[0]).toEqual({ name: 'Keir Starmer', value: 'Keir Starmer' });
		expect(choices.filter((c) => c.value === 'Keir Starmer')).toHaveLength(1);
		for (const c of choices) expect(c.value.length).toBeLessThanOrEqual(100);
	});
});

describe('quotes', () => {
	it('renders a block quote with the speaker, escaped', () => {
		expect(renderQuote('We *lost* trust.\nAnd more.', 'Keir_Starmer')).toBe('> We \\*lost\\* trust.\n> And more.\n— **Keir\\_Starmer**');
	});

	it('stays within a field value however long the quote', () => {
		const out = renderQuote('line\n'.repeat(1000), 'S');
		expect(out.length).toBeLessThanOrEqual(LIMITS.fieldValue);
		expect(out).toMatch(/…\n— \*\*S\*\*$/);
	});
});
