// Start-up from the on-disk cache: load the built Engine when it was built from these seeds by this
// code, rebuild (and cache) it when not. A damaged cache is logged and rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Engine } from '../answer/engine.js';
import { cacheKey } from './fingerprint.js';
import { checkCacheBytes, checkCacheBytesButKey, readCacheBytes, STALE, writeCacheFile, type Rejection } from './file.js';
import type { KeyReply, KeyWorkerData } from './key-worker.js';

export const DEFAULT_CACHE_DIR = '.cache';
export { cacheKey, INDEX_VERSION } from './fingerprint.js';

type Fields = Record<string, string | number | boolean | null | undefined>;

/** The subset of the bot's logger the cache writes to (the console passes a stderr one). */
export interface CacheLog {
	info(message: string, fields?: Fields): void;
	warn(message: string, fields?: Fields): void;
}

export interface CacheOptions {
	cacheDir?: string;
	log?: CacheLog;
	/**
	 * A cache file larger than this many bytes is parsed and restored while a worker thread hashes
	 * the seeds (about a quarter of a second at 10,000 articles); a smaller one is not worth the
	 * worker's start (about 0.4 s under the TypeScript loader). Tests lower it to reach the worker.
	 */
	keyInWorkerAbove?: number;
	/** The key worker's entry point; tests point it at one that fails. */
	keyWorkerEntry?: URL;
}

/** About 2,000 generated articles' cache: there, hashing the seeds takes longer than starting a worker. */
const KEY_IN_WORKER_ABOVE_BYTES = 10_000_000;
const BOOTSTRAP = new URL('../build/worker-bootstrap.mjs', import.meta.url);
const KEY_WORKER = new URL('./key-worker.ts', import.meta.url);

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
	const file = cacheFileFor(folder, options.cacheDir);
	const withLog = { ...options, log: options.log ?? stderrLog };
	// The thread pool reads the file while this thread hashes the seeds, or restores a large file
	// while a worker hashes them: both are needed either way.
	const bytes = readCacheBytes(file);
	if (sizeOf(file) > (options.keyInWorkerAbove ?? KEY_IN_WORKER_ABOVE_BYTES)) return openKeyedMeanwhile(folder, file, bytes, withLog);
	const key = cacheKey(folder);
	const outcome = checkCacheBytes(await bytes, key);
	const restored = 'snapshot' in outcome ? restore(outcome.snapshot) : outcome;
	return 'engine' in restored ? loaded(restored.engine, file, withLog.log) : rebuild(folder, key, restored, withLog);
}

/**
 * `openEngine` for a large file: it is checked, parsed and restored here while a worker hashes the
 * seeds, and the Engine is used only when the key it was written for is the one the worker made.
 * A stale file costs a restore that is thrown away, before a rebuild that takes many times longer.
 */
async function openKeyedMeanwhile(folder: string, file: string, bytes: ReturnType<typeof readCacheBytes>, options: CacheOptions & { log: CacheLog }): Promise<OpenedEngine> {
	const keying = keyInWorker(folder, options.keyWorkerEntry ?? KEY_WORKER);
	const outcome = checkCacheBytesButKey(await bytes);
	const restored = 'snapshot' in outcome ? restore(outcome.snapshot) : outcome;
	const key = await keying;
	if ('snapshot' in outcome && outcome.writtenFor !== key) return rebuild(folder, key, STALE, options);
	return 'engine' in restored ? loaded(restored.engine, file, options.log) : rebuild(folder, key, restored, options);
}

function restore(snapshot: Parameters<typeof Engine.fromSnapshot>[0]): { engine: Engine } | Rejection {
	try {
		return { engine: Engine.fromSnapshot(snapshot) };
	} catch (error) {
		return { kind: 'corrupt', reason: `does not restore (${error instanceof Error ? error.message : String(error)})` };
	}
}

function loaded(engine: Engine, file: string, log: CacheLog): OpenedEngine {
	log.info('engine loaded from cache', { file });
	return { engine, from: 'cache', reason: file };
}

/** The file's size in bytes; 0 when there is none (the read says why). */
function sizeOf(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

/** `cacheKey(folder)` made in a worker thread; made here instead when the worker cannot do it. */
async function keyInWorker(folder: string, entry: URL): Promise<string> {
	const reply = await new Promise<KeyReply>((resolve) => {
		let worker: Worker;
		try {
			worker = new Worker(BOOTSTRAP, { workerData: { entry: entry.href, folder } satisfies KeyWorkerData & { entry: string } });
		} catch (error) {
			resolve({ error: String(error) });
			return;
		}
		worker.once('message', resolve);
		worker.once('error', (error) => resolve({ error: error.message }));
		worker.once('exit', (code) => resolve({ error: `exited with code ${code}` }));
	});
	return 'key' in reply ? reply.key : cacheKey(folder);
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
