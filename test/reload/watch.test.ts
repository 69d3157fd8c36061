/**
 * The seeds watcher on its own. The debounce, error and close rules run on fake timers with a fake
 * fs.watch, so "nothing was reported" is a fact rather than a wait; what the kernel really reports
 * runs on real folders with a short debounce, waiting on the callbacks themselves.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchSeeds } from '../../src/corpus/watch.js';
import type { SeedsChange, SeedsWatcher, WatchDir, WatchLog, WatchSeedsOptions } from '../../src/corpus/watch.js';
import { seedsFolder } from '../helpers/tmp.js';

const ARTICLE = 'title Ashworth Vale count\n\nThe count in Ashworth Vale finished at 4am.\n';

/** Every change reported, and a promise for the n-th. */
class Changes {
	readonly seen: SeedsChange[] = [];
	private readonly events = new EventEmitter();
	readonly onChange = (change: SeedsChange): void => {
		this.seen.push(change);
		this.events.emit('change');
	};

	/** Resolves with the n-th change (1-based) once it has been reported. */
	nth(n: number): Promise<SeedsChange> {
		return new Promise((resolve) => {
			const check = (): void => {
				const change = this.seen[n - 1];
				if (!change) return;
				this.events.off('change', check);
				resolve(change);
			};
			this.events.on('change', check);
			check();
		});
	}
}

/** Log lines as `level message {fields}`, and a promise for the first line matching a pattern. */
class Lines implements WatchLog {
	readonly lines: string[] = [];
	private readonly events = new EventEmitter();
	info(message: string, fields = {}): void {
		this.push(`info ${message} ${JSON.stringify(fields)}`);
	}
	warn(message: string, fields = {}): void {
		this.push(`warn ${message} ${JSON.stringify(fields)}`);
	}
	line(pattern: RegExp): Promise<string> {
		return new Promise((resolve) => {
			const check = (): void => {
				const found = this.lines.find((line) => pattern.test(line));
				if (found === undefined) return;
				this.events.off('line', check);
				resolve(found);
			};
			this.events.on('line', check);
			check();
		});
	}
	private push(line: string): void {
		this.lines.push(line);
		this.events.emit('line');
	}
}

/** fs.watch stand-in: the test fires events and errors into any watched path, or makes a path unwatchable. */
class FakeWatches {
	readonly open = new Map<string, { fire: (name: string | null) => void; emitter: EventEmitter }>();
	readonly unwatchable = new Set<string>();
	readonly watchDir: WatchDir = (target, onEvent) => {
		if (this.unwatchable.has(path.basename(target))) throw Object.assign(new Error(`ENOSPC: System limit for number of file watchers reached, watch '${target}'`), { code: 'ENOSPC' });
		const entry = { fire: onEvent, emitter: new EventEmitter() };
		this.open.set(target, entry);
		return {
			on: (event, listener) => entry.emitter.on(event, listener),
			close: () => {
				if (this.open.get(target) === entry) this.open.delete(target);
			},
		};
	};

	fire(target: string, name: string | null): void {
		const entry = this.open.get(target);
		if (!entry) throw new Error(`not watched: ${target}`);
		entry.fire(name);
	}
}

const started: SeedsWatcher[] = [];
afterEach(() => {
	for (const watcher of started.splice(0)) watcher.close();
	vi.useRealTimers();
});

function start(options: Omit<WatchSeedsOptions, 'onChange' | 'log'>): { changes: Changes; log: Lines; watcher: SeedsWatcher } {
	const changes = new Changes();
	const log = new Lines();
	const watcher = watchSeeds({ ...options, onChange: changes.onChange, log });
	started.push(watcher);
	return { changes, log, watcher };
}

