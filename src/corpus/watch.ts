/**
 * Watches a seeds folder and calls `onChange` once per burst of changes (an editor's save, a copy
 * of many files): each event restarts a quiet period of `debounceMs`.
 *
 * Why not `fs.watch(folder, { recursive: true })`: on Linux, Node 20 emulates it with one inotify
 * watch per file, loses track of a renamed folder, and does not follow symbolic links, which the
 * loader does. So this watches every folder the loader walks (and every symbolic link to a file,
 * whose target can change without its folder hearing of it), one non-recursive watch each, and
 * rescans that set after each burst, before calling `onChange`: a rebuild started from `onChange`
 * reads the folder after the new set is watched, so a change is either in that build or seen.
 *
 * Only what the loader skips is ignored (names starting with a dot: editor swap files, `.git`, the
 * engine cache). If the folder disappears, or cannot be watched, that is logged once; the caller
 * keeps its corpus, and the watcher looks for the folder every `retryMs` and calls `onChange` when
 * it is back. Nothing here throws to the caller after construction.
 */
import { watch as fsWatch, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';

type Fields = Record<string, string | number | boolean | null | undefined>;

export interface WatchLog {
	info(message: string, fields?: Fields): void;
	warn(message: string, fields?: Fields): void;
}

export interface SeedsChange {
	/** The paths the events named, relative to the folder (`.` when the folder itself came back). */
	paths: string[];
}

/** What the watcher needs of `fs.FSWatcher`; tests substitute one that fails on demand. */
export interface DirWatcher {
	on(event: 'error', listener: (error: Error) => void): unknown;
	close(): void;
}

/** Watches one folder (or file) without recursion, reporting the name each event carries. */
export type WatchDir = (target: string, onEvent: (name: string | null) => void) => DirWatcher;

export interface WatchSeedsOptions {
	folder: string;
	debounceMs: number;
	onChange: (change: SeedsChange) => void;
	log: WatchLog;
	/** How often to look for the folder again once it has gone. */
	retryMs?: number;
	watchDir?: WatchDir;
}

export interface SeedsWatcher {
	/** Folders and linked files being watched now (0 once closed, or while the folder is gone). */
	readonly watching: number;
	close(): void;
}

export const DEFAULT_RETRY_MS = 5000;

/** Starts watching `folder` at once. */
export function watchSeeds(options: WatchSeedsOptions): SeedsWatcher {
	return new FolderWatcher(options);
}

/** `persistent: false`: a watcher alone must not keep a process alive that has nothing else to do. */
const watchWithNode: WatchDir = (target, onEvent) => fsWatch(target, { persistent: false }, (_type, name) => onEvent(name));

interface Watched {
	/** The path as the loader reaches it, relative to the folder: what event names are joined to. */
	relative: string;
	/** Identity of what is watched: a folder deleted and re-created at the same path needs a new watch. */
	inode: number;
	watcher: DirWatcher;
}

/** Something to watch, keyed by real path so two links to one folder are watched once. */
interface Target {
	relative: string;
	inode: number;
	full: string;
	/** A link to a file: its events name the file itself, not a child. */
	file?: boolean;
}

class FolderWatcher implements SeedsWatcher {
	private readonly root: string;
	private readonly watchDir: WatchDir;
	private readonly retryMs: number;
	private readonly watched = new Map<string, Watched>();
	/** Paths named in the current burst, once each (a new file is both a 'rename' and a 'change'). */
	private readonly changed = new Set<string>();
	/** Watches that can hear nothing more (see `noticed`), renewed by the next rescan. */
	private readonly stale = new Set<string>();
	private debounce: NodeJS.Timeout | null = null;
	private retry: NodeJS.Timeout | null = null;
	/** Why the folder cannot be watched, while it cannot (logged once per outage). */
	private lost: string | null = null;
	private closed = false;

	constructor(private readonly options: WatchSeedsOptions) {
		this.root = path.resolve(options.folder);
		this.watchDir = options.watchDir ?? watchWithNode;
		this.retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
		const problem = this.sync();
		if (problem) this.goneAway(problem);
	}

	get watching(): number {
		return this.watched.size;
	}

	close(): void {
		this.closed = true;
		this.clearTimers();
		this.unwatchAll();
	}

	/** One event from the watch on `key`: note what it names and restart the quiet period. */
	private noticed(key: string, target: Target, name: string | null): void {
		if (this.closed) return;
		const own = path.basename(target.full);
		// A dot name is skipped by the loader, but the watched folder's own name is what an event
		// about the folder itself carries, even when that name starts with a dot.
		if (name !== null && name !== own && name.startsWith('.')) return;
		// The watch follows an inode: once its folder is deleted or moved (or a linked file replaced
		// by an editor's save), it hears nothing more, and a folder re-made at once may even reuse
		// the inode number. So such a watch is renewed by the rescan.
		if (target.file || name === own) this.stale.add(key);
		this.changed.add(name === null || name === own || target.file ? target.relative : joinRelative(target.relative, name));
		this.restartQuietPeriod();
	}

	private restartQuietPeriod(): void {
		if (this.debounce) clearTimeout(this.debounce);
		this.debounce = unref(setTimeout(() => this.settle(), this.options.debounceMs));
	}

	/** A watch broke (inotify's watch limit, a folder gone under it): drop it; the rescan retries it. */
	private failed(key: string, error: Error): void {
		const entry = this.watched.get(key);
		if (this.closed || !entry) return;
		this.options.log.warn('stopped watching a seeds folder; watching it again after the next change', { folder: entry.relative, error: error.message });
		this.unwatch(key);
		this.changed.add(entry.relative);
		this.restartQuietPeriod();
	}

	/** The burst is over: watch what is there now, then report it. */
	private settle(): void {
		this.debounce = null;
		const paths = [...this.changed];
		this.changed.clear();
		const problem = this.sync();
		if (problem) return this.goneAway(problem);
		this.report({ paths });
	}

	private report(change: SeedsChange): void {
		try {
			this.options.onChange(change);
		} catch (error) {
			// A callback that throws from a timer would otherwise end the process.
			this.options.log.warn('seeds change handler failed', { error: error instanceof Error ? error.message : String(error) });
		}
	}

	private goneAway(problem: string): void {
		if (this.lost === null) {
			this.options.log.warn('cannot watch the seeds folder; answering from the last index and looking for it again', { folder: this.options.folder, reason: problem, retryMs: this.retryMs });
		}
		this.lost = problem;
		this.unwatchAll();
		this.retry = unref(setTimeout(() => this.lookAgain(), this.retryMs));
	}

	private lookAgain(): void {
		this.retry = null;
		if (this.closed) return;
		const problem = this.sync();
		if (problem) return this.goneAway(problem);
		this.options.log.info('watching the seeds folder again', { folder: this.options.folder });
		this.lost = null;
		// Whatever it holds now may differ from what was last indexed.
		this.report({ paths: ['.'] });
	}

	/** Watches exactly what the loader would walk now; returns why not when the folder itself cannot be watched. */
	private sync(): string | null {
		let targets: Map<string, Target>;
		try {
			targets = scan(this.root);
		} catch (error) {
			return describe(error);
		}
		for (const [key, entry] of this.watched) {
			if (this.stale.has(key) || targets.get(key)?.inode !== entry.inode) this.unwatch(key);
		}
		for (const [key, target] of targets) {
			if (!this.watched.has(key)) this.watchTarget(key, target);
		}
		return this.watched.has(realpathOf(this.root)) ? null : 'the folder itself could not be watched';
	}

	private watchTarget(key: string, target: Target): void {
		try {
			const watcher = this.watchDir(target.full, (name) => this.noticed(key, target, name));
			watcher.on('error', (error) => this.failed(key, error));
			this.watched.set(key, { relative: target.relative, inode: target.inode, watcher });
		} catch (error) {
			// While the folder is gone, the retry loop would repeat this line every retryMs.
			if (this.lost !== null) return;
			// ENOSPC is inotify's watch limit (fs.inotify.max_user_watches); a vanished entry is ENOENT.
			this.options.log.warn('cannot watch a seeds folder; its changes wait for the next other change or /reindex', { folder: target.relative, error: describe(error) });
		}
	}

	private unwatch(key: string): void {
		this.stale.delete(key);
		this.watched.get(key)?.watcher.close();
		this.watched.delete(key);
	}

	private unwatchAll(): void {
		for (const key of [...this.watched.keys()]) this.unwatch(key);
	}

	private clearTimers(): void {
		if (this.debounce) clearTimeout(this.debounce);
		if (this.retry) clearTimeout(this.retry);
		this.debounce = this.retry = null;
	}
}

/**
 * The folders the loader walks (skipping dot names, following links to folders once each by real
 * path) and the links to files it reads. Synchronous like the cache's fingerprint: folders only,
 * a few system calls each, and nothing else can run between a listing and acting on it.
 */
function scan(root: string): Map<string, Target> {
	const info = statSync(root);
	if (!info.isDirectory()) throw new Error('not a folder');
	const targets = new Map<string, Target>();
	const visit = (full: string, relative: string, inode: number): void => {
		const key = realpathOf(full);
		if (targets.has(key)) return;
		targets.set(key, { relative, inode, full });
		for (const entry of listFolder(full)) {
			if (entry.name.startsWith('.')) continue;
			const child = { full: path.join(full, entry.name), relative: joinRelative(relative, entry.name) };
			const target = entry.isDirectory() || entry.isSymbolicLink() ? statOrNull(child.full) : null;
			if (target?.isDirectory()) visit(child.full, child.relative, target.ino);
			// A link's target can change without its folder hearing of it, so the link is watched too.
			else if (target?.isFile() && entry.isSymbolicLink()) targets.set(realpathOf(child.full), { ...child, inode: target.ino, file: true });
		}
	};
	visit(root, '.', info.ino);
	return targets;
}

/** A subfolder that cannot be listed is still watched (its own events), just not descended into. */
function listFolder(full: string): Dirent[] {
	try {
		return readdirSync(full, { withFileTypes: true });
	} catch {
		return [];
	}
}

function statOrNull(full: string): Stats | null {
	try {
		return statSync(full);
	} catch {
		return null;
	}
}

function realpathOf(full: string): string {
	try {
		return realpathSync(full);
	} catch {
		return full;
	}
}

function joinRelative(folder: string, name: string): string {
	return folder === '.' ? name : `${folder}/${name}`;
}

function describe(error: unknown): string {
	if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
	return error instanceof Error ? error.message : String(error);
}

function unref(timer: NodeJS.Timeout): NodeJS.Timeout {
	timer.unref();
	return timer;
}
