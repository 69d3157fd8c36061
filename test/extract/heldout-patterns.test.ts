// General patterns of by-election wire copy, in invented articles (names, places and figures that
// appear in no fixture): what result extraction must read, and the traps where it must stay silent.
import { describe, it, expect } from 'vitest';
import { articleFromText } from './seed-articles.js';
import { extractKnowledge } from '../../src/extract/index.js';
import type { ElectionResult } from '../../src/extract/index.js';

function results(...texts: string[]): ElectionResult[] {
	return extractKnowledge(texts.map((text, index) => articleFromText(`h${index}.txt`, text))).results;
}

function table(result: ElectionResult | undefined): Array<[string, string | null, number | null]> {
	return (result?.candidates ?? []).map((candidate) => [candidate.name, candidate.party?.value ?? null, candidate.votes?.value ?? null]);
}

describe('result sentences of wire copy', () => {
	it('reads appositions, possessive parties, placings and an elliptical list', () => {
		const [result] = results(
			[
				'The Greens have seized Oakfield Brook from Labour in a by-election.',
				'Marta Quill, 58, a retired vet who has lived in the town for decades, took 9,431 votes, with the Labour candidate, Simon Agnew, trailing on 8,020 — a winning margin of 1,411.',
				'Reform UK’s Dale Ponting came third with 2,776 votes, while the Liberal Democrats’ Hetty Marr took 1,050 and an independent, local builder Kev Rudd, 312.',
			].join('\n\n'),
		);
		expect(result?.constituency).toBe('Oakfield Brook');
		expect(table(result)).toEqual([
			['Marta Quill', 'Green', 9431],
			['Simon Agnew', 'Labour', 8020],
			['Dale Ponting', 'Reform UK', 2776],
			['Hetty Marr', 'Liberal Democrat', 1050],
			['Kev Rudd', 'Independent', 312],
		]);
		expect(result?.winner).toMatchObject({ name: 'Marta Quill', basis: 'most votes' });
		expect(result?.majority).toMatchObject({ votes: 1411, computed: false });
		expect(result?.gain?.value).toBe(true);
		expect(result?.previousParty?.value).toBe('Labour');
		expect(result?.conflicts).toEqual([]);
	});

	it('reads `N votes ahead of Y, by N votes to M` and a party’s vote given to its named candidate', () => {
		const [result] = results(
			[
				'Plaid Cymru has won the Llanfair Isaf by-election, ending 30 years of Conservative representation.',
				'Gwen Ellis, 44, a farmer, finished 1,207 votes ahead of Labour’s Rhodri Parry, by 12,118 votes to 10,911.',
				'The Conservatives finished a distant third with 4,009 votes.',
				'The Conservative candidate, Alun Price, said the party would learn lessons.',
			].join('\n\n'),
		);
		expect(table(result)).toEqual([
			['Gwen Ellis', 'Plaid Cymru', 12118],
			['Rhodri Parry', 'Labour', 10911],
			['Alun Price', 'Conservative', 4009],
		]);
		expect(result?.winner?.name).toBe('Gwen Ellis');
		expect(result?.majority?.votes).toBe(1207);
		expect(result?.gain?.value).toBe(true);
		expect(result?.previousParty?.value).toBe('Conservative');
	});

	it('reads a hold, `was elected with`, a party ahead by a margin and the departing MP’s party', () => {
		const [result] = results(
			[
				'Labour has held Westby Cross, though with a much smaller majority.',
				'Ola Brennan was elected with 7,902 votes. The SNP’s Iain Rae came second with 6,640, leaving Labour ahead by 1,262.',
				'The by-election was called after the Labour MP Jim Horne stood down.',
			].join('\n\n'),
		);
		expect(result?.winner).toMatchObject({ name: 'Ola Brennan', basis: 'stated' });
		expect(result?.winner?.party?.value).toBe('Labour');
		expect(result?.majority?.votes).toBe(1262);
		expect(result?.gain?.value).toBe(false);
		expect(result?.previousParty?.value).toBe('Labour');
	});

	it('reads `was won by`, `X, the winner,`, `of the Greens` and a rival’s count after a possessive', () => {
		const [first] = results('The Hallam Fold by-election was won by the Conservatives’ Lily Shaw, who took 20,130 votes. Labour’s Omar Saleh came second with 9,051.');
		expect(first?.winner).toMatchObject({ name: 'Lily Shaw', basis: 'stated' });
		expect(table(first)).toEqual([
			['Lily Shaw', 'Conservative', 20130],
			['Omar Saleh', 'Labour', 9051],
		]);
		const [second] = results('Ruth Amos, of the Greens, polled 6,104 votes in the Wickham Lees by-election. Labour’s Ben Sayer, the winner, received 10,402 votes to Amos’s 6,104.');
		expect(second?.winner?.name).toBe('Ben Sayer');
		expect(table(second)).toEqual([
			['Ben Sayer', 'Labour', 10402],
			['Ruth Amos', 'Green', 6104],
		]);
	});
});

