/**
 * Configuration from the environment (and `.env` through dotenv), validated with zod.
 * A bad value is reported by name only: the token, or anything that might be the token,
 * never reaches the terminal.
 */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');

/** Blank lines copied from .env.example (`DISCORD_GUILD_ID=`) mean "not set", not "empty string". */
const blankIsUnset = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const DEFAULT_WATCH_DEBOUNCE_MS = 1000;

const Env = z.object({
	// Three dot-separated base64url parts; checked only for shape, never echoed.
	DISCORD_TOKEN: z.preprocess(blankIsUnset, z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'does not look like a bot token')),
	DISCORD_APPLICATION_ID: z.preprocess(blankIsUnset, snowflake),
	DISCORD_GUILD_ID: z.preprocess(blankIsUnset, snowflake.optional()),
	SEEDS_DIR: z.preprocess(blankIsUnset, z.string().default('./seeds')),
	LOG_LEVEL: z.preprocess(blankIsUnset, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
	LOG_FORMAT: z.preprocess(blankIsUnset, z.enum(['text', 'json']).default('text')),
	DISCORD_API_URL: z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/ }).optional()),
	WATCH_SEEDS: z.preprocess(blankIsUnset, z.enum(['true', 'false'], 'must be true or false').default('true')),
	// An editor's save is a few events within milliseconds; a copy of many files can pause between files.
	WATCH_DEBOUNCE_MS: z.preprocess(blankIsUnset, z.coerce.number().int().min(10).max(60_000).default(DEFAULT_WATCH_DEBOUNCE_MS)),
});

export interface Config {
	token: string;
	applicationId: string;
	guildId: string | undefined;
	seedsDir: string;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	logFormat: 'text' | 'json';
	/** REST base URL including `/api` (as discord.js's `rest.api`), for a proxy; undefined = Discord. */
	apiUrl: string | undefined;
	/** Rebuild the index when the seeds folder changes (otherwise only on /reindex). */
	watchSeeds: boolean;
	/** Quiet time after the last change before a rebuild starts. */
	watchDebounceMs: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
	const parsed = Env.safeParse(env);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const name = String(issue?.path[0] ?? 'configuration');
		const missing = issue?.code === 'invalid_type' && env[name] === undefined;
		// zod's message for a regex mismatch never contains the input, but build our own anyway so
		// no future zod wording can leak a secret.
		const problem = missing ? 'is not set' : `is invalid: ${issue?.message ?? 'bad value'}`;
		return { ok: false, message: `Configuration error: ${name} ${problem}. Copy .env.example to .env and fill it in.` };
	}
	const e = parsed.data;
	return {
		ok: true,
		config: {
			token: e.DISCORD_TOKEN,
			applicationId: e.DISCORD_APPLICATION_ID,
			guildId: e.DISCORD_GUILD_ID,
			seedsDir: e.SEEDS_DIR,
			logLevel: e.LOG_LEVEL,
			logFormat: e.LOG_FORMAT,
			apiUrl: e.DISCORD_API_URL?.replace(/\/+$/, ''),
			watchSeeds: e.WATCH_SEEDS === 'true',
			watchDebounceMs: e.WATCH_DEBOUNCE_MS,
		},
	};
}

export interface ExitIo {
	stderr: (line: string) => void;
	exit: (code: number) => never;
}

const processIo: ExitIo = {
	stderr: (line) => process.stderr.write(line + '\n'),
	exit: (code) => process.exit(code),
};

/** Loads `.env` (quietly: dotenv 18 otherwise prints a banner) and returns the config or exits 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env, io: ExitIo = processIo): Config {
	loadDotenv({ quiet: true });
	const result = parseConfig(env);
	if (result.ok) return result.config;
	io.stderr(result.message);
	return io.exit(1);
}
