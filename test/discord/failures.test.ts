import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/answer/engine.js';
import { renderAnswer } from '../../src/render/embeds.js';
import { overrideEngine, testEngine } from '../harness/engine.js';
import { TOKEN } from '../harness/ids.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { ControlledReload } from '../harness/reload.js';
import { ADMIN_PERMISSIONS, autocomplete, chatInput } from '../harness/payloads.js';

interface Body {
	type: number;
	data: { flags?: number; embeds: { title?: string; description?: string }[] };
}

let h: Harness;
let real: EngineApi;
const reloads = new ControlledReload();

beforeAll(async () => {
	real = await testEngine();
	const engine = overrideEngine(real, {
		ask: (q) => {
			if (q === 'boom') throw new Error(`engine exploded near ${TOKEN}`);
			return real.ask(q);
		},
		speakerChoices: (typed) => {
			if (typed === 'boom') throw new Error('autocomplete exploded');
			return real.speakerChoices(typed);
		},
	});
	h = await startHarness({
		engine,
		newErrorId: () => 'e7f00d',
		reload: reloads.reload,
	});
});
afterAll(() => h.stop());
afterEach(() => expect(allViolations(h.rest.captures)).toEqual([]));

describe('a handler that throws', () => {
	it('gets a private apology with a short error id, logged with that id, token redacted', async () => {
		const reply = (await h.send(chatInput('ask', { question: 'boom' }))).body as Body;
		expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
		expect(reply.data.embeds[0]?.title).toBe('Something went wrong');
		expect(reply.data.embeds[0]?.description).toContain('e7f00d');
		const logged = h.logs.find((line) => line.includes('"msg":"handler failed"')) ?? '';
		expect(JSON.parse(logged)).toMatchObject({ level: 'error', errorId: 'e7f00d', command: '/ask' });
		expect(logged).toContain('engine exploded near [redacted]');
		expect(h.logs.join('\n')).not.toContain(TOKEN);
	});

	it('does not stop the bot: the next interaction is answered', async () => {
		const reply = await h.send(chatInput('ask', { question: 'Who won Hartlepool?' }));
		expect(reply.body).toMatchObject({ type: 4, data: { embeds: renderAnswer(real.ask('Who won Hartlepool?'))[0]?.embeds } });
	});

	it('in autocomplete, answers with no choices', async () => {
		const reply = await h.send(autocomplete('quote', 'speaker', { speaker: 'boom' }));
		expect(reply.body).toEqual({ type: 8, data: { choices: [] } });
	});
});

describe('/reindex', () => {
	it('is refused, privately, to a member without Manage Server, and does not reload', async () => {
		const reply = (await h.send(chatInput('reindex'))).body as Body;
		expect(reply).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Not allowed' }] } });
		expect(reloads.calls).toBe(0);
	});

	it('defers and reloads; meanwhile other commands answer at once from the previous index, then from the new one', async () => {
		const reindex = chatInput('reindex', {}, { permissions: ADMIN_PERMISSIONS });
		expect((await h.send(reindex)).body).toMatchObject({ type: 5 });
		const pending = await reloads.next();

		// While the reload runs, /ask does not wait for it: it replies straight away, from the index in place.
		const during = (await h.send(chatInput('ask', { question: 'Who won Hartlepool?', private: true }))).body as Body;
		expect(during).toMatchObject({ type: 4, data: { flags: 64 } });
		expect(during.data.embeds[0]?.title).toBe(renderAnswer(real.ask('Who won Hartlepool?'))[0]?.embeds[0]?.title);

		const fresh = overrideEngine(real, { ask: () => ({ ...real.ask('Who won Hartlepool?'), title: 'From the new index' }) });
		pending.resolve(fresh);
		const done = (await h.edit(reindex)).body as Body['data'];
		expect(done.embeds[0]?.title).toBe('Reindexed');
		expect(done.embeds[0]?.description).toMatch(/^Indexed \d+ articles?\./);

		const after = (await h.send(chatInput('ask', { question: 'Who won Hartlepool?' }))).body as Body;
		expect(after.data.embeds[0]?.title).toBe('From the new index');
	});

	it('keeps answering from the previous index when the reload fails', async () => {
		const reindex = chatInput('reindex', { private: true }, { permissions: ADMIN_PERMISSIONS });
		expect((await h.send(reindex)).body).toEqual({ type: 5, data: { flags: 64 } });
		(await reloads.next()).reject(new Error('disk on fire'));
		const done = (await h.edit(reindex)).body as Body['data'];
		expect(done.embeds[0]?.title).toBe('Reindex failed');
		const logged = h.logs.find((line) => line.includes('rebuild failed')) ?? '';
		expect(JSON.parse(logged)).toMatchObject({ level: 'error', trigger: '/reindex', error: expect.stringContaining('disk on fire') });
		const reply = (await h.send(chatInput('ask', { question: 'anything' }))).body as Body;
		expect(reply.data.embeds[0]?.title).toBe('From the new index');
	});
});
