// End to end: interactions through the real discord.js Client on the test harness, to our bot and
// to a bare bot that replies "pong", so the ratio says what our bot adds to what any bot pays.
//
// The clock starts just before the fake gateway sends INTERACTION_CREATE and stops when the REST
// reply reaches nock (MockRest's capture, taken synchronously inside nock's reply function). A reply
// our bot deferred (slower than 2 s) is timed to the edit that carries the answer: what the user waits for.
//
// Dispatch is sequential, one interaction answered before the next is sent: the engine's calls are
// synchronous and hold the event loop, so with several in flight an interaction's time would mostly
// be queueing behind the others (throughput, which the soak measures), not its own latency. The two
// bots run side by side in this process and alternate interaction by interaction (who goes first
// alternates too), so a load spike on a shared machine hits both alike instead of skewing the ratio.
import type { EngineApi } from '../answer/engine.js';
import { startBareBot } from '../../test/harness/bare.js';
import type { BareBot } from '../../test/harness/bare.js';
import type { FakeGateway } from '../../test/harness/gateway.js';
import { startHarness } from '../../test/harness/index.js';
import { autocomplete, chatInput } from '../../test/harness/payloads.js';
import type { InteractionPayload } from '../../test/harness/payloads.js';
import type { Capture, MockRest } from '../../test/harness/rest.js';
import { until } from '../../test/harness/wait.js';
import { latencyFrom, type Latency } from './measure.js';
import type { QuerySet } from './queries.js';

export interface EndToEndOptions {
	/** Measured interactions per bot. */
	count: number;
	/** Interactions per bot sent first and not counted (discord.js, the JIT and the engine settle). */
	warmUp?: number;
	/** Measurement stops (and says so) when this runs out. */
	budgetMs: number;
	/** A reply not seen after this long counts as unanswered; above the 2 s defer so a deferred answer still counts. */
	replyTimeoutMs?: number;
}

export interface EndToEnd {
	/** Measured interactions asked for, per bot (`ours.count` says how many were measured). */
	interactions: number;
	warmUp: number;
	dispatch: string;
	/** Our bot; `errors` counts interactions not answered or answered with an apology or refusal. */
	ours: Latency;
	/** The bare bot; `errors` counts interactions it did not answer. */
	bare: Latency;
	/** Median of ours over median of the bare bot's. */
	ratio: number;
	/** Our interactions answered by deferral and edit (the handler ran past the defer threshold). */
	deferred: number;
	/** Medians per kind of interaction, to show where the difference comes from. */
	byKind: Record<string, { count: number; oursP50: number; bareP50: number }>;
}

const DEFAULT_WARM_UP = 48;
const DEFAULT_REPLY_TIMEOUT_MS = 15_000;

/** One kind of interaction and how to build its n-th payload from the scale's queries. */
interface Kind {
	name: string;
	make: (queries: QuerySet, n: number) => InteractionPayload;
}

/** The mix: each kind in turn, so every command gets the same share. */
const KINDS: readonly Kind[] = [
	{ name: '/ask', make: (q, n) => chatInput('ask', { question: pick(q.ask, n, 'Who won the by-election?') }) },
	{ name: '/quote', make: (q, n) => chatInput('quote', quoteOptions(pick(withSpeaker(q), n, { speaker: 'Smith' }))) },
	{ name: '/result', make: (q, n) => chatInput('result', resultOptions(pick(q.result, n, undefined))) },
	{ name: '/verify', make: (q, n) => chatInput('verify', { quote: pick(q.verify, n, 'we will win') }) },
	{ name: 'autocomplete speaker', make: (q, n) => autocomplete('quote', 'speaker', { speaker: pick(q.speakerPrefixes, n, '') }) },
	{ name: 'autocomplete constituency', make: (q, n) => autocomplete('result', 'constituency', { constituency: pick(q.constituencyPrefixes, n, '') }) },
];

function pick<T>(list: readonly T[], n: number, fallback: T): T {
	return list.length === 0 ? fallback : (list[n % list.length] ?? fallback);
}

/** Discord never sends a required option empty, so the engine-level "no speaker" queries are left out here. */
function withSpeaker(queries: QuerySet): { speaker: string; topic?: string }[] {
	return queries.quote.filter((query): query is { speaker: string; topic?: string } => Boolean(query.speaker));
}

function quoteOptions(query: { speaker: string; topic?: string }): Record<string, string> {
	return query.topic ? { speaker: query.speaker, topic: query.topic } : { speaker: query.speaker };
}

