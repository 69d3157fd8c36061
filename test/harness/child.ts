/**
 * `npm start` (src/discord/main.ts) as a real child process against the fake gateway, with
 * Discord's REST played by a plain HTTP server on 127.0.0.1 (DISCORD_API_URL), since nock cannot
 * reach into another process. For what only the whole process shows: exit codes, what reaches
 * the terminal, and that the token never does.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGateway } from './gateway.js';
import { APP_ID, BOT_USER_ID, TOKEN } from './ids.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');

/** How the fake REST server answers GET /gateway/bot: normally, or as Discord does for a bad token. */
export type GatewayInfoReply = 'ok' | { status: number; body: unknown };

export interface BotProcessOptions {
	/** Extra environment (SEEDS_DIR defaults to the real seeds/). */
	env?: Record<string, string>;
	gatewayInfo?: GatewayInfoReply;
	/** Close code the gateway answers IDENTIFY with (4004), instead of READY. */
	closeOnIdentify?: number;
}

export interface BotProcess {
	gateway: FakeGateway;
	/** Everything the process wrote so far, stdout and stderr together. */
	readonly output: string;
	/** Request bodies the REST server received, by URL path. */
	readonly requests: { url: string; body: string }[];
	/** Resolves when the output contains `text`; rejects if the process exits first. */
	waitForOutput(text: string): Promise<void>;
	/** Resolves with the first REST request (already received or future) whose URL contains `part`. */
	waitForRequest(part: string): Promise<{ url: string; body: string }>;
	/** Resolves with the exit code. */
	exited: Promise<number | null>;
	stop(): Promise<void>;
}

export async function startBotProcess(options: BotProcessOptions = {}): Promise<BotProcess> {
	const gateway = await FakeGateway.start({ applicationId: APP_ID, botUserId: BOT_USER_ID });
	if (options.closeOnIdentify !== undefined) gateway.closeOnIdentify = options.closeOnIdentify;
	const requests: { url: string; body: string }[] = [];
	const received = new EventEmitter();
	const server = await restServer(gateway.url, options.gatewayInfo ?? 'ok', (request) => {
		requests.push(request);
		received.emit('request', request);
	});
	const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
	const cwd = await mkdtemp(path.join(tmpdir(), 'ro-process-')); // no .env here
	const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/discord/main.ts')], {
		cwd,
		env: {
			PATH: process.env.PATH ?? '',
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: APP_ID,
			DISCORD_API_URL: api,
			SEEDS_DIR: path.join(ROOT, 'seeds'),
			LOG_FORMAT: 'json',
			...options.env,
		},
	});
	return wrap(child, gateway, server, requests, received);
}

type Request = { url: string; body: string };

function wrap(child: ChildProcessWithoutNullStreams, gateway: FakeGateway, server: Server, requests: Request[], received: EventEmitter): BotProcess {
	let output = '';
	const listeners = new Set<() => void>();
	const collect = (chunk: Buffer): void => {
		output += chunk.toString();
		for (const listener of listeners) listener();
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = once(child, 'exit').then(([code]) => code as number | null);
	return {
		gateway,
		requests,
		get output() {
			return output;
		},
		waitForOutput(text) {
			return new Promise<void>((resolve, reject) => {
				const check = (): void => {
					if (!output.includes(text)) return;
					listeners.delete(check);
					resolve();
				};
				listeners.add(check);
				check();
				void exited.then(() => {
					// Output written just before exit has been collected by now.
					if (output.includes(text)) resolve();
					else reject(new Error(`the bot exited before writing ${JSON.stringify(text)}:\n${output}`));
				});
			});
		},
		waitForRequest(part) {
			const seen = requests.find((r) => r.url.includes(part));
			if (seen) return Promise.resolve(seen);
			return new Promise((resolve) => {
				const listener = (request: Request): void => {
					if (!request.url.includes(part)) return;
					received.off('request', listener);
					resolve(request);
				};
				received.on('request', listener);
			});
		},
		exited,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGKILL');
				await exited;
			}
			await gateway.close();
			server.close();
		},
	};
}

function restServer(gatewayUrl: string, gatewayInfo: GatewayInfoReply, record: (request: Request) => void): Promise<Server> {
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			record({ url: req.url ?? '', body });
			if (req.url === '/api/v10/gateway/bot') {
				const reply = gatewayInfo === 'ok' ? { status: 200, body: gatewayBot(gatewayUrl) } : gatewayInfo;
				res.writeHead(reply.status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(reply.body));
				return;
			}
			res.writeHead(204).end();
		});
	});
	server.listen(0, '127.0.0.1');
	return once(server, 'listening').then(() => server);
}

function gatewayBot(url: string): unknown {
	return { url, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } };
}
