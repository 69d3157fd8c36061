/**
 * The gateway misbehaves under a real discord.js Client: the client must come back (RESUME or a
 * fresh IDENTIFY, as the fault calls for) and answer the next interaction. Interactions sent while
 * the connection is down are replayed on RESUME, as Discord does, and answered exactly once.
 */
import { Status } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/render/embeds.js';
import type { GatewayFault } from '../harness/gateway.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { chatInput } from '../harness/payloads.js';
import { until } from '../harness/wait.js';

const QUESTION = 'Who won the Hartlepool by-election?';

describe('gateway faults the client recovers from', () => {
	let h: Harness;
	beforeAll(async () => {
		// Short heartbeats so a zombie connection is noticed within a few hundred milliseconds.
		h = await startHarness({ heartbeatIntervalMs: 100, instantReidentify: true });
	});
	afterAll(() => h.stop());

	const faults: [string, GatewayFault, 'resumed' | 'identified'][] = [
		['a clean close with a resumable code (4000)', { kind: 'close', code: 4000 }, 'resumed'],
		['an abrupt socket drop (no close frame)', { kind: 'drop' }, 'resumed'],
		['heartbeats no longer acknowledged (zombie connection)', { kind: 'zombie' }, 'resumed'],
		['op 7 Reconnect', { kind: 'reconnect' }, 'resumed'],
		['op 9 Invalid Session, resumable', { kind: 'invalid-session', resumable: true }, 'resumed'],
		['op 9 Invalid Session, not resumable', { kind: 'invalid-session', resumable: false }, 'identified'],
	];

	it.each(faults)('%s: the client comes back and answers the next interaction', async (_label, fault, expected) => {
		const identifies = h.gateway.identifies;
		expect(await h.gateway.inject(fault)).toBe(expected);
		// A resume keeps the session; only an invalidated session identifies again.
		expect(h.gateway.identifies).toBe(identifies + (expected === 'identified' ? 1 : 0));
		const reply = await h.send(chatInput('ask', { question: QUESTION }));
		expect(reply.body).toMatchObject({ type: 4, data: { embeds: renderAnswer(h.engine.ask(QUESTION))[0]?.embeds } });
		expect(allViolations(h.rest.captures)).toEqual([]);
	});

	it('an interaction sent while the socket is down is replayed on RESUME and answered once', async () => {
		const back = h.gateway.inject({ kind: 'drop' });
		// The drop has happened (inject's synchronous part): this dispatch reaches no open socket.
		const during = chatInput('ask', { question: QUESTION });
		h.gateway.dispatchInteraction(during);
		await back;
		await h.rest.waitFor((c) => c.kind === 'callback' && c.interactionId === during.id);
		const after = await h.send(chatInput('help'));
		expect(after.body).toMatchObject({ type: 4 });
		expect(h.rest.forInteraction(during).filter((c) => c.kind === 'callback')).toHaveLength(1);
	});

	it('logs the reconnects, so an operator can line a gap up with them', () => {
		expect(h.logs.some((line) => line.includes('"msg":"gateway reconnecting"'))).toBe(true);
		expect(h.logs.some((line) => line.includes('"msg":"gateway resumed"'))).toBe(true);
		expect(h.logs.some((line) => line.includes('"level":"error"'))).toBe(false);
	});
});

describe('a close the client cannot recover from (4004 authentication failed) after login', () => {
	let h: Harness;
	beforeAll(async () => {
		h = await startHarness({ instantReidentify: true });
	});
	afterAll(() => h.stop());

	it('is reported once, with what to do, and the client gives the session up', async () => {
		h.gateway.disconnectAll(4004);
		await until(() => h.fatalCloses.length > 0);
		expect(h.fatalCloses).toEqual([4004]);
		const line = h.logs.find((l) => l.includes('"msg":"Discord closed the gateway for good"')) ?? '';
		expect(JSON.parse(line)).toMatchObject({ level: 'error', code: 4004, meaning: expect.stringContaining('check DISCORD_TOKEN') });
		// Disconnected is discord.js's "will not reconnect" state. (That the process then exits instead
		// of idling, with no second IDENTIFY, is checked on `npm start` in process.test.ts.)
		expect(h.bot.client.ws.shards.get(0)?.status).toBe(Status.Disconnected);
	});
});
