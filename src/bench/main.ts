// `npm run bench [-- --scales 100,1000,10000] [--quick] [--queries N] [--e2e N] [--seed N] [--timeout-min N]
// [--build-budget-s N] [--command-budget-s N] [--fresh-runs N] [--print]`: generates a corpus per scale, measures build,
// memory, cache and query latency, prints one table per scale and writes bench/results/<scale>.json
// (<scale>-quick.json for --quick, so a CI run never overwrites a full one). `--e2e N` sets how many
// interactions go through the real discord.js Client to our bot and to a bare bot (0: none).
// Each scale runs in a child process of its own, so one scale's garbage never inflates another's
// memory figures, and a scale that outruns its time limit is stopped and reported, not waited for.
import { fork } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED } from './generate.js';
import { describe } from './measure.js';
import { checkTargets, formatResult } from './report.js';
import type { ScaleResult } from './results.js';
import { runScale } from './scale.js';

const RESULTS_DIR = 'bench/results';

interface Options {
	scales: number[];
	seed: number;
	queries: number;
	/** End-to-end interactions per bot. */
	interactions: number;
	timeoutMs: number;
	buildBudgetMs: number;
	commandBudgetMs: number;
	/** Fresh processes per whole build and per start from the cache (the median is reported). */
	freshRuns: number;
	worker: boolean;
	/** Print the tables of the results already in bench/results, measuring nothing. */
	print: boolean;
	/** A CI-sized run: its results go to <scale>-quick.json, never over a full run's. */
	quick: boolean;
}

type Message = { type: 'progress' | 'done'; result: ScaleResult } | { type: 'failed'; error: string };

function parseOptions(argv: readonly string[]): Options | string {
	const quick = argv.includes('--quick');
	const options: Options = {
		scales: quick ? [100] : [100, 1_000, 10_000],
		seed: DEFAULT_SEED,
		queries: quick ? 200 : 1_000,
		interactions: quick ? 200 : 1_000,
		timeoutMs: 30 * 60_000,
		buildBudgetMs: quick ? 60_000 : 600_000,
		commandBudgetMs: quick ? 30_000 : 600_000,
		freshRuns: quick ? 1 : 3,
		worker: argv.includes('--worker'),
		print: argv.includes('--print'),
		quick,
	};
	const numbers: Record<string, (value: number) => void> = {
		'--seed': (value) => (options.seed = value),
		'--queries': (value) => (options.queries = value),
		'--e2e': (value) => (options.interactions = value),
		'--timeout-min': (value) => (options.timeoutMs = value * 60_000),
		'--build-budget-s': (value) => (options.buildBudgetMs = value * 1000),
		'--command-budget-s': (value) => (options.commandBudgetMs = value * 1000),
		'--fresh-runs': (value) => (options.freshRuns = value),
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i] ?? '';
		const value = argv[i + 1] ?? '';
		if (flag === '--quick' || flag === '--worker' || flag === '--print') continue;
		i++;
		if (flag === '--scales') options.scales = value.split(',').map((part) => Number(part.replace(/_/g, '')));
		else if (numbers[flag]) numbers[flag](Number(value));
		else return `Unknown option ${flag}.`;
	}
	if (options.scales.some((scale) => !Number.isInteger(scale) || scale < 1)) return '--scales takes positive whole numbers, e.g. --scales 100,1000';
	if (!Number.isInteger(options.interactions) || options.interactions < 0) return '--e2e takes a whole number of interactions (0 for none)';
	if (!Number.isInteger(options.freshRuns) || options.freshRuns < 1) return '--fresh-runs takes a whole number of runs, at least 1';
	return options;
}

/** In the worker: one scale, progress sent to the parent after every step. */
async function work(options: Options): Promise<void> {
	const send = (message: Message) => process.send?.(message);
	try {
		const result = await runScale({
			scale: options.scales[0] ?? 100,
			seed: options.seed,
			queries: options.queries,
			interactions: options.interactions,
			commandBudgetMs: options.commandBudgetMs,
			buildBudgetMs: options.buildBudgetMs,
			freshRuns: options.freshRuns,
			report: (partial) => send({ type: 'progress', result: partial }),
			log: (line) => process.stderr.write(`${line}\n`),
		});
		send({ type: 'done', result });
	} catch (error) {
		send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
	}
	process.disconnect?.();
}

/** In the parent: runs the scale's worker, stops it at the time limit, and keeps what it reported. */
function runWorker(scale: number, options: Options, argv: readonly string[]): Promise<ScaleResult | null> {
	const args = [...withoutScales(argv), '--worker', '--scales', String(scale)];
	const child = fork(fileURLToPath(import.meta.url), args, { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	let latest: ScaleResult | null = null;
	let failure: string | null = null;
	child.on('message', (message: Message) => {
		if (message.type === 'failed') failure = message.error;
		else latest = message.result;
	});
	const timer = setTimeout(() => {
		failure = `stopped after ${options.timeoutMs / 60_000} min (--timeout-min)`;
		child.kill('SIGKILL');
	}, options.timeoutMs);
	return new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			const result: ScaleResult | null = latest;
			if (result && (failure || code !== 0)) result.unfinished = failure ?? `worker exited with ${signal ?? code}`;
			if (!result) process.stderr.write(`[${scale}] the worker failed before reporting: ${failure ?? `exit ${signal ?? code}`}\n`);
			resolve(result);
		});
	});
}

function withoutScales(argv: readonly string[]): string[] {
	const index = argv.indexOf('--scales');
	return index < 0 ? [...argv] : [...argv.slice(0, index), ...argv.slice(index + 2)];
}

/** Atomic, like the cache: a reader never sees half a results file. */
async function writeResult(result: ScaleResult, quick: boolean): Promise<string> {
	await mkdir(RESULTS_DIR, { recursive: true });
	const file = resultFile(result.scale, quick);
	const temporary = `${file}.${process.pid}.tmp`;
	await writeFile(temporary, `${JSON.stringify({ ...result, targets: checkTargets(result) }, null, 2)}\n`);
	await rename(temporary, file);
	return file;
}

function resultFile(scale: number, quick: boolean): string {
	return path.join(RESULTS_DIR, `${scale}${quick ? '-quick' : ''}.json`);
}

async function printSaved(scales: readonly number[], quick: boolean): Promise<void> {
	for (const scale of scales) {
		const file = resultFile(scale, quick);
		const saved = await readFile(file, 'utf8').catch(() => null);
		process.stdout.write(saved ? `\n${formatResult(JSON.parse(saved) as ScaleResult)}\n(from ${file})\n` : `\nno results for ${scale} yet (${file})\n`);
	}
}

async function main(argv: readonly string[]): Promise<void> {
	const options = parseOptions(argv);
	if (typeof options === 'string') {
		process.stderr.write(`${options}\n`);
		process.exitCode = 2;
		return;
	}
	if (options.worker) return work(options);
	if (options.print) return printSaved(options.scales, options.quick);
	for (const scale of options.scales) {
		const result = await runWorker(scale, options, argv);
		if (!result) {
			process.exitCode = 1;
			continue;
		}
		if (result.folder) await rm(result.folder, { recursive: true, force: true });
		delete result.folder;
		const file = await writeResult(result, options.quick);
		process.stdout.write(`\n${formatResult(result)}\n(written to ${file})\n`);
	}
}

main(process.argv.slice(2)).catch((error: unknown) => {
	process.stderr.write(`npm run bench failed: ${describe(error)}\n`);
	process.exitCode = 1;
});
