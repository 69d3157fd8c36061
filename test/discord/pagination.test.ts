import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PageStore } from '../../src/discord/pagination.js';
import { renderAnswer } from '../../src/render/embeds.js';
import { overrideEngine, testEngine } from '../harness/engine.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { buttonClick, chatInput, messageContextMenu } from '../harness/payloads.js';
import { askAnswer, citation } from '../render/answers.js';

interface Button {
	custom_id: string;
	label: string;
}
interface Body {
	type: number;
	data: { flags?: number; embeds: { title?: string; description?: string }[]; components: { components: Button[] }[] };
}

const LONG = askAnswer({ title: 'A long answer', citations: Array.from({ length: 20 }, (_, i) => citation(i + 1)) });
const PAGES = renderAnswer(LONG);
let now = 0;
let h: Harness;

beforeAll(async () => {
	const real = await testEngine();
	h = await startHarness({
		engine: overrideEngine(real, {
			ask: (q) => (q === 'long' ? LONG : real.ask(q)),
			findSources: (s) => (s.startsWith('long') ? LONG : real.findSources(s)),
		}),
		pages: new PageStore({ ttlMs: 60_000, now: () => now }),
	});
});
afterAll(() => h.stop());
afterEach(() => expect(allViolations(h.rest.captures)).toEqual([]));

function more(body: unknown): Button | undefined {
	return (body as Body).data.components[0]?.components[0];
}

describe('the More button', () => {
	it('comes with the first page of a long answer', async () => {
		expect(PAGES.length).toBeGreaterThanOrEqual(3);
		const reply = await h.send(chatInput('ask', { question: 'long' }));
		expect((reply.body as Body).data.embeds).toEqual(PAGES[0]?.embeds);
		expect(more(reply.body)).toMatchObject({ label: `More (2/${PAGES.length})`, custom_id: 'more:1:ask:["long"]' });
	});

	it('turns the page in place, offering the page after', async () => {
		const reply = await h.send(buttonClick('more:1:ask:["long"]'));
		expect(reply.body).toMatchObject({ type: 7, data: { embeds: PAGES[1]?.embeds } });
		expect(more(reply.body)?.custom_id).toBe('more:2:ask:["long"]');
	});

	it('on the last page, removes the button', async () => {
		const last = PAGES.length - 1;
		const reply = await h.send(buttonClick(`more:${last}:ask:["long"]`));
		expect(reply.body).toMatchObject({ type: 7, data: { embeds: PAGES[last]?.embeds, components: [] } });
	});

	it('does not appear on a short answer', async () => {
		const reply = await h.send(chatInput('sources'));
		expect((reply.body as Body).data.components).toEqual([]);
	});

	it('keeps long arguments server-side under a short key, within 100 characters', async () => {
		const statement = `long ${'statement '.repeat(50)}`;
		const reply = await h.send(messageContextMenu('Find sources', statement));
		const id = more(reply.body)?.custom_id ?? '';
		expect(id).toMatch(/^more:1:Find sources:#[\w-]{16}$/);
		const page = await h.send(buttonClick(id, { ephemeral: true }));
		expect(page.body).toMatchObject({ type: 7, data: { embeds: PAGES[1]?.embeds } });
	});

	it('expires cleanly once the stored arguments are gone', async () => {
		const reply = await h.send(messageContextMenu('Find sources', `long ${'words '.repeat(40)}`));
		const id = more(reply.body)?.custom_id ?? '';
		now += 61_000; // past the TTL
		const click = (await h.send(buttonClick(id))).body as Body;
		expect(click).toMatchObject({ type: 4, data: { flags: 64 } });
		expect(click.data.embeds[0]?.title).toBe('This list has expired');
		expect(click.data.embeds[0]?.description).toContain('“Find sources”');
	});

	it('expires cleanly for a page that no longer exists or an id it cannot read', async () => {
		for (const id of ['more:99:ask:["long"]', 'more:1:ask:[not json', 'more:1:nosuchcommand:[]', 'more:1:ask:#unknownkey000000']) {
			const click = (await h.send(buttonClick(id))).body as Body;
			expect(click, id).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'This list has expired' }] } });
		}
	});
});

describe('PageStore', () => {
	it('decodes an inline id without any stored state (a restarted bot)', () => {
		const id = new PageStore().encode({ command: 'ask', args: ['Who won?'], page: 2 });
		expect(new PageStore().decode(id)).toEqual({ ok: true, request: { command: 'ask', args: ['Who won?'], page: 2 } });
	});

	it('is bounded: the oldest keys are evicted', () => {
		const store = new PageStore({ max: 3 });
		const ids = Array.from({ length: 5 }, (_, i) => store.encode({ command: 'ask', args: [`${i} ${'x'.repeat(120)}`], page: 1 }));
		expect(store.size).toBe(3);
		expect(store.decode(ids[0] ?? '').ok).toBe(false);
		expect(store.decode(ids[4] ?? '').ok).toBe(true);
	});
});
