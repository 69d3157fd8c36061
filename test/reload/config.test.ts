import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/discord/config.js';
import { APP_ID, TOKEN } from '../harness/ids.js';

const base = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID };

describe('watch configuration', () => {
	it('watches by default, with a one-second debounce; blank lines from .env.example mean the defaults', () => {
		for (const env of [base, { ...base, WATCH_SEEDS: '', WATCH_DEBOUNCE_MS: '' }]) {
			expect(parseConfig(env)).toMatchObject({ ok: true, config: { watchSeeds: true, watchDebounceMs: 1000 } });
		}
	});

	it('reads WATCH_SEEDS=false and a debounce in milliseconds', () => {
		expect(parseConfig({ ...base, WATCH_SEEDS: 'false', WATCH_DEBOUNCE_MS: '250' })).toMatchObject({ ok: true, config: { watchSeeds: false, watchDebounceMs: 250 } });
	});

	it.each([
		[{ WATCH_SEEDS: 'yes' }, /WATCH_SEEDS is invalid: must be true or false/],
		[{ WATCH_DEBOUNCE_MS: 'soon' }, /WATCH_DEBOUNCE_MS is invalid/],
		[{ WATCH_DEBOUNCE_MS: '2.5' }, /WATCH_DEBOUNCE_MS is invalid/],
		[{ WATCH_DEBOUNCE_MS: '0' }, /WATCH_DEBOUNCE_MS is invalid/],
		[{ WATCH_DEBOUNCE_MS: '3600000' }, /WATCH_DEBOUNCE_MS is invalid/],
	])('names a bad value: %j', (env, message) => {
		const result = parseConfig({ ...base, ...env });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(message);
	});
});
