import { describe, expect, it } from 'vitest';
import { paragraphAnswerTypes, questionAnswerTypes } from '../../src/index/answer-type.js';

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
