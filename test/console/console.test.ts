import { execFile } from 'node:child_process';
import { readdir, truncate } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Answer } from '../../src/answer/model.js';
import { runConsole } from '../../src/console/run.js';
import { seedsFolder } from '../helpers/tmp.js';

const run = promisify(execFile);

/** Runs the console as `npm run ask` does (tsx on src/console/main.ts), capturing both streams and the exit code. */
async function ask(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string; code: number }> {
	try {
		const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/console/main.ts', ...args], { env: { ...process.env, ...env } });
		return { stdout, stderr, code: 0 };
	} catch (error) {
		const failed = error as { stdout: string; stderr: string; code: number };
		return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
	}
}

async function inProcess(args: string[], seedsDir?: string): Promise<{ stdout: string; stderr: string; code: number }> {
	let stdout = '';
	let stderr = '';
	const code = await runConsole(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTerminal: false, seedsDir });
	return { stdout, stderr, code };
}

describe('the offline console (npm run ask)', () => {
	it('answers the acceptance question with a first citation that names the winner', async () => {
		const { stdout, code } = await ask(['ask', 'who won the Hartlepool by-election']);
		expect(code).toBe(0);
		const firstCitation = stdout.split('\n\n').find((block) => block.startsWith('[1] '));
		expect(firstCitation).toMatch(/^\[1\] .+ — \S+ ¶\d+/);
		expect(firstCitation).toMatch(/Conservative|Mortimer/);
	});

	it('prints only the Answer object on stdout with --json, valid against the schema', async () => {
		const { stdout, code } = await ask(['--json', 'ask', 'who won the Hartlepool by-election']);
		expect(code).toBe(0);
		const answer = Answer.parse(JSON.parse(stdout));
		expect(answer.command).toBe('ask');
		expect(answer.citations[0]).toMatchObject({ n: 1, paragraph: expect.any(Number), source: expect.any(String) });
	});

	it('lists the sources', async () => {
		const { stdout, code } = await inProcess(['sources']);
		expect(code).toBe(0);
		expect(stdout).toContain('2 articles');
		expect(stdout).toContain('002_0641db0206dab556.txt, 2021-05-07 (10 paragraphs)');
	});

	it('says plainly when the sources cannot answer', async () => {
		const { stdout } = await inProcess(['ask', 'what is the capital of France']);
		expect(stdout).toContain('Not in the sources');
		expect(stdout).not.toContain('[1]');
	});

	it.each([[['frob']], [['ask']], [[]], [['--bogus', 'sources']], [['quote']]])('exits 2 with the usage for %j', async (args) => {
		const { stderr, code, stdout } = await inProcess(args);
		expect(code).toBe(2);
		expect(stderr).toContain('Usage: npm run ask --');
		expect(stdout).toBe('');
	});

	it('reads --seeds (over SEEDS_DIR), warns on stderr about skipped files and keeps stdout clean', async () => {
		const folder = await seedsFolder({ 'a.txt': 'title Alpha\n\nThe Green candidate won the Fenmoor by-election.', 'bad.txt': '' });
		const { stdout, stderr, code } = await ask(['--json', '--seeds', folder, 'sources'], { SEEDS_DIR: '/nonexistent' });
		expect(code).toBe(0);
		expect(stderr).toContain('warning: skipped bad.txt: empty file');
		expect(JSON.parse(stdout)).toMatchObject({ command: 'sources', articles: [{ source: 'a.txt', title: 'Alpha' }] });
	});

	it('exits 1 naming the folder when there is nothing to load', async () => {
		const { stderr, code } = await inProcess(['sources'], '/nonexistent/seeds');
		expect(code).toBe(1);
		expect(stderr).toContain('/nonexistent/seeds');
	});
});

describe('the console and the engine cache', () => {
	const article = (place: string) => `title: Result in ${place}\ndate: 2024-05-03\n\nJo Smith won the ${place} by-election with 12,000 votes.\n\n"It is a great day," Smith said.\n`;

	async function inProcessCached(args: string[], seedsDir: string, cacheDir: string): Promise<{ stdout: string; stderr: string; code: number }> {
		let stdout = '';
		let stderr = '';
		const code = await runConsole(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTerminal: false, seedsDir, cacheDir });
		return { stdout, stderr, code };
	}

	it('builds once, answers the same from the cache, and rebuilds a damaged cache with a warning', async () => {
		const seeds = await seedsFolder({ 'one.txt': article('Ashby') });
		const cacheDir = await seedsFolder({});
		const first = await inProcessCached(['ask', 'who won in Ashby?'], seeds, cacheDir);
		expect(first.code).toBe(0);
		expect(first.stdout).toContain('Jo Smith');
		const [cacheFile] = await readdir(cacheDir);
		expect(cacheFile).toMatch(/^engine-.+\.cache$/);
		const second = await inProcessCached(['ask', 'who won in Ashby?'], seeds, cacheDir);
		expect(second).toEqual(first);
		await truncate(path.join(cacheDir, cacheFile!), 100);
		const third = await inProcessCached(['ask', 'who won in Ashby?'], seeds, cacheDir);
		expect(third.stdout).toBe(first.stdout);
		expect(third.stderr).toMatch(/engine cache (truncated|corrupt), rebuilding/);
	});
});
