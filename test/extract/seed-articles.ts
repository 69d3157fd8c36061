// Builds Article objects from the seed files without the corpus loader: split on blank lines,
// number paragraphs from 1, strip an inline ` date YYYY-MM-DD ` opening the first paragraph.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/corpus/types.js';
import { foldSpaces, normaliseText } from '../../src/corpus/normalise.js';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seeds');

export function articleFromText(id: string, raw: string): Article {
	const blocks = normaliseText(raw)
		.split(/\n[ ]*\n/)
		.map((block) => foldSpaces(block.replace(/\n/g, ' ')))
		.filter((block) => block !== '');
	let date: string | null = null;
	const inline = /^date\s+(\d{4}-\d{2}-\d{2})\s+/i.exec(blocks[0] ?? '');
	if (inline && blocks[0]) {
		date = inline[1] ?? null;
		blocks[0] = blocks[0].slice(inline[0].length);
	}
	return {
		id,
		title: (blocks[0] ?? id).slice(0, 80),
		titleSource: 'first sentence',
		date,
		url: null,
		outlet: null,
		paragraphs: blocks.map((text, index) => ({ articleId: id, number: index + 1, text })),
	};
}

export function loadSeedArticles(): Article[] {
	return readdirSync(SEEDS)
		.filter((file) => file.endsWith('.txt'))
		.sort()
		.map((file) => articleFromText(file, readFileSync(path.join(SEEDS, file), 'utf8')));
}
