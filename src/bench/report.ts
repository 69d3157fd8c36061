// One scale's result as a table, and the targets from the performance issue checked against it.
import type { EndToEnd } from './e2e.js';
import type { Latency, Measured, Memory } from './measure.js';
import { COMMANDS, type ScaleResult } from './results.js';
import { formatDuration } from './scale.js';

/** The scale the targets are set for; smaller scales print them for information only. */
export const TARGET_SCALE = 10_000;

export interface TargetCheck {
	name: string;
	value: string;
	limit: string;
	verdict: 'PASS' | 'MISS' | 'n/a';
	note?: string;
}

export function formatResult(result: ScaleResult): string {
	const { machine } = result;
	const lines = [`== ${result.scale.toLocaleString('en-GB')} articles (seed ${result.seed}; ${machine.cpus} CPUs, Node ${machine.node}, load average ${machine.loadAverage.join(' ')} at start) ==`];
	if (result.unfinished) lines.push(`!! unfinished: ${result.unfinished}`);
	lines.push(...table(['measure', 'value'], summaryRows(result)), '');
	lines.push(...table(['command', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'], latencyRows(result)), '');
	const checks = checkTargets(result);
	const heading = result.scale === TARGET_SCALE ? 'targets' : `targets (set for ${TARGET_SCALE.toLocaleString('en-GB')} articles; informational here)`;
	lines.push(heading, ...table(['target', 'measured', 'limit', 'verdict'], checks.map((check) => [check.name, check.value, check.limit, check.note ? `${check.verdict} (${check.note})` : check.verdict])));
	if (result.notes.length > 0) lines.push('', ...result.notes.map((note) => `note: ${note}`));
	return lines.join('\n');
}

function heapAndRss(value: Memory): string {
	return `${Math.round(value.heapUsedMB)} / ${Math.round(value.rssMB)} MB`;
}

/** ", the median of 3 runs (a–b)" after a median, or nothing for a single run. */
function runsOf(runsMs: readonly number[] | undefined): string {
	if (!runsMs || runsMs.length < 2) return '';
	return `, the median of ${runsMs.length} runs (${formatDuration(Math.min(...runsMs))}–${formatDuration(Math.max(...runsMs))})`;
}

function megabytes(value: number | undefined): string {
	return value === undefined ? '—' : `${Math.round(value)} MB`;
}

function summaryRows(result: ScaleResult): string[][] {
	const { phases, corpus, memory, raw, cache } = result;
	const ms = (value: number | undefined) => (value === undefined ? '—' : formatDuration(value));
	const rows: string[][] = [
		['articles / paragraphs', corpus ? `${corpus.articles.toLocaleString('en-GB')} / ${corpus.paragraphs.toLocaleString('en-GB')}` : '—'],
		['corpus size, distinct words', corpus ? `${corpus.megabytes.toFixed(1)} MB, ${corpus.distinctWords.toLocaleString('en-GB')}` : '—'],
		['load + normalise', ms(phases.loadMs)],
		['extraction', phases.extractionMs !== undefined ? ms(phases.extractionMs) : (result.extractionSkipped ?? '—')],
		['indexing', ms(phases.indexingMs)],
		['whole build (Engine.fromDirectory, a fresh process)', `${ms(phases.wholeBuildMs)}${runsOf(phases.wholeBuildRunsMs)}`],
		['longest event-loop stall during the whole build', ms(phases.wholeBuildStallMs)],
		['warm-up after the build (lookups built before first use; longest stall)', phases.wholeBuildWarmUp ? `${ms(phases.wholeBuildWarmUp.ms)} (${ms(phases.wholeBuildWarmUp.longestStallMs)})` : '—'],
		['paragraphs per second (whole build)', result.paragraphsPerSecond === undefined ? '—' : Math.round(result.paragraphsPerSecond).toLocaleString('en-GB')],
		['serialized index (term table and side tables)', result.indexMegabytes === undefined ? '—' : `${result.indexMegabytes.toFixed(1)} MB`],
		['heap / RSS after index', memory.afterIndex ? `${Math.round(memory.afterIndex.heapUsedMB)} / ${Math.round(memory.afterIndex.rssMB)} MB` : '—'],
		['heap / RSS after whole build and warm-up (right after; after 5 s idle)', memory.afterBuild ? `${heapAndRss(memory.afterBuild)}; ${memory.settledAfterBuild ? heapAndRss(memory.settledAfterBuild) : '—'}` : '—'],
		['peak RSS of the whole build / of the bench run', `${megabytes(memory.buildPeakRssMB)} / ${megabytes(memory.peakRssMB)}`],
		['raw MiniSearch build', ms(raw?.buildMs)],
		['indexing / raw build', ratio(phases.indexingMs, raw?.buildMs)],
		['ask p50 ours / raw', ratio(p50(result.latency.ask), p50(raw?.ask))],
		...endToEndRows(result.endToEnd),
	];
	if (cache && 'error' in cache) rows.push(['cache', `error: ${cache.error}`]);
	else if (cache) {
		rows.push(['start from cache (a fresh process: hash seeds + read + restore)', `${ms(cache.startMs)}${runsOf(cache.startRunsMs)}${cache.startRssMB === undefined ? '' : `, RSS after warm-up ${megabytes(cache.startRssMB)}`}`]);
		if (cache.startWarmUp) rows.push(['warm-up after the start (longest stall)', `${ms(cache.startWarmUp.ms)} (${ms(cache.startWarmUp.longestStallMs)})`]);
		const rebuild = phases.wholeBuildMs === undefined ? 'whole build not measured' : ms(phases.wholeBuildMs + cache.writeMs);
		rows.push(['rebuild (whole build + cache write)', `${rebuild} (cache write ${ms(cache.writeMs)}, longest event-loop stall ${ms(cache.writeStallMs)})`]);
		rows.push(['cache file', `${cache.megabytes.toFixed(1)} MB; ${cache.compared} answers ${cache.identical ? 'identical' : 'DIFFER'} to the fresh build's`]);
	}
	return rows;
}

function latencyRows(result: ScaleResult): string[][] {
	const rows = COMMANDS.map((command) => latencyRow(command === 'ask' && result.askPath === 'index' ? 'ask (index path)' : command, result.latency[command]));
	rows.push(latencyRow('raw MiniSearch (ask queries)', result.raw?.ask));
	rows.push(latencyRow('end to end: our bot (mixed)', endToEndSide(result.endToEnd, 'ours')));
	rows.push(latencyRow('end to end: bare bot ("pong")', endToEndSide(result.endToEnd, 'bare')));
	return rows;
}

/** One bot's end-to-end latency, or why there is none (shown in the row like a skipped command). */
function endToEndSide(e2e: ScaleResult['endToEnd'], side: 'ours' | 'bare'): Measured | undefined {
	if (!e2e) return undefined;
	if ('skipped' in e2e) return e2e;
	if ('error' in e2e) return { skipped: `error: ${e2e.error}` };
	return e2e[side];
}

function measuredEndToEnd(e2e: ScaleResult['endToEnd']): EndToEnd | undefined {
	return e2e && !('skipped' in e2e) && !('error' in e2e) ? e2e : undefined;
}

/** The ratio with how it was measured, and the medians per kind that explain it. */
function endToEndRows(e2e: ScaleResult['endToEnd']): string[][] {
	const measured = measuredEndToEnd(e2e);
	if (!measured) return [['end to end p50 ours / bare bot', e2e && 'skipped' in e2e ? `skipped: ${e2e.skipped}` : e2e && 'error' in e2e ? `error: ${e2e.error}` : '—']];
	const how = `${measured.ours.count} interactions each after ${measured.warmUp} warm-up, ${measured.dispatch}; ${measured.deferred} deferred`;
	const kinds = Object.entries(measured.byKind).map(([kind, medians]) => `${kind} ${fixed(medians.oursP50)} / ${fixed(medians.bareP50)}`);
	return [
		['end to end p50 ours / bare bot', `${measured.ratio.toFixed(2)}× (${how})`],
		['end to end p50 by kind, ours / bare (ms)', kinds.join('; ')],
	];
}

function latencyRow(name: string, measured: Measured | undefined): string[] {
	if (!measured) return [name, 'not measured', '', '', '', '', ''];
	if ('skipped' in measured) return [name, `skipped: ${measured.skipped}`, '', '', '', '', ''];
	const count = `${measured.count}${measured.truncated ? ' (budget ran out)' : ''}`;
	const errors = measured.errors > 0 ? `${measured.errors} (${measured.firstError ?? ''})` : '0';
	return [name, count, fixed(measured.p50), fixed(measured.p95), fixed(measured.p99), fixed(measured.max), errors];
}

/** The issue's targets, read against this result. */
export function checkTargets(result: ScaleResult): TargetCheck[] {
	const { phases, latency, memory, raw, cache } = result;
	// Without a whole build, what was measured after indexing alone is a lower bound: still a MISS if over.
	// What the bot holds while it serves: the fresh build process once idle (fresh-process.ts).
	const rss = memory.settledAfterBuild?.rssMB ?? memory.afterIndex?.rssMB;
	const rssNote = memory.settledAfterBuild ? undefined : memory.afterIndex ? 'after indexing alone: a lower bound' : undefined;
	const build = phases.wholeBuildMs ?? lowerBound(phases.loadMs, phases.indexingMs);
	const buildNote = phases.wholeBuildMs !== undefined ? undefined : `load + indexing only, a lower bound${result.extractionSkipped ? '; extraction not run (too slow)' : ''}`;
	const autocomplete = worst(p99(latency.speakerChoices), p99(latency.constituencyChoices));
	const cacheStart = cache && !('error' in cache) ? cache.startMs : undefined;
	const rawP50 = p50(raw?.ask);
	const askP50 = p50(latency.ask);
	return [
		limit('whole build', build, 15_000, formatDuration, buildNote),
		limit('start from cache', cacheStart, 2_000, formatDuration),
		limit('ask p50', askP50, 10, msText),
		limit('ask p99', p99(latency.ask), 50, msText),
		limit('quote p99', p99(latency.quote), 5, msText),
		limit('result p99', p99(latency.result), 5, msText),
		limit('verify p99', p99(latency.verify), 5, msText),
		limit('autocomplete p99', autocomplete, 5, msText),
		limit('RSS after build', rss, 600, (value) => `${Math.round(value)} MB`, rssNote),
		limit('ask p50 / raw MiniSearch p50', askP50 !== undefined && rawP50 ? askP50 / rawP50 : undefined, 1.5, (value) => `${value.toFixed(2)}×`),
		limit('end to end p50 / bare bot p50', measuredEndToEnd(result.endToEnd)?.ratio, 1.2, (value) => `${value.toFixed(2)}×`),
	];
}

/**
 * PASS or MISS against `max`. A lower bound (`note` says so) can only prove a MISS: under the
 * limit, the whole is still unknown.
 */
function limit(name: string, value: number | undefined, max: number, format: (value: number) => string, lowerBoundNote?: string): TargetCheck {
	const limitText = `≤ ${format(max)}`;
	if (value === undefined || Number.isNaN(value)) return { name, value: '—', limit: limitText, verdict: 'n/a', note: 'not measured' };
	if (lowerBoundNote) return { name, value: `≥ ${format(value)}`, limit: limitText, verdict: value > max ? 'MISS' : 'n/a', note: lowerBoundNote };
	return { name, value: format(value), limit: limitText, verdict: value <= max ? 'PASS' : 'MISS' };
}

function lowerBound(...parts: (number | undefined)[]): number | undefined {
	return parts.every((part) => part !== undefined) ? parts.reduce<number>((sum, part) => sum + (part ?? 0), 0) : undefined;
}

function p50(measured: Measured | undefined): number | undefined {
	return latencyOf(measured)?.p50;
}

function p99(measured: Measured | undefined): number | undefined {
	return latencyOf(measured)?.p99;
}

function latencyOf(measured: Measured | undefined): Latency | undefined {
	return measured && !('skipped' in measured) ? measured : undefined;
}

function worst(...values: (number | undefined)[]): number | undefined {
	const known = values.filter((value): value is number => value !== undefined);
	return known.length === values.length ? Math.max(...known) : undefined;
}

function ratio(ours: number | undefined, raw: number | undefined): string {
	return ours === undefined || !raw ? '—' : `${(ours / raw).toFixed(2)}×`;
}

function msText(value: number): string {
	return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

function fixed(value: number): string {
	return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** A plain-text table: columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string[] {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
	const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
	return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}
