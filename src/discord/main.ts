/**
 * `npm start`: config, index, watch the seeds, log in, serve. Shutdown on SIGINT/SIGTERM drains in-flight
 * interactions before disconnecting; nothing a handler does can end the process. What does end it,
 * with one clear line and exit code 1 rather than a retry loop or a stack trace: no usable articles,
 * a failed login, or Discord closing the gateway for good (4004: the token was reset).
 */
import { loadCommands } from '../../commands/index.js';
import type { Engine } from '../answer/engine.js';
import { loadEngine as loadCachedEngine } from '../cache/index.js';
import { CorpusError } from '../corpus/load.js';
import { createBot } from './bot.js';
import { loadConfigOrExit } from './config.js';
import { createLogger, describeError } from './logger.js';
import type { Fields, Logger } from './logger.js';

/** How long a fatal stop may spend finishing in-flight answers before the process exits anyway. */
const FATAL_EXIT_GRACE_MS = 10_000;

/** Set by the first signal or fatal stop; declared before any code that can trigger either. */
let stopping = false;

const config = loadConfigOrExit();
const log = createLogger({ level: config.logLevel, format: config.logFormat, secrets: [config.token] });

// A stray rejection or exception in a library callback is logged; the bot keeps serving.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: describeError(reason) }));
process.on('uncaughtException', (error) => log.error('uncaught exception', { error: describeError(error) }));

// Start-up, /reindex and the folder watcher go through the on-disk cache: unchanged seeds load
// without a rebuild, and a damaged cache is logged and rebuilt.
const loadEngine = async (): Promise<Engine> => {
	const engine = await loadCachedEngine(config.seedsDir, { log });
	for (const warning of engine.warnings) log.warn('skipped file', { file: warning.file, reason: warning.reason });
	log.info('indexed', { dir: config.seedsDir, articles: engine.articles.length, skipped: engine.warnings.length });
	return engine;
};

const bot = createBot({
	config,
	commands: loadCommands(),
	engine: await loadEngineOrExit(),
	reload: loadEngine,
	// Started by bot.start(), after this first load; closed by bot.stop().
	watch: config.watchSeeds ? { folder: config.seedsDir, debounceMs: config.watchDebounceMs } : undefined,
	log,
	onFatalClose: (code) => stopForGood('stopping: Discord will not take this session back', { code }),
});
installShutdown(log, bot.stop);

try {
	await bot.start();
} catch (error) {
	// e.g. a 401 from the gateway URL or a 4004 close (bad token): say so once and stop, instead of retrying forever.
	stopForGood('could not log in to Discord; check DISCORD_TOKEN in .env', { error: describeError(error) });
}

async function loadEngineOrExit(): Promise<Engine> {
	try {
		return await loadEngine();
	} catch (error) {
		// A CorpusError's message names the folder and every skipped file: the stack adds nothing.
		const reason = error instanceof CorpusError ? error.message : describeError(error);
		log.error('could not load the articles; fix SEEDS_DIR or the files in it, then restart', { dir: config.seedsDir, error: reason });
		process.exit(1);
	}
}

/** Logs why, finishes what is in flight (replies go over REST, not the gateway), exits 1. Once. */
function stopForGood(message: string, fields: Fields): void {
	if (stopping) return;
	stopping = true;
	log.error(message, fields);
	setTimeout(() => process.exit(1), FATAL_EXIT_GRACE_MS).unref();
	bot.stop().then(
		() => process.exit(1),
		() => process.exit(1),
	);
}

function installShutdown(logger: Logger, stop: () => Promise<void>): void {
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
