/**
 * `npm start`: config, index, log in, serve. Shutdown on SIGINT/SIGTERM drains in-flight
 * interactions before disconnecting; nothing a handler does can end the process.
 */
import { loadCommands } from '../../commands/index.js';
import { Engine } from '../answer/engine.js';
import { createBot } from './bot.js';
import { loadConfigOrExit } from './config.js';
import { createLogger, describeError } from './logger.js';
import type { Logger } from './logger.js';

const config = loadConfigOrExit();
const log = createLogger({ level: config.logLevel, format: config.logFormat, secrets: [config.token] });

// A stray rejection or exception in a library callback is logged; the bot keeps serving.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: describeError(reason) }));
process.on('uncaughtException', (error) => log.error('uncaught exception', { error: describeError(error) }));

const loadEngine = async (): Promise<Engine> => {
	const engine = await Engine.fromDirectory(config.seedsDir);
	for (const warning of engine.warnings) log.warn('skipped file', { file: warning.file, reason: warning.reason });
	log.info('indexed', { dir: config.seedsDir, articles: engine.articles.length, skipped: engine.warnings.length });
	return engine;
};

const bot = createBot({ config, commands: loadCommands(), engine: await loadEngine(), reload: loadEngine, log });
installShutdown(log, bot.stop);

try {
	await bot.start();
} catch (error) {
	// e.g. Discord closed with 4004 (bad token): say so once and stop, instead of retrying forever.
	log.error('could not log in to Discord; check DISCORD_TOKEN in .env', { error: describeError(error) });
	await bot.client.destroy();
	process.exit(1);
}

function installShutdown(logger: Logger, stop: () => Promise<void>): void {
	let stopping = false;
	const onSignal = (signal: NodeJS.Signals): void => {
		if (stopping) {
			logger.warn('second signal: exiting without waiting', { signal });
			process.exit(1);
		}
		stopping = true;
		logger.info('shutting down', { signal });
		stop().then(
			() => process.exit(0),
			(error: unknown) => {
				logger.error('shutdown failed', { error: describeError(error) });
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}
