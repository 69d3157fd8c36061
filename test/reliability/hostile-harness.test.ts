/**
 * Hostile options through the real discord.js Client on the fake gateway (fewer runs than the
 * direct property tests: each is a real round trip). Whatever the input, exactly one callback is
 * sent, within Discord's limits, with allowed_mentions empty, and no handler throws.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { until } from '../harness/wait.js';
import { hostileInteraction } from './hostile.js';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.stop());

describe('hostile interactions through the real client', () => {
	it('300 of them: one callback each, within limits, no mentions, no handler failures', async () => {
		await fc.assert(
			fc.asyncProperty(hostileInteraction(), async (payload) => {
				h.gateway.dispatchInteraction(payload);
				await until(() => h.logs.some((line) => line.includes(`"id":"${payload.id}"`) && line.includes('"msg":"interaction"')));
				const sent = h.rest.forInteraction(payload);
				expect(sent.filter((c) => c.kind === 'callback' && c.status < 300)).toHaveLength(1);
				expect(allViolations(sent)).toEqual([]);
				expect(h.logs.filter((line) => line.includes(payload.id) && line.includes('"level":"error"'))).toEqual([]);
			}),
			{ numRuns: 300 },
		);
	});
});
