/** The harness itself: if it can't fail, the tests built on it prove nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './index.js';
import type { Harness } from './index.js';
import { OP } from './gateway.js';
import { violations } from './limits.js';
import { chatInput } from './payloads.js';
import type { Capture } from './rest.js';

describe('the fake gateway', () => {
	let h: Harness;
	beforeAll(async () => {
		h = await startHarness();
	});
	afterAll(() => h.stop());

	it('identified the real client, which then answers an interaction', async () => {
		expect(h.gateway.received.filter((f) => f.op === OP.identify)).toHaveLength(1);
		expect((await h.send(chatInput('help'))).body).toMatchObject({ type: 4 });
	});

	it('lets the client RESUME after a resumable close, and the next interaction is answered', async () => {
		const before = h.gateway.received.length;
		h.gateway.disconnectAll(4000);
		await h.gateway.waitForFrame(OP.resume, before);
		expect((await h.send(chatInput('help'))).body).toMatchObject({ type: 4 });
	});
});

describe('the limits checker', () => {
	const capture = (body: unknown, kind: Capture['kind'] = 'callback'): Capture => ({ kind, method: 'POST', path: '/x', body, status: 200 });
	const ok = { allowed_mentions: { parse: [] } };

	it('passes a well-formed reply', () => {
		expect(violations(capture({ type: 4, data: { ...ok, content: 'hi', embeds: [{ title: 't', fields: [{ name: 'n', value: 'v' }] }] } }))).toEqual([]);
	});

	it.each([
		['no allowed_mentions', { type: 4, data: { content: 'hi' } }, /allowed_mentions/],
		['mentions allowed', { type: 4, data: { content: 'hi', allowed_mentions: { parse: ['everyone'] } } }, /allowed_mentions/],
		['long content', { type: 4, data: { ...ok, content: 'x'.repeat(2001) } }, /content 2001/],
		['11 embeds', { type: 4, data: { ...ok, embeds: Array.from({ length: 11 }, () => ({ title: 't' })) } }, /11 embeds/],
		['long title', { type: 4, data: { ...ok, embeds: [{ title: 'x'.repeat(257) }] } }, /title 257/],
		['26 fields', { type: 7, data: { ...ok, embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] } }, /26 fields/],
		['empty field value', { type: 4, data: { ...ok, embeds: [{ fields: [{ name: 'n', value: ' ' }] }] } }, /value is empty/],
		['over 6000 in all', { type: 4, data: { ...ok, embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] } }, /total 6001/],
		['long custom_id', { type: 4, data: { ...ok, components: [{ type: 1, components: [{ type: 2, custom_id: 'x'.repeat(101), label: 'More' }] }] } }, /custom_id 101/],
		['26 choices', { type: 8, data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `${i}`, value: `${i}` })) } }, /26 choices/],
		['long choice', { type: 8, data: { choices: [{ name: 'x'.repeat(101), value: 'x' }] } }, /choice name length 101/],
	])('flags %s', (_label, body, pattern) => {
		expect(violations(capture(body)).join('\n')).toMatch(pattern);
	});

	it('checks webhook edits too', () => {
		expect(violations(capture({ content: 'x' }, 'edit')).join('\n')).toMatch(/allowed_mentions/);
	});
});
