import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, MAX_ARTICLE_BYTES, parseArticle } from '../../src/corpus/load.js';
import type { Article } from '../../src/corpus/types.js';
import { seedsFolder } from '../helpers/tmp.js';

const GOOD = 'title A good article\ndate 2024-01-02\n\nFirst paragraph.\n\nSecond paragraph.\n';

function articleOf(id: string, raw: string) {
	const outcome = parseArticle(id, raw);
	if (!('article' in outcome)) throw new Error(`expected an article, got: ${outcome.reason}`);
	return outcome.article;
}

describe('loading the seeds folder', () => {
	it('loads the two seed articles with numbered paragraphs and the inline date stripped', async () => {
		const { articles, warnings } = await loadCorpus('seeds');
		expect(warnings).toEqual([]);
		expect(articles.map((a) => a.id)).toEqual(['000_d235b9848ff16c28.txt', '002_0641db0206dab556.txt']);
		const second = articles[1]!;
		expect(second.date).toBe('2021-05-07');
		expect(second.paragraphs[0]!.text.startsWith('The ruling Conservative Party')).toBe(true);
		expect(second.paragraphs.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		// U+FFFD after "2020," in the last paragraph is dropped; the text around it is kept.
		const last = second.paragraphs.at(-1)!.text;
		expect(last).not.toContain('\uFFFD');
		expect(last).toContain('from 2015 to 2020, had tweeted');
	});

	it('keeps the author’s curly quotes and splits a quote that runs over paragraphs at the blank lines', async () => {
		const { articles } = await loadCorpus('seeds');
		const first = articles[0]!;
		expect(first.paragraphs[3]!.text.startsWith('\u201CWe have changed')).toBe(true);
		expect(first.paragraphs[5]!.text).toBe('\u201CI intend to do whatever is necessary to fix that."');
		expect(first.paragraphs.every((p) => !p.text.includes('\u00A0') && p.text === p.text.trim())).toBe(true);
	});

	it('loads .txt and .md files recursively, sorted by path, and ignores other files', async () => {
		const folder = await seedsFolder({ 'b.md': GOOD, 'a/z.txt': GOOD, 'a/notes.json': '{}', 'c.TXT': GOOD });
		const { articles } = await loadCorpus(folder);
		expect(articles.map((a) => a.id)).toEqual(['a/z.txt', 'b.md', 'c.TXT']);
	});

	it.each([
		['empty.txt', '', 'empty file'],
		['binary.txt', new Uint8Array([0x48, 0x00, 0x49]), 'binary file'],
		['latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'not valid UTF-8'],
		['metadata-only.txt', 'title Nothing else\ndate 2024-01-01\n', 'no text'],
	])('skips %s with a warning naming the file and the reason, and keeps the rest', async (name, content, reason) => {
		const folder = await seedsFolder({ 'good.txt': GOOD, [name]: content });
		const { articles, warnings } = await loadCorpus(folder);
		expect(articles.map((a) => a.id)).toEqual(['good.txt']);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]!.file).toBe(name);
		expect(warnings[0]!.reason).toContain(reason);
	});

	it('skips a file over 5 MB', async () => {
		const folder = await seedsFolder({ 'good.txt': GOOD, 'huge.txt': 'word '.repeat(MAX_ARTICLE_BYTES / 5 + 10) });
		const { articles, warnings } = await loadCorpus(folder);
		expect(articles).toHaveLength(1);
		expect(warnings).toEqual([{ file: 'huge.txt', reason: expect.stringContaining('larger than 5 MB') }]);
	});

	it('reads each file whole, whatever the size of the one before it', async () => {
		// The reader reuses one buffer: a long file then a short one must not leave the long one's tail.
		const long = `title Long\n\n${Array.from({ length: 3000 }, (_, i) => `Paragraph number ${i} of the long article.`).join('\n\n')}\n`;
		const folder = await seedsFolder({ 'a-long.txt': long, 'b-short.txt': 'title Short\n\nOnly this.\n', 'c-middle.txt': GOOD, 'd-empty.txt': '' });
		const { articles, warnings } = await loadCorpus(folder);
		expect(articles.map((article) => [article.id, article.paragraphs.length, article.paragraphs.at(-1)?.text])).toEqual([
			['a-long.txt', 3000, 'Paragraph number 2999 of the long article.'],
			['b-short.txt', 1, 'Only this.'],
			['c-middle.txt', 2, 'Second paragraph.'],
		]);
		expect(warnings).toEqual([{ file: 'd-empty.txt', reason: 'empty file' }]);
	});

	it('skips a broken link, and survives a symlink loop and a folder named like an article', async () => {
		const folder = await seedsFolder({ 'good.txt': GOOD });
		await mkdir(path.join(folder, 'folder.txt'));
		await symlink(path.join(folder, 'missing.txt'), path.join(folder, 'broken.txt'));
		await symlink(folder, path.join(folder, 'loop'));
		const { articles, warnings } = await loadCorpus(folder);
		expect(articles.map((a) => a.id)).toEqual(['good.txt']);
		expect(warnings.map((w) => w.file).sort()).toEqual(['broken.txt']);
	});

	it('names the folder when no usable file is left', async () => {
		const folder = await seedsFolder({ 'empty.txt': '' });
		await expect(loadCorpus(folder)).rejects.toThrow(CorpusError);
		await expect(loadCorpus(folder)).rejects.toThrow(folder);
		await expect(loadCorpus(path.join(folder, 'nope'))).rejects.toThrow(/Cannot read the seeds folder/);
	});
});

