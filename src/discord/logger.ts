/**
 * One line per event on stderr (stdout stays free for `--dry-run` JSON). Every line passes
 * through `redact`, so the token cannot leak through an error message or a stack trace.
 */
import { ELLIPSIS, truncate } from '../render/limits.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
	debug(msg: string, fields?: Fields): void;
	info(msg: string, fields?: Fields): void;
	warn(msg: string, fields?: Fields): void;
	error(msg: string, fields?: Fields): void;
}

export interface LoggerOptions {
	level: Level;
	format: 'text' | 'json';
	/** Strings that must never appear in output (the bot token). */
	secrets: readonly string[];
	write?: (line: string) => void;
	now?: () => Date;
}

export function createLogger(options: LoggerOptions): Logger {
	const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
	const now = options.now ?? (() => new Date());
	const secrets = options.secrets.filter((s) => s.length >= MIN_SECRET);
	const emit = (level: Level, msg: string, fields: Fields = {}): void => {
		if (RANK[level] < RANK[options.level]) return;
		const line = options.format === 'json' ? jsonLine(now(), level, msg, fields) : textLine(now(), level, msg, fields);
		write(redact(line, secrets));
	};
	return {
		debug: (msg, fields) => emit('debug', msg, fields),
		info: (msg, fields) => emit('info', msg, fields),
		warn: (msg, fields) => emit('warn', msg, fields),
		error: (msg, fields) => emit('error', msg, fields),
	};
}

/** Secrets shorter than this are not redacted at all (see createLogger), nor are shorter cut-off prefixes. */
const MIN_SECRET = 8;

export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		out = out.split(secret).join('[redacted]');
		// describeError shortens long messages with truncate(), which can cut inside the token and
		// leave most of it, secret part included, right before the ellipsis: redact that prefix too.
		// Without an ellipsis there is no such prefix (the usual line): skip trying every length.
		if (!out.includes(ELLIPSIS)) continue;
		for (let length = secret.length - 1; length >= MIN_SECRET; length--) {
			const cut = secret.slice(0, length) + ELLIPSIS;
			if (out.includes(cut)) out = out.split(cut).join(`[redacted]${ELLIPSIS}`);
		}
	}
	return out;
}

function jsonLine(time: Date, level: Level, msg: string, fields: Fields): string {
	return JSON.stringify({ time: time.toISOString(), level, msg, ...fields });
}

function textLine(time: Date, level: Level, msg: string, fields: Fields): string {
	const pairs = Object.entries(fields)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => `${k}=${formatValue(v)}`);
	return [time.toISOString(), level.toUpperCase().padEnd(5), msg, ...pairs].join(' ');
}

function formatValue(value: Fields[string]): string {
	const text = String(value);
	// Quote values with spaces or newlines so one event stays one line.
	return /[\s"]/.test(text) ? JSON.stringify(text) : text;
}

/** An error as one loggable string (message and first stack frames), never a multi-line dump. */
export function describeError(error: unknown): string {
	if (error instanceof Error) {
		const frames = (error.stack ?? '').split('\n').slice(1, 4).map((f) => f.trim());
		// Library errors can embed a whole request dump: keep the line short.
		return [`${error.name}: ${truncate(error.message, 500)}`, ...frames].join(' | ');
	}
	return truncate(String(error), 500);
}