describe('debounce, errors and close (fake timers, fake fs.watch)', () => {
	it('a burst is one change, reported a quiet debounce after its last event', async () => {
		vi.useFakeTimers();
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		const fake = new FakeWatches();
		const { changes } = start({ folder, debounceMs: 100, watchDir: fake.watchDir });
		for (const name of ['a.txt', 'a.txt', 'b.txt', 'c.md']) {
			fake.fire(folder, name);
			vi.advanceTimersByTime(40);
		}
		// 40 ms after the last event: still inside its quiet period.
		expect(changes.seen).toEqual([]);
		vi.advanceTimersByTime(59);
		expect(changes.seen).toEqual([]);
		vi.advanceTimersByTime(1);
		// Each path once: a new file is both a 'rename' and a 'change'.
		expect(changes.seen).toEqual([{ paths: ['a.txt', 'b.txt', 'c.md'] }]);
		vi.advanceTimersByTime(10_000);
		expect(changes.seen).toHaveLength(1);
	});

	it('ignores only what the loader skips: dot names', async () => {
		vi.useFakeTimers();
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		const fake = new FakeWatches();
		const { changes } = start({ folder, debounceMs: 100, watchDir: fake.watchDir });
		for (const name of ['.a.txt.swp', '.cache', '.DS_Store']) fake.fire(folder, name);
		vi.advanceTimersByTime(10_000);
		expect(changes.seen).toEqual([]);
		// Anything else counts, even a name the loader does not index: it could be a folder.
		for (const name of ['notes', 'photo.jpg', null]) fake.fire(folder, name);
		vi.advanceTimersByTime(100);
		expect(changes.seen).toEqual([{ paths: ['notes', 'photo.jpg', '.'] }]);
	});

	it('a watch that errors is logged, watched again, and counts as a change', async () => {
		vi.useFakeTimers();
		const folder = await seedsFolder({ 'wards/a.txt': ARTICLE });
		const fake = new FakeWatches();
		const { changes, log, watcher } = start({ folder, debounceMs: 100, watchDir: fake.watchDir });
		const wards = path.join(folder, 'wards');
		expect(watcher.watching).toBe(2);
		fake.open.get(wards)?.emitter.emit('error', new Error('EMFILE: too many open files'));
		expect(log.lines.join('\n')).toMatch(/^warn stopped watching a seeds folder.*"folder":"wards".*EMFILE/m);
		expect(fake.open.has(wards)).toBe(false);
		vi.advanceTimersByTime(100);
		expect(changes.seen).toEqual([{ paths: ['wards'] }]);
		expect(fake.open.has(wards)).toBe(true);
		expect(watcher.watching).toBe(2);
	});

	it('a folder that cannot be watched (inotify limit) is logged; the rest are watched', async () => {
		vi.useFakeTimers();
		const folder = await seedsFolder({ 'a.txt': ARTICLE, 'wards/b.txt': ARTICLE, 'other/c.txt': ARTICLE });
		const fake = new FakeWatches();
		fake.unwatchable.add('wards');
		const { changes, log, watcher } = start({ folder, debounceMs: 100, watchDir: fake.watchDir });
		expect(watcher.watching).toBe(2);
		expect(log.lines.join('\n')).toMatch(/^warn cannot watch a seeds folder.*"folder":"wards".*ENOSPC/m);
		fake.fire(path.join(folder, 'other'), 'c.txt');
		vi.advanceTimersByTime(100);
		expect(changes.seen).toEqual([{ paths: ['other/c.txt'] }]);
	});

	it('an event about the watched folder itself renews its watch (a folder re-made at once can reuse the inode)', async () => {
		vi.useFakeTimers();
		const folder = await seedsFolder({ 'wards/a.txt': ARTICLE });
		const fake = new FakeWatches();
		const { changes } = start({ folder, debounceMs: 100, watchDir: fake.watchDir });
		const wards = path.join(folder, 'wards');
		const before = fake.open.get(wards);
		fake.fire(wards, 'wards');
		vi.advanceTimersByTime(100);
		expect(changes.seen).toEqual([{ paths: ['wards'] }]);
		expect(fake.open.get(wards)).not.toBe(before);
		expect(fake.open.get(folder)).toBeDefined();
	});

	it('close() stops everything: a pending burst is dropped, nothing is watched', async () => {
		vi.useFakeTimers();
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		const fake = new FakeWatches();
		const { changes, watcher } = start({ folder, debounceMs: 100, watchDir: fake.watchDir });
		fake.fire(folder, 'a.txt');
		watcher.close();
		vi.advanceTimersByTime(10_000);
		expect(changes.seen).toEqual([]);
		expect(watcher.watching).toBe(0);
		expect(fake.open.size).toBe(0);
	});

	it('a change handler that throws is logged, and the watcher carries on', async () => {
		vi.useFakeTimers();
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		const fake = new FakeWatches();
		const log = new Lines();
		let calls = 0;
		const onChange = (): void => {
			calls += 1;
			throw new Error('handler broke');
		};
		started.push(watchSeeds({ folder, debounceMs: 100, watchDir: fake.watchDir, log, onChange }));
		fake.fire(folder, 'a.txt');
		vi.advanceTimersByTime(100);
		fake.fire(folder, 'a.txt');
		vi.advanceTimersByTime(100);
		expect(calls).toBe(2);
		expect(log.lines.filter((line) => line.includes('handler broke'))).toHaveLength(2);
	});
});

