// The lookups the commands build on first use are built while the bot logs in (EngineApi.warmUp),
// and questions are answered meanwhile. The real Engine's warm-up changes no answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WordingIndex } from '../../src/answer/wording-index.js';
import { Engine } from '../../src/answer/engine.js';
import { overrideEngine, SEEDS_DIR, testEngine } from '../harness/engine.js';
import { startHarness } from '../harness/index.js';
import { chatInput } from '../harness/payloads.js';
import { withTurnCount } from '../helpers/turns.js';

describe('warming up an engine', () => {
	it('the bot warms its first engine once while it logs in, answering meanwhile', async () => {
		const real = await testEngine();
		let calls = 0;
		let finish = (): void => undefined;
		const warmUp = () =>
			new Promise<void>((resolve) => {
				calls += 1;
				finish = resolve;
			});
		const h = await startHarness({ engine: { ...overrideEngine(real, {}), warmUp } });
		try {
			expect(calls).toBe(1);
			const reply = await h.send(chatInput('result'));
			expect(reply.status).toBe(204);
			expect(JSON.stringify(reply.body)).toContain('Hartlepool');
			finish();
			await h.bot.engines.settled();
			expect(calls).toBe(1);
		} finally {
			await h.stop();
		}
	});

	it('gives the event loop a turn before each lookup, and changes no answer', async () => {
		const [warmed, cold] = await Promise.all([Engine.fromDirectory(SEEDS_DIR), Engine.fromDirectory(SEEDS_DIR)]);
		const { turns } = await withTurnCount(() => warmed.warmUp());
		expect(turns).toBeGreaterThanOrEqual(4);
		// Once: a second call finds the lookups built and takes no turn.
		expect((await withTurnCount(() => warmed.warmUp())).turns).toBe(0);
		const asks = (engine: Engine) => [
			engine.quote('Starmer'),
			engine.quote(undefined),
			engine.verify('we have to change'),
			engine.verify('a wording nobody used at all anywhere'),
			engine.result('Hartlepool'),
			engine.ask('Who won the Hartelpool by-election?'),
			engine.speakerChoices('sta'),
			engine.constituencyChoices('har'),
		];
		expect(asks(warmed)).toEqual(asks(cold));
	});

	afterEach(() => {
		vi.restoreAllMocks();
	});

	it("indexes verify's paragraph words too, so that a wording no quote has is checked without building them", async () => {
		const [warmed, cold] = await Promise.all([Engine.fromDirectory(SEEDS_DIR), Engine.fromDirectory(SEEDS_DIR)]);
		await warmed.warmUp();
		const builds = vi.spyOn(WordingIndex, 'inSteps');
		// Words the writers used outside quote marks: no quote has them, so verify reads the paragraphs.
		const unquoted = 'a wording nobody used at all anywhere';
		const warmAnswer = warmed.verify(unquoted);
		expect(builds).not.toHaveBeenCalled();
		const coldAnswer = cold.verify(unquoted);
		// The cold engine splits its quotes' words, then its paragraphs'.
		expect(builds).toHaveBeenCalledTimes(2);
		expect(warmAnswer).toEqual(coldAnswer);
	});
});

