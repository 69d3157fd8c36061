import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandType, InteractionContextType } from 'discord.js';
import { ALL_COMMANDS, commandDefinitions } from '../../commands/index.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { APP_ID, GUILD_ID, TOKEN } from '../harness/ids.js';
import { MockRest, restOptions } from '../harness/rest.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let rest: MockRest;
beforeAll(() => {
	rest = new MockRest('ws://127.0.0.1:1');
});
afterAll(() => rest.close());

function io(): { out: string[]; err: string[]; io: { stdout: (t: string) => void; stderr: (t: string) => void } } {
	const out: string[] = [];
	const err: string[] = [];
	return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } };
}

const ENV = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID };

describe('npm run deploy-commands', () => {
	it('bulk-overwrites the guild’s commands when DISCORD_GUILD_ID is set', async () => {
		const captured = io();
		const code = await deployCommands({ argv: [], env: { ...ENV, DISCORD_GUILD_ID: GUILD_ID }, io: captured.io, rest: restOptions() });
		expect(code).toBe(0);
		const put = await rest.waitFor((c) => c.kind === 'commands' && c.path.includes('/guilds/'));
		expect(put.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
		expect(put.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));
		expect(captured.err.join('')).toContain(`Registered ${ALL_COMMANDS.length} commands for guild ${GUILD_ID}`);
	});

	it('registers globally without DISCORD_GUILD_ID', async () => {
		const code = await deployCommands({ argv: [], env: ENV, io: io().io, rest: restOptions() });
		expect(code).toBe(0);
		const put = await rest.waitFor((c) => c.kind === 'commands' && !c.path.includes('/guilds/'));
		expect(put.path).toBe(`/api/v10/applications/${APP_ID}/commands`);
	});

	it('--dry-run prints the JSON and calls nothing, even without configuration', async () => {
		const before = rest.captures.length;
		const captured = io();
		expect(await deployCommands({ argv: ['--dry-run'], env: {}, io: captured.io, rest: restOptions() })).toBe(0);
		expect(JSON.parse(captured.out.join(''))).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));
		expect(rest.captures.length).toBe(before);
	});

	it('the npm script entry point prints the dry-run JSON', async () => {
		const { stdout, code } = await new Promise<{ stdout: string; code: number }>((resolve) => {
			execFile(process.execPath, ['--import', 'tsx', 'src/discord/deploy-main.ts', '--dry-run'], { cwd: ROOT }, (error, out) => resolve({ stdout: out, code: error ? 1 : 0 }));
		});
		expect(code).toBe(0);
		expect((JSON.parse(stdout) as { name: string }[]).map((c) => c.name)).toEqual(ALL_COMMANDS.map((c) => c.data.name));
	});

	it('a missing token is named, and exits 1', async () => {
		const captured = io();
		expect(await deployCommands({ argv: [], env: { DISCORD_APPLICATION_ID: APP_ID }, io: captured.io })).toBe(1);
		expect(captured.err.join('')).toMatch(/DISCORD_TOKEN is not set.*\.env\.example/);
	});
});

describe('command definitions', () => {
	const definitions = commandDefinitions() as { name: string; type?: number; contexts?: number[]; default_member_permissions?: string | null; options?: { name: string; type: number }[] }[];

	it('are guild-only, and every slash command has a boolean `private` option', () => {
		for (const d of definitions) {
			expect(d.contexts, d.name).toEqual([InteractionContextType.Guild]);
			if ((d.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput) {
				expect(d.options?.find((o) => o.name === 'private')?.type, d.name).toBe(5);
			}
		}
	});

	it('restrict only /reindex, to Manage Server', () => {
		const restricted = definitions.filter((d) => d.default_member_permissions != null);
		expect(restricted.map((d) => [d.name, d.default_member_permissions])).toEqual([['reindex', '32']]);
	});

	it('include the "Find sources" message context menu', () => {
		expect(definitions.find((d) => d.name === 'Find sources')?.type).toBe(ApplicationCommandType.Message);
	});
});
