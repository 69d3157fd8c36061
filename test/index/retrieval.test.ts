import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Article } from '../../src/corpus/types.js';
import { readQuestions } from '../../src/eval/ask.js';
import { termOf } from '../../src/index/analyse.js';
import { ParagraphIndex, unpackArticlesByName, type ParagraphHit, type SearchOutcome } from '../../src/index/paragraph-index.js';
import { withTurnCount } from '../helpers/turns.js';

// The posting budget decides which of a question's terms choose candidates and which only rank
// them (src/index/retrieval.ts). A ranking-only term must add exactly the score MiniSearch would
// have given it, or an archive would rank differently from a newsroom desk for no reason.

let articles: Article[];
let questions: string[];

beforeAll(async () => {
	articles = (await loadCorpus('test/fixtures/ask-eval/articles')).articles;
	questions = (await readQuestions('test/fixtures/ask-eval/questions.json')).map((q) => q.question);
});

const key = (hit: ParagraphHit) => `${hit.articleId}#${hit.number}`;

function hitsOf(index: ParagraphIndex, question: string): Map<string, ParagraphHit> {
	return new Map(index.find(question, { limit: 100 }).hits.map((hit) => [key(hit), hit]));
}

/** An outcome with scores rounded to 9 digits and matched terms sorted: what must not change. */
function comparable(outcome: SearchOutcome): unknown {
	const hits = outcome.hits.map((hit) => ({ ...hit, score: hit.score.toFixed(9), coverage: hit.coverage.toFixed(9), matchedTerms: [...hit.matchedTerms].sort() }));
	return { ...outcome, hits };
}

describe('retrieval under a posting budget', () => {
	it('scores a paragraph the same whether its terms were searched for or only ranked it', () => {
		const unlimited = new ParagraphIndex(articles, { postingBudget: Number.POSITIVE_INFINITY });
		// A budget of a few postings, on a corpus of about a hundred paragraphs: most terms only rank.
		const starved = new ParagraphIndex(articles, { postingBudget: 20 });
		let compared = 0;
		for (const question of questions) {
			const full = hitsOf(unlimited, question);
			for (const [ref, hit] of hitsOf(starved, question)) {
				const same = full.get(ref);
				if (!same) continue;
				expect(hit.score, `${question} → ${ref}`).toBeCloseTo(same.score, 9);
				expect(hit.coverage, `${question} → ${ref}`).toBeCloseTo(same.coverage, 9);
				expect([...hit.matchedTerms].sort()).toEqual([...same.matchedTerms].sort());
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(questions.length);
	});

	it('still finds the best answer when most terms may only rank', () => {
		const unlimited = new ParagraphIndex(articles, { postingBudget: Number.POSITIVE_INFINITY });
		// A budget of a few postings, on a corpus of about a hundred paragraphs: most terms only rank.
		const starved = new ParagraphIndex(articles, { postingBudget: 20 });
		let agreeing = 0;
		for (const question of questions) {
			const best = unlimited.find(question).hits[0];
			if (best && starved.find(question).hits.some((hit) => key(hit) === key(best))) agreeing++;
		}
		// Far harsher than the real budget on an archive, and still nearly every best answer survives.
		expect(agreeing / questions.length).toBeGreaterThan(0.85);
	});

	it('leaves a small corpus untouched: the default budget searches every term', () => {
		const unlimited = new ParagraphIndex(articles, { postingBudget: Number.POSITIVE_INFINITY });
		const standard = new ParagraphIndex(articles);
		for (const question of questions) {
			expect(standard.find(question).hits.map(key), question).toEqual(unlimited.find(question).hits.map(key));
		}
	});
});

describe('common terms, left out of MiniSearch', () => {
	// With `commonAbove` at 2, every word in three or more paragraphs is MiniSearch's stop word: a
	// question made only of such words is searched from the term table's lists instead.
	it('answers every question exactly as an index holding every term in MiniSearch', () => {
		const everyTermInMiniSearch = new ParagraphIndex(articles, { commonAbove: Number.MAX_SAFE_INTEGER });
		const mostTermsCommon = new ParagraphIndex(articles, { commonAbove: 2 });
		for (const question of [...questions, 'the vote', 'said the party', 'election result']) {
			// Scores add the same shares in another order: equal to the last bits of a double.
			expect(comparable(mostTermsCommon.find(question, { limit: 20 })), question).toEqual(comparable(everyTermInMiniSearch.find(question, { limit: 20 })));
		}
	});

	it('keeps answering so after a snapshot is restored', () => {
		const index = new ParagraphIndex(articles, { commonAbove: 2 });
		const snapshot = index.toSnapshot();
		const restored = ParagraphIndex.fromSnapshot(articles, JSON.parse(JSON.stringify(snapshot)) as typeof snapshot);
		for (const question of ['the vote', ...questions.slice(0, 10)]) expect(comparable(restored.find(question)), question).toEqual(comparable(index.find(question)));
	});
});

describe('names the index scopes questions to', () => {
	it('notes capitalised words as names, accented capitals included, and not lower-case ones', () => {
		const paragraph = (articleId: string, number: number, text: string) => ({ articleId, number, text });
		const article = (id: string, texts: string[]): Article => ({
			id,
			title: id,
			titleSource: 'first sentence',
			date: null,
			url: null,
			outlet: null,
			paragraphs: texts.map((text, i) => paragraph(id, i + 1, text)),
		});
		const index = new ParagraphIndex([
			article('a.txt', ['Élodie Marchand said the école count was late.', 'Owen Pryce agreed.']),
			article('b.txt', ['Owen Pryce said the count was late.']),
		]);
		const snapshot = index.toSnapshot();
		const names = unpackArticlesByName(snapshot.articlesByName, (id) => snapshot.terms[id], 2);
		expect(Array.from(names.get(termOf('Élodie') ?? '') ?? [])).toEqual([0]);
		expect(Array.from(names.get(termOf('Owen') ?? '') ?? [])).toEqual([0, 1]);
		expect(names.has(termOf('école') ?? '')).toBe(false);
		expect(names.has(termOf('count') ?? '')).toBe(false);
	});
});

describe('building in slices', () => {
	it('builds the same index as building at once, giving the event loop turns meanwhile', async () => {
		// A slice of 0 ms: a turn after every article, so even this small corpus shows the turns.
		const { value: sliced, turns } = await withTurnCount(() => ParagraphIndex.buildInSlices(articles, { sliceMs: 0 }));
		expect(turns).toBeGreaterThanOrEqual(articles.length);
		expect(sliced.toSnapshot()).toEqual(new ParagraphIndex(articles).toSnapshot());
		expect(sliced.find('Who won in Kingsmere?')).toEqual(new ParagraphIndex(articles).find('Who won in Kingsmere?'));
	});
});
