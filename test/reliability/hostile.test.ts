/**
 * Hostile text into every path that takes it — /ask, /verify, Find sources, /quote, /result,
 * /sources, autocomplete, forged More-button ids — over 10,000 cases through each command's own
 * answer → render → page code. Every payload must be within Discord's limits and ping nobody, and
 * no case may throw or take catastrophically long. (hostile-harness.test.ts sends a few hundred
 * through the real client.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../commands/index.js';
import type { EngineApi } from '../../src/answer/engine.js';
import { testEngine } from '../harness/engine.js';
import { WORST_CASES, answerCase, autocompleteCase, buttonCase } from './hostile.js';
import type { HostileCase } from './hostile.js';
import { assertHostile } from './property.js';

const commands = loadCommands();
let engine: EngineApi;
beforeAll(async () => {
	engine = await testEngine();
});

describe('answer commands', () => {
	// The search commands cost most per case; the others are cheap, so they get more runs.
	it.each([
		['ask', 800],
		['verify', 800],
		['Find sources', 800],
		['quote', 1500],
		['result', 1500],
		['sources', 200],
	])('%s: %i hostile inputs, the worst known ones first: valid payloads, no pings, no exceptions', async (command, runs) => {
		const worst: HostileCase[] = WORST_CASES.map((text) => ({ kind: 'answer', command, args: [text, text] }));
		// fast-check runs the examples first, within numRuns.
		expect((await assertHostile(engine, commands, answerCase(command), runs, worst)).runs).toBe(runs);
	});
});

describe('autocomplete', () => {
	it('3500 hostile partial names: at most 25 choices of 1–100 characters, no exceptions', async () => {
		const worst: HostileCase[] = WORST_CASES.map((typed) => ({ kind: 'autocomplete', command: 'quote', option: 'speaker', typed }));
		expect((await assertHostile(engine, commands, autocompleteCase(), 3500, worst)).runs).toBe(3500);
	});
});

describe('More buttons', () => {
	it('2000 forged custom_ids: each expires cleanly or turns to a valid page', async () => {
		expect((await assertHostile(engine, commands, buttonCase(), 2000)).runs).toBe(2000);
	});
});
