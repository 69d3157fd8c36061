import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, LoadedCorpus, LoadWarning } from './types.js';
import { normaliseText } from './normalise.js';
import { readLeadingMetadata, stripInlineDate, titleFromText } from './metadata.js';
import { splitParagraphs } from './paragraphs.js';

export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;
/**
 * Files read at once. One at a time, a large folder spent most of its load waiting on each file's
 * stat, open, read and close in turn; a few dozen in flight keep the disk and the thread pool busy
 * without holding many files in memory.
 */
const READ_CONCURRENCY = 32;
const ARTICLE_EXTENSIONS = new Set(['.txt', '.md']);

/** The corpus cannot be built at all: the message names the folder and says why. */
export class CorpusError extends Error {
	override name = 'CorpusError';
}

/**
 * Loads every .txt and .md file under `folder` (recursively, sorted by path). Bad files are
 * skipped with a warning naming the file and the reason; no usable file at all is an error.
 */
export async function loadCorpus(folder: string): Promise<LoadedCorpus> {
	const root = path.resolve(folder);
	const files = await listArticleFiles(root);
	const articles: Article[] = [];
	const warnings: LoadWarning[] = [...files.warnings];
	// Read in parallel, then taken in path order: the corpus is the same whatever order reads finish in.
	const outcomes = await mapConcurrently(files.paths, READ_CONCURRENCY, (relative) => loadArticle(root, relative));
	files.paths.forEach((relative, index) => {
		const outcome = outcomes[index];
		if (!outcome) return;
		if ('article' in outcome) articles.push(outcome.article);
		else warnings.push({ file: relative, reason: outcome.reason });
	});
	if (articles.length === 0) {
		const why = warnings.length > 0 ? `every file was skipped (${warnings.map((w) => `${w.file}: ${w.reason}`).join('; ')})` : 'it holds no .txt or .md files';
		throw new CorpusError(`No usable article in ${folder}: ${why}.`);
	}
	return { articles, warnings };
}

/** `work` on every item, at most `limit` at a time; results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array<R>(items.length);
	const queue = items.entries();
	const worker = async (): Promise<void> => {
		for (const [index, item] of queue) results[index] = await work(item);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

async function listArticleFiles(root: string): Promise<{ paths: string[]; warnings: LoadWarning[] }> {
	let rootStat;
	try {
		rootStat = await stat(root);
	} catch (error) {
		throw new CorpusError(`Cannot read the seeds folder ${root}: ${describeFsError(error)}.`);
	}
	if (!rootStat.isDirectory()) throw new CorpusError(`The seeds folder ${root} is not a folder.`);
	const paths: string[] = [];
	const warnings: LoadWarning[] = [];
	await walk(root, root, new Set([await realpath(root)]), paths, warnings);
	paths.sort(compareByName);
	return { paths, warnings };
}

/** Follows symlinked folders once each (by real path), so a symlink loop cannot recurse forever. */
async function walk(root: string, folder: string, visited: Set<string>, paths: string[], warnings: LoadWarning[]): Promise<void> {
	let entries;
	try {
		entries = await readdir(folder, { withFileTypes: true });
	} catch (error) {
		warnings.push({ file: toRelative(root, folder) || '.', reason: `folder unreadable (${describeFsError(error)})` });
		return;
	}
	for (const entry of entries) {
		if (entry.name.startsWith('.')) continue; // editor swap files, .DS_Store, .git
		const full = path.join(folder, entry.name);
		const kind = await entryKind(full, entry.isSymbolicLink(), entry.isDirectory());
		if (kind === 'broken') {
			warnings.push({ file: toRelative(root, full), reason: 'broken symbolic link' });
		} else if (kind === 'directory') {
			const real = await realpath(full);
			if (visited.has(real)) continue;
			visited.add(real);
			await walk(root, full, visited, paths, warnings);
		} else if (ARTICLE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
			paths.push(toRelative(root, full));
		}
	}
}

async function entryKind(full: string, isLink: boolean, isDirectory: boolean): Promise<'directory' | 'file' | 'broken'> {
	if (!isLink) return isDirectory ? 'directory' : 'file';
	try {
		return (await stat(full)).isDirectory() ? 'directory' : 'file';
	} catch {
		return 'broken';
	}
}

type ArticleOutcome = { article: Article } | { reason: string };

async function loadArticle(root: string, relative: string): Promise<ArticleOutcome> {
	const full = path.join(root, relative);
	let bytes: Buffer;
	try {
		const info = await stat(full);
		// A FIFO or a device (a link to /dev/zero) would block or never end: only regular files are articles.
		if (!info.isFile()) return { reason: 'not a regular file' };
		if (info.size > MAX_ARTICLE_BYTES) return { reason: `larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB (${info.size} bytes)` };
		bytes = await readFile(full);
	} catch (error) {
		return { reason: `unreadable (${describeFsError(error)})` };
	}
	const decoded = decodeArticleBytes(bytes);
	if ('reason' in decoded) return decoded;
	return parseArticle(relative, decoded.text);
}

function decodeArticleBytes(bytes: Buffer): { text: string } | { reason: string } {
	if (bytes.length === 0) return { reason: 'empty file' };
	if (bytes.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return { reason: 'not valid UTF-8' };
	}
}

/** Turns one file's text into an article; exported so tests and tools can parse without disk. */
export function parseArticle(id: string, raw: string): ArticleOutcome {
	const lines = normaliseText(raw).split('\n');
	const { metadata, bodyStart } = readLeadingMetadata(lines);
	const texts = splitParagraphs(lines.slice(bodyStart).join('\n'));
	if (texts.length === 0) return { reason: 'no text (empty or metadata only)' };
	const inline = stripInlineDate(texts[0] ?? '');
	texts[0] = inline.text;
	const date = metadata.date ?? inline.date;
	const paragraphs = texts.filter((text) => text !== '').map((text, index) => ({ articleId: id, number: index + 1, text }));
	if (paragraphs.length === 0) return { reason: 'no text (empty or metadata only)' };
	const title = metadata.title ?? titleFromText(paragraphs[0]?.text ?? id);
	const titleSource = metadata.title ? 'metadata' : 'first sentence';
	return { article: { id, title, titleSource, date, url: metadata.url, outlet: metadata.outlet, paragraphs } };
}

function compareByName(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function toRelative(root: string, full: string): string {
	return path.relative(root, full).split(path.sep).join('/');
}

function describeFsError(error: unknown): string {
	if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
		const known: Record<string, string> = { EACCES: 'permission denied', ENOENT: 'not found', EISDIR: 'is a folder', ELOOP: 'symbolic link loop' };
		return known[error.code] ?? error.code;
	}
	return error instanceof Error ? error.message : String(error);
}
