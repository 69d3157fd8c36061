import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer, renderChoices } from '../../src/render/embeds.js';
import { overrideEngine, testEngine } from '../harness/engine.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { autocomplete, chatInput, messageContextMenu } from '../harness/payloads.js';

interface MessageBody {
	type: number;
	data: { flags?: number; embeds: { title?: string; description?: string; fields?: { name: string; value: string }[] }[]; components?: unknown[] };
}

let h: Harness;
const many = Array.from({ length: 40 }, (_, i) => `Speaker number ${i} ${'x'.repeat(i * 3)}`);
beforeAll(async () => {
	const real = await testEngine();
	// Real engine, except the autocomplete lists are made long and odd to exercise the clamping.
	h = await startHarness({
		engine: overrideEngine(real, {
			speakerChoices: (typed) => [...real.speakerChoices(typed), ...many.map((name, i) => ({ name, quotes: 40 - i }))],
			constituencyChoices: (typed) => (typed === 'many' ? [...many, 'y'.repeat(150)] : real.constituencyChoices(typed)),
		}),
	});
});
afterAll(() => h.stop());
afterEach(() => expect(allViolations(h.rest.captures)).toEqual([]));

describe('/help', () => {
	it('describes every command with examples', async () => {
		const reply = (await h.send(chatInput('help'))).body as MessageBody;
		const names = reply.data.embeds[0]?.fields?.map((f) => f.name).join('\n') ?? '';
		for (const command of ['/ask', '/quote', '/result', '/verify', '/sources', 'Find sources', '/reindex', 'private']) expect(names).toContain(command);
		expect(reply.data.embeds[0]?.fields?.some((f) => f.value.includes('Example'))).toBe(true);
	});

	it('is private on request', async () => {
		expect((await h.send(chatInput('help', { private: true }))).body).toMatchObject({ type: 4, data: { flags: 64 } });
	});
});

describe('autocomplete', () => {
	it('/quote speaker: most-quoted first, clamped to 25 choices of ≤ 100 characters', async () => {
		const reply = await h.send(autocomplete('quote', 'speaker', { speaker: 'Sta' }));
		const expected = renderChoices(h.engine.speakerChoices('Sta').map((c) => c.name));
		expect(reply.body).toEqual({ type: 8, data: { choices: expected } });
		expect(expected).toHaveLength(25);
	});

	it('/result constituency: overlong names are not offered', async () => {
		const reply = (await h.send(autocomplete('result', 'constituency', { constituency: 'many' }))).body as { data: { choices: { value: string }[] } };
		expect(reply.data.choices.map((c) => c.value)).not.toContain('y'.repeat(150));
		expect(reply.data.choices.length).toBeLessThanOrEqual(25);
	});

	it('/result constituency: what the engine knows', async () => {
		const reply = await h.send(autocomplete('result', 'constituency', { constituency: 'Hart' }));
		expect(reply.body).toEqual({ type: 8, data: { choices: renderChoices(h.engine.constituencyChoices('Hart')) } });
	});
});

describe('Find sources (message context menu)', () => {
	it('answers privately with the paragraphs that bear on the message', async () => {
		const statement = 'Labour lost Hartlepool to the Conservatives';
		const reply = await h.send(messageContextMenu('Find sources', statement));
		const expected = renderAnswer(h.engine.findSources(statement))[0]?.embeds;
		expect(reply.body).toMatchObject({ type: 4, data: { flags: 64, embeds: expected } });
	});

	it('refuses a message with no text, privately', async () => {
		const reply = (await h.send(messageContextMenu('Find sources', '   '))).body as MessageBody;
		expect(reply.data.flags).toBe(64);
		expect(reply.data.embeds[0]?.description).toBe('That message has no text to check.');
	});

	it('cannot be made to ping by the message it checks', async () => {
		const reply = await h.send(messageContextMenu('Find sources', '@everyone Starmer said <@&123456789012345678> lost trust'));
		expect(reply.body).toMatchObject({ data: { allowed_mentions: { parse: [] } } });
		expect(JSON.stringify(reply.body)).not.toMatch(/@everyone|<@&\d/);
	});
});

describe('/quote, /result, /verify', () => {
	const engine = testEngine();

	it('are registered with the right options', async () => {
		const { ALL_COMMANDS } = await import('../../commands/index.js');
		const byName = new Map(ALL_COMMANDS.map((c) => [c.data.name, c.data]));
		const optionNames = (name: string): string[] => ((byName.get(name) as { options?: { name: string }[] }).options ?? []).map((o) => o.name);
		expect(optionNames('quote')).toEqual(['speaker', 'topic', 'private']);
		expect(optionNames('result')).toEqual(['constituency', 'private']);
		expect(optionNames('verify')).toEqual(['quote', 'private']);
	});

	it('/quote answers from engine.quote: the speaker’s quotes as block quotes, with sources', async () => {
		const e = await engine;
		const reply = (await h.send(chatInput('quote', { speaker: 'Keir Starmer', topic: 'trust' }))).body as MessageBody;
		expect(reply.data.embeds).toEqual(renderAnswer(e.quote('Keir Starmer', 'trust'))[0]?.embeds);
		const fields = reply.data.embeds[0]?.fields ?? [];
		expect(fields.some((f) => f.name.startsWith('Quote 1') && f.value.startsWith('> ') && f.value.includes('Keir Starmer'))).toBe(true);
	});

	it('/result answers from engine.result: winner and majority, cited', async () => {
		const e = await engine;
		const reply = (await h.send(chatInput('result', { constituency: 'Hartlepool' }))).body as MessageBody;
		expect(reply.data.embeds).toEqual(renderAnswer(e.result('Hartlepool'))[0]?.embeds);
		const facts = reply.data.embeds[0]?.fields?.find((f) => f.name === 'Hartlepool')?.value ?? '';
		expect(facts).toMatch(/Winner: Jill Mortimer \(Conservative\) — 15,529 votes \\\[\d\\\]/);
		expect(facts).toContain('Majority: 6,940');
	});

	it('/verify answers from engine.verify, privately on request', async () => {
		const e = await engine;
		const wording = 'lost the trust of working people';
		const reply = (await h.send(chatInput('verify', { quote: wording, private: true }))).body as MessageBody;
		expect(reply.data.flags).toBe(64);
		expect(reply.data.embeds).toEqual(renderAnswer(e.verify(wording))[0]?.embeds);
		expect(reply.data.embeds[0]?.description).toMatch(/Verdict: word for word/);
	});
});
