/**
 * Bad seed files under the running bot: each is skipped, the bot keeps answering, and /sources and
 * /reindex say what was skipped and why. Files that vanish or become unreadable between the
 * folder listing and the read (a reload racing an editor or a sync tool) are made deterministic by
 * intercepting reads of those two names.
 */
import { execFileSync } from 'node:child_process';
import { symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { ADMIN_PERMISSIONS, chatInput } from '../harness/payloads.js';
import { seedsFolder } from '../helpers/tmp.js';

// The loader opens article files synchronously (src/corpus/load.ts): that is the open intercepted.
vi.mock('node:fs', async (importOriginal) => {
	const actual = await importOriginal<typeof import('node:fs')>();
	return {
		...actual,
		openSync: (...args: Parameters<typeof actual.openSync>) => {
			const file = String(args[0]);
			// Deleted after the listing, just before the open.
			if (file.endsWith('vanishing.txt')) actual.unlinkSync(file);
			// Made unreadable after the listing (tests run as root, which reads anything: say so here).
			if (file.endsWith('locking.txt')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
			return actual.openSync(...args);
		},
	};
});

const GOOD = 'title Ashworth Vale count\ndate 2024-03-15\n\nThe count in Ashworth Vale finished at 4am, returning officer Dana Pike said.\n\nTurnout was 31 per cent.\n';

interface Body {
	type: number;
	data: { flags?: number; embeds: { title?: string; description?: string; fields?: { name: string; value: string }[] }[] };
}

let h: Harness | undefined;
afterEach(async () => {
	if (h) expect(allViolations(h.rest.captures)).toEqual([]);
	await h?.stop();
	h = undefined;
});

async function botOn(folder: string): Promise<Harness> {
	h = await startHarness({ engine: await Engine.fromDirectory(folder), reload: () => Engine.fromDirectory(folder) });
	return h;
}

async function reindex(bot: Harness): Promise<string> {
	const payload = chatInput('reindex', {}, { permissions: ADMIN_PERMISSIONS });
	expect((await bot.send(payload)).body).toMatchObject({ type: 5 });
	const edit = (await bot.edit(payload)).body as Body['data'];
	return `${edit.embeds[0]?.title}\n${edit.embeds[0]?.description}`;
}

async function asked(bot: Harness): Promise<Body> {
	return (await bot.send(chatInput('ask', { question: 'When did the Ashworth Vale count finish?' }))).body as Body;
}

describe('bad files in the seeds folder', () => {
	it('binary, not UTF-8, empty, 50 MB and symlink loops: skipped with reasons, the rest answered', async () => {
		const folder = await seedsFolder({
			'good.txt': GOOD,
			'binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]),
			'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
			'empty.md': '',
			'huge.txt': '',
		});
		// Sparse: 50 MB by size without writing 50 MB.
		await truncate(path.join(folder, 'huge.txt'), 50 * 1024 * 1024);
		await symlink(folder, path.join(folder, 'loop'));
		await symlink(path.join(folder, 'b.txt'), path.join(folder, 'a.txt'));
		await symlink(path.join(folder, 'a.txt'), path.join(folder, 'b.txt'));

		const bot = await botOn(folder);
		expect((await asked(bot)).data.embeds[0]?.fields?.[0]?.name).toContain('good.txt');
		const sources = JSON.stringify((await bot.send(chatInput('sources'))).body);
		const expected: [string, string][] = [
			['binary.txt', 'binary file'],
			['latin1.txt', 'not valid UTF-8'],
			['empty.md', 'empty file'],
			['huge.txt', 'larger than 5 MB'],
			['a.txt', 'broken symbolic link'],
			['b.txt', 'broken symbolic link'],
		];
		for (const [file, reason] of expected) {
			expect(sources).toMatch(new RegExp(`${file.replace('.', '\\.')}[^"]*${reason}`));
		}
	});

	it('a file deleted and one made unreadable mid-reload: the reload completes and names both', async () => {
		const folder = await seedsFolder({ 'good.txt': GOOD });
		const bot = await botOn(folder);
		await writeFile(path.join(folder, 'vanishing.txt'), GOOD);
		await writeFile(path.join(folder, 'locking.txt'), GOOD);
		const report = await reindex(bot);
		expect(report).toMatch(/^Reindexed\nIndexed 1 article\.\nSkipped 2:/);
		expect(report).toMatch(/locking\.txt — unreadable \(permission denied\)/);
		expect(report).toMatch(/vanishing\.txt — unreadable \(not found\)/);
		expect((await asked(bot)).data.embeds[0]?.title).toBeDefined();
	});

	it('the whole folder gone mid-service: the reload fails, the bot keeps answering from the last index', async () => {
		const folder = await seedsFolder({ 'good.txt': GOOD });
		const bot = await botOn(folder);
		await unlink(path.join(folder, 'good.txt'));
		expect(await reindex(bot)).toMatch(/^Reindex failed\nStill answering from the previous index/);
		expect((await asked(bot)).data.embeds[0]?.fields?.[0]?.name).toContain('good.txt');
	});

	it('thousands of tiny files, a quarter of them empty: indexed, the skipped counted, every reply within limits', async () => {
		const files: Record<string, string> = { 'good.txt': GOOD };
		for (let i = 0; i < 2000; i++) files[`wards/${i % 40}/note-${i}.txt`] = i % 4 === 0 ? '' : `Ward ${i} declared at ${i % 24}:00.`;
		const folder = await seedsFolder(files);
		// Start from the real seeds so the folder is loaded once, by the reindex under test.
		h = await startHarness({ reload: () => Engine.fromDirectory(folder) });
		const report = await reindex(h);
		expect(report).toMatch(/^Reindexed\nIndexed 1501 articles\.\nSkipped 500:\n• wards\/0\/note-0\.txt — empty file/);
		const sources = (await h.send(chatInput('sources'))).body as Body;
		expect(sources.data.embeds[0]?.fields?.length).toBeGreaterThan(0);
		expect((await asked(h)).type).toBe(4);
	});

	it('a FIFO, or a link to /dev/zero, named like an article is skipped instead of read for ever', async () => {
		const folder = await seedsFolder({ 'good.txt': GOOD });
		execFileSync('mkfifo', [path.join(folder, 'pipe.txt')]);
		await symlink('/dev/zero', path.join(folder, 'zero.txt'));
		const engine = await Engine.fromDirectory(folder);
		expect(engine.articles.map((a) => a.id)).toEqual(['good.txt']);
		expect(engine.warnings).toEqual([
			{ file: 'pipe.txt', reason: 'not a regular file' },
			{ file: 'zero.txt', reason: 'not a regular file' },
		]);
	});
});
