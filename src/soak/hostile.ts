/**
 * Hostile inputs outside the unit tests: many more cases than the property tests run, every one
 * counted (the tests stop at the first failure), and the slowest time per command reported against
 * the 50 ms.
 */
import fc from 'fast-check';
import { loadCommands } from '../../commands/index.js';
import type { EngineApi } from '../../src/answer/engine.js';
import { PageStore } from '../../src/discord/pagination.js';
import type { Harness } from '../../test/harness/index.js';
import { allViolations } from '../../test/harness/limits.js';
import { ANSWER_COMMANDS, WORST_CASES, answerCase, autocompleteCase, buttonCase, hostileInteraction, runCase } from '../../test/reliability/hostile.js';
import type { HostileCase } from '../../test/reliability/hostile.js';
import { follow } from './probe.js';

export interface HostileResult {
	name: string;
	tried: number;
	failed: number;
	/** Cases over the 50 ms per query. */
	over50ms: number;
	maxMs: number;
	firstFailure: string | null;
}

const QUERY_BUDGET_MS = 50;

async function direct(engine: EngineApi, name: string, cases: HostileCase[]): Promise<HostileResult> {
	const commands = loadCommands();
	const store = new PageStore();
	const result: HostileResult = { name, tried: 0, failed: 0, over50ms: 0, maxMs: 0, firstFailure: null };
	for (const c of cases) {
		const outcome = await runCase(engine, commands, store, c);
		result.tried += 1;
		result.maxMs = Math.max(result.maxMs, outcome.ms);
		if (outcome.ms > QUERY_BUDGET_MS) result.over50ms += 1;
		if (outcome.problems.length > 0) {
			result.failed += 1;
			result.firstFailure ??= `${JSON.stringify(c).slice(0, 200)}: ${outcome.problems[0] ?? ''}`;
		}
	}
	return result;
}

/** `perCommand` random cases per command (plus the worst known inputs), straight through each command's code. */
export async function hostileDirect(engine: EngineApi, perCommand: number): Promise<HostileResult[]> {
	const results: HostileResult[] = [];
	for (const command of ANSWER_COMMANDS) {
		const worst: HostileCase[] = WORST_CASES.map((text) => ({ kind: 'answer', command, args: [text, text] }));
		results.push(await direct(engine, command === 'Find sources' ? command : `/${command}`, [...worst, ...fc.sample(answerCase(command), perCommand)]));
	}
	results.push(await direct(engine, 'autocomplete', fc.sample(autocompleteCase(), perCommand)));
	results.push(await direct(engine, 'More button ids', fc.sample(buttonCase(), perCommand)));
	return results;
}

/** `count` hostile interactions through the real client, one at a time. */
export async function hostileThroughClient(h: Harness, count: number): Promise<HostileResult> {
	const result: HostileResult = { name: 'through the real client', tried: 0, failed: 0, over50ms: 0, maxMs: 0, firstFailure: null };
	for (const payload of fc.sample(hostileInteraction(), count)) {
		const started = performance.now();
		h.gateway.dispatchInteraction(payload);
		const outcome = await follow(h, payload);
		const ms = performance.now() - started;
		result.tried += 1;
		result.maxMs = Math.max(result.maxMs, ms);
		if (ms > QUERY_BUDGET_MS) result.over50ms += 1;
		const problems = allViolations(h.rest.forInteraction(payload));
		const errors = h.logs.filter((l) => l.includes(payload.id) && l.includes('"level":"error"'));
		if (!outcome.answeredOnce || problems.length > 0 || errors.length > 0) {
			result.failed += 1;
			result.firstFailure ??= `${payload.id}: ${outcome.outcome} ${problems[0] ?? errors[0] ?? ''}`;
		}
	}
	return result;
}
