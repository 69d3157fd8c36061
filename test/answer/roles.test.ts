import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { namesForRoles } from '../../src/answer/roles.js';

let one: Engine;
let six: Engine;

beforeAll(async () => {
	one = await Engine.fromDirectory('test/fixtures/search');
	six = await Engine.fromDirectory('test/fixtures/ask-eval/articles');
});

describe('resolving roles in a question to names from the extracted results', () => {
	it('finds the winner, the runner-up and a party’s candidate of the only by-election', () => {
		const results = one.knowledge.results;
		expect(namesForRoles('How old is the new MP?', results)).toEqual(['Priya Okonkwo-Hale']);
		expect(namesForRoles('Who was the runner-up?', results)).toEqual(['Martin Drewe']);
		expect(namesForRoles('What did the Tory candidate say?', results)).toEqual(['Martin Drewe']);
		expect(namesForRoles('What was the turnout?', results)).toEqual([]);
	});

	it('chooses the by-election by any distinctive word of its name, or by the winning party', () => {
		const results = six.knowledge.results;
		expect(namesForRoles('What will the new Glenmorrie MP do first?', results)).toHaveLength(1);
		const [byParty] = namesForRoles('How old is the new Plaid Cymru MP?', results);
		const plaidWinner = results.find((r) => r.winner?.party?.value === 'Plaid Cymru')?.winner?.name;
		expect(byParty).toBe(plaidWinner);
	});

	it('guesses nothing when several by-elections could be meant', () => {
		expect(namesForRoles('Who is the new MP?', six.knowledge.results)).toEqual([]);
		expect(namesForRoles('Who came second in North?', six.knowledge.results)).toEqual([]);
	});

	it('lets ask find the paragraph that names the person in the role', () => {
		const answer = one.ask('Who was the runner-up?');
		expect(answer.citations[0]?.text).toContain('Martin Drewe');
	});
});
