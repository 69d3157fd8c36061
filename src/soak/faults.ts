/**
 * Every fault of issue 6, injected into a live bot (the real discord.js client on the fake
 * gateway, REST mocked) or a real `npm start` process, each followed by the check that the bot
 * survived it: the next interaction was answered exactly once, or the process stopped as it should.
 */
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startBotProcess } from '../../test/harness/child.js';
import type { BotProcessOptions } from '../../test/harness/child.js';
import type { Gate } from '../../test/harness/gate.js';
import type { GatewayFault } from '../../test/harness/gateway.js';
import { TOKEN } from '../../test/harness/ids.js';
import type { Harness } from '../../test/harness/index.js';
import { chatInput } from '../../test/harness/payloads.js';
import { alreadyAcknowledged, rateLimited, serverError, unknownInteraction } from '../../test/harness/rest.js';
import type { RestFault } from '../../test/harness/rest.js';
import { until } from '../../test/harness/wait.js';
import { follow, probe } from './probe.js';

export interface FaultResult {
	name: string;
	injected: number;
	survived: number;
	detail: string;
}

// Any question will do: the probe checks that an answer arrives once, not what it says.
const QUESTION = 'Who won the by-election?';

/** A gateway fault, then a probe: survived when the client came back as expected and the probe was answered once. */
async function gatewayFault(h: Harness, name: string, fault: GatewayFault): Promise<FaultResult> {
	const started = performance.now();
	const how = await withTimeout(h.gateway.inject(fault), 30_000);
	const back = Math.round(performance.now() - started);
	const answer = await probe(h, chatInput('ask', { question: QUESTION }));
	const survived = how !== 'timeout' && answer.answeredOnce;
	return { name, injected: 1, survived: survived ? 1 : 0, detail: `${how} after ${back} ms; next /ask ${answer.answeredOnce ? 'answered once' : answer.outcome}` };
}

/** A REST fault on the reply: survived when the user got exactly one reply (or, if none can arrive, the bot stopped after one request). */
async function restFault(h: Harness, name: string, faults: RestFault[], expectation: 'delivered' | 'one request'): Promise<FaultResult> {
	h.rest.callbackFaults.push(...faults);
	const payload = chatInput('ask', { question: QUESTION });
	const result = await probe(h, payload);
	const ok = expectation === 'delivered' ? result.answeredOnce : result.requests === 1 && result.outcome === 'gone';
	const next = await probe(h, chatInput('help'));
	const survived = ok && next.answeredOnce;
	return { name, injected: faults.length, survived: survived ? faults.length : 0, detail: `${result.requests} request(s), outcome ${result.outcome}; next command ${next.answeredOnce ? 'answered' : next.outcome}` };
}

/** A handler past Discord's 3 s window, with the real 2 s defer threshold: deferred, then the edit. */
async function slowHandler(h: Harness, gate: Gate): Promise<FaultResult> {
	const payload = chatInput('slow', { question: QUESTION });
	h.gateway.dispatchInteraction(payload);
	const started = performance.now();
	await until(() => h.rest.forInteraction(payload).length > 0 || performance.now() - started > 10_000);
	const deferredAfter = Math.round(performance.now() - started);
	gate.open();
	const result = await follow(h, payload);
	const deferred = h.rest.forInteraction(payload).some((c) => (c.body as { type?: number }).type === 5);
	const survived = deferred && result.answeredOnce;
	return { name: 'handler slower than 3 s', injected: 1, survived: survived ? 1 : 0, detail: `deferred after ${deferredAfter} ms, then the edit: ${result.answeredOnce ? 'delivered once' : result.outcome}` };
}

/** Runs every in-process fault, in turn, against one live bot. */
export async function runHarnessFaults(h: Harness, gate: Gate): Promise<FaultResult[]> {
	const results: FaultResult[] = [];
	const gatewayFaults: [string, GatewayFault][] = [
		['gateway close 4000 (resumable)', { kind: 'close', code: 4000 }],
		['gateway close 4009 (session timeout)', { kind: 'close', code: 4009 }],
		['gateway socket dropped', { kind: 'drop' }],
		['heartbeat ACKs stopped (zombie)', { kind: 'zombie' }],
		['op 7 Reconnect', { kind: 'reconnect' }],
		['op 9 Invalid Session (resumable)', { kind: 'invalid-session', resumable: true }],
		['op 9 Invalid Session (re-identify)', { kind: 'invalid-session', resumable: false }],
	];
	for (const [name, fault] of gatewayFaults) results.push(await gatewayFault(h, name, fault));
	results.push(await restFault(h, 'REST 429 retry_after, then 200', [rateLimited(0.25)], 'delivered'));
	results.push(await restFault(h, 'REST 500, then 200', [serverError(500)], 'delivered'));
	results.push(await restFault(h, 'REST 502 ×4 (retries exhausted)', [serverError(502), serverError(502), serverError(502), serverError(502)], 'delivered'));
	results.push(await restFault(h, 'REST 10062 Unknown interaction', [unknownInteraction()], 'one request'));
	results.push(await restFault(h, 'REST 40060 already acknowledged', [alreadyAcknowledged()], 'one request'));
	results.push(await slowHandler(h, gate));
	return results;
}

/** A real `npm start` that must stop with exit 1 and one clear line, never printing the token. */
async function processFault(name: string, options: BotProcessOptions, after?: (bot: Awaited<ReturnType<typeof startBotProcess>>) => Promise<void>): Promise<FaultResult> {
	const bot = await startBotProcess(options);
	try {
		await after?.(bot);
		const code = await withTimeout(bot.exited, 30_000);
		const clean = code === 1 && !bot.output.includes(TOKEN) && !/\n\s+at /.test(bot.output) && bot.gateway.identifies <= 1;
		return { name, injected: 1, survived: clean ? 1 : 0, detail: `exit ${String(code)}, ${bot.gateway.identifies} IDENTIFY, token ${bot.output.includes(TOKEN) ? 'PRINTED' : 'not printed'}` };
	} finally {
		await bot.stop();
	}
}

export async function runProcessFaults(): Promise<FaultResult[]> {
	const empty = await mkdtemp(path.join(tmpdir(), 'ro-soak-empty-'));
	return [
		await processFault('npm start: 4004 on IDENTIFY', { closeOnIdentify: 4004 }),
		await processFault('npm start: 4004 after login', {}, async (bot) => {
			await bot.waitForOutput('"msg":"ready"');
			bot.gateway.disconnectAll(4004);
		}),
		await processFault('npm start: login refused, token echoed', { gatewayInfo: { status: 403, body: { message: `Forbidden for Bot ${TOKEN}`, code: 50001 } } }),
		await processFault('npm start: no usable article', { env: { SEEDS_DIR: empty } }),
	];
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
