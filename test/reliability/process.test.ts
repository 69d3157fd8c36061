/**
 * `npm start` as a real process, for what only the whole process shows: it stops with one clear
 * line and exit code 1 when it cannot work (bad token, no articles) instead of looping or dumping a
 * stack, it survives a payload that makes discord.js throw, and the token never reaches its output.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBotProcess } from '../harness/child.js';
import type { BotProcess, BotProcessOptions } from '../harness/child.js';
import { TOKEN } from '../harness/ids.js';
import { chatInput } from '../harness/payloads.js';

/** Runs `body` against a fresh bot process and always cleans up. */
async function withBot(options: BotProcessOptions, body: (bot: BotProcess) => Promise<void>): Promise<void> {
	const bot = await startBotProcess(options);
	try {
		await body(bot);
	} finally {
		await bot.stop();
	}
}

function errorLines(output: string): Record<string, unknown>[] {
	return output
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as Record<string, unknown>)
		.filter((line) => line.level === 'error');
}

// One process at a time: on two cores, concurrent start-ups only slow each other down.
describe('npm start when it cannot work', () => {
	it('4004 on IDENTIFY (wrong token): one clear line, exit 1, a single attempt, no token', async () => {
		await withBot({ closeOnIdentify: 4004 }, async (bot) => {
			expect(await bot.exited).toBe(1);
			expect(bot.output).toContain('check DISCORD_TOKEN');
			expect(bot.gateway.identifies).toBe(1);
			expect(bot.output).not.toContain(TOKEN);
			expect(bot.output).not.toMatch(/\n\s+at /);
		});
	});

	it('a login refused over REST with the token echoed in the error: exit 1, the token redacted', async () => {
		const gatewayInfo = { status: 403, body: { message: `Forbidden for Bot ${TOKEN}`, code: 50001 } };
		await withBot({ gatewayInfo }, async (bot) => {
			expect(await bot.exited).toBe(1);
			expect(errorLines(bot.output).find((l) => l.msg === 'could not log in to Discord; check DISCORD_TOKEN in .env')).toBeDefined();
			expect(bot.output).toContain('[redacted]');
			expect(bot.output).not.toContain(TOKEN);
		});
	});

	it('no usable article: one line naming the folder and why, exit 1, no stack trace', async () => {
		const empty = await mkdtemp(path.join(tmpdir(), 'ro-no-articles-'));
		await withBot({ env: { SEEDS_DIR: empty } }, async (bot) => {
			expect(await bot.exited).toBe(1);
			const [line, ...rest] = errorLines(bot.output);
			expect(rest).toEqual([]);
			expect(line).toMatchObject({ msg: expect.stringContaining('could not load the articles'), error: expect.stringContaining(empty) });
			expect(bot.output).not.toMatch(/\n\s+at /);
			expect(bot.gateway.identifies).toBe(0);
		});
	});
});

describe('npm start while running', () => {
	it('survives a payload discord.js throws on, then stops with exit 1 when the token is reset (4004), never printing the token', async () => {
		await withBot({}, async (bot) => {
			await bot.waitForOutput('"msg":"ready"');
			// No member, user, data or entitlements: discord.js throws while building the interaction.
			bot.gateway.dispatch('INTERACTION_CREATE', { id: '1100000000000000999', type: 2, token: 'itok-broken', application_id: '1' });
			const help = chatInput('help');
			bot.gateway.dispatchInteraction(help);
			const callback = await bot.waitForRequest(`/interactions/${help.id}/`);
			expect(JSON.parse(callback.body)).toMatchObject({ type: 4 });

			// The token was reset in the Developer Portal: Discord closes the session with 4004.
			bot.gateway.disconnectAll(4004);
			expect(await bot.exited).toBe(1);
			const errors = errorLines(bot.output);
			expect(errors.find((l) => l.msg === 'Discord closed the gateway for good')).toMatchObject({ code: 4004, meaning: expect.stringContaining('check DISCORD_TOKEN') });
			expect(bot.gateway.identifies).toBe(1);
			expect(bot.output).not.toContain(TOKEN);
		});
	});
});
