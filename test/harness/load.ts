/**
 * Drives a burst of interactions through the harness at a steady rate and accounts for every one:
 * answered exactly once, answered more than once, or never answered. Shared by the load test and
 * `npm run soak`.
 */
import type { Harness } from './index.js';
import type { InteractionPayload } from './payloads.js';
import type { Capture } from './rest.js';
import { until } from './wait.js';

export interface LoadOptions {
	count: number;
	perSecond: number;
	/** The i-th interaction of the burst. */
	next: (i: number) => InteractionPayload;
	/** How long after the last dispatch to keep waiting for answers before counting the rest as lost. */
	settleMs?: number;
}

export interface LoadReport {
	sent: number;
	/** Answered exactly once (a deferred one counts once its edit has arrived). */
	answered: number;
	/** Answered, or tried to be, more than once (Discord refuses the second callback with 40060). */
	duplicated: number;
	/** No reply reached the user. */
	lost: number;
	/** Dispatch (the gateway sending INTERACTION_CREATE) to the first successful callback, in ms. */
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	durationMs: number;
}

interface Tracked {
	sentAt: number;
	callbacks: number;
	deferred: boolean;
	edits: number;
	/** Callbacks Discord refused as already acknowledged: the bot handled the interaction twice. */
	secondAttempts: number;
	latency: number | null;
}

export async function runLoad(h: Harness, options: LoadOptions): Promise<LoadReport> {
	const byId = new Map<string, Tracked>();
	const byToken = new Map<string, Tracked>();
	const stop = h.rest.onCapture((capture) => record(capture, byId, byToken));
	const started = performance.now();
	try {
		await dispatchPaced(h, options, (payload) => {
			const tracked: Tracked = { sentAt: performance.now(), callbacks: 0, deferred: false, edits: 0, secondAttempts: 0, latency: null };
			byId.set(payload.id, tracked);
			byToken.set(payload.token, tracked);
		});
		const deadline = performance.now() + (options.settleMs ?? 10_000);
		await until(() => [...byId.values()].every(done) || performance.now() > deadline);
		// Let any straggler (a retry, a duplicate) land before counting.
		await until(() => h.bot.dispatcher.pending === 0 || performance.now() > deadline);
	} finally {
		stop();
	}
	return report([...byId.values()], performance.now() - started);
}

/** Sends `count` interactions at `perSecond`, catching up in batches when timers run late. */
async function dispatchPaced(h: Harness, options: LoadOptions, onSend: (payload: InteractionPayload) => void): Promise<void> {
	const started = performance.now();
	let sent = 0;
	while (sent < options.count) {
		const due = Math.min(options.count, Math.floor(((performance.now() - started) * options.perSecond) / 1000) + 1);
		for (; sent < due; sent++) {
			const payload = options.next(sent);
			onSend(payload);
			h.gateway.dispatchInteraction(payload);
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** Discord's answer to a second acknowledgement: the bot tried to answer twice. */
const ALREADY_ACKNOWLEDGED = 40060;

function record(capture: Capture, byId: Map<string, Tracked>, byToken: Map<string, Tracked>): void {
	if (capture.kind === 'callback' && capture.interactionId) {
		const tracked = byId.get(capture.interactionId);
		if (!tracked) return;
		if (capture.status >= 300) {
			if ((capture.body as { code?: number } | null)?.code === ALREADY_ACKNOWLEDGED) tracked.secondAttempts += 1;
			return;
		}
		tracked.callbacks += 1;
		tracked.latency ??= performance.now() - tracked.sentAt;
		const type = (capture.body as { type?: number } | null)?.type;
		if (type === 5 || type === 6) tracked.deferred = true;
	} else if (capture.kind === 'edit' && capture.token && capture.status < 300) {
		const tracked = byToken.get(capture.token);
		if (tracked) tracked.edits += 1;
	}
}

function done(t: Tracked): boolean {
	return t.callbacks > 0 && (!t.deferred || t.edits > 0);
}

function duplicated(t: Tracked): boolean {
	return t.callbacks > 1 || t.edits > 1 || t.secondAttempts > 0;
}

function report(all: Tracked[], durationMs: number): LoadReport {
	const latencies = all.map((t) => t.latency).filter((l): l is number => l !== null).sort((a, b) => a - b);
	const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
	return {
		sent: all.length,
		answered: all.filter((t) => done(t) && !duplicated(t)).length,
		duplicated: all.filter(duplicated).length,
		lost: all.filter((t) => !done(t)).length,
		p50Ms: at(0.5),
		p99Ms: at(0.99),
		maxMs: latencies.at(-1) ?? Number.NaN,
		durationMs,
	};
}