describe('real folders (fs.watch, debounce 100 ms)', () => {
	it('a burst of writes is one change; a file in a folder made during the burst is seen afterwards', async () => {
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		const { changes } = start({ folder, debounceMs: 100 });
		// Synchronous writes: every event is queued before the watcher can read one.
		mkdirSync(path.join(folder, 'wards'));
		for (let i = 0; i < 30; i++) writeFileSync(path.join(folder, `n${i}.txt`), `${ARTICLE}${i}\n`);
		writeFileSync(path.join(folder, 'a.txt'), `${ARTICLE}changed\n`);
		const first = await changes.nth(1);
		expect(new Set(first.paths)).toEqual(new Set(['wards', 'a.txt', ...Array.from({ length: 30 }, (_, i) => `n${i}.txt`)]));

		// The new folder was not there when watching began: the rescan after the burst added it.
		writeFileSync(path.join(folder, 'wards/late.md'), ARTICLE);
		expect(await changes.nth(2)).toEqual({ paths: ['wards/late.md'] });
		expect(changes.seen).toHaveLength(2);
	});

	it('edits, renames and deletions deep in the tree; dot files and the cache folder ignored', async () => {
		const folder = await seedsFolder({ 'wards/north/a.txt': ARTICLE, 'wards/south/b.txt': ARTICLE });
		const { changes } = start({ folder, debounceMs: 100 });
		mkdirSync(path.join(folder, '.cache'));
		writeFileSync(path.join(folder, '.cache/engine.cache'), 'x');
		writeFileSync(path.join(folder, 'wards/north/.a.txt.swp'), 'x');
		writeFileSync(path.join(folder, 'wards/north/a.txt'), `${ARTICLE}edited\n`);
		unlinkSync(path.join(folder, 'wards/south/b.txt'));
		const first = await changes.nth(1);
		expect(new Set(first.paths)).toEqual(new Set(['wards/north/a.txt', 'wards/south/b.txt']));

		// A renamed folder: its files are found under the new name from then on.
		renameSync(path.join(folder, 'wards/north'), path.join(folder, 'wards/east'));
		await changes.nth(2);
		writeFileSync(path.join(folder, 'wards/east/c.txt'), ARTICLE);
		expect((await changes.nth(3)).paths).toEqual(['wards/east/c.txt']);
	});

	it('follows links to a folder and to a file outside the tree, as the loader does', async () => {
		const outside = await seedsFolder({ 'x.txt': ARTICLE, 'wire/y.txt': ARTICLE });
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		symlinkSync(path.join(outside, 'wire'), path.join(folder, 'agency'));
		symlinkSync(path.join(outside, 'x.txt'), path.join(folder, 'linked.txt'));
		const { changes } = start({ folder, debounceMs: 100 });
		writeFileSync(path.join(outside, 'wire/y.txt'), `${ARTICLE}updated\n`);
		expect((await changes.nth(1)).paths).toEqual(['agency/y.txt']);
		// An editor's save replaces the file: the link's target is watched anew after each change.
		for (const round of [2, 3]) {
			writeFileSync(path.join(outside, 'x.tmp'), `${ARTICLE}${round}\n`);
			renameSync(path.join(outside, 'x.tmp'), path.join(outside, 'x.txt'));
			expect((await changes.nth(round)).paths).toEqual(['linked.txt']);
		}
	});

	it('the folder removed: logged, nothing reported, watched again and reported when it is back', async () => {
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		const { changes, log, watcher } = start({ folder, debounceMs: 100, retryMs: 50 });
		rmSync(folder, { recursive: true });
		const gone = await log.line(/^warn cannot watch the seeds folder/);
		expect(gone).toMatch(/"reason":"ENOENT"/);
		// The removal is logged, not reported: a rebuild of a folder that is not there can only fail.
		expect(changes.seen).toEqual([]);
		expect(watcher.watching).toBe(0);

		// Made elsewhere and moved in whole, so the retry cannot catch it half made.
		const replacement = await seedsFolder({ 'b.txt': ARTICLE });
		renameSync(replacement, folder);
		expect(await changes.nth(1)).toEqual({ paths: ['.'] });
		expect(log.lines.filter((line) => line.startsWith('warn cannot watch the seeds folder'))).toHaveLength(1);
		expect(log.lines.some((line) => line.startsWith('info watching the seeds folder again'))).toBe(true);
		writeFileSync(path.join(folder, 'c.txt'), ARTICLE);
		expect((await changes.nth(2)).paths).toEqual(['c.txt']);
	});

	it('the folder replaced by a new one at the same path within one burst: the new one is watched', async () => {
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		const { changes } = start({ folder, debounceMs: 100 });
		rmSync(folder, { recursive: true });
		mkdirSync(folder);
		writeFileSync(path.join(folder, 'b.txt'), ARTICLE);
		await changes.nth(1);
		writeFileSync(path.join(folder, 'c.txt'), ARTICLE);
		expect((await changes.nth(2)).paths).toEqual(['c.txt']);
	});
});
