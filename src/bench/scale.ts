// One scale's benchmark, run in its own process (so memory and JIT state from another scale never
// leak into its figures). Steps run cheapest-and-most-informative first and report after each, so
// a run stopped by its time limit still says what it measured.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import MiniSearch from 'minisearch';
import { Engine } from '../answer/engine.js';
import { ParagraphLookup } from '../answer/cite.js';
import { answerQuestion } from '../answer/ask.js';
import { Answer } from '../answer/model.js';
import { loadCorpus } from '../corpus/load.js';
import type { Article } from '../corpus/types.js';
import { extractKnowledge } from '../extract/index.js';
import { ParagraphIndex } from '../index/paragraph-index.js';
import { cacheFileFor, openEngine, saveEngine } from '../cache/index.js';
import { measureEndToEnd } from './e2e.js';
import { medianOfFreshProcesses } from './fresh-process.js';
import { distinctWords, generateCorpus, writeCorpus } from './generate.js';
import { buildQueries, type QuerySet } from './queries.js';
import { collectGarbage, describe, measureLatency, memory, timed, timedWithStalls } from './measure.js';
import type { ScaleResult } from './results.js';

export interface ScaleOptions {
	scale: number;
	seed: number;
	queries: number;
	/** End-to-end interactions per bot (ours and the bare one); 0 leaves that part out. */
	interactions: number;
	/** Per command: latency measurement stops (and says so) when this runs out. */
	commandBudgetMs: number;
	/** Extraction estimated to take longer than this is not run (it would only time out). */
	buildBudgetMs: number;
	/** Fresh processes per whole build and per start from the cache; the median is reported. */
	freshRuns: number;
	report: (result: ScaleResult) => void;
	log: (line: string) => void;
}

/** What the build phase may drop before it measures memory. */
interface Held {
	articles: Article[];
	index: ParagraphIndex | null;
}

interface Context {
	options: ScaleOptions;
	result: ScaleResult;
	queries: QuerySet;
	folder: string;
}

export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
	const result = emptyResult(options);
	const folder = await mkdtemp(path.join(tmpdir(), `ro-bench-${options.scale}-`));
	result.folder = folder;
	options.report(result);
	try {
		const queries = await generate({ options, result, folder, queries: emptyQueries() });
		const context: Context = { options, result, queries, folder };
		const articles = await loadPhase(context);
		// Held in a box the build empties, so the memory measured after it is the Engine's alone.
		const held: Held = { articles, index: await indexPhase(context, articles) };
		rawBaseline(context, articles);
		const engine = await buildEngine(context, held);
		// Warmed as the bot warms an engine before it answers from it (Engine.warmUp).
		await engine?.warmUp();
		if (engine) engineLatency(context, engine);
		await endToEndPhase(context, engine);
		await cachePhase(context, engine ?? withoutKnowledge(context, articles, held.index));
		result.memory.peakRssMB = process.resourceUsage().maxRSS / 1e3;
	} finally {
		await rm(folder, { recursive: true, force: true });
		delete result.folder;
	}
	return result;
}

function emptyResult(options: ScaleOptions): ScaleResult {
	return {
		scale: options.scale,
		seed: options.seed,
		queriesPerCommand: options.queries,
		startedAt: new Date().toISOString(),
		machine: { node: process.version, cpus: cpus().length, platform: process.platform, arch: process.arch, loadAverage: loadavg().map((value) => Math.round(value * 100) / 100) },
		phases: {},
		memory: {},
		latency: {},
		notes: [],
	};
}

function emptyQueries(): QuerySet {
	return { ask: [], quote: [], result: [], verify: [], speakerPrefixes: [], constituencyPrefixes: [] };
}

/** Generates and writes the corpus, and draws the queries from it; the corpus itself is then dropped. */
async function generate(context: Context): Promise<QuerySet> {
	const { options, result } = context;
	step(context, 'generating');
	const generated = await timed(() => generateCorpus({ articles: options.scale, seed: options.seed }));
	const written = await timed(() => writeCorpus(generated.value, context.folder));
	const corpus = generated.value;
	result.corpus = {
		articles: corpus.articles.length,
		paragraphs: 0,
		megabytes: corpus.articles.reduce((sum, article) => sum + Buffer.byteLength(article.text), 0) / 1e6,
		distinctWords: distinctWords(corpus),
		generateMs: generated.ms,
		writeMs: written.ms,
	};
	return buildQueries(corpus, options.queries);
}

async function loadPhase(context: Context): Promise<Article[]> {
	step(context, 'loading');
	collectGarbage();
	const loaded = await timed(() => loadCorpus(context.folder));
	context.result.phases.loadMs = loaded.ms;
	if (context.result.corpus) context.result.corpus.paragraphs = loaded.value.articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
	return loaded.value.articles;
}

