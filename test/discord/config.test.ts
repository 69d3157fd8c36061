import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/discord/config.js';
import { createLogger } from '../../src/discord/logger.js';
import { APP_ID, TOKEN } from '../harness/ids.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('configuration', () => {
	it('accepts a complete environment, with defaults', () => {
		const result = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: '', DISCORD_API_URL: 'http://proxy:8080/api/' });
		expect(result).toEqual({
			ok: true,
			config: { token: TOKEN, applicationId: APP_ID, guildId: undefined, seedsDir: './seeds', logLevel: 'info', logFormat: 'text', apiUrl: 'http://proxy:8080/api', watchSeeds: true, watchDebounceMs: 1000 },
		});
	});

	it.each([
		[{ DISCORD_APPLICATION_ID: APP_ID }, /^Configuration error: DISCORD_TOKEN is not set\. Copy \.env\.example/],
		[{ DISCORD_TOKEN: TOKEN }, /DISCORD_APPLICATION_ID is not set/],
		[{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: 'abc' }, /DISCORD_APPLICATION_ID is invalid/],
		[{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, LOG_LEVEL: 'loud' }, /LOG_LEVEL is invalid/],
		[{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: 'not a url' }, /DISCORD_API_URL is invalid/],
	])('names the bad variable: %j', (env, message) => {
		const result = parseConfig(env);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(message);
	});

	it('never echoes a malformed token', () => {
		const secret = 'my secret token with spaces';
		const result = parseConfig({ DISCORD_TOKEN: secret, DISCORD_APPLICATION_ID: APP_ID });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.message).toContain('DISCORD_TOKEN is invalid');
			expect(result.message).not.toContain(secret);
		}
	});

	it('npm start with no token: one line naming DISCORD_TOKEN, exit 1, no stack trace', async () => {
		const cwd = await mkdtemp(path.join(tmpdir(), 'ro-config-')); // no .env here
		const { code, stdout, stderr } = await run(['--import', 'tsx', path.join(ROOT, 'src/discord/main.ts')], cwd, { DISCORD_APPLICATION_ID: APP_ID });
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr.trim()).toBe('Configuration error: DISCORD_TOKEN is not set. Copy .env.example to .env and fill it in.');
	});

	it('npm start with a malformed token: named, not printed', async () => {
		const cwd = await mkdtemp(path.join(tmpdir(), 'ro-config-'));
		const secret = 'not-a-token-but-secret-anyway';
		const { code, stderr } = await run(['--import', 'tsx', path.join(ROOT, 'src/discord/main.ts')], cwd, { DISCORD_APPLICATION_ID: APP_ID, DISCORD_TOKEN: secret });
		expect(code).toBe(1);
		expect(stderr).toContain('DISCORD_TOKEN is invalid');
		expect(stderr).not.toContain(secret);
		expect(stderr).not.toMatch(/\n\s+at /);
	});
});

describe('logger', () => {
	it('writes one JSON line per event with the token redacted', () => {
		const lines: string[] = [];
		const log = createLogger({ level: 'info', format: 'json', secrets: [TOKEN], write: (l) => lines.push(l), now: () => new Date(0) });
		log.debug('hidden');
		log.error('failed', { error: `Bot ${TOKEN} rejected\nsecond line` });
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0] ?? '')).toEqual({ time: '1970-01-01T00:00:00.000Z', level: 'error', msg: 'failed', error: 'Bot [redacted] rejected\nsecond line' });
	});

	it('text format keeps one event on one line', () => {
		const lines: string[] = [];
		const log = createLogger({ level: 'info', format: 'text', secrets: [TOKEN], write: (l) => lines.push(l), now: () => new Date(0) });
		log.info('interaction', { command: '/ask', options: 12, latencyMs: 3, outcome: 'ok', note: 'two\nlines' });
		expect(lines).toEqual(['1970-01-01T00:00:00.000Z INFO  interaction command=/ask options=12 latencyMs=3 outcome=ok note="two\\nlines"']);
	});
});

function run(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		// tsx is resolved from the repository, since cwd is an empty temporary folder.
		const tsxArgs = args.map((a) => (a === 'tsx' ? path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs') : a));
		execFile(process.execPath, tsxArgs, { cwd, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
		});
	});
}
