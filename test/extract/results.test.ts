import { describe, it, expect } from 'vitest';
import { articleFromText } from './seed-articles.js';
import { extractKnowledge } from '../../src/extract/index.js';

function resultOf(...texts: string[]) {
	const knowledge = extractKnowledge(texts.map((text, index) => articleFromText(`r${index}.txt`, text)));
	return knowledge.results;
}

describe('results', () => {
	it('reads a results table written one candidate per line', () => {
		const [result] = resultOf('The Millbrook by-election result was declared overnight.\n\nAda Quinn (Labour) 9,876\nBen Cole (Conservative) 7,001\nCara Moss (Green) 1,234');
		expect(result?.candidates.map((candidate) => [candidate.name, candidate.party?.value, candidate.votes?.value])).toEqual([
			['Ada Quinn', 'Labour', 9876],
			['Ben Cole', 'Conservative', 7001],
			['Cara Moss', 'Green', 1234],
		]);
		expect(result?.winner?.basis).toBe('most votes');
		expect(result?.majority).toMatchObject({ votes: 2875, computed: true });
	});

	it('lists disagreeing vote counts side by side instead of choosing one', () => {
		const results = resultOf(
			'In the Millbrook by-election, Labour candidate Ada Quinn won with 9,876 votes.',
			'In the Millbrook by-election, Labour candidate Ada Quinn won with 9,867 votes.',
		);
		const [result] = results;
		expect(result?.candidates[0]?.votes).toBeNull();
		expect(result?.conflicts[0]?.values.map((value) => value.value).sort()).toEqual(['9867', '9876']);
	});

	it('leaves out what no source states', () => {
		const [result] = resultOf('In the Millbrook by-election, Labour candidate Ada Quinn won with 9,876 votes.');
		expect(result?.gain).toBeNull();
		expect(result?.previousParty).toBeNull();
		expect(result?.majority).toBeNull();
	});

	it('does not read an MP who held the seat as a hold', () => {
		const [result] = resultOf('The Greens took the Millbrook by-election from Labour. Ada Quinn, who held the seat for years, won 9,876 votes.');
		expect(result?.gain?.value).toBe(true);
		expect(result?.previousParty?.value).toBe('Labour');
	});

	// A capital that only opens a sentence says nothing of a place: `Are by-elections …` named a
	// constituency `Are`, and every later sentence opening with `Are` then claimed the figures after it.
	it('does not take a sentence-opening word the corpus writes in lower case for a constituency', () => {
		const results = resultOf(
			'Are by-elections a fair test of a government? Analysts are divided.',
			'In the Millbrook by-election, Labour candidate Ada Quinn won with 9,876 votes. Are voters surprised? Conservative candidate Ben Cole took 7,001 votes.',
		);
		expect(results.map((result) => result.constituency)).toEqual(['Millbrook']);
		expect(results[0]?.candidates.map((candidate) => [candidate.name, candidate.votes?.value])).toEqual([
			['Ada Quinn', 9876],
			['Ben Cole', 7001],
		]);
	});

	it('still finds a constituency named only at the start of a sentence when its name is never written in lower case', () => {
		const [result] = resultOf('Millbrook by-election: Labour candidate Ada Quinn won with 9,876 votes.');
		expect(result?.constituency).toBe('Millbrook');
	});
});
