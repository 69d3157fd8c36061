// Result extraction on articles the extraction rules were not written against: the six search-eval
// articles (test/fixtures/ask-eval/articles), labelled by hand in test/fixtures/extract-heldout.
import { describe, it, expect } from 'vitest';
import { HELDOUT_FIXTURES, evaluate, loadFixtures } from '../../src/eval/attribution.js';
import { extractKnowledge } from '../../src/extract/index.js';

describe('results on the held-out articles', () => {
	const { articles, labels } = loadFixtures(HELDOUT_FIXTURES);
	const knowledge = extractKnowledge(articles);
	const report = evaluate(knowledge, labels);

	it('labels every by-election of the six articles', () => {
		expect(articles).toHaveLength(6);
		expect(labels.results).toHaveLength(6);
	});

	it('gets at least 95% of the labelled result fields right', () => {
		// 100/100 when this test was written; the floor is the target, the errors say what slipped.
		expect(report.results.fields).toBeGreaterThanOrEqual(100);
		expect(report.results.accuracy, report.errors.join('\n')).toBeGreaterThanOrEqual(0.95);
	});

	it('never names a wrong winner', () => {
		const people = new Map(knowledge.people.map((person) => [person.id, person]));
		const wrong = labels.results.flatMap((label) => {
			const result = knowledge.results.find((candidate) => candidate.constituency === label.constituency);
			const winner = result?.winner;
			if (!winner) return [];
			const person = winner.personId ? people.get(winner.personId) : undefined;
			const right = winner.name === label.winner.name || person?.name === label.winner.name || (person?.aliases.includes(label.winner.name) ?? false);
			return right ? [] : [`${label.constituency}: ${winner.name}`];
		});
		expect(wrong).toEqual([]);
	});

	it('gives no vote count, party or majority that contradicts the labels', () => {
		// A missing field costs accuracy; a wrong figure would be printed in copy. Only the first is tolerated.
		const contradictions = report.errors.filter((error) => !/got (null|"missing"),/.test(error) && !/candidates\.count|found/.test(error));
		expect(contradictions).toEqual([]);
	});
});
