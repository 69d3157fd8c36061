/**
 * Hostile text into the other option-taking paths: /quote, /result, /sources, autocomplete, and
 * forged More-button ids. Same properties as hostile-search.test.ts.
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
	it.each([
		['quote', 1500],
		['result', 1500],
		['sources', 200],
	])('%s: %i hostile inputs: valid payloads, no pings, no exceptions', async (command, runs) => {
		const worst: HostileCase[] = WORST_CASES.map((text) => ({ kind: 'answer', command, args: [text, text] }));
		expect((await assertHostile(engine, commands, answerCase(command), runs, worst)).runs).toBe(runs);
	});
});

describe('autocomplete', () => {
	it('3000 hostile partial names: at most 25 choices of 1–100 characters, no exceptions', async () => {
		const worst: HostileCase[] = WORST_CASES.map((typed) => ({ kind: 'autocomplete', command: 'quote', option: 'speaker', typed }));
		expect((await assertHostile(engine, commands, autocompleteCase(), 3000, worst)).runs).toBe(3000);
	});
});

describe('More buttons', () => {
	it('1500 forged custom_ids: each expires cleanly or turns to a valid page', async () => {
		expect((await assertHostile(engine, commands, buttonCase(), 1500)).runs).toBe(1500);
	});
});
