/**
 * The Discord client wired to the dispatcher. Everything environment-specific comes in as
 * options, so tests run this exact code against a fake gateway and mocked REST.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { ClientOptions } from 'discord.js';
import type { EngineApi } from '../answer/engine.js';
import type { Command } from './command.js';
import type { Config } from './config.js';
import { Dispatcher } from './dispatcher.js';
import { EngineHolder } from './engine-holder.js';
import type { Logger } from './logger.js';
import { describeError } from './logger.js';
import type { PageStore } from './pagination.js';

export interface BotOptions {
	config: Pick<Config, 'token' | 'apiUrl'>;
	commands: ReadonlyMap<string, Command>;
	engine: EngineApi;
	/** Builds a fresh engine from the seeds folder (/reindex). */
	reload: () => Promise<EngineApi>;
	log: Logger;
	/** Merged over the defaults; tests pass `rest.makeRequest` and `rest.api` here. */
	clientOptions?: Partial<ClientOptions>;
	pages?: PageStore;
	newErrorId?: () => string;
}

export interface Bot {
	client: Client;
	engines: EngineHolder;
	dispatcher: Dispatcher;
	/** Logs in and resolves once the gateway session is ready. */
	start(): Promise<void>;
	/** Stops taking interactions, finishes those in flight, then disconnects. */
	stop(): Promise<void>;
}

export function createBot(options: BotOptions): Bot {
	const { config, log } = options;
	const engines = new EngineHolder(options.engine, options.reload);
	const dispatcher = new Dispatcher({ commands: options.commands, engines, log, pages: options.pages, newErrorId: options.newErrorId });
	const client = new Client({
		...options.clientOptions,
		// Slash commands, context menus and buttons arrive without privileged intents.
		intents: [GatewayIntentBits.Guilds],
		rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...options.clientOptions?.rest },
	});
	client.on(Events.InteractionCreate, (interaction) => void dispatcher.handle(interaction));
	// Without an 'error' listener an EventEmitter error event would throw and end the process.
	client.on(Events.Error, (error) => log.error('client error', { error: describeError(error) }));
	client.on(Events.Warn, (message) => log.warn('client warning', { message }));

	return {
		client,
		engines,
		dispatcher,
		async start() {
			const ready = once(client, Events.ClientReady);
			await client.login(config.token);
			await ready;
			log.info('ready', { user: client.user?.tag ?? null, commands: options.commands.size });
		},
		async stop() {
			await dispatcher.drain();
			await client.destroy();
		},
	};
}
