// The offline console: `npm run ask -- [--seeds DIR] [--json] <command> [arguments]`.
// Prints the same Answer the bot would send; only the Answer goes to stdout, everything else to stderr.
import { DEFAULT_CACHE_DIR } from '../cache/index.js';
import { runConsole } from './run.js';

process.exitCode = await runConsole(process.argv.slice(2), {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	isTerminal: Boolean(process.stdout.isTTY),
	seedsDir: process.env.SEEDS_DIR,
	cacheDir: DEFAULT_CACHE_DIR,
});
