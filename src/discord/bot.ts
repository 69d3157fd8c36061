/**
 * The Discord client wired to the dispatcher. Everything environment-specific comes in as
 * options, so tests run this exact code against a fake gateway and mocked REST.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { ClientOptions } from 'discord.js';
import type { EngineApi } from '../answer/engine.js';
import { watchSeeds } from '../corpus/watch.js';
import type { SeedsChange, SeedsWatcher } from '../corpus/watch.js';
import type { Command } from './command.js';
import type { Config } from './config.js';
import { Dispatcher } from './dispatcher.js';
import { EngineHolder } from './engine-holder.js';
import { toSnakeCase } from './json.js';
import type { Logger } from './logger.js';
import { describeError } from './logger.js';
import type { PageStore } from './pagination.js';

export interface BotOptions {
	config: Pick<Config, 'token' | 'apiUrl'>;
	commands: ReadonlyMap<string, Command>;
	engine: EngineApi;
	/** Builds a fresh engine from the seeds folder (/reindex, and the watcher). */
	reload: () => Promise<EngineApi>;
	/** Rebuild when this folder changes, once a burst of changes has been quiet for `debounceMs`. */
	watch?: { folder: string; debounceMs: number; retryMs?: number };
	log: Logger;
	/** Merged over the defaults; tests pass `rest.makeRequest` and `rest.api` here. */
	clientOptions?: Partial<ClientOptions>;
	pages?: PageStore;
	newErrorId?: () => string;
	/** See Dispatcher's DEFAULT_DEFER_AFTER_MS. */
	deferAfterMs?: number;
	/**
	 * Discord closed the gateway with a code the client will not recover from (4004: the token is
	 * wrong or was reset). The client stays connected to nothing, so the process should end.
	 */
	onFatalClose?: (code: number, meaning: string) => void;
}

/** What an operator should do about each close code discord.js gives up on. */
const FATAL_CLOSE_CODES: Readonly<Record<number, string>> = {
	4004: 'authentication failed: the token is wrong or was reset; check DISCORD_TOKEN',
	4010: 'invalid shard',
	4011: 'sharding required: the bot is in too many servers for one connection',
	4012: 'invalid gateway API version',
	4013: 'invalid intents',
	4014: 'disallowed intents: enable them for the bot in the Developer Portal',
};

export function describeCloseCode(code: number): string {
	return FATAL_CLOSE_CODES[code] ?? 'the gateway will not take this session back';
}

export interface Bot {
	client: Client;
	engines: EngineHolder;
	dispatcher: Dispatcher;
	/** The seeds watcher while the bot runs with one (null before start(), after stop(), or unasked). */
	readonly watcher: SeedsWatcher | null;
	/** Starts watching the seeds (when asked to), logs in, and resolves once the gateway session is ready. */
	start(): Promise<void>;
	/** Stops watching, stops taking interactions, finishes those in flight, then disconnects. */
	stop(): Promise<void>;
}

export function createBot(options: BotOptions): Bot {
	const { config, log } = options;
	const engines = new EngineHolder(options.engine, options.reload, log);
	const dispatcher = new Dispatcher({ commands: options.commands, engines, log, pages: options.pages, newErrorId: options.newErrorId, deferAfterMs: options.deferAfterMs });
	const client = new Client({
		// discord.js's default, with each key converted once: see json.ts.
		jsonTransformer: toSnakeCase,
		...options.clientOptions,
		// Slash commands, context menus and buttons arrive without privileged intents.
		intents: [GatewayIntentBits.Guilds],
		rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...options.clientOptions?.rest },
	});
	client.on(Events.InteractionCreate, (interaction) => void dispatcher.handle(interaction));
	// Without an 'error' listener an EventEmitter error event would throw and end the process.
	client.on(Events.Error, (error) => log.error('client error', { error: describeError(error) }));
	client.on(Events.Warn, (message) => log.warn('client warning', { message }));
	let stopping = false;
	// Reconnects are routine (Discord restarts gateways), but an operator chasing a gap wants them.
	// destroy() closes the socket too, which discord.js reports the same way: not worth a line.
	client.on(Events.ShardReconnecting, (shard) => {
		if (!stopping) log.info('gateway reconnecting', { shard });
	});
	client.on(Events.ShardResume, (shard, replayed) => log.info('gateway resumed', { shard, replayed }));
	client.on(Events.ShardDisconnect, (event, shard) => {
		const meaning = describeCloseCode(event.code);
		log.error('Discord closed the gateway for good', { shard, code: event.code, meaning });
		options.onFatalClose?.(event.code, meaning);
	});

	let watcher: SeedsWatcher | null = null;

	return {
		client,
		engines,
		dispatcher,
		get watcher() {
			return watcher;
		},
		async start() {
			// Right after the first load rather than after login, so a change made while logging in is seen.
			if (options.watch) watcher = startWatching(options.watch, engines, log);
			// Meanwhile, not first: logging in is mostly waiting on the network (settled() awaits it).
			void engines.warmUpCurrent();
			const ready = once(client, Events.ClientReady);
			await client.login(config.token);
			await ready;
			log.info('ready', { user: client.user?.tag ?? null, commands: options.commands.size });
		},
		async stop() {
			watcher?.close();
			watcher = null;
			await dispatcher.drain();
			stopping = true;
			await client.destroy();
		},
	};
}

/** Each settled burst of changes asks the holder for a rebuild, the same path /reindex takes. */
function startWatching(watch: NonNullable<BotOptions['watch']>, engines: EngineHolder, log: Logger): SeedsWatcher {
	const onChange = (change: SeedsChange): void => {
		log.info('seeds changed', { files: change.paths.length, first: change.paths[0] });
		// The holder has logged a failure already, and the previous engine stays: nothing to add.
		engines.reload('watch').catch(() => undefined);
	};
	const watcher = watchSeeds({ ...watch, onChange, log });
	log.info('watching the seeds folder', { folder: watch.folder, debounceMs: watch.debounceMs, watching: watcher.watching });
	return watcher;
}
