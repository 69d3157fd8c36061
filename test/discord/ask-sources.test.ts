import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/render/embeds.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { chatInput } from '../harness/payloads.js';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.stop());
afterEach(() => expect(allViolations(h.rest.captures)).toEqual([]));

describe('/ask', () => {
	it('replies publicly with the first page of the cited answer', async () => {
		const question = 'Who won the Hartlepool by-election?';
		const reply = await h.send(chatInput('ask', { question }));
		const expected = renderAnswer(h.engine.ask(question));
		expect(reply.body).toMatchObject({ type: 4, data: { embeds: expected[0]?.embeds, allowed_mentions: { parse: [] } } });
		expect((reply.body as { data: { flags?: number } }).data.flags ?? 0).toBe(0);
	});

	it('cites with numbered fields naming the source and paragraph', async () => {
		const reply = await h.send(chatInput('ask', { question: 'What did Keir Starmer say about trust?' }));
		const fields = (reply.body as { data: { embeds: { fields?: { name: string }[] }[] } }).data.embeds[0]?.fields ?? [];
		expect(fields.length).toBeGreaterThan(0);
		expect(fields[0]?.name).toMatch(/^\[1\] .+ — .+ ¶\d+/);
	});

	it('with private: true, only the asker sees it (ephemeral flag 64)', async () => {
		const reply = await h.send(chatInput('ask', { question: 'Who won Hartlepool?', private: true }));
		expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
	});

	it('logs one line for the interaction: command, options size, latency, outcome', async () => {
		const payload = chatInput('ask', { question: 'turnout' });
		await h.send(payload);
		const line = await waitForLog(h, payload.id);
		expect(JSON.parse(line)).toMatchObject({ msg: 'interaction', command: '/ask', options: 'turnout'.length, outcome: 'ok' });
		expect(JSON.parse(line).latencyMs).toEqual(expect.any(Number));
	});
});

describe('/sources', () => {
	it('lists every indexed article', async () => {
		const reply = await h.send(chatInput('sources'));
		const answer = h.engine.sources();
		expect(answer.command).toBe('sources');
		const articles = answer.command === 'sources' ? answer.articles : [];
		expect(articles.length).toBeGreaterThan(0);
		const pages = renderAnswer(answer);
		expect(reply.body).toMatchObject({ type: 4, data: { embeds: pages[0]?.embeds } });
		const names = pages.flatMap((p) => p.embeds.flatMap((e) => e.fields ?? []).map((f) => f.name));
		expect(names.length).toBeGreaterThanOrEqual(articles.length);
	});
});

/** The log line is written after the callback resolves; wait for it without timing. */
async function waitForLog(harness: Harness, id: string): Promise<string> {
	for (;;) {
		const line = harness.logs.find((l) => l.includes(`"id":"${id}"`) && l.includes('"msg":"interaction"'));
		if (line) return line;
		await new Promise((resolve) => setImmediate(resolve));
	}
}
