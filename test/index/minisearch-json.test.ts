import MiniSearch, { type SearchResult } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { indexTerms } from '../../src/index/analyse.js';
import { loadMiniSearch, loadMiniSearchSteps, miniSearchJson, internalsOf } from '../../src/index/minisearch-json.js';
import { miniSearchOptions } from '../../src/index/paragraph-index.js';
import { TermTable } from '../../src/index/term-table.js';

// The index hands MiniSearch its serialized form instead of adding paragraphs one by one. It must
// be exactly what MiniSearch's own `add` and `toJSON` make, or its scores would drift from MiniSearch's.

let paragraphTerms: string[][];

beforeAll(async () => {
	const { articles } = await loadCorpus('test/fixtures/ask-eval/articles');
	paragraphTerms = articles.flatMap((article) => article.paragraphs.map((paragraph) => indexTerms(paragraph.text)));
	// A paragraph with no index terms at all is a document of length 0, as MiniSearch counts it.
	paragraphTerms.push([]);
});

function tableOf(terms: readonly string[][]): TermTable {
	const table = new TermTable();
	for (const paragraph of terms) table.addParagraphIds(paragraph.map((term) => table.idOf(term)));
	return table.seal();
}

/** What MiniSearch makes, adding each paragraph's terms and dropping `stopWords` as it goes. */
function miniSearchsOwn(terms: readonly string[][], stopWords: ReadonlySet<string>) {
	const search = new MiniSearch({ ...miniSearchOptions(), processTerm: (term) => (stopWords.has(term) ? null : term) });
	search.addAll(terms.map((paragraph, id) => ({ id, text: paragraph.join(' ') })));
	return search.toJSON();
}

/**
 * Results in MiniSearch's order, equal scores by id: it lists equal scores in the order its tree
 * yields the terms, which is the order they were first added, and here they are added by term id.
 */
function tiesById(results: SearchResult[]): SearchResult[] {
	return [...results].sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id));
}

function byTerm(json: ReturnType<typeof miniSearchsOwn>) {
	return { ...json, index: new Map(json.index) };
}