function resultOptions(constituency: string | undefined): Record<string, string> {
	return constituency ? { constituency } : {};
}

/** The i-th interaction of the run: its kind's name and a maker (each bot gets a fresh payload). */
function interaction(queries: QuerySet, i: number): { kind: string; make: () => InteractionPayload } {
	const kind = KINDS[i % KINDS.length] ?? KINDS[0];
	if (!kind) throw new Error('no interaction kinds');
	const n = Math.floor(i / KINDS.length);
	return { kind: kind.name, make: () => kind.make(queries, n) };
}

interface Reply {
	at: number;
	deferred: boolean;
}

interface Waiter {
	token: string;
	deferred: boolean;
	resolve: (reply: Reply | null) => void;
}

/**
 * Stops the clock for each interaction: listens to every capture MockRest records and resolves the
 * interaction's promise the moment its answer arrives (callback, or the edit after a deferral).
 */
class ReplyClock {
	private readonly byId = new Map<string, Waiter>();
	private readonly stopListening: () => void;

	constructor(rest: MockRest) {
		this.stopListening = rest.onCapture((capture) => this.onCapture(capture, performance.now()));
	}

	/** The answer to `payload`, or null when a refused callback or the timeout comes first. */
	expect(payload: InteractionPayload, timeoutMs: number): Promise<Reply | null> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => finish(null), timeoutMs);
			const finish = (reply: Reply | null): void => {
				clearTimeout(timer);
				this.byId.delete(payload.id);
				resolve(reply);
			};
			this.byId.set(payload.id, { token: payload.token, deferred: false, resolve: finish });
		});
	}

	stop(): void {
		this.stopListening();
	}

	private onCapture(capture: Capture, at: number): void {
		if (capture.kind === 'callback') {
			const waiter = capture.interactionId ? this.byId.get(capture.interactionId) : undefined;
			if (!waiter) return;
			if (capture.status >= 300) return waiter.resolve(null);
			const type = (capture.body as { type?: number } | null)?.type;
			// 5 and 6 acknowledge without an answer: the answer follows as an edit of @original.
			if (type === 5 || type === 6) waiter.deferred = true;
			else waiter.resolve({ at, deferred: false });
		} else if (capture.kind === 'edit' && capture.status < 300) {
			const waiter = [...this.byId.values()].find((candidate) => candidate.deferred && candidate.token === capture.token);
			waiter?.resolve({ at, deferred: true });
		}
	}
}

/** One interaction to one bot: dispatched, and timed until its answer reaches REST (null: none came). */
async function timeOne(gateway: FakeGateway, clock: ReplyClock, payload: InteractionPayload, timeoutMs: number): Promise<{ ms: number; deferred: boolean } | null> {
	const reply = clock.expect(payload, timeoutMs);
	const start = performance.now();
	gateway.dispatchInteraction(payload);
	const answered = await reply;
	return answered ? { ms: answered.at - start, deferred: answered.deferred } : null;
}

interface Sample {
	kind: string;
	/** Milliseconds, or null when unanswered. */
	ours: number | null;
	bare: number | null;
	oursDeferred: boolean;
}

/** A bot under measurement: where to send its interactions, and whether it has finished the last one. */
interface Target {
	gateway: FakeGateway;
	idle: () => boolean;
}

interface Bots {
	ours: Target;
	bare: Target;
	clock: ReplyClock;
	timeoutMs: number;
}

/**
 * The i-th interaction to both bots, one after the other; who goes first alternates. Each bot is
 * let finish (discord.js reading the REST response, our log line) before the next dispatch, so
 * the tail of one interaction is never counted in the next one's time.
 */
async function pair(bots: Bots, queries: QuerySet, i: number): Promise<Sample> {
	const { kind, make } = interaction(queries, i);
	const send = async (target: Target) => {
		const reply = await timeOne(target.gateway, bots.clock, make(), bots.timeoutMs);
		await settle(target);
		return reply;
	};
	const oursFirst = i % 2 === 0;
	const first = await send(oursFirst ? bots.ours : bots.bare);
	const second = await send(oursFirst ? bots.bare : bots.ours);
	const [ours, bare] = oursFirst ? [first, second] : [second, first];
	return { kind, ours: ours?.ms ?? null, bare: bare?.ms ?? null, oursDeferred: ours?.deferred ?? false };
}