describe('parsing one article', () => {
	it('reads leading metadata lines and keeps them out of the text', () => {
		const article = articleOf('x.txt', 'title  A title\nurl https://example.org/a\noutlet The Wire\ndate 2024-05-02\n\nBody one.\n\nBody two.');
		expect(article).toMatchObject({ title: 'A title', url: 'https://example.org/a', outlet: 'The Wire', date: '2024-05-02' });
		expect(article.paragraphs.map((p) => p.text)).toEqual(['Body one.', 'Body two.']);
	});

	it('takes the title from the first sentence, cut on a word boundary near 80 characters', () => {
		const long = 'Voters in a marginal seat went to the polls in heavy rain on Thursday as the governing party braced for a heavy defeat. More text.';
		const article = articleOf('x.txt', long);
		expect(article.title.length).toBeLessThanOrEqual(81);
		expect(article.title.endsWith('…')).toBe(true);
		expect(long.startsWith(article.title.slice(0, -1))).toBe(true);
		expect(articleOf('y.txt', 'Short one. Then more.').title).toBe('Short one.');
	});

	it('treats a single-newline file as one paragraph per line', () => {
		expect(articleOf('x.txt', 'Line one.\nLine two.\nLine three.').paragraphs).toHaveLength(3);
		expect(articleOf('x.txt', 'Para one\ncontinues.\n\nPara two.').paragraphs.map((p) => p.text)).toEqual(['Para one continues.', 'Para two.']);
	});

	it('normalises invisible characters, non-breaking spaces and runs of spaces', () => {
		const article = articleOf('x.txt', 'Caf\u0065\u0301 vote\u00A0count\u200B  was   high\uFFFD.\u0007');
		expect(article.paragraphs[0]!.text).toBe('Caf\u00E9 vote count was high.');
	});

	it('does not take an invalid date as metadata', () => {
		const article = articleOf('x.txt', 'date 2024-02-30\n\nText.');
		expect(article.date).toBeNull();
	});
});

describe('articles handed over as they load', () => {
	it('are every article the load returns, once each, in order, the same objects', async () => {
		const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`a${String(i).padStart(2, '0')}.txt`, i % 7 === 3 ? '' : `Article ${i}.\n\nIts second paragraph.`]));
		const slices: Article[][] = [];
		const loaded = await loadCorpus(await seedsFolder(files), { onArticles: (articles) => slices.push(articles) });
		expect(slices.length).toBeGreaterThan(0);
		const handedOver = slices.flat();
		expect(handedOver).toHaveLength(loaded.articles.length);
		handedOver.forEach((article, i) => expect(article).toBe(loaded.articles[i]));
		expect(loaded.warnings.map((warning) => warning.file)).toEqual(['a03.txt', 'a10.txt', 'a17.txt', 'a24.txt', 'a31.txt', 'a38.txt']);
	});
});
