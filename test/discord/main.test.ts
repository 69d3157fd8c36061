/**
 * `npm start` as a real process: config from the environment, the real seeds, the fake gateway,
 * and Discord's REST played by a plain HTTP server (DISCORD_API_URL), since nock cannot reach
 * into a child process. Then SIGTERM: exit 0.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { FakeGateway } from '../harness/gateway.js';
import { APP_ID, BOT_USER_ID, TOKEN } from '../harness/ids.js';
import { chatInput } from '../harness/payloads.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

it('npm start: logs in, answers, and exits 0 on SIGTERM without printing the token', async () => {
	const gateway = await FakeGateway.start({ applicationId: APP_ID, botUserId: BOT_USER_ID });
	const bodies: { url: string; body: string }[] = [];
	let onCallback: (body: string) => void = () => undefined;
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			bodies.push({ url: req.url ?? '', body });
			if (req.url === '/api/v10/gateway/bot') {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ url: gateway.url, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }));
				return;
			}
			res.writeHead(204).end();
			if (req.url?.includes('/callback')) onCallback(body);
		});
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;

	const cwd = await mkdtemp(path.join(tmpdir(), 'ro-main-'));
	const child = spawn(process.execPath, ['--import', path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs'), path.join(ROOT, 'src/discord/main.ts')], {
		cwd,
		env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api, SEEDS_DIR: path.join(ROOT, 'seeds'), LOG_FORMAT: 'json' },
	});
	let stderr = '';
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const ready = new Promise<void>((resolve) =>
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (stderr.includes('"msg":"ready"')) resolve();
		}),
	);
	const exited = once(child, 'exit');
	try {
		// If the bot dies before it is ready, fail with its output instead of waiting for a timeout.
		await Promise.race([ready, exited.then(() => Promise.reject(new Error(`bot exited early:\n${stderr}`)))]);
		const callback = new Promise<string>((resolve) => (onCallback = resolve));
		gateway.dispatchInteraction(chatInput('help'));
		expect(JSON.parse(await callback)).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] } } });

		child.kill('SIGTERM');
		const [code] = await exited;
		expect(code).toBe(0);
		expect(stderr).toContain('"msg":"shutting down"');
		expect(stderr).toMatch(/"msg":"indexed".*"articles":\d+/);
		expect(stderr + stdout).not.toContain(TOKEN);
		// Identified with the Guilds intent only (1 << 0).
		expect(gateway.received.find((f) => f.op === 2)).toMatchObject({ d: { intents: 1 } });
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
		await gateway.close();
		server.close();
	}
});