/**
 * Indexing alone, and `ask` over it: the same calls Engine.ask makes (answerQuestion, then the
 * schema), so ask is measured even when extraction keeps the Engine from building in time.
 */
async function indexPhase(context: Context, articles: readonly Article[]): Promise<ParagraphIndex> {
	const { result } = context;
	step(context, 'indexing');
	collectGarbage();
	const built = await timed(() => new ParagraphIndex(articles));
	result.phases.indexingMs = built.ms;
	const index = built.value;
	const lookup = new ParagraphLookup(articles);
	result.memory.afterIndex = memory();
	result.indexMegabytes = Buffer.byteLength(JSON.stringify(index.toSnapshot())) / 1e6;
	report(context);
	step(context, 'ask latency (index)');
	result.askPath = 'index';
	result.latency.ask = measureLatency(context.queries.ask, (question) => Answer.parse(answerQuestion(index, lookup, question, 'ask')), context.options.commandBudgetMs);
	report(context);
	return index;
}

/** MiniSearch with its defaults on the same paragraphs: what our analysis and ranking cost on top. */
function rawBaseline(context: Context, articles: readonly Article[]): void {
	step(context, 'raw MiniSearch baseline');
	collectGarbage();
	const documents = articles.flatMap((article) => article.paragraphs.map((paragraph) => ({ id: `${article.id}#${paragraph.number}`, text: paragraph.text })));
	const start = performance.now();
	const raw = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
	raw.addAll(documents);
	context.result.raw = { buildMs: performance.now() - start };
	context.result.raw.ask = measureLatency(context.queries.ask, (question) => raw.search(question), context.options.commandBudgetMs);
	report(context);
}

/**
 * Extraction, then the whole build (Engine.fromDirectory: load, extraction, indexing). Extraction
 * is first timed on two small slices; when that predicts it would outrun the budget, it is skipped
 * with the estimate rather than left to time out.
 */
async function buildEngine(context: Context, held: Held): Promise<Engine | null> {
	const { result, options } = context;
	const estimate = estimateExtraction(held.articles);
	if (estimate && estimate.ms > options.buildBudgetMs) {
		result.extractionSkipped = `extraction estimated at ${formatDuration(estimate.ms)} (time ∝ n^${estimate.exponent.toFixed(2)}, from ${estimate.basis}); budget ${formatDuration(options.buildBudgetMs)} (--build-budget-s)`;
		report(context);
		return null;
	}
	step(context, 'extraction');
	collectGarbage();
	result.phases.extractionMs = (await timed(() => extractKnowledge(held.articles))).ms;
	held.articles = [];
	held.index = null;
	report(context);
	step(context, `whole build (the median of ${options.freshRuns} fresh processes)`);
	const { median: whole, runsMs } = await medianOfFreshProcesses({ kind: 'build', folder: context.folder }, options.freshRuns, options.buildBudgetMs * 4);
	result.phases.wholeBuildMs = whole.ms;
	result.phases.wholeBuildRunsMs = runsMs;
	result.phases.wholeBuildStallMs = whole.longestStallMs;
	result.phases.wholeBuildWarmUp = whole.warmUp;
	result.paragraphsPerSecond = (result.corpus?.paragraphs ?? 0) / (whole.ms / 1000);
	result.memory.afterBuild = whole.after;
	result.memory.settledAfterBuild = whole.settled;
	result.memory.buildPeakRssMB = whole.peakRssMB;
	report(context);
	step(context, 'whole build (here, for the phases after it)');
	return Engine.fromDirectory(context.folder);
}

/** Extraction time on two slices of the corpus, extrapolated by the power law through them. */
function estimateExtraction(articles: readonly Article[]): { ms: number; exponent: number; basis: string } | null {
	const small = 100;
	const large = 300;
	if (articles.length <= large * 2) return null;
	const smallMs = timeExtraction(articles.slice(0, small));
	const largeMs = timeExtraction(articles.slice(0, large));
	const exponent = Math.max(1, Math.log(largeMs / smallMs) / Math.log(large / small));
	return { ms: largeMs * (articles.length / large) ** exponent, exponent, basis: `${Math.round(smallMs)} ms at ${small} and ${Math.round(largeMs)} ms at ${large} articles` };
}

function timeExtraction(articles: readonly Article[]): number {
	const start = performance.now();
	extractKnowledge(articles);
	return performance.now() - start;
}

function engineLatency(context: Context, engine: Engine): void {
	const { result, queries, options } = context;
	const budget = options.commandBudgetMs;
	step(context, 'command latency (engine)');
	result.askPath = 'engine';
	result.latency.ask = measureLatency(queries.ask, (question) => engine.ask(question), budget);
	result.latency.quote = measureLatency(queries.quote, (query) => engine.quote(query.speaker, query.topic), budget);
	result.latency.result = measureLatency(queries.result, (constituency) => engine.result(constituency), budget);
	result.latency.verify = measureLatency(queries.verify, (wording) => engine.verify(wording), budget);
	result.latency.speakerChoices = measureLatency(queries.speakerPrefixes, (typed) => engine.speakerChoices(typed), budget);
	result.latency.constituencyChoices = measureLatency(queries.constituencyPrefixes, (typed) => engine.constituencyChoices(typed), budget);
	report(context);
}

