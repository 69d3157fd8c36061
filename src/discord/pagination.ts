/**
 * The More button's custom_id says how to recompute the next page: command, arguments, page.
 * Short arguments travel inside the id (≤ 100 characters), so the button still works after a
 * restart. Long ones (a whole message for "Find sources") go into a bounded LRU keyed by a
 * short hash, with a TTL; after a restart or eviction the button answers "expired" cleanly.
 */
import { createHash } from 'node:crypto';
import { ButtonStyle, ComponentType } from 'discord.js';
import { z } from 'zod';
import type { Page } from '../render/embeds.js';
import { LIMITS } from '../render/limits.js';
import type { Reply } from './respond.js';

export const MORE_PREFIX = 'more';

export interface PageRequest {
	command: string;
	args: string[];
	/** 0-based page to show. */
	page: number;
}

export type Decoded = { ok: true; request: PageRequest } | { ok: false; command: string | null };

const Args = z.array(z.string());

interface Stored {
	command: string;
	args: string[];
	expires: number;
}

export interface PageStoreOptions {
	/** Entries kept at most: the store can never grow with traffic. */
	max?: number;
	ttlMs?: number;
	now?: () => number;
}

export class PageStore {
	private readonly entries = new Map<string, Stored>();
	private readonly max: number;
	private readonly ttlMs: number;
	private readonly now: () => number;

	constructor(options: PageStoreOptions = {}) {
		this.max = options.max ?? 1000;
		this.ttlMs = options.ttlMs ?? 30 * 60_000;
		this.now = options.now ?? Date.now;
	}

	get size(): number {
		return this.entries.size;
	}

	/** The custom_id for `page` of this command's answer. */
	encode(request: PageRequest): string {
		const head = `${MORE_PREFIX}:${request.page}:${request.command}:`;
		const inline = head + JSON.stringify(request.args);
		if (inline.length <= LIMITS.customId) return inline;
		const key = createHash('sha256').update(JSON.stringify([request.command, request.args])).digest('base64url').slice(0, 16);
		this.put(key, request.command, request.args);
		return `${head}#${key}`;
	}

	decode(customId: string): Decoded {
		const match = /^more:(\d{1,4}):([^:]{1,40}):(.*)$/s.exec(customId);
		if (!match) return { ok: false, command: null };
		const [, page = '0', command = '', rest = ''] = match;
		const args = rest.startsWith('#') ? this.get(rest.slice(1)) : parseArgs(rest);
		if (!args) return { ok: false, command };
		return { ok: true, request: { command, args, page: Number(page) } };
	}

	private put(key: string, command: string, args: string[]): void {
		this.entries.delete(key); // re-insert so the key becomes the most recent
		this.entries.set(key, { command, args, expires: this.now() + this.ttlMs });
		while (this.entries.size > this.max) {
			const oldest = this.entries.keys().next().value;
			if (oldest === undefined) break;
			this.entries.delete(oldest);
		}
	}

	private get(key: string): string[] | null {
		const entry = this.entries.get(key);
		if (!entry) return null;
		if (entry.expires <= this.now()) {
			this.entries.delete(key);
			return null;
		}
		return entry.args;
	}
}

/**
 * The reply showing `request.page` of `pages`, with a More button for the next page when there is
 * one. Pure apart from `store` (long arguments), so hostile-input tests check exactly what is sent.
 */
export function pageReply(pages: readonly Page[], request: PageRequest, store: PageStore): Reply {
	const page = pages[request.page] ?? pages[0];
	const next = request.page + 1;
	if (next >= pages.length) return { embeds: page?.embeds ?? [], components: [] };
	const more = { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: store.encode({ ...request, page: next }), label: `More (${next + 1}/${pages.length})` } as const;
	return { embeds: page?.embeds ?? [], components: [{ type: ComponentType.ActionRow, components: [more] }] };
}

function parseArgs(json: string): string[] | null {
	try {
		const parsed = Args.safeParse(JSON.parse(json));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
