import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/model.js';
import { renderAnswer } from '../../src/render/embeds.js';
import { LIMITS } from '../../src/render/limits.js';
import { citation } from './answers.js';

const base = { title: 'T', summary: 'S', found: true, citations: [citation(1), citation(2)] };

function fields(answer: Answer): { name: string; value: string }[] {
	return renderAnswer(answer).flatMap((p) => p.embeds.flatMap((e) => e.fields ?? []));
}

describe('quote answers', () => {
	const answer: Answer = {
		command: 'quote',
		...base,
		query: { speaker: 'Starmer', topic: null },
		speaker: 'Keir Starmer',
		quotes: [{ speaker: 'Keir Starmer', text: 'I take *full* responsibility', kind: 'full', citations: [1, 2], variants: ['I take full responsibility for the results'] }],
		reported: [{ speaker: 'Lord Adonis', text: 'called for him to step down', label: 'reported', citations: [2] }],
		speakers: [],
		suggestions: [],
	};

	it('shows each quote as a block quote with the speaker and its citations', () => {
		const [quote, reported, ...rest] = fields(answer);
		expect(quote).toEqual({
			name: 'Quote 1 [1][2]',
			value: '> I take \\*full\\* responsibility\n— **Keir Starmer**\nAlso worded: “I take full responsibility for the results”',
		});
		expect(reported).toEqual({ name: 'Reported, not quoted', value: 'Lord Adonis: called for him to step down \\[2\\]' });
		expect(rest.map((f) => f.name)).toEqual([expect.stringMatching(/^\[1\] /), expect.stringMatching(/^\[2\] /)]);
	});

	it('stays within limits with hundreds of long quotes', () => {
		const long = 'word '.repeat(3000);
		const many: Answer = { ...answer, quotes: Array.from({ length: 200 }, () => ({ speaker: long, text: long, kind: 'partial' as const, citations: [1], variants: [long] })) };
		for (const page of renderAnswer(many)) {
			for (const f of page.embeds[0]?.fields ?? []) {
				expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
				expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
			}
		}
	});
});

describe('result answers', () => {
	it('lists the facts, each with its citations, and the candidates', () => {
		const answer: Answer = {
			command: 'result',
			...base,
			query: 'Hartlepool',
			constituencies: ['Hartlepool'],
			result: {
				constituency: 'Hartlepool',
				date: { value: '2021-05-06', basis: 'text', citations: [1] },
				winner: { name: 'Jill Mortimer', party: 'Conservative', votes: 15529, citations: { party: [1], votes: [2] }, basis: 'stated' },
				winnerParty: null,
				candidates: [
					{ name: 'Jill Mortimer', party: 'Conservative', votes: 15529, citations: { party: [1], votes: [2] } },
					{ name: 'Paul Williams', party: 'Labour', votes: 8589, citations: { party: [1], votes: [2] } },
				],
				majority: { votes: 6940, computed: true, reported: null, citations: [2] },
				gain: { value: true, basis: 'stated', wording: 'gain', citations: [1] },
				previousParty: null,
				conflicts: [],
			},
		};
		const [facts, candidates] = fields(answer);
		expect(facts?.name).toBe('Hartlepool');
		expect(facts?.value).toBe(
			['Date: 2021-05-06 \\[1\\]', 'Winner: Jill Mortimer (Conservative) — 15,529 votes \\[1\\]\\[2\\]', 'Majority: 6,940 (computed from the votes) \\[2\\]', 'Conservative gain \\[1\\]'].join('\n'),
		);
		expect(candidates?.value.split('\n')).toHaveLength(2);
	});

	it('without a constituency, lists the by-elections it knows', () => {
		const answer: Answer = { command: 'result', ...base, citations: [], query: null, result: null, constituencies: ['Hartlepool', 'Batley and Spen'] };
		expect(fields(answer)).toEqual([{ name: 'By-elections with a result', value: 'Hartlepool\nBatley and Spen' }]);
	});
});

describe('verify answers', () => {
	it('gives the verdict, the source wording as a quote, and the differences', () => {
		const answer: Answer = {
			command: 'verify',
			...base,
			wording: 'lost the trust of the working people',
			verdict: 'close',
			matches: [{ speaker: 'Keir Starmer', verdict: 'close', text: 'lost the trust of working people', differences: [{ checked: 'the working', source: 'working' }], inQuote: true, citations: [1] }],
		};
		const page = renderAnswer(answer)[0]?.embeds[0];
		expect(page?.description).toBe('S\n\n**Verdict: close, with differences**');
		expect(page?.fields?.[0]).toEqual({
			name: 'Match 1: close, with differences, inside a direct quote [1]',
			value: '> lost the trust of working people\n— **Keir Starmer**\nchecked “the working” → source “working”',
		});
	});
});
