import { describe, expect, it } from 'vitest';
import { Answer } from '../../src/answer/model.js';
import { runConsole } from '../../src/console/run.js';

async function json(args: string[]): Promise<Answer> {
	let stdout = '';
	const code = await runConsole(['--json', ...args], { stdout: (t) => (stdout += t), stderr: () => undefined, isTerminal: false });
	expect(code).toBe(0);
	return Answer.parse(JSON.parse(stdout));
}

async function text(args: string[]): Promise<string> {
	let stdout = '';
	await runConsole(args, { stdout: (t) => (stdout += t), stderr: () => undefined, isTerminal: false });
	return stdout;
}

describe('console: quote, result and verify on the seeds', () => {
	it('quote starmer: his quotes from both articles, the corroborated one once with two citations', async () => {
		const answer = await json(['quote', 'starmer']);
		if (answer.command !== 'quote') throw new Error('expected a quote answer');
		const sources = new Set(answer.quotes.flatMap((q) => q.citations).map((n) => answer.citations.find((c) => c.n === n)?.source));
		expect(sources.size).toBe(2);
		const ourselves = answer.quotes.filter((q) => q.text.includes('talking to ourselves'));
		expect(ourselves).toHaveLength(1);
		expect(ourselves[0]!.citations).toHaveLength(2);
		expect(answer.quotes.every((q) => q.speaker === answer.speaker)).toBe(true);
		// Full quotes come before partial ones.
		const kinds = answer.quotes.map((q) => q.kind);
		expect(kinds.indexOf('partial') === -1 || kinds.lastIndexOf('full') < kinds.indexOf('partial')).toBe(true);
	});

	it('quote abbott has the Corbyn line; quote corbyn does not, but has "bolder vision"', async () => {
		const abbott = await json(['quote', 'abbott']);
		const corbyn = await json(['quote', 'corbyn']);
		if (abbott.command !== 'quote' || corbyn.command !== 'quote') throw new Error('expected quote answers');
		expect(abbott.quotes.some((q) => /not possible to blame Jeremy Corbyn for this result/i.test(q.text))).toBe(true);
		expect(corbyn.quotes.some((q) => /not possible to blame/i.test(q.text))).toBe(false);
		expect(corbyn.quotes.some((q) => q.text.includes('bolder vision'))).toBe(true);
	});

	it('quote with a typo still finds the speaker; an unknown name says so and suggests', async () => {
		const typo = await json(['quote', 'starmr']);
		expect(typo.command === 'quote' && typo.speaker).toMatch(/Starmer/);
		const unknown = await json(['quote', 'Gladstone']);
		expect(unknown.found).toBe(false);
		expect(unknown.summary).toMatch(/Nobody called "Gladstone"/);
		expect(unknown.command === 'quote' && unknown.suggestions.length).toBeGreaterThan(0);
	});

	it('quote for someone only reported: no direct quote, the reported line labelled', async () => {
		const answer = await json(['quote', 'adonis']);
		if (answer.command !== 'quote') throw new Error('expected a quote answer');
		expect(answer.quotes).toEqual([]);
		expect(answer.reported[0]).toMatchObject({ label: 'reported' });
		expect(answer.summary).toMatch(/no direct quote/i);
	});

	it('result: winner, runner-up, majority with its rounding, gain, each figure cited', async () => {
		const answer = await json(['result']);
		if (answer.command !== 'result' || !answer.result) throw new Error('expected a result');
		const { winner, candidates, majority, gain, previousParty } = answer.result;
		expect(winner).toMatchObject({ name: 'Jill Mortimer', party: 'Conservative', votes: 15529 });
		expect(candidates).toContainEqual(expect.objectContaining({ name: 'Paul Williams', party: 'Labour', votes: 8589 }));
		expect(majority).toMatchObject({ votes: 6940, computed: true });
		expect(majority?.reported?.wording ?? majority?.reported?.value).toMatch(/almost 7,000/);
		expect(gain?.value).toBe(true);
		expect(previousParty?.value).toBe('Labour');
		const cited = [...winner!.citations.votes, ...majority!.citations, ...gain!.citations];
		for (const n of cited) expect(answer.citations.some((c) => c.n === n)).toBe(true);
		const printed = await text(['result']);
		expect(printed).toContain('Jill Mortimer (Conservative) — 15,529 votes');
		expect(printed).toMatch(/Majority: 6,940 .*almost 7,000/);
	});

	it('result for an unknown constituency says so and lists the known ones', async () => {
		const answer = await json(['result', 'Atlantis']);
		expect(answer.found).toBe(false);
		expect(answer.command === 'result' && answer.constituencies).toContain('Hartlepool');
	});

	it('verify: exact, close (with the differing words) and not found', async () => {
		const exact = await json(['verify', 'we have been talking to ourselves instead of to the country']);
		const close = await json(['verify', 'we have been talking to ourselves instead of the country']);
		const missing = await json(['verify', 'we will raise taxes on every family']);
		expect(exact.command === 'verify' && exact.verdict).toBe('exact');
		expect(close.command === 'verify' && close.verdict).toBe('close');
		expect(close.command === 'verify' && close.matches[0]?.differences).toContainEqual({ checked: '', source: 'to' });
		expect(missing.command === 'verify' && missing.verdict).toBe('not found');
		expect(exact.command === 'verify' && exact.matches[0]?.speaker).toMatch(/Starmer/);
	});
});
