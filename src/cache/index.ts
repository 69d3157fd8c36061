// Start-up from the on-disk cache: load the built Engine when it was built from these seeds by this
// code, rebuild (and cache) it when not. A damaged cache is logged and rebuilt, never trusted.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Engine } from '../answer/engine.js';
import { hashBuildCode, hashSeeds } from './fingerprint.js';
import { checkCacheBytes, readCacheBytes, writeCacheFile, type Rejection } from './file.js';

/**
 * Bump when what a built Engine holds changes in a way the code hash cannot see (a dependency's
 * analysis, say). The hash of src/corpus, src/extract, src/index and the Engine covers our own code.
 */
export const INDEX_VERSION = 1;

export const DEFAULT_CACHE_DIR = '.cache';

type Fields = Record<string, string | number | boolean | null | undefined>;

/** The subset of the bot's logger the cache writes to (the console passes a stderr one). */
export interface CacheLog {
	info(message: string, fields?: Fields): void;
	warn(message: string, fields?: Fields): void;
}

export interface CacheOptions {
	cacheDir?: string;
	log?: CacheLog;
}

export interface OpenedEngine {
	engine: Engine;
	from: 'cache' | 'build';
	/** Why it was rebuilt, or where it was loaded from. */
	reason: string;
}

/** The Engine for `folder`: from the cache when it matches, built (and cached) when not. */
export async function loadEngine(folder: string, options: CacheOptions = {}): Promise<Engine> {
	return (await openEngine(folder, options)).engine;
}

/** As `loadEngine`, saying whether the cache was used and why not. */
export async function openEngine(folder: string, options: CacheOptions = {}): Promise<OpenedEngine> {
	const log = options.log ?? stderrLog;
	const file = cacheFileFor(folder, options.cacheDir);
	const key = cacheKey(folder);
	const outcome = checkCacheBytes(readCacheBytes(file), key);
	if ('snapshot' in outcome) {
		try {
			const engine = Engine.fromSnapshot(outcome.snapshot);
			log.info('engine loaded from cache', { file });
			return { engine, from: 'cache', reason: file };
		} catch (error) {
			return rebuild(folder, key, { kind: 'corrupt', reason: `does not restore (${error instanceof Error ? error.message : String(error)})` }, { ...options, log });
		}
	}
	return rebuild(folder, key, outcome, { ...options, log });
}

/** Writes `engine`'s cache for `folder` (the key is computed from the seeds as they are now). */
export async function saveEngine(folder: string, engine: Engine, options: CacheOptions = {}): Promise<{ file: string; bytes: number }> {
	const file = cacheFileFor(folder, options.cacheDir);
	const bytes = await writeCacheFile(file, cacheKey(folder), engine.toSnapshot());
	return { file, bytes };
}

/** One cache file per seeds folder: a new build replaces the folder's old cache rather than piling up. */
export function cacheFileFor(folder: string, cacheDir = DEFAULT_CACHE_DIR): string {
	const folderId = createHash('sha256').update(path.resolve(folder)).digest('hex').slice(0, 16);
	return path.join(cacheDir, `engine-${folderId}.cache`);
}

/** What the cache must have been built from: INDEX_VERSION, the build code and the seeds as they are now. */
export function cacheKey(folder: string): string {
	return createHash('sha256').update(`v${INDEX_VERSION}\u0000${hashBuildCode()}\u0000${hashSeeds(folder)}`).digest('hex');
}

async function rebuild(folder: string, key: string, why: Rejection, options: CacheOptions & { log: CacheLog }): Promise<OpenedEngine> {
	const file = cacheFileFor(folder, options.cacheDir);
	const fields = { file, reason: why.reason };
	if (why.kind === 'corrupt' || why.kind === 'truncated') options.log.warn(`engine cache ${why.kind}, rebuilding`, fields);
	else options.log.info(`engine cache ${why.kind}, building`, fields);
	const engine = await Engine.fromDirectory(folder);
	await saveIfUnchanged(folder, key, engine, file, options.log);
	return { engine, from: 'build', reason: `${why.kind}: ${why.reason}` };
}

/**
 * Caches the build only if the seeds did not change while it ran: otherwise the file would pair
 * one state's key with another state's corpus. A cache that cannot be written costs the next start
 * a rebuild, nothing more, so it is logged, not thrown.
 */
async function saveIfUnchanged(folder: string, key: string, engine: Engine, file: string, log: CacheLog): Promise<void> {
	try {
		if (cacheKey(folder) !== key) {
			log.warn('seeds changed during the build; not caching it', { file });
			return;
		}
		await writeCacheFile(file, key, engine.toSnapshot());
	} catch (error) {
		log.warn('could not write the engine cache', { file, reason: error instanceof Error ? error.message : String(error) });
	}
}

const stderrLog: CacheLog = {
	info: () => undefined,
	warn: (message, fields) => process.stderr.write(`${message}${formatFields(fields)}\n`),
};

function formatFields(fields: Fields = {}): string {
	const pairs = Object.entries(fields).filter(([, value]) => value !== undefined);
	return pairs.length === 0 ? '' : ` (${pairs.map(([name, value]) => `${name}: ${String(value)}`).join(', ')})`;
}
