import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BOT_ALLOCATOR_ENV, measureInFreshProcess, medianOfFreshProcesses } from '../../src/bench/fresh-process.js';
import { seedsFolder } from '../helpers/tmp.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The bench measures the whole build and the start from the cache in a fresh process started the
// way `npm start` starts the bot.

const ARTICLE = 'Labour held the seat.\n\nThe turnout was 42 per cent, the returning officer said.\n';

describe('measuring in a fresh process', () => {
	it('runs with the allocator settings the bot is started with', async () => {
		const { scripts } = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
		for (const [name, value] of Object.entries(BOT_ALLOCATOR_ENV)) expect(scripts.start).toContain(`${name}=${value}`);
	});

	it('times a build and a start from the cache it left, with memory right after and once settled', async () => {
		const folder = await seedsFolder({ 'a.txt': ARTICLE, 'b.txt': ARTICLE.replace('Labour', 'Reform') });
		const cacheDir = await mkdtemp(path.join(tmpdir(), 'ro-fresh-cache-'));
		const build = await measureInFreshProcess({ kind: 'build', folder, settleMs: 10 }, 60_000);
		expect(build.ms).toBeGreaterThan(0);
		expect(build.settled.rssMB).toBeGreaterThan(0);
		expect(build.peakRssMB).toBeGreaterThanOrEqual(build.after.rssMB * 0.9);
		// The first open builds and caches; the second starts from that cache.
		await measureInFreshProcess({ kind: 'open', folder, cacheDir, settleMs: 10 }, 60_000);
		const start = await measureInFreshProcess({ kind: 'open', folder, cacheDir, settleMs: 10 }, 60_000);
		expect(start.from).toBe('cache');
		// The warm-up the bot runs next is timed on its own, after the start it is not counted in.
		for (const measured of [build, start]) expect(measured.warmUp.ms).toBeGreaterThan(0);
	}, 120_000);

	it('repeats a measurement in fresh processes and reports the median run with every run\'s time', async () => {
		const folder = await seedsFolder({ 'a.txt': ARTICLE });
		const { median, runsMs } = await medianOfFreshProcesses({ kind: 'build', folder, settleMs: 10 }, 3, 60_000);
		expect(runsMs).toHaveLength(3);
		const sorted = [...runsMs].sort((a, b) => a - b);
		expect(median.ms).toBe(sorted[1]);
		expect(median.settled.rssMB).toBeGreaterThan(0);
	}, 180_000);

	it('reports a failure in the fresh process as an error, not a number', async () => {
		await expect(measureInFreshProcess({ kind: 'build', folder: '/nonexistent/ro-seeds', settleMs: 10 }, 60_000)).rejects.toThrow(/nonexistent|seeds|folder/i);
	}, 60_000);
});
