// Timing, percentiles and memory, measured the same way for every command and scale.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Latency {
	count: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Queries that threw something other than "not wired yet": a bug, counted rather than hidden. */
	errors: number;
	firstError?: string;
	/** True when the time budget ran out before every query was measured. */
	truncated: boolean;
}

export type Measured = Latency | { skipped: string };

export interface Memory {
	heapUsedMB: number;
	rssMB: number;
}

/** Milliseconds taken by `work`, with its result. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await work();
	return { ms: performance.now() - start, value };
}

/**
 * As `timed`, and the longest the event loop went without a turn meanwhile: how long a bot doing
 * this work while it serves would leave an interaction waiting.
 */
export async function timedWithStalls<T>(work: () => Promise<T>): Promise<{ ms: number; value: T; longestStallMs: number }> {
	let last = performance.now();
	let longest = 0;
	const probe = setInterval(() => {
		const now = performance.now();
		longest = Math.max(longest, now - last);
		last = now;
	}, 5);
	try {
		const measured = await timed(work);
		longest = Math.max(longest, performance.now() - last);
		return { ...measured, longestStallMs: longest };
	} finally {
		clearInterval(probe);
	}
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank] ?? Number.NaN;
}

const NOT_WIRED = /not wired yet/;

/**
 * Latency of `run` over `inputs`, after a few untimed warm-up calls (the JIT and lazy caches
 * settle, as they would in a bot that has been up a while). A command that throws "not wired yet"
 * is skipped, not timed; stops early when `budgetMs` runs out, and says so.
 */
export function measureLatency<T>(inputs: readonly T[], run: (input: T) => unknown, budgetMs: number): Measured {
	const warmUp = inputs.slice(0, Math.min(20, inputs.length));
	for (const input of warmUp) {
		try {
			run(input);
		} catch (error) {
			if (NOT_WIRED.test(describe(error))) return { skipped: describe(error) };
		}
	}
	const times: number[] = [];
	let errors = 0;
	let firstError: string | undefined;
	const deadline = performance.now() + budgetMs;
	for (const input of inputs) {
		const start = performance.now();
		try {
			run(input);
		} catch (error) {
			errors++;
			firstError ??= describe(error);
		}
		times.push(performance.now() - start);
		if (performance.now() > deadline) break;
	}
	return latencyFrom(times, { errors, firstError, truncated: times.length < inputs.length });
}

/** Percentiles of `times` (milliseconds, any order), with what went wrong while measuring them. */
export function latencyFrom(times: readonly number[], extra: Pick<Latency, 'errors' | 'firstError' | 'truncated'>): Latency {
	const sorted = [...times].sort((a, b) => a - b);
	return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN, ...extra };
}

let collect: (() => void) | undefined;

/** Runs a full garbage collection, so memory figures mean live data, not garbage not yet swept. */
export function collectGarbage(): void {
	if (!collect) {
		// `npm run bench` runs without --expose-gc; the flag can still be set at run time.
		setFlagsFromString('--expose-gc');
		collect = runInNewContext('gc') as () => void;
	}
	collect();
}

export function memory(): Memory {
	collectGarbage();
	const usage = process.memoryUsage();
	return { heapUsedMB: usage.heapUsed / 1e6, rssMB: usage.rss / 1e6 };
}

export function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