describe('the serialized MiniSearch index made from the term table', () => {
	it('is what MiniSearch makes from the same paragraphs', () => {
		const table = tableOf(paragraphTerms);
		const made = miniSearchJson(table, table.invert(), () => true);
		expect(made.index.length).toBeGreaterThan(500);
		expect(byTerm(made)).toEqual(byTerm(miniSearchsOwn(paragraphTerms, new Set())));
	});

	it('leaves out the terms it is told to, still counting them in each paragraph length, as MiniSearch does with stop words', () => {
		const table = tableOf(paragraphTerms);
		const inverted = table.invert();
		const common = (id: number) => (inverted.starts[id + 1] ?? 0) - (inverted.starts[id] ?? 0) > 3;
		const stopWords = new Set(Array.from({ length: table.termCount }, (_, id) => id).filter(common).map((id) => table.termOfId(id) ?? ''));
		expect(stopWords.size).toBeGreaterThan(20);
		const made = miniSearchJson(table, inverted, (id) => !common(id));
		expect(byTerm(made)).toEqual(byTerm(miniSearchsOwn(paragraphTerms, stopWords)));
	});

	it('loads MiniSearch with the postings placed straight in its tree, as MiniSearch would have made them', () => {
		const table = tableOf(paragraphTerms);
		const inverted = table.invert();
		const common = (id: number) => (inverted.starts[id + 1] ?? 0) - (inverted.starts[id] ?? 0) > 3;
		const stopWords = new Set(Array.from({ length: table.termCount }, (_, id) => id).filter(common).map((id) => table.termOfId(id) ?? ''));
		const loaded = loadMiniSearch(table, inverted, (id) => !common(id), miniSearchOptions());
		expect(byTerm(loaded.toJSON())).toEqual(byTerm(miniSearchsOwn(paragraphTerms, stopWords)));
		// And it searches: the same hits, scores included, as MiniSearch's own index.
		const own = MiniSearch.loadJS(miniSearchsOwn(paragraphTerms, stopWords), miniSearchOptions());
		const term = paragraphTerms[0]?.find((word) => !stopWords.has(word)) ?? '';
		expect(loaded.search(term).length).toBeGreaterThan(0);
		expect(loaded.search(term)).toEqual(own.search(term));
	});

	it('searches like MiniSearch from its first question, though the postings of a term are made only when first read', () => {
		const table = tableOf(paragraphTerms);
		const inverted = table.invert();
		const common = (id: number) => (inverted.starts[id + 1] ?? 0) - (inverted.starts[id] ?? 0) > 3;
		const stopWords = new Set(Array.from({ length: table.termCount }, (_, id) => id).filter(common).map((id) => table.termOfId(id) ?? ''));
		const loaded = loadMiniSearch(table, inverted, (id) => !common(id), miniSearchOptions());
		const own = MiniSearch.loadJS(miniSearchsOwn(paragraphTerms, stopWords), miniSearchOptions());
		// Exact, prefix and fuzzy look-ups each read entries the others have not, in a new order.
		const questions = paragraphTerms.slice(0, 40).map((terms, i) => terms.slice(i % 3, (i % 3) + 3).join(' '));
		const ways = [{}, { prefix: true }, { fuzzy: 0.2 }, { prefix: true, fuzzy: 0.3, combineWith: 'AND' }] as const;
		let hits = 0;
		for (const question of questions) {
			for (const way of ways) {
				const found = loaded.search(question, way);
				hits += found.length;
				expect(tiesById(found)).toEqual(tiesById(own.search(question, way)));
			}
		}
		expect(hits).toBeGreaterThan(100);
		// Every document, in order, as MiniSearch's own wildcard query lists them; and which it holds.
		expect(loaded.search(MiniSearch.wildcard)).toEqual(own.search(MiniSearch.wildcard));
		expect([0, paragraphTerms.length - 1, paragraphTerms.length, -1].map((id) => loaded.has(id))).toEqual([true, true, false, false]);
		expect(loaded.documentCount).toBe(paragraphTerms.length);
		// Writes after loading go to the entries as made: discarding a paragraph, then vacuuming.
		loaded.discard(3);
		own.discard(3);
		expect(tiesById(loaded.search(questions[3] ?? '', { prefix: true }))).toEqual(tiesById(own.search(questions[3] ?? '', { prefix: true })));
		expect(byTerm(loaded.toJSON())).toEqual(byTerm(own.toJSON()));
	});

	it('loads the same in steps, yielding between them', () => {
		// Enough distinct terms for several steps (a step places a few thousand).
		const many = [...paragraphTerms, ...Array.from({ length: 50 }, (_, p) => Array.from({ length: 120 }, (_, i) => `term${p}x${i}`))];
		const table = tableOf(many);
		const steps = loadMiniSearchSteps(table, table.invert(), () => true, miniSearchOptions());
		let yields = 0;
		let step = steps.next();
		for (; !step.done; step = steps.next()) yields++;
		expect(yields).toBeGreaterThan(1);
		expect(byTerm(step.value.toJSON())).toEqual(byTerm(miniSearchsOwn(many, new Set())));
	});

	it('finds no internals where MiniSearch does not keep empty ones, so loading takes the documented path', () => {
		const table = tableOf(paragraphTerms);
		const full = loadMiniSearch(table, table.invert(), () => true, miniSearchOptions());
		expect(internalsOf(full)).toBeNull();
		expect(internalsOf(new MiniSearch(miniSearchOptions()))).not.toBeNull();
		expect(internalsOf(Object.create(MiniSearch.prototype) as MiniSearch)).toBeNull();
	});

	it('counts a term used twice in a paragraph twice, and a paragraph once in its list', () => {
		const table = tableOf([['vote', 'count', 'vote'], ['count'], ['vote']]);
		const inverted = table.invert();
		const vote = table.idOfTerm('vote') ?? -1;
		const range = [inverted.starts[vote] ?? 0, inverted.starts[vote + 1] ?? 0] as const;
		expect([...inverted.positions.subarray(...range)]).toEqual([0, 2]);
		expect([...inverted.frequencies.subarray(...range)]).toEqual([2, 1]);
	});
});
