// The whole build and the start from the cache, each measured in a fresh process: what the bot does
// when it starts. Measured inside the bench's own process, the figures carried everything the bench
// had done before (a generated corpus, a raw MiniSearch baseline, a separate index): its heap made
// the garbage collector slower and its freed pages counted in the RSS.
//
// The process reports its memory twice: as soon as the work ends, and after it has been idle a few
// seconds, when V8 has handed the build's freed pages back to the system. A bot idles between
// questions, so the second is what it holds while serving; the first and the peak are reported too.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Engine } from '../answer/engine.js';
import { openEngine } from '../cache/index.js';
import { collectGarbage, describe, memory, timedWithStalls, type Memory } from './measure.js';

export type FreshWork = ({ kind: 'build'; folder: string } | { kind: 'open'; folder: string; cacheDir: string }) & {
	/** Idle time before the second memory reading (SETTLE_MS unless a test shortens it). */
	settleMs?: number;
};

export interface FreshMeasure {
	ms: number;
	longestStallMs: number;
	/**
	 * The warm-up the bot runs next (Engine.warmUp: the lookups commands otherwise build on first
	 * use), timed on its own and not counted in `ms`; the memory readings are taken after it.
	 */
	warmUp: { ms: number; longestStallMs: number };
	/** Right after the work. */
	after: Memory;
	/** After SETTLE_MS idle. */
	settled: Memory;
	peakRssMB: number;
	/** For `open`: whether the cache was used (a rebuild would be a failed measurement). */
	from?: 'cache' | 'build';
}

/**
 * The C library's allocator settings `npm start` gives the bot (package.json; a test keeps the two
 * the same). glibc keeps freed memory in per-thread arenas and does not give back small free blocks:
 * after an archive's build, about 80 MB of RSS was memory the process had freed (616 MB without
 * these settings against 529 MB with them, at 10,000 articles).
 */
export const BOT_ALLOCATOR_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };

/** Idle time before the second memory reading: V8 releases freed pages a few seconds after a build. */
const SETTLE_MS = 5_000;
const PROBE_FLAG = '--fresh-process-probe';

type Reply = { measure: FreshMeasure } | { error: string };

/** Runs `work` in a new Node process (same loader as this one) and returns what it measured. */
export function measureInFreshProcess(work: FreshWork, timeoutMs: number): Promise<FreshMeasure> {
	const child = fork(fileURLToPath(import.meta.url), [PROBE_FLAG, JSON.stringify(work)], {
		// Under the test runner this process has no TypeScript loader of its own to pass on.
		execArgv: process.execArgv.some((flag) => flag.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'],
		env: { ...process.env, ...BOT_ALLOCATOR_ENV },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the fresh process did not finish within ${Math.round(timeoutMs / 1000)} s`));
		}, timeoutMs);
		child.once('message', (reply: Reply) => {
			clearTimeout(timer);
			if ('measure' in reply) resolve(reply.measure);
			else reject(new Error(reply.error));
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the fresh process exited with code ${code} before reporting`));
		});
	});
}

/**
 * `work` measured in `runs` fresh processes one after another, and the run with the median time
 * (the lower middle one for an even count). This machine's speed drifts: identical builds took 14 to
 * 20 s within an hour, so one run says little about the code.
 */
export async function medianOfFreshProcesses(work: FreshWork, runs: number, timeoutMs: number): Promise<{ median: FreshMeasure; runsMs: number[] }> {
	const measured: FreshMeasure[] = [];
	for (let run = 0; run < Math.max(1, runs); run++) {
		// The bench's own heap (gigabytes at 10,000 articles) is collected first: left to V8, its
		// concurrent marking competes with the measured process for the two cores (a start from the
		// cache measured 2.3 s after the bench had written it, and 2.0 s once the bench had collected).
		collectGarbage();
		measured.push(await measureInFreshProcess(work, timeoutMs));
	}
	const sorted = [...measured].sort((a, b) => a.ms - b.ms);
	const median = sorted[Math.floor((sorted.length - 1) / 2)];
	if (!median) throw new Error('no fresh process was measured');
	return { median, runsMs: measured.map((measure) => measure.ms) };
}

async function probe(work: FreshWork): Promise<FreshMeasure> {
	const done = await timedWithStalls(async () => (work.kind === 'build' ? { engine: await Engine.fromDirectory(work.folder), from: undefined } : await openEngine(work.folder, { cacheDir: work.cacheDir, log: quiet })));
	const warmUp = await timedWithStalls(() => done.value.engine.warmUp());
	const after = memory();
	await new Promise((resolve) => setTimeout(resolve, work.settleMs ?? SETTLE_MS));
	const settled = memory();
	// Kept alive until measured: the memory is the built Engine's.
	void done.value.engine;
	return { ms: done.ms, longestStallMs: done.longestStallMs, warmUp: { ms: warmUp.ms, longestStallMs: warmUp.longestStallMs }, after, settled, peakRssMB: process.resourceUsage().maxRSS / 1e3, ...(done.value.from ? { from: done.value.from } : {}) };
}

const quiet = { info: () => undefined, warn: () => undefined };

if (process.argv[2] === PROBE_FLAG && process.send) {
	const send = process.send.bind(process);
	probe(JSON.parse(process.argv[3] ?? '{}') as FreshWork)
		.then((measure) => send({ measure } satisfies Reply))
		.catch((error: unknown) => send({ error: describe(error) } satisfies Reply))
		.finally(() => process.disconnect());
}
