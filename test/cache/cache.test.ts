import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { generateCorpus } from '../../src/bench/generate.js';
import { buildQueries } from '../../src/bench/queries.js';
import { cacheFileFor, cacheKey, openEngine, saveEngine, type CacheLog } from '../../src/cache/index.js';
import { seedsFolder } from '../helpers/tmp.js';

const corpus = generateCorpus({ articles: 24, seed: 5 });
const queries = buildQueries(corpus, 15);

/** A seeds folder of generated articles, with the cache in a dot folder inside it (removed with it). */
async function setUp(): Promise<{ folder: string; cacheDir: string; logs: string[]; log: CacheLog }> {
	const folder = await seedsFolder(Object.fromEntries(corpus.articles.map((article) => [article.file, article.text])));
	const logs: string[] = [];
	const log: CacheLog = {
		info: (message, fields) => logs.push(`info ${message} ${JSON.stringify(fields ?? {})}`),
		warn: (message, fields) => logs.push(`warn ${message} ${JSON.stringify(fields ?? {})}`),
	};
	return { folder, cacheDir: path.join(folder, '.cache'), logs, log };
}

/** Every command, over queries drawn from the corpus: what must not change when the Engine comes from the cache. */
function answersOf(engine: Engine): unknown[] {
	return [
		engine.sources(),
		...queries.ask.map((question) => engine.ask(question)),
		...queries.ask.map((question) => engine.findSources(question)),
		...queries.quote.map((query) => engine.quote(query.speaker, query.topic)),
		...queries.result.map((constituency) => engine.result(constituency)),
		...queries.verify.map((wording) => engine.verify(wording)),
		...queries.speakerPrefixes.map((typed) => engine.speakerChoices(typed)),
		...queries.constituencyPrefixes.map((typed) => engine.constituencyChoices(typed)),
	];
}