describe('result sentences of wire copy: lists and rounding', () => {
	it('reads `polled N and Y M`, a bare surname, and a rounded lead as the reported majority', () => {
		const [result] = results("In the Aldby by-election, Jo Marsh, a nurse, finished almost 900 votes ahead of Labour's Tim Oak. Marsh polled 8,000 votes and Oak 7,120.");
		expect(table(result)).toEqual([
			['Jo Marsh', null, 8000],
			['Tim Oak', 'Labour', 7120],
		]);
		expect(result?.winner?.name).toBe('Jo Marsh');
		expect(result?.majority).toMatchObject({ votes: 880, computed: true, reported: { value: 'almost 900' } });
	});
});

describe('traps: where result extraction stays silent', () => {
	it('takes no majority, winner or party from an earlier election or a former allegiance', () => {
		const [result] = results(
			[
				'Reform UK has won the Dunmere by-election, taking the seat from Labour.',
				'Cal Brody, a former Conservative councillor who defected to Reform last year, received 10,020 votes. Labour’s Nia Hart polled 9,704.',
				'Hart’s predecessor, who won the seat at the general election with a majority of 14,002, resigned in March.',
				'Sue Penn, a former Labour councillor who stood as an independent, came third with 2,003 votes.',
			].join('\n\n'),
		);
		expect(table(result)).toEqual([
			['Cal Brody', 'Reform UK', 10020],
			['Nia Hart', 'Labour', 9704],
			['Sue Penn', 'Independent', 2003],
		]);
		expect(result?.majority).toMatchObject({ votes: 316, computed: true });
		expect(result?.conflicts).toEqual([]);
	});

	it('does not make a loser who `won 640` the winner, nor a place in an apposition a candidate', () => {
		const [result] = results(
			[
				'In the Corbridge Moor by-election, Anna Veal, a solicitor raised in the village of Low Hesket, finished 300 votes ahead of Labour’s Ed Pike.',
				'An independent, Roy Lamb, won 640.',
			].join('\n\n'),
		);
		expect(table(result)).toEqual([['Roy Lamb', 'Independent', 640]]);
		expect(result?.winner ?? null).toBeNull();
	});

	it('names no winner and computes no majority when a party whose candidate is unnamed polled more', () => {
		const [result] = results(
			[
				'In the Ferrybank by-election, Labour’s Dan Cole received 9,000 votes and the Conservative candidate, Amy Sole, took 4,100.',
				'The SNP finished first with 12,300 votes.',
			].join('\n\n'),
		);
		expect(result?.winner).toBeNull();
		expect(result?.majority?.votes ?? null).toBeNull();
	});

	it('does not let `MP for X` elsewhere in the article take the result', () => {
		const results_ = results(
			[
				'Labour has held Ashcombe Vale in a by-election.',
				'Labour’s Ivy Nolan polled 11,050 votes. The Conservative candidate, Rob Dale, took 7,300.',
				'Sam Kerr, the Conservative MP for Nearby Downs, said the result was disappointing.',
			].join('\n\n'),
		);
		expect(results_.map((result) => result.constituency)).toEqual(['Ashcombe Vale']);
		expect(results_[0]?.winner?.name).toBe('Ivy Nolan');
	});
});

describe('hostile input', () => {
	const lines: Record<string, string> = {
		'one long capitalised word': `The Aa by-election. ${'A'.repeat(6000)} from Labour`,
		'capitalised words': `The Aa by-election. ${'Aa '.repeat(2000)}`,
		'party names': `The Aa by-election. ${'Labour '.repeat(850)}held`,
		'majority of …': `The Aa by-election. majority of ${'a '.repeat(3000)}1`,
		'won … by': `The Aa by-election. won ${'x '.repeat(3000)}by 5 votes`,
		'commas and digits': `The Aa by-election. Jo Bo took ${'1,000,'.repeat(1000)}`,
		'ending …': `The Aa by-election ending ${'a '.repeat(3000)}`,
		'possessives': `The by-election was called after ${"Labour's ".repeat(700)}`,
		'appositions': `The Aa by-election. ${'Jo Smith, '.repeat(600)}won 5 votes`,
		'place names': `The Aa by-election. seized ${'Aa and '.repeat(850)}from Labour`,
		'ages': `The Aa by-election. Jo Bo, ${'34, '.repeat(1500)}`,
		'lead': `The Aa by-election. leaving ${'Aa '.repeat(2000)}ahead by 5`,
	};
	for (const [name, line] of Object.entries(lines)) {
		it(`stays fast on a 6,000-character line of ${name}`, () => {
			const started = performance.now();
			extractKnowledge([articleFromText('hostile.txt', line)]);
			expect(performance.now() - started).toBeLessThan(1500);
		});
	}
});
