import { describe, expect, it } from 'vitest';
import { testEngine } from '../harness/engine.js';
import { startHarness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { ADMIN_PERMISSIONS, chatInput } from '../harness/payloads.js';
import { ControlledReload } from '../harness/reload.js';

describe('shutdown (SIGINT/SIGTERM)', () => {
	it('stops taking interactions, finishes the ones in flight, then disconnects', async () => {
		const engine = await testEngine();
		const reloads = new ControlledReload();
		const h = await startHarness({ engine, reload: reloads.reload });

		const inFlight = chatInput('reindex', {}, { permissions: ADMIN_PERMISSIONS });
		expect((await h.send(inFlight)).body).toMatchObject({ type: 5 });
		const pending = await reloads.next();

		let stopped = false;
		const stopping = h.bot.stop().then(() => (stopped = true));

		// A newcomer is turned away politely rather than left to time out.
		const late = (await h.send(chatInput('ask', { question: 'Who won?' }))).body;
		expect(late).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Restarting' }] } });
		expect(stopped).toBe(false);

		pending.resolve(engine);
		await stopping;
		// The in-flight reply was delivered before the client was destroyed.
		expect(h.rest.forInteraction(inFlight).map((c) => c.kind)).toEqual(['callback', 'edit']);
		expect(h.bot.client.isReady()).toBe(false);
		expect(allViolations(h.rest.captures)).toEqual([]);

		await h.stop();
	});
});
