/**
 * Discord's REST API mocked with nock, capturing every request body. The client must send REST
 * through global fetch (see `restOptions`): nock 14 cannot see discord.js's default undici calls.
 */
import { EventEmitter } from 'node:events';
import nock from 'nock';
import { API_BASE, APP_ID, CHANNEL_ID, BOT_USER_ID, snowflake } from './ids.js';

export type CaptureKind = 'callback' | 'edit' | 'followup' | 'commands' | 'other';

export interface Capture {
	kind: CaptureKind;
	method: string;
	path: string;
	/** For callbacks: the interaction id from the URL. */
	interactionId?: string;
	/** For callbacks, edits and follow-ups: the interaction token from the URL. */
	token?: string;
	body: unknown;
	/** The status the mock answered with: only a 2xx capture reached the user. */
	status: number;
}

/** A reply the mock gives instead of success, once (fault injection). */
export interface RestFault {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** 429 as Discord sends it: `retry_after` in the body and `Retry-After` (seconds) in the headers. */
export function rateLimited(retryAfterSeconds = 0.05): RestFault {
	return {
		status: 429,
		body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
		headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
	};
}

export function serverError(status = 500): RestFault {
	return { status, body: { message: 'Internal Server Error', code: 0 } };
}

/** What Discord answers when the 3 s window was missed (or the token is otherwise dead). */
export function unknownInteraction(): RestFault {
	return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
}

/** What Discord answers to a second acknowledgement of the same interaction. */
export function alreadyAcknowledged(): RestFault {
	return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
}

type Reply = [number, string, Record<string, string>?];

/** Options that make a discord.js Client (or REST) talk to this mock. */
export function restOptions(): { api: string; makeRequest: (url: string, init: RequestInit) => Promise<Response> } {
	// `fetch` is looked up at call time, after nock has patched it.
	return { api: API_BASE, makeRequest: (url, init) => fetch(url, init) };
}

export class MockRest {
	readonly captures: Capture[] = [];
	private readonly events = new EventEmitter();
	/** Faults to answer the next callbacks with, in order, before the normal 204 (fault injection). */
	readonly callbackFaults: RestFault[] = [];
	/** The same for edits of @original (the reply after a deferral). */
	readonly editFaults: RestFault[] = [];
	/** Interactions already acknowledged: Discord refuses a second callback with 40060, and so do we. */
	private readonly acknowledged = new Set<string>();

	constructor(gatewayUrl: string) {
		nock.disableNetConnect();
		// The fake gateway is a real socket on 127.0.0.1.
		nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
		this.events.setMaxListeners(0);
		// Regex paths are matched against the whole path, so they spell out the /api prefix.
		const scope = nock(new URL(API_BASE).origin).persist();
		scope.get('/api/v10/gateway/bot').reply(200, {
			url: gatewayUrl,
			shards: 1,
			session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
		});
		scope.post(/^\/api\/v10\/interactions\/\d+\/[^/]+\/callback/).reply((uri, body) => {
			const [, id, token] = /\/interactions\/(\d+)\/([^/?]+)\/callback/.exec(uri) ?? [];
			// 204 without a JSON content-type: an empty body declared as JSON makes discord.js throw.
			const reply = faultReply(this.callbackFaults.shift()) ?? (id && this.acknowledged.has(id) ? faultReply(alreadyAcknowledged()) : undefined) ?? [204, ''];
			if (id && reply[0] < 300) this.acknowledged.add(id);
			this.record({ kind: 'callback', method: 'POST', path: uri, interactionId: id, token, body: parse(body), status: reply[0] });
			return reply;
		});
		scope.patch(/^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/(%40|@)original/).reply((uri, body) => {
			const token = /\/webhooks\/\d+\/([^/]+)\//.exec(uri)?.[1];
			const reply = faultReply(this.editFaults.shift()) ?? [200, message(parse(body)), { 'content-type': 'application/json' }];
			this.record({ kind: 'edit', method: 'PATCH', path: uri, token, body: parse(body), status: reply[0] });
			return reply;
		});
		scope.post(/^\/api\/v10\/webhooks\/\d+\/[^/?]+(\?.*)?$/).reply((uri, body) => {
			const token = /\/webhooks\/\d+\/([^/?]+)/.exec(uri)?.[1];
			this.record({ kind: 'followup', method: 'POST', path: uri, token, body: parse(body), status: 200 });
			return [200, message(parse(body)), { 'content-type': 'application/json' }];
		});
		scope.put(/^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/).reply((uri, body) => {
			const parsed = parse(body);
			this.record({ kind: 'commands', method: 'PUT', path: uri, body: parsed, status: 200 });
			const commands = Array.isArray(parsed) ? parsed.map((c: object) => ({ ...c, id: snowflake(), application_id: APP_ID, version: snowflake() })) : [];
			return [200, JSON.stringify(commands), { 'content-type': 'application/json' }];
		});
	}

	/** Resolves with the first capture (already seen or future) that matches. */
	waitFor(predicate: (capture: Capture) => boolean): Promise<Capture> {
		const seen = this.captures.find(predicate);
		if (seen) return Promise.resolve(seen);
		return new Promise((resolve) => {
			const listener = (capture: Capture): void => {
				if (!predicate(capture)) return;
				this.events.off('capture', listener);
				resolve(capture);
			};
			this.events.on('capture', listener);
		});
	}

	/** Calls `listener` with every future capture; returns the function that stops it. */
	onCapture(listener: (capture: Capture) => void): () => void {
		this.events.on('capture', listener);
		return () => this.events.off('capture', listener);
	}

	/** Forgets the captures so far (a long load run would otherwise keep every body in memory). */
	clearCaptures(): void {
		this.captures.length = 0;
		this.acknowledged.clear();
	}

	/** Everything sent for one interaction (its callback, edits and follow-ups), in order. */
	forInteraction(payload: { id: string; token: string }): Capture[] {
		return this.captures.filter((c) => c.interactionId === payload.id || c.token === payload.token);
	}

	close(): void {
		nock.cleanAll();
		nock.enableNetConnect();
	}

	private record(capture: Capture): void {
		this.captures.push(capture);
		this.events.emit('capture', capture);
	}
}

function faultReply(fault: RestFault | undefined): Reply | undefined {
	if (!fault) return undefined;
	return [fault.status, JSON.stringify(fault.body ?? {}), { 'content-type': 'application/json', ...fault.headers }];
}

function parse(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** A minimal message object, enough for discord.js to build a Message from an edit's response. */
function message(body: unknown): string {
	const data = typeof body === 'object' && body !== null ? body : {};
	return JSON.stringify({
		id: snowflake(),
		channel_id: CHANNEL_ID,
		type: 0,
		content: '',
		author: { id: BOT_USER_ID, username: 'Returning Officer', discriminator: '0', avatar: null, bot: true },
		embeds: [],
		attachments: [],
		mentions: [],
		mention_roles: [],
		mention_everyone: false,
		pinned: false,
		tts: false,
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		flags: 0,
		components: [],
		...data,
	});
}
