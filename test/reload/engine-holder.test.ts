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
import { until } from '../harness/wait.js';

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

/** `engine` with a warm-up the test finishes by hand. */
function withControlledWarmUp(engine: EngineApi): { engine: EngineApi; readonly calls: number; finish: () => void; fail: (error: Error) => void } {
	let calls = 0;
	let finish = (): void => undefined;
	let fail = (_error: Error): void => undefined;
	const warmUp = () =>
		new Promise<void>((resolve, reject) => {
			calls += 1;
			finish = resolve;
			fail = reject;
		});
	return {
		engine: { ...engine, ask: (question) => engine.ask(question), warmUp },
		get calls() {
			return calls;
		},
		finish: () => finish(),
		fail: (error) => fail(error),
	};
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

	it('warms a rebuilt engine before swapping it in, answering from the old one meanwhile', async () => {
		const { holder, reloads, initial } = setUp();
		const reloaded = holder.reload('watch');
		const warm = withControlledWarmUp(another());
		(await reloads.next()).resolve(warm.engine);
		await until(() => warm.calls === 1);
		expect(holder.current).toBe(initial);
		expect(holder.rebuilding).toBe(true);
		warm.finish();
		expect(await reloaded).toBe(warm.engine);
		expect(holder.current).toBe(warm.engine);
	});

	it('keeps the old engine, and says why, when the new one fails to warm up', async () => {
		const { holder, reloads, logs, initial } = setUp();
		const reloaded = holder.reload('watch');
		const warm = withControlledWarmUp(another());
		(await reloads.next()).resolve(warm.engine);
		await until(() => warm.calls === 1);
		warm.fail(new Error('the speaker directory could not be built'));
		await expect(reloaded).rejects.toThrow('speaker directory');
		expect(holder.current).toBe(initial);
		expect(logs.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ msg: 'rebuild failed; still answering from the previous index', error: expect.stringContaining('speaker directory') }));
	});

	it('warms the engine in place once, however often asked; a failure is logged, never thrown', async () => {
		const reloads = new ControlledReload();
		const logs: string[] = [];
		const log = createLogger({ level: 'debug', format: 'json', secrets: [], write: (line) => logs.push(line) });
		const warm = withControlledWarmUp(another());
		const holder = new EngineHolder(warm.engine, reloads.reload, log);
		const first = holder.warmUpCurrent();
		const second = holder.warmUpCurrent();
		await until(() => warm.calls === 1);
		let settled = false;
		const waiting = holder.settled().then(() => (settled = true));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(settled).toBe(false);
		warm.fail(new Error('no room'));
		await Promise.all([first, second, waiting]);
		expect(warm.calls).toBe(1);
		expect(logs.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'could not warm up the index; lookups will be built on first use', error: expect.stringContaining('no room') }));
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
