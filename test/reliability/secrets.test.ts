/**
 * The bot token must never reach a log line, a reply, or a crash report. Errors are made to carry
 * it on every path that logs or replies (engine, reload, REST error bodies, client errors); the
 * logger is also checked on its own with random tokens cut at random places. Login failures and
 * crash output of the real process are in process.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/answer/engine.js';
import { createLogger, describeError } from '../../src/discord/logger.js';
import { overrideEngine, testEngine } from '../harness/engine.js';
import { TOKEN } from '../harness/ids.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { ADMIN_PERMISSIONS, autocomplete, chatInput } from '../harness/payloads.js';
import { until } from '../harness/wait.js';

/** The part of a bot token that is actually secret (the first part is the bot's public id). */
const SECRET_PART = TOKEN.split('.')[2] ?? '';

describe('the token on every path that logs or replies', () => {
	let h: Harness;
	let real: EngineApi;
	beforeAll(async () => {
		real = await testEngine();
		const engine = overrideEngine(real, {
			ask: (q) => {
				if (q === 'short') throw new Error(`login with ${TOKEN} failed`);
				if (q === 'long') throw new Error(`${'x'.repeat(450)}${TOKEN}`); // cut by the 500-character limit mid-token
				return real.ask(q);
			},
			speakerChoices: () => {
				throw new TypeError(`Bot ${TOKEN}`);
			},
		});
		h = await startHarness({ engine, reload: () => Promise.reject(new Error(`reload used ${TOKEN}`)) });
	});
	afterAll(() => h.stop());

	it('handler errors, a failed reload, an autocomplete error, a REST error body and a client error: redacted', async () => {
		await h.send(chatInput('ask', { question: 'short' }));
		await h.send(chatInput('ask', { question: 'long' }));
		await h.send(autocomplete('quote', 'speaker', { speaker: 'x' }));
		const reindex = chatInput('reindex', {}, { permissions: ADMIN_PERMISSIONS });
		await h.send(reindex);
		await h.edit(reindex);
		h.rest.callbackFaults.push({ status: 400, body: { message: `Invalid Form Body near ${TOKEN}`, code: 50035 } });
		await h.send(chatInput('help'));
		h.bot.client.emit('error', new Error(`socket said ${TOKEN}`));
		await until(() => h.bot.dispatcher.pending === 0 && h.logs.some((l) => l.includes('"msg":"client error"')));

		const logs = h.logs.join('\n');
		expect(logs.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(6);
		expect(logs).not.toContain(SECRET_PART.slice(0, 12));
		expect(JSON.stringify(h.rest.captures)).not.toContain(SECRET_PART.slice(0, 12));
	});
});

describe('the logger', () => {
	const part = (min: number, max: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
	const token = fc.tuple(part(24, 26), part(6, 6), part(27, 38)).map((parts) => parts.join('.'));

	it('redacts a token wherever an error message carries it, including when the message is cut inside it', () => {
		fc.assert(
			fc.property(token, fc.string({ maxLength: 600 }), fc.string({ maxLength: 50 }), fc.constantFrom<'json' | 'text'>('json', 'text'), (secret, before, after, format) => {
				const lines: string[] = [];
				const log = createLogger({ level: 'debug', format, secrets: [secret], write: (line) => lines.push(line) });
				log.error('failed', { error: describeError(new Error(`${before}${secret}${after}`)), raw: `${secret}` });
				const hidden = secret.split('.')[2] ?? '';
				expect(lines.join('\n')).not.toContain(hidden.slice(0, 8));
			}),
			{ numRuns: 500 },
		);
	});
});
