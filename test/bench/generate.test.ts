import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distinctWords, generateCorpus, writeCorpus } from '../../src/bench/generate.js';
import { buildQueries } from '../../src/bench/queries.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { seedsFolder } from '../helpers/tmp.js';

async function folderDigest(folder: string, files: readonly string[]): Promise<string> {
	const hash = createHash('sha256');
	for (const file of files) hash.update(file).update(await readFile(path.join(folder, file)));
	return hash.digest('hex');
}

describe('the benchmark corpus generator', () => {
	it('writes the same bytes for the same seed, and different ones for another seed', async () => {
		const first = generateCorpus({ articles: 40, seed: 7 });
		const again = generateCorpus({ articles: 40, seed: 7 });
		const [folderA, folderB] = [await seedsFolder({}), await seedsFolder({})];
		await writeCorpus(first, folderA);
		await writeCorpus(again, folderB);
		const files = first.articles.map((article) => article.file);
		expect(await folderDigest(folderA, files)).toBe(await folderDigest(folderB, files));
		expect(generateCorpus({ articles: 40, seed: 8 }).articles.map((article) => article.text)).not.toEqual(first.articles.map((article) => article.text));
	});

	it('draws the same queries for the same seed', () => {
		const corpus = generateCorpus({ articles: 20, seed: 3 });
		expect(buildQueries(corpus, 50)).toEqual(buildQueries(generateCorpus({ articles: 20, seed: 3 }), 50));
	});

	it('produces the requested number of articles, all accepted by the loader, about twelve paragraphs each', async () => {
		const corpus = generateCorpus({ articles: 1_000 });
		const folder = await seedsFolder({});
		await writeCorpus(corpus, folder);
		const { articles, warnings } = await loadCorpus(folder);
		expect(warnings).toEqual([]);
		expect(articles).toHaveLength(1_000);
		const paragraphs = articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
		expect(paragraphs / articles.length).toBeGreaterThan(10);
		expect(paragraphs / articles.length).toBeLessThan(14);
		expect(distinctWords(corpus)).toBeGreaterThanOrEqual(20_000);
	});

	it('writes figures with thousands separators, quotes in news patterns and results tables', () => {
		const text = generateCorpus({ articles: 30, seed: 11 }).articles.map((article) => article.text).join('\n\n');
		expect(text).toMatch(/\b\d{1,2},\d{3} votes\b/);
		expect(text).toMatch(/\b\d{2}\.\d per cent\b|\b\d{2}\.\d%/);
		expect(text).toMatch(/ said: "[^"]+"/);
		expect(text).toMatch(/," \p{Lu}\p{L}+ said\./u);
		expect(text).toMatch(/(?:He|She) added: "/);
		// A quote running over two paragraphs: no closing mark on the first, the second reopens.
		expect(text).toMatch(/ said: "[^"\n]+\n\n"[^"\n]+"\n/);
		expect(text).toMatch(/^\p{Lu}[\p{L}'-]+ \p{Lu}[\p{L}'-]+ \([\p{L} ]+\) \d{1,2},\d{3}$/mu);
		expect(text).toMatch(/^title .+\ndate \d{4}-\d{2}-\d{2}\noutlet .+$/m);
	});
});
