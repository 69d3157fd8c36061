import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/bench/generate.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { PARAGRAPH_PATTERNS, PARAGRAPH_PREFILTERS, paragraphAnswerTypes, questionAnswerTypes } from '../../src/index/answer-type.js';

// What kind of answer a paragraph can give decides whether "How long…?" finds "…for twenty years".

describe('answer types of a paragraph', () => {
	it.each([
		['She has represented the seat for twenty years.', true],
		['He had been a councillor since 2015.', true],
		['Labour held the seat since May 2017.', true],
		['The party has governed for three decades.', true],
		['After 18 months in the job, he quit.', true],
		['The count ended in 2015, at dawn.', false],
		['He won by twenty votes.', false],
	])('%s → duration: %s', (paragraph, isDuration) => {
		expect(paragraphAnswerTypes(paragraph).includes('duration')).toBe(isDuration);
	});

	it('finds every kind a paragraph holds, not only the first', () => {
		const types = paragraphAnswerTypes('Jill Mortimer, 53, a farmer, won 15,529 votes (51.9%) at the Mill House Leisure Centre at 4am on Friday after the resignation.');
		expect(new Set(types)).toEqual(new Set(['figure', 'percent', 'person', 'time', 'date', 'age', 'place', 'occupation', 'reason']));
	});

	it('reads what a question asks for', () => {
		expect(questionAnswerTypes('How long has she been the MP?')).toEqual(['duration']);
		expect(questionAnswerTypes('How old is the new MP?')).toEqual(['age']);
	});
});

describe('the cheap tests run before each paragraph pattern', () => {
	it('never turn away a paragraph the pattern matches', async () => {
		const fixtures = (await loadCorpus('test/fixtures')).articles.flatMap((article) => article.paragraphs.map((paragraph) => paragraph.text));
		const generated = generateCorpus({ articles: 60, seed: 7 }).articles.map((article) => article.text);
		const texts = [...fixtures, ...generated.flatMap((text) => text.split('\n'))];
		const matched = new Map<string, number>();
		for (const [type, pattern] of PARAGRAPH_PATTERNS) {
			const prefilter = PARAGRAPH_PREFILTERS[type];
			if (!prefilter) continue;
			for (const text of texts) {
				if (!pattern.test(text)) continue;
				matched.set(type, (matched.get(type) ?? 0) + 1);
				expect(prefilter.test(text), `${type}: ${text}`).toBe(true);
			}
		}
		// Every prefiltered kind was seen matching, so each prefilter was tried on paragraphs it must keep.
		expect([...matched.keys()].sort()).toEqual(Object.keys(PARAGRAPH_PREFILTERS).sort());
	});
});
