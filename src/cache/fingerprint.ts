// What a cached engine was built from: the seeds folder's files (paths and bytes) and the code that
// turns them into an Engine. A cache whose key differs from today's was built from something else.
//
// Synchronous file reads on purpose: for 10,000 small files, a promise and a thread-pool round trip
// per file cost several times the reading itself (1.3 s against 0.2–0.5 s measured on the 2-core
// bench machine), and start-up has nothing else to do meanwhile. Only regular files are read.
import { createHash, type Hash } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArticleFileReader } from '../corpus/load.js';

/** The source folders whose code decides what a built Engine holds (relative to src/). */
const BUILD_CODE = ['corpus', 'extract', 'index', 'answer/engine.ts', 'cache'];
const CODE_EXTENSIONS = new Set(['.ts', '.js']);
const ARTICLE_EXTENSIONS = new Set(['.txt', '.md']);

interface Entry {
	relative: string;
	full: string;
	kind: 'article' | 'other' | 'broken' | 'unreadable folder';
}

/** An article file's bytes; or, for what the loader skips without reading, why (which its warning says). */
type Content = Buffer | { reason: string };

/**
 * A hash of everything `loadCorpus` would read under `folder`: every article file's path and bytes,
 * and the names of the entries it would warn about (a broken link or another file), in path order.
 */
export function hashSeeds(folder: string): string {
	const hash = createHash('sha256');
	const reader = new ArticleFileReader();
	// Hashed before the next read: the reader reuses its buffer.
	for (const entry of listEntries(path.resolve(folder))) addEntry(hash, entry, entry.kind === 'article' ? reader.read(entry.full) : null);
	return hash.digest('hex');
}

/** Length-prefixed fields, so no two different folders can produce the same byte stream. */
function addEntry(hash: Hash, entry: Entry, content: Content | null): void {
	const body = content ?? { reason: '' };
	const described = Buffer.isBuffer(body) ? `${body.length}:` : `skipped:${body.reason}`;
	hash.update(`${entry.kind}\u0000${Buffer.byteLength(entry.relative)}:${entry.relative}\u0000${described}\u0000`);
	if (Buffer.isBuffer(body)) hash.update(body);
}

/**
 * Walks like the loader: skips dot entries, follows symbolic links (to folders once each). Only
 * links need a stat of their own; readdir already says what everything else is.
 */
function listEntries(root: string): Entry[] {
	const entries: Entry[] = [];
	const visited = new Set<string>();
	// `relative` is the folder's path from the root with a trailing slash ('' for the root itself):
	// joined by hand, as path.relative would cost more than reading a small file.
	const walk = (folder: string, relative: string): void => {
		visited.add(realpathSync(folder));
		let children: Dirent[];
		try {
			children = readdirSync(folder, { withFileTypes: true }).filter((child) => !child.name.startsWith('.'));
		} catch {
			entries.push({ relative: relative.slice(0, -1), full: folder, kind: 'unreadable folder' });
			return;
		}
		for (const child of children) {
			const full = path.join(folder, child.name);
			const kind = child.isSymbolicLink() ? linkKind(full) : child.isDirectory() ? 'directory' : 'file';
			if (kind === 'directory') {
				if (!visited.has(realpathSync(full))) walk(full, `${relative}${child.name}/`);
			} else if (kind === 'broken') entries.push({ relative: relative + child.name, full, kind });
			else entries.push({ relative: relative + child.name, full, kind: ARTICLE_EXTENSIONS.has(path.extname(child.name).toLowerCase()) ? 'article' : 'other' });
		}
	};
	walk(root, '');
	return entries.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

function linkKind(full: string): 'directory' | 'file' | 'broken' {
	try {
		return statSync(full).isDirectory() ? 'directory' : 'file';
	} catch {
		return 'broken';
	}
}

function relativeTo(root: string, full: string): string {
	return path.relative(root, full).split(path.sep).join('/');
}

let codeHash: string | null = null;

/**
 * A hash of the code that builds an Engine, so that a change to the analysis invalidates the cache
 * even when nobody remembers to bump INDEX_VERSION. Computed once per process; when the sources
 * cannot be read (a bundled build), only INDEX_VERSION guards the cache.
 */
export function hashBuildCode(): string {
	codeHash ??= computeCodeHash();
	return codeHash;
}

function computeCodeHash(): string {
	const sourceRoot = fileURLToPath(new URL('../', import.meta.url));
	const hash = createHash('sha256');
	for (const part of BUILD_CODE) {
		for (const file of codeFiles(path.join(sourceRoot, part))) {
			hash.update(`${relativeTo(sourceRoot, file)}\u0000`);
			hash.update(readFileSync(file));
		}
	}
	return hash.digest('hex');
}

function codeFiles(target: string): string[] {
	let info;
	try {
		info = statSync(target);
	} catch {
		return [];
	}
	if (info.isFile()) return CODE_EXTENSIONS.has(path.extname(target)) ? [target] : [];
	return readdirSync(target)
		.sort()
		.flatMap((name) => codeFiles(path.join(target, name)));
}
