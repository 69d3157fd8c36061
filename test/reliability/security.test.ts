/**
 * Security: the bot token never reaches a log line, a reply or a crash report (errors are made to
 * carry it on every path that logs or replies; the logger is also checked alone with random tokens
 * cut at random places; login failures and the real process's output are in process.test.ts). And
 * admin commands are refused at run time to members without the permissions their definition asks
 * for: a server admin can change `default_member_permissions` in Integrations settings, and Discord
 * then delivers the interaction. The refusal is private and says what is needed.
 */
import fc from 'fast-check';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS, loadCommands } from '../../commands/index.js';
import { quote } from '../../commands/quote.js';
import type { EngineApi } from '../../src/answer/engine.js';
import type { SlashAnswerCommand } from '../../src/discord/command.js';
import { createLogger, describeError } from '../../src/discord/logger.js';
import { requiredPermissions } from '../../src/discord/permissions.js';
import { overrideEngine, testEngine } from '../harness/engine.js';
import { TOKEN } from '../harness/ids.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { ADMIN_PERMISSIONS, MEMBER_PERMISSIONS, autocomplete, buttonClick, chatInput } from '../harness/payloads.js';
import type { InteractionPayload } from '../harness/payloads.js';
import { ControlledReload } from '../harness/reload.js';
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

/** A made-up future admin command, to show the check is generic rather than written into /reindex. */
const audit: SlashAnswerCommand = {
	...quote,
	data: { ...quote.data, name: 'audit', default_member_permissions: String(PermissionFlagsBits.ManageMessages) },
};

const reloads = new ControlledReload();
let bot: Harness;

const ADMIN_BITS = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

/** Any permission set without Manage Server or Administrator: what a member given access by a server admin might have. */
const withoutAdmin = fc.bigInt({ min: 0n, max: (1n << 50n) - 1n }).map((bits) => bits & ~ADMIN_BITS);

async function refusal(payload: InteractionPayload): Promise<string> {
	const body = (await bot.send(payload)).body as { type: number; data: { flags?: number; embeds: { title?: string; description?: string }[] } };
	expect(body).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Not allowed' }] } });
	return body.data.embeds[0]?.description ?? '';
}

describe('permissions, checked at run time', () => {
	beforeAll(async () => {
		bot = await startHarness({ commands: loadCommands([...ALL_COMMANDS, audit]), reload: reloads.reload });
	});
	afterAll(() => bot.stop());
	afterEach(() => expect(allViolations(bot.rest.captures)).toEqual([]));

	describe('/reindex', () => {
		it('declares Manage Server in its definition', () => {
			expect(requiredPermissions(ALL_COMMANDS.find((c) => c.data.name === 'reindex')!)).toBe(PermissionFlagsBits.ManageGuild);
		});

		it('is refused, privately, to 100 random permission sets without Manage Server, and never reloads', async () => {
			await fc.assert(
				fc.asyncProperty(withoutAdmin, fc.boolean(), async (permissions, isPrivate) => {
					const text = await refusal(chatInput('reindex', { private: isPrivate }, { permissions }));
					expect(text).toBe('Only members with the Manage Server permission can use /reindex.');
				}),
				{ numRuns: 100 },
			);
			expect(reloads.calls).toBe(0);
		});

		it.each([
			['Manage Server', ADMIN_PERMISSIONS],
			['Administrator alone', PermissionFlagsBits.Administrator],
		])('runs for a member with %s', async (_label, permissions) => {
			const payload = chatInput('reindex', {}, { permissions });
			expect((await bot.send(payload)).body).toMatchObject({ type: 5 });
			(await reloads.next()).resolve(bot.engine);
			expect((await bot.edit(payload)).body).toMatchObject({ embeds: [{ title: 'Reindexed' }] });
		});
	});

	describe('any admin command (a made-up /audit needing Manage Messages)', () => {
		it('is refused to a plain member, naming the permission', async () => {
			expect(await refusal(chatInput('audit', { speaker: 'Keir Starmer' }, { permissions: MEMBER_PERMISSIONS }))).toBe('Only members with the Manage Messages permission can use /audit.');
		});

		it('answers a member who has it', async () => {
			const reply = await bot.send(chatInput('audit', { speaker: 'Keir Starmer' }, { permissions: MEMBER_PERMISSIONS | PermissionFlagsBits.ManageMessages }));
			expect(reply.body).toMatchObject({ type: 4, data: { embeds: [{ title: expect.any(String) }] } });
		});

		it('offers a plain member no autocomplete suggestions (they could reveal what the command exposes)', async () => {
			const reply = await bot.send(autocomplete('audit', 'speaker', { speaker: 'Sta' }));
			expect(reply.body).toEqual({ type: 8, data: { choices: [] } });
			expect((await bot.send(autocomplete('quote', 'speaker', { speaker: 'Sta' }))).body).toMatchObject({ data: { choices: [expect.anything()] } });
		});

		it('refuses its More button to a plain member, even with a valid id', async () => {
			expect(await refusal(buttonClick('more:1:audit:["Keir Starmer",""]'))).toContain('Manage Messages');
		});
	});
});