describe('the engine cache', () => {
	it('builds and caches on first start, then starts from the cache with the same answers as a fresh build', async () => {
		const { folder, cacheDir, log } = await setUp();
		const first = await openEngine(folder, { cacheDir, log });
		expect(first.from).toBe('build');
		const second = await openEngine(folder, { cacheDir, log });
		expect(second.from).toBe('cache');
		expect(answersOf(second.engine)).toEqual(answersOf(await Engine.fromDirectory(folder)));
		expect(second.engine.warnings).toEqual(first.engine.warnings);
	});

	it('rebuilds when a seed file changes, is added or is removed', async () => {
		const { folder, cacheDir, log } = await setUp();
		await openEngine(folder, { cacheDir, log });
		const [firstFile, secondFile] = corpus.articles;
		await writeFile(path.join(folder, firstFile!.file), `${firstFile!.text}\nThe Quorndale recount was ordered at dawn.\n`);
		const changed = await openEngine(folder, { cacheDir, log });
		expect(changed.from).toBe('build');
		expect(changed.reason).toMatch(/^stale/);
		expect(changed.engine.ask('Why was a Quorndale recount ordered?').found).toBe(true);
		expect((await openEngine(folder, { cacheDir, log })).from).toBe('cache');
		await writeFile(path.join(folder, 'zz-new.txt'), 'A new article about the count.\n');
		expect((await openEngine(folder, { cacheDir, log })).from).toBe('build');
		await rm(path.join(folder, secondFile!.file));
		const removed = await openEngine(folder, { cacheDir, log });
		expect(removed.from).toBe('build');
		expect(removed.engine.articles.map((article) => article.id)).not.toContain(secondFile!.file);
	});

	it('detects a corrupt cache (a byte flipped), logs it and rebuilds', async () => {
		const { folder, cacheDir, logs, log } = await setUp();
		await openEngine(folder, { cacheDir, log });
		const file = cacheFileFor(folder, cacheDir);
		const bytes = await readFile(file);
		const at = bytes.length - 1_000;
		bytes[at] = (bytes[at] ?? 0) ^ 0x20;
		await writeFile(file, bytes);
		const reopened = await openEngine(folder, { cacheDir, log });
		expect(reopened.from).toBe('build');
		expect(logs.some((line) => line.startsWith('warn engine cache corrupt, rebuilding') && line.includes('checksum'))).toBe(true);
		expect((await openEngine(folder, { cacheDir, log })).from).toBe('cache');
	});

	it('detects a truncated cache, logs it and rebuilds', async () => {
		const { folder, cacheDir, logs, log } = await setUp();
		await openEngine(folder, { cacheDir, log });
		const file = cacheFileFor(folder, cacheDir);
		const size = (await readFile(file)).length;
		await truncate(file, Math.floor(size / 2));
		const reopened = await openEngine(folder, { cacheDir, log });
		expect(reopened.from).toBe('build');
		expect(reopened.reason).toMatch(/^truncated/);
		expect(logs.some((line) => line.startsWith('warn engine cache truncated, rebuilding'))).toBe(true);
		await truncate(file, 10);
		expect((await openEngine(folder, { cacheDir, log })).reason).toMatch(/^(truncated|corrupt)/);
	});

	it('rejects an intact file whose content is not an engine (schema), and a file that is not a cache at all', async () => {
		const { folder, cacheDir, logs, log } = await setUp();
		const file = cacheFileFor(folder, cacheDir);
		await openEngine(folder, { cacheDir, log });
		// A well-formed file, right key and checksum, wrong content: only the schema can catch it.
		const body = Buffer.from(JSON.stringify({ articles: [{ id: 'x' }], warnings: [], index: {}, knowledge: {} }));
		const header = { format: 1, key: cacheKey(folder), bodyBytes: body.length, crc32: crc32(body), createdAt: new Date().toISOString() };
		await writeFile(file, Buffer.concat([Buffer.from(`returning-officer engine cache\n${JSON.stringify(header)}\n`), body]));
		const reopened = await openEngine(folder, { cacheDir, log });
		expect(reopened.from).toBe('build');
		expect(reopened.reason).toMatch(/^corrupt: schema/);
		await writeFile(file, 'hello');
		expect((await openEngine(folder, { cacheDir, log })).reason).toMatch(/^corrupt: not an engine cache file/);
		expect(logs.filter((line) => line.startsWith('warn engine cache corrupt'))).toHaveLength(2);
	});

	it('hashes the seeds without reading a FIFO or a device named like an article (it would never end)', async () => {
		const { folder, cacheDir, log } = await setUp();
		execFileSync('mkfifo', [path.join(folder, 'pipe.txt')]);
		await symlink('/dev/zero', path.join(folder, 'zero.txt'));
		const built = await openEngine(folder, { cacheDir, log });
		expect(built.engine.warnings.map((warning) => warning.file).sort()).toEqual(['pipe.txt', 'zero.txt']);
		expect((await openEngine(folder, { cacheDir, log })).from).toBe('cache');
	});


	it('keys on every byte of a short file read after a long one', async () => {
		// The files are read into one reused buffer: the key must cover the short file's bytes only.
		const long = `${'A long paragraph about the count. '.repeat(3000)}\n`;
		const keyOf = async (short: string) => cacheKey(await seedsFolder({ 'a.txt': long, 'b.txt': short }));
		expect(await keyOf('Short.\n')).toBe(await keyOf('Short.\n'));
		expect(await keyOf('Short.\n')).not.toBe(await keyOf('Short!\n'));
		expect(await keyOf('Short.\n')).not.toBe(await keyOf('Short.\nA'));
	});
	it('writes atomically: no temporary file is left behind, and an old cache is replaced whole', async () => {
		const { folder, cacheDir, log } = await setUp();
		const built = await openEngine(folder, { cacheDir, log });
		await saveEngine(folder, built.engine, { cacheDir, log });
		expect((await readdir(cacheDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
		expect(await readdir(cacheDir)).toEqual([path.basename(cacheFileFor(folder, cacheDir))]);
	});
});