/**
 * Our bot (this Engine, the real commands and dispatcher) against a bare "pong" bot, through the
 * real discord.js Client on the test harness. Needs the whole Engine: without extracted knowledge
 * /quote, /result and autocomplete would answer from nothing and look faster than they are.
 */
async function endToEndPhase(context: Context, engine: Engine | null): Promise<void> {
	const { result, options } = context;
	if (options.interactions <= 0) result.endToEnd = { skipped: 'not asked for (--e2e 0)' };
	else if (!engine) result.endToEnd = { skipped: 'the Engine did not build (extraction not run)' };
	else {
		step(context, `end to end (${options.interactions} interactions to our bot and to a bare bot)`);
		try {
			result.endToEnd = await measureEndToEnd(engine, context.queries, { count: options.interactions, budgetMs: options.commandBudgetMs });
		} catch (error) {
			result.endToEnd = { error: describe(error) };
		}
	}
	report(context);
}

/**
 * When extraction is too slow for the Engine to build, the cache is still measured: with the index
 * built above and no extracted knowledge (its share of the file is then missing, and noted).
 */
function withoutKnowledge(context: Context, articles: readonly Article[], index: ParagraphIndex | null): Engine | null {
	if (!index) return null;
	context.result.notes.push('cache measured without extracted knowledge (the Engine did not build): its start-up time lacks the knowledge part');
	return Engine.fromSnapshot({ articles, warnings: [], index: index.toSnapshot(), knowledge: { people: [], quotes: [], reported: [], results: [] } });
}

/** Writes the cache, starts from it as a fresh process would, and checks it answers as the build does. */
async function cachePhase(context: Context, engine: Engine | null): Promise<void> {
	if (!engine) return;
	step(context, 'cache');
	const cacheDir = path.join(context.folder, '.bench-cache');
	const quiet = { info: () => undefined, warn: (message: string) => context.options.log(`cache: ${message}`) };
	try {
		const written = await timedWithStalls(() => saveEngine(context.folder, engine, { cacheDir, log: quiet }));
		const { median: start, runsMs } = await medianOfFreshProcesses({ kind: 'open', folder: context.folder, cacheDir }, context.options.freshRuns, context.options.buildBudgetMs);
		if (start.from !== 'cache') throw new Error('expected the fresh process to start from the cache, but it rebuilt');
		// And here, to compare its answers with the build's.
		const opened = await openEngine(context.folder, { cacheDir, log: quiet });
		if (opened.from !== 'cache') throw new Error(`expected a cache hit, got a rebuild (${opened.reason})`);
		const { compared, identical } = compareAnswers(engine, opened.engine, context.queries);
		const megabytes = (await stat(cacheFileFor(context.folder, cacheDir))).size / 1e6;
		context.result.cache = { writeMs: written.ms, writeStallMs: written.longestStallMs, startMs: start.ms, startRunsMs: runsMs, startWarmUp: start.warmUp, startRssMB: start.settled.rssMB, megabytes, identical, compared };
	} catch (error) {
		context.result.cache = { error: describe(error) };
	}
	report(context);
}

/** The first queries of every kind, answered by both engines: the answers must be the same. */
function compareAnswers(built: Engine, cached: Engine, queries: QuerySet): { compared: number; identical: boolean } {
	const sample = 50;
	const calls: ((engine: Engine) => unknown)[] = [
		...queries.ask.slice(0, sample).map((question) => (engine: Engine) => engine.ask(question)),
		...queries.quote.slice(0, sample).map((query) => (engine: Engine) => engine.quote(query.speaker, query.topic)),
		...queries.result.slice(0, sample).map((constituency) => (engine: Engine) => engine.result(constituency)),
		...queries.verify.slice(0, sample).map((wording) => (engine: Engine) => engine.verify(wording)),
		...queries.speakerPrefixes.slice(0, sample).map((typed) => (engine: Engine) => engine.speakerChoices(typed)),
	];
	const identical = calls.every((call) => isDeepStrictEqual(outcome(() => call(built)), outcome(() => call(cached))));
	return { compared: calls.length, identical };
}

function outcome(call: () => unknown): unknown {
	try {
		return call();
	} catch (error) {
		return { threw: describe(error) };
	}
}

function step(context: Context, name: string): void {
	context.options.log(`[${context.options.scale}] ${name}…`);
}

function report(context: Context): void {
	context.options.report(context.result);
}

export function formatDuration(ms: number): string {
	if (ms < 1_000) return `${Math.round(ms)} ms`;
	if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
	if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
	return `${(ms / 3_600_000).toFixed(1)} h`;
}
