/**
 * Discord's REST API misbehaves while the bot answers: rate limits, server errors and the
 * "Unknown interaction" that follows a missed 3 s window. Each reply is delivered exactly once
 * when it can be, and nothing retries in a loop when it cannot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS, loadCommands } from '../../commands/index.js';
import { ask } from '../../commands/ask.js';
import type { ActionCommand, SlashAnswerCommand } from '../../src/discord/command.js';
import { renderAnswer, renderNotice } from '../../src/render/embeds.js';
import { Gate } from '../harness/gate.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { buttonClick, chatInput } from '../harness/payloads.js';
import type { InteractionPayload } from '../harness/payloads.js';
import { alreadyAcknowledged, rateLimited, serverError, unknownInteraction } from '../harness/rest.js';
import type { Capture } from '../harness/rest.js';
import { until } from '../harness/wait.js';
import { askAnswer, citation } from '../render/answers.js';

const QUESTION = 'Who won the Hartlepool by-election?';
const LONG = askAnswer({ title: 'A long answer', citations: Array.from({ length: 20 }, (_, i) => citation(i + 1)) });

/** `/slow` answers like /ask (or with LONG, for "long") once `gate` opens: a handler past the deadline. */
let gate = new Gate();
const slow: SlashAnswerCommand = {
	...ask,
	data: { ...ask.data, name: 'slow' },
	answer: async (engine, [question = '']) => {
		await gate.wait();
		return question === 'long' ? LONG : engine.ask(question);
	},
};
const slowAction: ActionCommand = {
	kind: 'action',
	data: { ...ask.data, name: 'slowaction', options: [] },
	run: async () => {
		await gate.wait();
		return { embeds: [renderNotice('Done', 'The slow work finished.')] };
	},
};

let h: Harness;
beforeAll(async () => {
	// The defer threshold is shortened so the slow path runs without multi-second sleeps.
	h = await startHarness({ commands: loadCommands([...ALL_COMMANDS, slow, slowAction]), deferAfterMs: 25 });
});
afterAll(() => h.stop());
afterEach(async () => {
	await until(() => h.bot.dispatcher.pending === 0);
	expect(allViolations(h.rest.captures)).toEqual([]);
	expect(h.rest.callbackFaults).toEqual([]);
	expect(h.rest.editFaults).toEqual([]);
});

/** Resolves with the first 2xx callback for `payload`: the one the user saw. */
function delivered(payload: InteractionPayload, kind: Capture['kind'] = 'callback'): Promise<Capture> {
	return h.rest.waitFor((c) => c.kind === kind && (c.interactionId === payload.id || c.token === payload.token) && c.status < 300);
}

/** Statuses of every request sent for `payload`, once its handler has finished (its log line is written last). */
async function statuses(payload: InteractionPayload, kind: Capture['kind'] = 'callback'): Promise<number[]> {
	await until(() => logLines(payload.id).some((l) => l.msg === 'interaction'));
	return h.rest.forInteraction(payload).filter((c) => c.kind === kind).map((c) => c.status);
}

