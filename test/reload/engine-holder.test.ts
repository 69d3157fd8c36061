/**
 * The EngineHolder's rules, with builds the test finishes by hand: queries see the engine in
 * place until a build is complete; one build at a time; a request during a build gets exactly one
 * more build after it, shared by every request made meanwhile; a failure keeps the old engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/answer/engine.js';
import { EngineHolder } from '../../src/discord/engine-holder.js';
import { createLogger } from '../../src/discord/logger.js';
import { overrideEngine, testEngine } from '../harness/engine.js';
import { ControlledReload } from '../harness/reload.js';

let base: EngineApi;
beforeAll(async () => {
	base = await testEngine();
});

/** A distinct engine object: the holder is judged by which one it hands out. */
const another = (): EngineApi => overrideEngine(base, {});

function setUp(): { holder: EngineHolder; reloads: ControlledReload; logs: string[]; concurrent: () => number; initial: EngineApi } {
	const reloads = new ControlledReload();
	const logs: string[] = [];
	let running = 0;
	let most = 0;
	const build = async (): Promise<EngineApi> => {
		most = Math.max(most, ++running);
		try {
			return await reloads.reload();
		} finally {
			running -= 1;
		}
	};
	const initial = another();
	const log = createLogger({ level: 'debug', format: 'json', secrets: [], write: (line) => logs.push(line) });
	return { holder: new EngineHolder(initial, build, log), reloads, logs, concurrent: () => most, initial };
}

describe('EngineHolder', () => {
	it('answers from the engine in place while a build runs, and swaps when it is complete', async () => {
		const { holder, reloads, initial } = setUp();
		const reloaded = holder.reload('test');
		const pending = await reloads.next();
		expect(holder.rebuilding).toBe(true);
		expect(holder.current).toBe(initial);
		const fresh = another();
		pending.resolve(fresh);
		expect(await reloaded).toBe(fresh);
		expect(holder.current).toBe(fresh);
		expect(holder.rebuilding).toBe(false);
	});

	it('requests during a build: exactly one more build after it, shared by all, never two at once', async () => {
		const { holder, reloads, concurrent } = setUp();
		const first = holder.reload('watch');
		const firstBuild = await reloads.next();
		const during = [holder.reload('watch'), holder.reload('/reindex'), holder.reload('watch')];
		expect(reloads.calls).toBe(1);

		const older = another();
		firstBuild.resolve(older);
		expect(await first).toBe(older);
		const secondBuild = await reloads.next();
		expect(reloads.calls).toBe(2);
		// A request now, while the second build runs, is a change that build may have missed: a third.
		const late = holder.reload('watch');

		const latest = another();
		secondBuild.resolve(latest);
		expect(await Promise.all(during)).toEqual([latest, latest, latest]);
		const thirdBuild = await reloads.next();
		const last = another();
		thirdBuild.resolve(last);
		expect(await late).toBe(last);
		await holder.settled();
		expect(holder.current).toBe(last);
		expect(reloads.calls).toBe(3);
		expect(concurrent()).toBe(1);
	});

	it('a failed build keeps the engine in place, says why, and the queued build still runs', async () => {
		const { holder, reloads, logs, initial } = setUp();
		const failing = holder.reload('watch');
		const build = await reloads.next();
		const queued = holder.reload('/reindex');
		build.reject(new Error('No usable article in /seeds: every file was skipped'));
		await expect(failing).rejects.toThrow('No usable article');
		expect(holder.current).toBe(initial);
		const failure = logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'rebuild failed; still answering from the previous index');
		expect(failure).toMatchObject({ level: 'error', trigger: 'watch', error: expect.stringContaining('No usable article') });

		const fresh = another();
		(await reloads.next()).resolve(fresh);
		expect(await queued).toBe(fresh);
		expect(holder.current).toBe(fresh);
	});

	it('settled() waits for the queued build too', async () => {
		const { holder, reloads } = setUp();
		void holder.reload('watch');
		const first = await reloads.next();
		void holder.reload('watch');
		let settled = false;
		const waiting = holder.settled().then(() => (settled = true));
		first.resolve(another());
		const second = await reloads.next();
		expect(settled).toBe(false);
		second.resolve(another());
		await waiting;
		expect(holder.rebuilding).toBe(false);
	});
});
