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
}

/** Options that make a discord.js Client (or REST) talk to this mock. */
export function restOptions(): { api: string; makeRequest: (url: string, init: RequestInit) => Promise<Response> } {
	// `fetch` is looked up at call time, after nock has patched it.
	return { api: API_BASE, makeRequest: (url, init) => fetch(url, init) };
}

export class MockRest {
	readonly captures: Capture[] = [];
	private readonly events = new EventEmitter();
	/** Status codes to answer the next callbacks with, before the normal 204 (fault injection). */
	readonly callbackFaults: { status: number; body?: unknown }[] = [];

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
			this.record({ kind: 'callback', method: 'POST', path: uri, interactionId: id, token, body: parse(body) });
			const fault = this.callbackFaults.shift();
			if (fault) return [fault.status, JSON.stringify(fault.body ?? {}), { 'content-type': 'application/json' }];
			// 204 without a JSON content-type: an empty body declared as JSON makes discord.js throw.
			return [204, ''];
		});
		scope.patch(/^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/(%40|@)original/).reply((uri, body) => {
			const token = /\/webhooks\/\d+\/([^/]+)\//.exec(uri)?.[1];
			this.record({ kind: 'edit', method: 'PATCH', path: uri, token, body: parse(body) });
			return [200, message(parse(body)), { 'content-type': 'application/json' }];
		});
		scope.post(/^\/api\/v10\/webhooks\/\d+\/[^/?]+(\?.*)?$/).reply((uri, body) => {
			const token = /\/webhooks\/\d+\/([^/?]+)/.exec(uri)?.[1];
			this.record({ kind: 'followup', method: 'POST', path: uri, token, body: parse(body) });
			return [200, message(parse(body)), { 'content-type': 'application/json' }];
		});
		scope.put(/^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/).reply((uri, body) => {
			const parsed = parse(body);
			this.record({ kind: 'commands', method: 'PUT', path: uri, body: parsed });
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
