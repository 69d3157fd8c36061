/** One interaction sent and followed to its end: what the user got, in how many requests. */
import type { Harness } from '../../test/harness/index.js';
import type { InteractionPayload } from '../../test/harness/payloads.js';
import { until } from '../../test/harness/wait.js';

export interface Probe {
	/** Exactly one reply reached the user (for a deferral: the defer and then its edit). */
	answeredOnce: boolean;
	/** Requests sent for the interaction (callbacks and edits, failed ones included). */
	requests: number;
	/** The handler's outcome from its log line, or 'timeout'. */
	outcome: string;
}

/** Dispatches `payload` and waits (at most `timeoutMs`) for the dispatcher's log line about it. */
export async function probe(h: Harness, payload: InteractionPayload, timeoutMs = 15_000): Promise<Probe> {
	h.gateway.dispatchInteraction(payload);
	return follow(h, payload, timeoutMs);
}

export async function follow(h: Harness, payload: InteractionPayload, timeoutMs = 15_000): Promise<Probe> {
	const deadline = performance.now() + timeoutMs;
	const line = (): string | undefined => h.logs.find((l) => l.includes(`"id":"${payload.id}"`) && l.includes('"msg":"interaction"'));
	await until(() => line() !== undefined || performance.now() > deadline);
	const logged = line();
	const sent = h.rest.forInteraction(payload);
	const callbacks = sent.filter((c) => c.kind === 'callback' && c.status < 300);
	const deferred = callbacks.some((c) => [5, 6].includes((c.body as { type?: number }).type ?? 0));
	const edits = sent.filter((c) => c.kind === 'edit' && c.status < 300).length;
	return {
		answeredOnce: callbacks.length === 1 && (deferred ? edits === 1 : edits === 0),
		requests: sent.length,
		outcome: logged ? String((JSON.parse(logged) as { outcome?: string }).outcome) : 'timeout',
	};
}
