import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Article, LoadedCorpus, LoadWarning } from './types.js';
import { normaliseText } from './normalise.js';
import { readLeadingMetadata, stripInlineDate, titleFromText } from './metadata.js';
import { splitParagraphs } from './paragraphs.js';

export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;
/**
 * Files are read synchronously, in slices of about this many milliseconds with the event loop let
 * run between them. Measured on the 2-core bench machine with 10,000 files: promise reads (a
 * thread-pool round trip for each stat, open, fstat, read and close, 32 files in flight) cost about
 * 5 s of CPU, the pool's threads mostly contending; synchronous reads of the same files, 0.4 s. The
 * slices keep a running bot (heartbeats, interactions) answering while a large folder loads.
 */
const SLICE_MS = 10;
const ARTICLE_EXTENSIONS = new Set(['.txt', '.md']);

/** The corpus cannot be built at all: the message names the folder and says why. */
export class CorpusError extends Error {
	override name = 'CorpusError';
}

export interface LoadOptions {
	/** Told how many article files were found, before any is read (a build starts its workers then). */
	onListed?: (files: number) => void;
	/**
	 * Given the articles as they load, a slice at a time, in order: together, the same objects the
	 * load returns (a build's extraction worker analyses them meanwhile).
	 */
	onArticles?: (articles: Article[]) => void;
}

/**
 * Loads every .txt and .md file under `folder` (recursively, sorted by path). Bad files are
 * skipped with a warning naming the file and the reason; no usable file at all is an error.
 */
export async function loadCorpus(folder: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
	const root = path.resolve(folder);
	const files = await listArticleFiles(root);
	options.onListed?.(files.paths.length);
	const articles: Article[] = [];
	const warnings: LoadWarning[] = [...files.warnings];
	const reader = new ArticleFileReader();
	const outcomes = await mapInSlices(files.paths, (relative) => loadArticle(root, relative, reader), (slice) => options.onArticles?.(articlesIn(slice)));
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

function articlesIn(outcomes: readonly ArticleOutcome[]): Article[] {
	return outcomes.flatMap((outcome) => ('article' in outcome ? [outcome.article] : []));
}

/**
 * `work` on every item in order, yielding to the event loop every SLICE_MS or so; results in the
 * items' order. `onSlice` is given each slice's results as it ends.
 */
async function mapInSlices<T, R>(items: readonly T[], work: (item: T) => R, onSlice: (results: R[]) => void): Promise<R[]> {
	const results: R[] = [];
	let sliceFrom = 0;
	let sliceStart = performance.now();
	for (const item of items) {
		results.push(work(item));
		if (performance.now() - sliceStart < SLICE_MS) continue;
		onSlice(results.slice(sliceFrom));
		sliceFrom = results.length;
		await yieldToEventLoop();
		sliceStart = performance.now();
	}
	if (sliceFrom < results.length) onSlice(results.slice(sliceFrom));
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

/** The article in `relative`, or why it was skipped. */
function loadArticle(root: string, relative: string, reader: ArticleFileReader): ArticleOutcome {
	const outcome = reader.read(path.join(root, relative));
	return 'reason' in outcome ? outcome : parseArticleBytes(relative, outcome);
}

function parseArticleBytes(relative: string, bytes: Buffer): ArticleOutcome {
	const decoded = decodeArticleBytes(bytes);
	if ('reason' in decoded) return decoded;
	return parseArticle(relative, decoded.text);
}

/**
 * Reads article files, or says why the loader skips one. Only regular files are articles: a FIFO or
 * a device (a link to /dev/zero) would block or never end. A file is opened without blocking (a FIFO
 * with no writer would block the open) and then asked what it is: one path lookup, not two. The
 * cache's fingerprint reads through here too, so both read exactly the same bytes.
 *
 * Each file is read into one buffer the reader keeps: at 10,000 files, a fresh buffer per file
 * (readFileSync, which also asks for the size again) made hashing the seeds 0.23–0.27 s instead of
 * 0.17–0.19 s. So the bytes `read` returns are valid only until its next call: decode or hash them first.
 */
export class ArticleFileReader {
	private buffer: Buffer = Buffer.allocUnsafe(64 * 1024);

	read(full: string): Buffer | { reason: string } {
		let descriptor: number;
		try {
			descriptor = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
		} catch (error) {
			return { reason: `unreadable (${describeFsError(error)})` };
		}
		try {
			const info = fstatSync(descriptor);
			if (!info.isFile()) return { reason: 'not a regular file' };
			if (info.size > MAX_ARTICLE_BYTES) return { reason: tooLarge(info.size) };
			return this.readToEnd(descriptor, info.size);
		} catch (error) {
			return { reason: `unreadable (${describeFsError(error)})` };
		} finally {
			closeSync(descriptor);
		}
	}

	/** To the end, not just `size` bytes: a file still being written may have grown since it was asked. */
	private readToEnd(descriptor: number, size: number): Buffer | { reason: string } {
		// One byte more than the size, so a file that has not grown ends in a read of nothing.
		if (this.buffer.length <= size) this.buffer = Buffer.allocUnsafe(size + 1);
		let length = 0;
		for (;;) {
			if (length > MAX_ARTICLE_BYTES) return { reason: tooLarge(length) };
			if (length === this.buffer.length) this.buffer = grown(this.buffer, length);
			const read = readSync(descriptor, this.buffer, length, this.buffer.length - length, null);
			if (read === 0) return this.buffer.subarray(0, length);
			length += read;
		}
	}
}

function tooLarge(bytes: number): string {
	return `larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB (${bytes} bytes)`;
}

function grown(buffer: Buffer, used: number): Buffer {
	const larger = Buffer.allocUnsafe(buffer.length * 2);
	buffer.copy(larger, 0, 0, used);
	return larger;
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
