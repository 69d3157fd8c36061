/**
 * Hostile text into the commands that search (/ask, /verify, Find sources): thousands of cases
 * through each command's own answer → render → page path. Every payload must be within Discord's
 * limits, ping nobody, and no case may throw or take catastrophically long.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../commands/index.js';
import type { EngineApi } from '../../src/answer/engine.js';
import { testEngine } from '../harness/engine.js';
import { WORST_CASES, answerCase } from './hostile.js';
import type { HostileCase } from './hostile.js';
import { assertHostile } from './property.js';

const commands = loadCommands();
let engine: EngineApi;
beforeAll(async () => {
	engine = await testEngine();
});

describe.each([
	['ask', 1000],
	['verify', 1000],
	['Find sources', 1000],
])('%s', (command, runs) => {
	it(`${runs} hostile inputs and the worst known ones: valid payloads, no pings, no exceptions`, async () => {
		const worst: HostileCase[] = WORST_CASES.map((text) => ({ kind: 'answer', command, args: [text] }));
		const run = await assertHostile(engine, commands, answerCase(command), runs, worst);
		// fast-check runs the examples first, within numRuns.
		expect(run.runs).toBe(runs);
	});
});
