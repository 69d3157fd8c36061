/**
 * `npm run soak`: the load and fault scenarios of issue 6 outside the unit tests, at full size and
 * with the real timings (2 s defer threshold, discord.js's identify throttle), then a report:
 * interactions sent, answered, lost, duplicated; faults injected and survived; hostile inputs tried
 * and failed; the slowest regex literals. Exits 1 if anything was lost, doubled, failed or not survived.
 *
 *   npm run soak -- [--interactions 1000] [--rate 100] [--hostile 2000] [--client 300] [--no-process]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ALL_COMMANDS, loadCommands } from '../../commands/index.js';
import { ask } from '../../commands/ask.js';
import type { SlashAnswerCommand } from '../discord/command.js';
import { PageStore } from '../discord/pagination.js';
import { testEngine } from '../../test/harness/engine.js';
import { Gate } from '../../test/harness/gate.js';
import { startHarness } from '../../test/harness/index.js';
import type { Harness } from '../../test/harness/index.js';
import { withLongStatements } from '../../test/harness/mix.js';
import { regexLiterals, scanPatterns } from '../../test/reliability/regex-scan.js';
import type { FaultResult } from './faults.js';
import { runHarnessFaults, runProcessFaults } from './faults.js';
import type { HostileResult } from './hostile.js';
import { hostileDirect, hostileThroughClient } from './hostile.js';
import { cleanBurst, faultyBurst } from './load.js';
import type { LoadResult } from './load.js';
import { formatTable } from './table.js';

const { values: args } = parseArgs({
	options: {
		interactions: { type: 'string', default: '1000' },
		rate: { type: 'string', default: '100' },
		hostile: { type: 'string', default: '2000' },
		client: { type: 'string', default: '300' },
		'no-process': { type: 'boolean', default: false },
	},
});
const count = (name: string, value: string | undefined): number => {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) {
		process.stderr.write(`--${name} must be a positive whole number\n`);
		process.exit(2);
	}
	return n;
};
const INTERACTIONS = count('interactions', args.interactions);
const RATE = count('rate', args.rate);
const HOSTILE = count('hostile', args.hostile);
const CLIENT = count('client', args.client);

const say = (line: string): boolean => process.stderr.write(`${line}\n`);

/** The bot under soak: the real engine and commands, plus /slow (a handler the soak holds past 3 s). */
async function startBot(gate: Gate): Promise<{ h: Harness; pages: PageStore }> {
	// "long:" statements get a many-page answer, so More buttons fill the (bounded) page store.
	const engine = withLongStatements(await testEngine());
	const slow: SlashAnswerCommand = {
		...ask,
		data: { ...ask.data, name: 'slow' },
		answer: async (e, [question = '']) => {
			await gate.wait();
			return e.ask(question);
		},
	};
	const pages = new PageStore();
	// Heartbeats every 250 ms (Discord: ~41 s) so a zombie is noticed in the soak's lifetime.
	const h = await startHarness({ engine, pages, commands: loadCommands([...ALL_COMMANDS, slow]), heartbeatIntervalMs: 250 });
	return { h, pages };
}

function loadTable(results: LoadResult[], pages: PageStore): string {
	return formatTable({
		title: `Load (page store: ${pages.size} entries, capped at 1,000)`,
		head: ['burst', 'sent', 'answered', 'lost', 'duplicated', 'faults', 'p50 ms', 'p99 ms', 'max ms', 'took s', 'heap Δ MB'],
		rows: results.map((r) => [r.name, r.sent, r.answered, r.lost, r.duplicated, r.faults, r.p50Ms, r.p99Ms, r.maxMs, r.durationMs / 1000, r.heapDeltaMb]),
	});
}

function faultTable(results: FaultResult[]): string {
	const total: FaultResult = { name: 'total', injected: sum(results, 'injected'), survived: sum(results, 'survived'), detail: '' };
	return formatTable({ title: 'Faults', head: ['fault', 'injected', 'survived', 'what happened'], rows: [...results, total].map((r) => [r.name, r.injected, r.survived, r.detail]) });
}

function hostileTable(results: HostileResult[]): string {
	const total: HostileResult = { name: 'total', tried: sum(results, 'tried'), failed: sum(results, 'failed'), over50ms: sum(results, 'over50ms'), maxMs: Math.max(...results.map((r) => r.maxMs)), firstFailure: null };
	const table = formatTable({
		title: 'Hostile inputs (limits, allowed_mentions, no exception, time)',
		head: ['path', 'tried', 'failed', 'over 50 ms', 'slowest ms'],
		rows: [...results, total].map((r) => [r.name, r.tried, r.failed, r.over50ms, r.maxMs]),
	});
	const failures = results.filter((r) => r.firstFailure).map((r) => `  first failure, ${r.name}: ${r.firstFailure}`);
	return [table, ...failures].join('\n');
}

async function regexReport(): Promise<string> {
	const outcome = await scanPatterns(regexLiterals(), 6000, 30_000);
	if (!outcome.ok) return `Regex literals: ${outcome.stuckOn.where} /${outcome.stuckOn.source}/ ran over ${outcome.afterMs} ms (catastrophic)`;
	const slowest = [...outcome.results].sort((a, b) => b.worstMs - a.worstMs).slice(0, 6);
	return formatTable({
		title: `Regex literals on 6,000-character adversarial lines (${outcome.results.length} scanned; slowest shown)`,
		head: ['where', 'ms', 'worst line', 'pattern'],
		rows: slowest.map((r) => [r.where, r.worstMs, r.worstLine, r.pattern.slice(0, 60)]),
	});
}

function sum<T>(rows: T[], key: { [K in keyof T]: T[K] extends number ? K : never }[keyof T]): number {
	return rows.reduce((total, row) => total + Number(row[key]), 0);
}

async function main(): Promise<number> {
	say(`soak: ${INTERACTIONS} interactions at ${RATE}/s, ${HOSTILE} hostile inputs per path, ${CLIENT} through the client (node ${process.version}, ${os.availableParallelism()} cores)`);
	const gate = new Gate();
	const { h, pages } = await startBot(gate);
	try {
		say('load…');
		const load = [await cleanBurst(h, INTERACTIONS, RATE), await faultyBurst(h, Math.min(300, INTERACTIONS), RATE)];
		say('faults…');
		const faults = await runHarnessFaults(h, gate);
		if (!args['no-process']) faults.push(...(await runProcessFaults()));
		say('hostile inputs…');
		const hostile = [...(await hostileDirect(h.engine, HOSTILE)), await hostileThroughClient(h, CLIENT)];
		say('regex scan…');
		const regex = await regexReport();
		process.stdout.write([loadTable(load, pages), faultTable(faults), hostileTable(hostile), regex].join('\n\n') + '\n');
		const bad = load.some((r) => r.lost + r.duplicated > 0 || r.answered !== r.sent) || faults.some((f) => f.survived < f.injected) || hostile.some((r) => r.failed > 0);
		return bad ? 1 : 0;
	} finally {
		await h.stop();
	}
}

process.exitCode = await main();
