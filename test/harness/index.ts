/**
 * One call to get a real discord.js Client logged in to the fake gateway, with REST mocked and
 * captured: `const h = await startHarness(); const reply = await h.send(chatInput('ask', …))`.
 */
import { loadCommands } from '../../commands/index.js';
import type { EngineApi } from '../../src/answer/engine.js';
import { createBot } from '../../src/discord/bot.js';
import type { Bot, BotOptions } from '../../src/discord/bot.js';
import type { Command } from '../../src/discord/command.js';
import { createLogger } from '../../src/discord/logger.js';
import type { Logger } from '../../src/discord/logger.js';
import type { PageStore } from '../../src/discord/pagination.js';
import { testEngine } from './engine.js';
import { FakeGateway } from './gateway.js';
import { API_BASE, APP_ID, BOT_USER_ID, TOKEN } from './ids.js';
import type { InteractionPayload } from './payloads.js';
import { MockRest, restOptions } from './rest.js';
import type { Capture } from './rest.js';

export interface HarnessOptions {
	engine?: EngineApi;
	reload?: () => Promise<EngineApi>;
	/** Watch a seeds folder, as `npm start` does with WATCH_SEEDS (tests use a short debounce). */
	watch?: BotOptions['watch'];
	commands?: ReadonlyMap<string, Command>;
	pages?: PageStore;
	newErrorId?: () => string;
	logFormat?: 'text' | 'json';
	/** The dispatcher's defer threshold; tests shorten it to exercise the slow path without sleeping. */
	deferAfterMs?: number;
	/** Sent in HELLO; short values let a zombie connection be noticed quickly. */
	heartbeatIntervalMs?: number;
	/**
	 * Skip discord.js's identify throttle (one IDENTIFY per 5 s, which Discord enforces and our fake
	 * does not), so a re-identify after op 9 happens at once instead of after a 5–6.5 s sleep.
	 */
	instantReidentify?: boolean;
}

export interface Harness {
	gateway: FakeGateway;
	rest: MockRest;
	bot: Bot;
	engine: EngineApi;
	/** Every log line the bot wrote (already redacted, as it would reach stderr). */
	logs: string[];
	/** The bot's logger, for code a test runs on its behalf (the cache loader in a reload). */
	log: Logger;
	/** Close codes the bot was told it cannot recover from (what main.ts exits on). */
	fatalCloses: number[];
	/** Dispatches an interaction and resolves with its callback (reply, defer, update or choices). */
	send(payload: InteractionPayload): Promise<Capture>;
	/** The PATCH to @original that follows a deferral. */
	edit(payload: InteractionPayload): Promise<Capture>;
	stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
	const engine = options.engine ?? (await testEngine());
	const gateway = await FakeGateway.start({ applicationId: APP_ID, botUserId: BOT_USER_ID, heartbeatIntervalMs: options.heartbeatIntervalMs });
	const rest = new MockRest(gateway.url);
	const logs: string[] = [];
	const fatalCloses: number[] = [];
	const log = createLogger({ level: 'debug', format: options.logFormat ?? 'json', secrets: [TOKEN], write: (line) => logs.push(line) });
	const bot = createBot({
		// The REST base URL goes in the way DISCORD_API_URL does, so every test exercises that path.
		config: { token: TOKEN, apiUrl: API_BASE },
		commands: options.commands ?? loadCommands(),
		engine,
		reload: options.reload ?? (() => Promise.resolve(engine)),
		watch: options.watch,
		log,
		pages: options.pages,
		newErrorId: options.newErrorId,
		deferAfterMs: options.deferAfterMs,
		onFatalClose: (code) => fatalCloses.push(code),
		clientOptions: {
			rest: { makeRequest: restOptions().makeRequest },
			...(options.instantReidentify ? { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }) } } : {}),
		},
	});
	await bot.start();
	return {
		gateway,
		rest,
		bot,
		engine,
		logs,
		log,
		fatalCloses,
		send(payload) {
			gateway.dispatchInteraction(payload);
			return rest.waitFor((c) => c.kind === 'callback' && c.interactionId === payload.id);
		},
		edit(payload) {
			return rest.waitFor((c) => c.kind === 'edit' && c.token === payload.token);
		},
		async stop() {
			// destroy the client before closing the server, or it keeps reconnecting
			await bot.stop();
			await gateway.close();
			rest.close();
		},
	};
}