function logLines(id: string): Record<string, unknown>[] {
	return h.logs.filter((line) => line.includes(id)).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('REST faults on the reply', () => {
	it('429 with retry_after, then 200: the reply is delivered once, after the wait', async () => {
		h.rest.callbackFaults.push(rateLimited(0.05));
		const payload = chatInput('ask', { question: QUESTION });
		h.gateway.dispatchInteraction(payload);
		expect((await delivered(payload)).body).toMatchObject({ type: 4, data: { embeds: renderAnswer(h.engine.ask(QUESTION))[0]?.embeds } });
		expect(await statuses(payload)).toEqual([429, 204]);
		expect(logLines(payload.id).at(-1)).toMatchObject({ msg: 'interaction', outcome: 'ok' });
	});

	it('500, then 200: discord.js retries and the reply is delivered once', async () => {
		h.rest.callbackFaults.push(serverError(500));
		const payload = chatInput('ask', { question: QUESTION });
		h.gateway.dispatchInteraction(payload);
		expect((await delivered(payload)).body).toMatchObject({ type: 4 });
		expect(await statuses(payload)).toEqual([500, 204]);
	});

	it('a 5xx that persists: three retries, then a logged error and an apology, and the bot keeps serving', async () => {
		h.rest.callbackFaults.push(serverError(502), serverError(502), serverError(502), serverError(502));
		const payload = chatInput('ask', { question: QUESTION });
		h.gateway.dispatchInteraction(payload);
		const apology = await delivered(payload);
		expect(apology.body).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Something went wrong' }] } });
		expect(await statuses(payload)).toEqual([502, 502, 502, 502, 204]);
		expect(logLines(payload.id).find((l) => l.msg === 'handler failed')).toMatchObject({ level: 'error', errorId: expect.any(String) });
		expect((await h.send(chatInput('help'))).body).toMatchObject({ type: 4 });
	});

	it.each([
		['10062 Unknown interaction (the 3 s window was missed)', unknownInteraction(), 10062, 404],
		['40060 already acknowledged', alreadyAcknowledged(), 40060, 400],
	])('%s: logged with the interaction id, one request, no apology, no crash', async (_label, fault, code, status) => {
		h.rest.callbackFaults.push(fault);
		const payload = chatInput('ask', { question: QUESTION });
		h.gateway.dispatchInteraction(payload);
		expect(await statuses(payload)).toEqual([status]);
		const lines = logLines(payload.id);
		expect(lines.find((l) => l.msg === 'interaction no longer answerable')).toMatchObject({ level: 'warn', id: payload.id, code });
		expect(lines.find((l) => l.msg === 'interaction')).toMatchObject({ outcome: 'gone' });
		expect(lines.some((l) => l.msg === 'handler failed')).toBe(false);
		expect((await h.send(chatInput('help'))).body).toMatchObject({ type: 4 });
	});
});

describe('a handler slower than the deadline', () => {
	afterEach(() => {
		gate.open();
		gate = new Gate();
	});

	it('defers, and the answer arrives as an edit of the deferred reply', async () => {
		const payload = chatInput('slow', { question: QUESTION, private: true });
		h.gateway.dispatchInteraction(payload);
		expect((await delivered(payload)).body).toEqual({ type: 5, data: { flags: 64 } });
		gate.open();
		const edit = await delivered(payload, 'edit');
		expect(edit.body).toMatchObject({ embeds: renderAnswer(h.engine.ask(QUESTION))[0]?.embeds, allowed_mentions: { parse: [] } });
		expect(await statuses(payload)).toEqual([204]);
		expect(await statuses(payload, 'edit')).toEqual([200]);
	});

	it('works the same for an action command', async () => {
		const payload = chatInput('slowaction');
		h.gateway.dispatchInteraction(payload);
		expect((await delivered(payload)).body).toMatchObject({ type: 5 });
		gate.open();
		expect((await delivered(payload, 'edit')).body).toMatchObject({ embeds: [{ title: 'Done' }] });
	});

	it('turns a page of the More button after deferring the update', async () => {
		const click = buttonClick('more:1:slow:["long"]');
		h.gateway.dispatchInteraction(click);
		expect((await delivered(click)).body).toEqual({ type: 6 });
		gate.open();
		expect((await delivered(click, 'edit')).body).toMatchObject({ embeds: renderAnswer(LONG)[1]?.embeds });
	});

	it('a rate-limited edit is retried and delivered once', async () => {
		h.rest.editFaults.push(rateLimited(0.05));
		const payload = chatInput('slow', { question: QUESTION });
		h.gateway.dispatchInteraction(payload);
		await delivered(payload);
		gate.open();
		await delivered(payload, 'edit');
		expect(await statuses(payload, 'edit')).toEqual([429, 200]);
	});

	it('if even the deferral is too late (10062), the answer is dropped quietly: one request in all', async () => {
		h.rest.callbackFaults.push(unknownInteraction());
		const payload = chatInput('slow', { question: QUESTION });
		h.gateway.dispatchInteraction(payload);
		await until(() => h.rest.forInteraction(payload).length > 0 && gate.waiters > 0);
		gate.open();
		expect(await statuses(payload)).toEqual([404]);
		expect(h.rest.forInteraction(payload)).toHaveLength(1);
		expect(logLines(payload.id).find((l) => l.msg === 'interaction')).toMatchObject({ outcome: 'gone' });
	});

	it('a fast answer is never deferred, however short the threshold: the engine answers without yielding', async () => {
		const payload = chatInput('ask', { question: QUESTION });
		expect((await h.send(payload)).body).toMatchObject({ type: 4 });
		expect(await statuses(payload, 'edit')).toEqual([]);
	});
});
