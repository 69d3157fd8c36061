import { describe, it, expect } from 'vitest';
import { evaluate, loadFixtures } from '../../src/eval/attribution.js';
import { extractKnowledge } from '../../src/extract/index.js';

describe('attribution and results on the labelled fixtures', () => {
	const { articles, labels } = loadFixtures();
	const report = evaluate(extractKnowledge(articles), labels);

	it('meets the speaker precision and recall targets', () => {
		expect(report.quotes.labelled).toBeGreaterThan(20);
		expect(report.quotes.precision).toBeGreaterThanOrEqual(0.99);
		expect(report.quotes.recall).toBeGreaterThanOrEqual(0.95);
	});

	it('gets every labelled result field right', () => {
		expect(report.errors.filter((error) => !error.startsWith('unattributed'))).toEqual([]);
		expect(report.results.accuracy).toBe(1);
	});
});
