/** Runs hostile cases as a fast-check property against the real engine, with one budget per case. */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { EngineApi } from '../../src/answer/engine.js';
import type { Command } from '../../src/discord/command.js';
import { PageStore } from '../../src/discord/pagination.js';
import { runCase } from './hostile.js';
import type { HostileCase } from './hostile.js';

/**
 * Far above the ~50 ms a query should take, far below a backtracking regex's seconds-to-forever:
 * a catastrophic-case detector that holds on a slow, loaded machine. Measured as this process's
 * CPU time, so other processes competing for the cores cannot fail it.
 */
export const CATASTROPHIC_CPU_MS = 1000;

export interface PropertyRun {
	runs: number;
	/** The slowest case in wall-clock milliseconds, for the report. */
	maxMs: number;
}

export async function assertHostile(engine: EngineApi, commands: ReadonlyMap<string, Command>, cases: fc.Arbitrary<HostileCase>, numRuns: number, examples: HostileCase[] = []): Promise<PropertyRun> {
	const store = new PageStore();
	const run: PropertyRun = { runs: 0, maxMs: 0 };
	await fc.assert(
		fc.asyncProperty(cases, async (c) => {
			const result = await runCase(engine, commands, store, c);
			run.runs += 1;
			run.maxMs = Math.max(run.maxMs, result.ms);
			expect(result.problems).toEqual([]);
			expect(result.cpuMs).toBeLessThan(CATASTROPHIC_CPU_MS);
		}),
		{ numRuns, examples: examples.map((c) => [c]) },
	);
	return run;
}