/** Interactions `from` to `to` - 1, in pairs, until done or past `deadline`. */
async function run(bots: Bots, queries: QuerySet, from: number, to: number, deadline: number): Promise<Sample[]> {
	const samples: Sample[] = [];
	for (let i = from; i < to && performance.now() <= deadline; i++) samples.push(await pair(bots, queries, i));
	return samples;
}

/**
 * Measures `count` interactions (after `warmUp` uncounted ones) to our bot, answering from `engine`
 * with the real commands and dispatcher, and as many to a bare bot, alternating between them.
 */
export async function measureEndToEnd(engine: EngineApi, queries: QuerySet, options: EndToEndOptions): Promise<EndToEnd> {
	const warmUp = options.warmUp ?? DEFAULT_WARM_UP;
	const h = await startHarness({ engine });
	let bare: BareBot | undefined;
	try {
		bare = await startBareBot();
		const clock = new ReplyClock(h.rest);
		const ours: Target = { gateway: h.gateway, idle: () => h.bot.dispatcher.pending === 0 };
		const bareBot = bare;
		const bots: Bots = { ours, bare: { gateway: bare.gateway, idle: () => bareBot.pending === 0 }, clock, timeoutMs: options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS };
		try {
			await run(bots, queries, 0, warmUp, Number.POSITIVE_INFINITY);
			// Only the measured interactions' log lines are read for their outcomes.
			h.logs.length = 0;
			const samples = await run(bots, queries, warmUp, warmUp + options.count, performance.now() + options.budgetMs);
			return summarise(samples, options.count, warmUp, outcomes(h.logs), bare.failures);
		} finally {
			clock.stop();
		}
	} finally {
		await bare?.stop();
		await h.stop();
	}
}

/** Waits (a bounded while: a stuck handler is counted, not waited for) until `target` has finished. */
async function settle(target: Target): Promise<void> {
	if (target.idle()) return;
	const deadline = performance.now() + 5_000;
	await until(() => target.idle() || performance.now() > deadline);
}

/** Outcomes other than "ok" (an apology, a refusal) from the dispatcher's one log line per interaction. */
function outcomes(logs: readonly string[]): { notOk: number; first?: string } {
	let notOk = 0;
	let first: string | undefined;
	for (const line of logs) {
		const entry = parseLine(line);
		if (entry?.msg !== 'interaction' || entry.outcome === 'ok') continue;
		notOk += 1;
		first ??= `${String(entry.command)}: ${String(entry.outcome)}`;
	}
	return { notOk, first };
}

function parseLine(line: string): Record<string, unknown> | null {
	try {
		const parsed: unknown = JSON.parse(line);
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

function summarise(samples: readonly Sample[], count: number, warmUp: number, ourOutcomes: { notOk: number; first?: string }, bareFailures: number): EndToEnd {
	const truncated = samples.length < count;
	const answered = (side: 'ours' | 'bare') => samples.map((sample) => sample[side]).filter((ms): ms is number => ms !== null);
	const unanswered = (side: 'ours' | 'bare') => samples.length - answered(side).length;
	const oursUnanswered = unanswered('ours');
	const bareErrors = unanswered('bare') + bareFailures;
	const ours = latencyFrom(answered('ours'), {
		errors: oursUnanswered + ourOutcomes.notOk,
		firstError: oursUnanswered > 0 ? `${oursUnanswered} unanswered` : ourOutcomes.first,
		truncated,
	});
	const bare = latencyFrom(answered('bare'), { errors: bareErrors, firstError: bareErrors > 0 ? `${bareErrors} unanswered or failed` : undefined, truncated });
	return {
		interactions: count,
		warmUp,
		dispatch: 'sequential (one at a time), alternating our bot and the bare bot',
		ours,
		bare,
		ratio: ours.p50 / bare.p50,
		deferred: samples.filter((sample) => sample.oursDeferred).length,
		byKind: byKind(samples),
	};
}

function byKind(samples: readonly Sample[]): EndToEnd['byKind'] {
	const kinds: EndToEnd['byKind'] = {};
	for (const kind of KINDS) {
		const mine = samples.filter((sample) => sample.kind === kind.name);
		const median = (side: 'ours' | 'bare') => latencyFrom(mine.map((sample) => sample[side]).filter((ms): ms is number => ms !== null), { errors: 0, truncated: false }).p50;
		if (mine.length > 0) kinds[kind.name] = { count: mine.length, oursP50: median('ours'), bareP50: median('bare') };
	}
	return kinds;
}
