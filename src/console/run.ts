import { parseArgs } from 'node:util';
import type { Answer } from '../answer/model.js';
import { Engine, type EngineApi } from '../answer/engine.js';
import { loadEngine } from '../cache/index.js';
import { CorpusError } from '../corpus/load.js';
import { renderText } from '../render/text.js';

export interface ConsoleIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	isTerminal: boolean;
	/** SEEDS_DIR from the environment; `--seeds` wins over it. */
	seedsDir?: string | undefined;
	/**
	 * Where the built engine is cached between runs (the bot's cache: `.cache`). Without it every run
	 * builds from the articles, which is quick for a few but not for an archive.
	 */
	cacheDir?: string | undefined;
}

export const USAGE = `Usage: npm run ask -- [--seeds DIR] [--json] <command> [arguments]

Commands:
  ask <question>             a cited answer from the indexed articles
  quote <speaker> [topic]    a person's direct quotes, with their sources
  quotes                     every speaker, with how many quotes each has
  result [constituency]      the by-election result, every figure cited
  verify <wording>           is this wording in the sources? exact, close or not found
  find-sources <statement>   paragraphs that bear on a statement
  sources                    the indexed articles

Options:
  --seeds DIR   the articles folder (default: $SEEDS_DIR or ./seeds)
  --json        print the Answer object as JSON, and nothing else, on stdout
  -h, --help    this message

Example: npm run ask -- ask "who won the by-election?"
`;

function buildEngine(folder: string, io: ConsoleIo): Promise<Engine> {
	if (!io.cacheDir) return Engine.fromDirectory(folder);
	// Cache problems (a damaged file, one that cannot be written) are worth a line on stderr; stdout stays the answer.
	return loadEngine(folder, { cacheDir: io.cacheDir, log: { info: () => undefined, warn: (message, fields) => io.stderr(`${message}${fields?.reason ? `: ${String(fields.reason)}` : ''}\n`) } });
}

/** Exit codes: 0 answered, 1 the corpus could not be loaded, 2 a usage mistake. */
export async function runConsole(argv: readonly string[], io: ConsoleIo): Promise<number> {
	const parsed = parseCommandLine(argv);
	if ('help' in parsed) {
		io.stdout(USAGE);
		return 0;
	}
	if ('error' in parsed) {
		io.stderr(`${parsed.error}\n\n${USAGE}`);
		return 2;
	}
	let engine: Engine;
	try {
		engine = await buildEngine(parsed.seeds ?? io.seedsDir ?? 'seeds', io);
	} catch (error) {
		if (error instanceof CorpusError) {
			io.stderr(`${error.message}\n`);
			return 1;
		}
		throw error;
	}
	for (const warning of engine.warnings) io.stderr(`warning: skipped ${warning.file}: ${warning.reason}\n`);
	const answer = parsed.run(engine);
	io.stdout(parsed.json ? `${JSON.stringify(answer, null, 2)}\n` : renderText(answer, { marks: io.isTerminal ? 'ansi' : 'none' }));
	return 0;
}

type Parsed = { help: true } | { error: string } | { seeds: string | undefined; json: boolean; run: (engine: EngineApi) => Answer };

function parseCommandLine(argv: readonly string[]): Parsed {
	let values;
	let positionals;
	try {
		({ values, positionals } = parseArgs({
			args: [...argv],
			allowPositionals: true,
			options: { seeds: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
		}));
	} catch (error) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
	if (values.help) return { help: true };
	const [command, ...rest] = positionals;
	if (!command) return { error: 'Missing command.' };
	const run = commandRunner(command, rest);
	return typeof run === 'string' ? { error: run } : { seeds: values.seeds, json: values.json ?? false, run };
}

/** The engine call for a command, or the usage mistake as a sentence. */
function commandRunner(command: string, args: string[]): ((engine: EngineApi) => Answer) | string {
	const text = args.join(' ').trim();
	const needsText = (what: string, call: (engine: EngineApi, text: string) => Answer) =>
		text ? (engine: EngineApi) => call(engine, text) : `“${command}” needs ${what}.`;
	switch (command) {
		case 'ask':
			return needsText('a question', (engine, question) => engine.ask(question));
		case 'find-sources':
			return needsText('a statement', (engine, statement) => engine.findSources(statement));
		case 'verify':
			return needsText('the wording to check, in quotation marks', (engine, wording) => engine.verify(wording));
		case 'quote':
			return args[0]?.trim() ? (engine) => engine.quote(args[0], args.slice(1).join(' ').trim() || undefined) : '“quote” needs a speaker (or use “quotes” to list them).';
		case 'quotes':
			return (engine) => engine.quote(undefined);
		case 'result':
			return (engine) => engine.result(text || undefined);
		case 'sources':
			return (engine) => engine.sources();
		default:
			return `Unknown command “${command}”.`;
	}
}
