// The cache file: a magic line, a header line (key, body length, CRC-32) and the JSON body.
// Written to a temporary file, flushed and renamed into place, so a reader sees the old file or the
// whole new one, never half of one; read back with every check before anything is trusted.
import { isAscii } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { EngineSnapshot } from '../answer/engine.js';
import { fromStored, toStored } from './codec.js';
import { CacheHeader, StoredEngine } from './schema.js';
import { stringifyInSlices } from './json-slices.js';

const MAGIC = 'returning-officer engine cache';

/** Why a cache file cannot be used. `stale` is expected after an edit; the others mean damage. */
export type Rejection = { kind: 'missing' | 'stale' | 'corrupt' | 'truncated'; reason: string };

export type ReadOutcome = { snapshot: EngineSnapshot } | Rejection;

export async function writeCacheFile(file: string, key: string, snapshot: EngineSnapshot): Promise<number> {
	// In slices: a bot writing its cache after a rebuild keeps answering meanwhile.
	const body = await stringifyInSlices(toStored(snapshot));
	const bodyBytes = body.reduce((sum, part) => sum + part.length, 0);
	const checksum = body.reduce((crc, part) => crc32(part, crc), 0);
	const header: CacheHeader = { format: 1, key, bodyBytes, crc32: checksum, createdAt: new Date().toISOString() };
	const head = Buffer.from(`${MAGIC}\n${JSON.stringify(header)}\n`);
	await mkdir(path.dirname(file), { recursive: true });
	const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	try {
		const handle = await open(temporary, 'w');
		try {
			for (const part of [head, ...body]) await handle.write(part);
			// Flushed before the rename: after a crash the name points at complete bytes or at the old file.
			await handle.sync();
		} finally {
			await handle.close();
		}
		await rename(temporary, file);
	} catch (error) {
		await rm(temporary, { force: true });
		throw error;
	}
	return head.length + bodyBytes;
}

/** The snapshot in `file` if it is intact, well-formed and built from `key`; otherwise why not. */
export function readCacheFile(file: string, key: string): ReadOutcome {
	return checkCacheBytes(readCacheBytes(file), key);
}

/**
 * The file's bytes, or why there are none. Read in one go: start-up has nothing else to do, and
 * 50 MB read a chunk at a time through the thread pool took 0.1 s against 0.02 s.
 */
export function readCacheBytes(file: string): Buffer | Rejection {
	try {
		return readFileSync(file);
	} catch (error) {
		const code = error instanceof Error && 'code' in error ? String(error.code) : '';
		return code === 'ENOENT' ? { kind: 'missing', reason: 'no cache yet' } : { kind: 'corrupt', reason: `unreadable (${code || String(error)})` };
	}
}

/** `readCacheFile`'s checks, on bytes already read. */
export function checkCacheBytes(bytes: Buffer | Rejection, key: string): ReadOutcome {
	if (!Buffer.isBuffer(bytes)) return bytes;
	const parts = splitHeader(bytes);
	if ('kind' in parts) return parts;
	const { header, body } = parts;
	if (header.key !== key) return { kind: 'stale', reason: 'the seeds or the build code changed since it was written' };
	if (body.length !== header.bodyBytes) return { kind: 'truncated', reason: `body is ${body.length} bytes, header says ${header.bodyBytes}` };
	if (crc32(body) !== header.crc32) return { kind: 'corrupt', reason: 'checksum mismatch' };
	return parseBody(body);
}

function splitHeader(bytes: Buffer): { header: CacheHeader; body: Buffer } | Rejection {
	const magicEnd = bytes.indexOf(0x0a);
	const headerEnd = magicEnd < 0 ? -1 : bytes.indexOf(0x0a, magicEnd + 1);
	if (magicEnd < 0 || bytes.subarray(0, magicEnd).toString() !== MAGIC) return { kind: 'corrupt', reason: 'not an engine cache file' };
	if (headerEnd < 0) return { kind: 'truncated', reason: 'header incomplete' };
	let header: unknown;
	try {
		header = JSON.parse(bytes.subarray(magicEnd + 1, headerEnd).toString());
	} catch {
		return { kind: 'corrupt', reason: 'header is not JSON' };
	}
	const parsed = CacheHeader.safeParse(header);
	if (!parsed.success) return { kind: 'corrupt', reason: `header: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
	return { header: parsed.data, body: bytes.subarray(headerEnd + 1) };
}

function parseBody(body: Buffer): ReadOutcome {
	let json: unknown;
	try {
		// Written as ASCII (json-slices.ts): read as Latin-1, a plain copy. Any other byte means UTF-8.
		json = JSON.parse(isAscii(body) ? body.toString('latin1') : body.toString());
	} catch {
		return { kind: 'corrupt', reason: 'body is not JSON' };
	}
	const parsed = StoredEngine.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return { kind: 'corrupt', reason: `schema: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}` };
	}
	try {
		return { snapshot: fromStored(parsed.data) };
	} catch (error) {
		return { kind: 'corrupt', reason: `schema: ${error instanceof Error ? error.message : String(error)}` };
	}
}
