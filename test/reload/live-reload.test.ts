/**
 * Live reload end to end: the real discord.js Client on the fake gateway, a real seeds folder
 * watched with fs.watch, and the real cache loader (its cache in a dot folder inside the seeds,
 * which neither the loader nor the watcher looks at). Each build is held, complete but not yet
 * swapped in, until the test lets it through, so "during a rebuild" is a state the test controls.
 */
import { EventEmitter } from 'node:events';
import { truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/answer/engine.js';
import { cacheFileFor, loadEngine, openEngine } from '../../src/cache/index.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { ADMIN_PERMISSIONS, chatInput } from '../harness/payloads.js';
import type { InteractionPayload } from '../harness/payloads.js';
import { until } from '../harness/wait.js';
import { seedsFolder } from '../helpers/tmp.js';

const ASHWORTH = 'title Ashworth Vale count\ndate 2024-03-15\n\nThe count in Ashworth Vale finished at 4am, returning officer Dana Pike said.\n\nTurnout was 31 per cent.\n';
const kingsmere = (votes: number): string => `title Kingsmere recount\ndate 2024-04-02\n\nA recount in Kingsmere Central was ordered at midnight after the margin fell to ${votes} votes.\n`;
const MILLBROOK = 'title Millbrook North turnout\ndate 2024-04-03\n\nTurnout in Millbrook North was the lowest in the county at 19 per cent, the council said.\n';
const CARROW = 'title Carrow and Fenwick hustings\ndate 2024-04-05\n\nThe Carrow and Fenwick hustings were cancelled because of flooding at the village hall.\n';

const OLD_FILES = { 'ashworth.txt': ASHWORTH, 'kingsmere.txt': kingsmere(12), 'millbrook.txt': MILLBROOK };

const RECOUNT = 'Why was the Kingsmere recount ordered?';
const HUSTINGS = 'Why were the Carrow and Fenwick hustings cancelled?';
const TURNOUT = 'What was the turnout in Millbrook North?';

/**
 * Holds every build after it has finished building, before the holder can swap it in. Resolves
 * `arrived(n)` once n builds have got there; `open()` lets them (and any later ones) through.
 */
class BuildGate {
	private arrivals = 0;
	private opened = false;
	private readonly events = new EventEmitter();

	async pass(): Promise<void> {
		this.arrivals += 1;
		this.events.emit('arrived');
		if (!this.opened) await new Promise((resolve) => this.events.once('open', resolve));
	}

	arrived(n: number): Promise<void> {
		return new Promise((resolve) => {
			const check = (): void => {
				if (this.arrivals < n) return;
				this.events.off('arrived', check);
				resolve();
			};
			this.events.on('arrived', check);
			check();
		});
	}

	open(): void {
		this.opened = true;
		this.events.emit('open');
	}
}

interface LiveBot {
	h: Harness;
	folder: string;
	cacheDir: string;
	gate: BuildGate;
	/** Builds started, and the most that ever ran at once. */
	builds: { started: number; mostAtOnce: number };
}

let live: LiveBot | undefined;
afterEach(async () => {
	if (!live) return;
	const { h, gate } = live;
	live = undefined;
	gate.open();
	await h.bot.engines.settled();
	expect(allViolations(h.rest.captures)).toEqual([]);
	await h.stop();
});

/** A bot on a temporary seeds folder, started from the cache as `npm start` is, watching the folder. */
async function startLive(files: Record<string, string>, { gated = true } = {}): Promise<LiveBot> {
	const folder = await seedsFolder(files);
	const cacheDir = path.join(folder, '.cache');
	const gate = new BuildGate();
	if (!gated) gate.open();
	const builds = { started: 0, mostAtOnce: 0 };
	let running = 0;
	// The cache loader logs through the bot's logger, which exists once the harness has started.
	const bot: { harness?: Harness } = {};
	const reload = async (): Promise<EngineApi> => {
		builds.started += 1;
		builds.mostAtOnce = Math.max(builds.mostAtOnce, ++running);
		try {
			const engine = await loadEngine(folder, { cacheDir, log: bot.harness?.log });
			// Warmed before the gate, so the holder's own warm-up finds it done and swaps as the gate opens.
			await engine.warmUp();
			await gate.pass();
			return engine;
		} finally {
			running -= 1;
		}
	};
	bot.harness = await startHarness({ engine: await loadEngine(folder, { cacheDir }), reload, watch: { folder, debounceMs: 100 } });
	live = { h: bot.harness, folder, cacheDir, gate, builds };
	return live;
}

async function body(h: Harness, payload: InteractionPayload): Promise<string> {
	return JSON.stringify((await h.send(payload)).body);
}

const ask = (question: string): InteractionPayload => chatInput('ask', { question });

/** Which corpus a reply came from, judged by what only one of them holds; 'mixed' for anything else. */
function corpusOf(reply: string, question: string): 'old' | 'new' | 'mixed' {
	const marks = {
		[RECOUNT]: { old: reply.includes('fell to 12 votes'), new: reply.includes('fell to 40 votes') },
		[HUSTINGS]: { old: !reply.includes('carrow.txt'), new: reply.includes('flooding at the village hall') },
		[TURNOUT]: { old: reply.includes('millbrook.txt'), new: !reply.includes('millbrook.txt') },
		sources: { old: reply.includes('millbrook.txt') && !reply.includes('carrow.txt'), new: reply.includes('carrow.txt') && !reply.includes('millbrook.txt') },
	}[question];
	if (!marks || marks.old === marks.new) return 'mixed';
	return marks.old ? 'old' : 'new';
}

const QUESTIONS = [RECOUNT, HUSTINGS, TURNOUT, 'sources'] as const;
type Question = (typeof QUESTIONS)[number];
const payloadFor = (question: Question): InteractionPayload => (question === 'sources' ? chatInput('sources') : ask(question));

/** Each interaction got exactly one message from the bot, and Discord took it. */
function answeredOnce(h: Harness, payloads: InteractionPayload[]): void {
	for (const payload of payloads) expect(h.rest.forInteraction(payload).map((c) => `${c.kind} ${c.status}`)).toEqual(['callback 204']);
}

describe('live reload through the watcher', () => {
	it('the bot watches from start() and stops watching on stop()', async () => {
		const { h } = await startLive({ ...OLD_FILES, 'wards/north.txt': ASHWORTH });
		expect(h.bot.watcher?.watching).toBe(2);
		live = undefined;
		await h.stop();
		expect(h.bot.watcher).toBeNull();
	});

	it('a file added, one changed and one removed while queries run: old answers until the swap, new after, never a mix', async () => {
		const { h, folder, gate, builds } = await startLive(OLD_FILES);
		const before = QUESTIONS.map(payloadFor);
		for (const [i, payload] of before.entries()) expect(corpusOf(await body(h, payload), QUESTIONS[i]!)).toBe('old');

		// One editor's worth of changes, made before the watcher can read a single event.
		writeFileSync(path.join(folder, 'carrow.txt'), CARROW);
		writeFileSync(path.join(folder, 'kingsmere.txt'), kingsmere(40));
		unlinkSync(path.join(folder, 'millbrook.txt'));
		await gate.arrived(1);
		expect(h.bot.engines.rebuilding).toBe(true);

		// The new corpus is built but not in place: every query is answered, at once, from the old one.
		const during = QUESTIONS.flatMap((question) => [payloadFor(question), payloadFor(question)]);
		const duringReplies = await Promise.all(during.map((payload) => body(h, payload)));
		expect(duringReplies.map((reply, i) => corpusOf(reply, QUESTIONS[Math.floor(i / 2)]!))).toEqual(during.map(() => 'old'));

		// Around the swap: the gate opens as the first of one wave is answered (the others are in
		// flight, some perhaps not yet read), and a second wave follows at once. The first answer
		// is old, the second wave new (the swap completes before the gateway can deliver it), and
		// every answer comes whole from one corpus or the other.
		const wave = (): { questions: Question[]; payloads: InteractionPayload[] } => {
			const questions = Array.from({ length: 12 }, (_, i) => QUESTIONS[i % QUESTIONS.length]!);
			return { questions, payloads: questions.map(payloadFor) };
		};
		const [first, second] = [wave(), wave()];
		const firstAnswered = new Promise<string | undefined>((resolve) => {
			const stop = h.rest.onCapture((capture) => {
				if (!first.payloads.some((payload) => payload.id === capture.interactionId)) return;
				gate.open();
				stop();
				resolve(capture.interactionId);
			});
		});
		const firstReplies = Promise.all(first.payloads.map((payload) => body(h, payload)));
		const firstId = await firstAnswered;
		const secondReplies = Promise.all(second.payloads.map((payload) => body(h, payload)));
		const firstCorpora = (await firstReplies).map((reply, i) => corpusOf(reply, first.questions[i]!));
		expect(firstCorpora.filter((corpus) => corpus === 'mixed')).toEqual([]);
		expect(firstCorpora[first.payloads.findIndex((payload) => payload.id === firstId)]).toBe('old');
		expect((await secondReplies).map((reply, i) => corpusOf(reply, second.questions[i]!))).toEqual(second.questions.map(() => 'new'));

		await h.bot.engines.settled();
		const after = QUESTIONS.map(payloadFor);
		for (const [i, payload] of after.entries()) expect(corpusOf(await body(h, payload), QUESTIONS[i]!)).toBe('new');
		answeredOnce(h, [...before, ...during, ...first.payloads, ...second.payloads, ...after]);
		expect(builds.mostAtOnce).toBe(1);
		expect(h.logs.some((line) => line.includes('"msg":"seeds changed"'))).toBe(true);
	});

	it('a rebuild that fails (every file now unusable) keeps the old corpus, says why, and the next good change recovers', async () => {
		const { h, folder } = await startLive(OLD_FILES, { gated: false });
		for (const file of Object.keys(OLD_FILES)) writeFileSync(path.join(folder, file), '');
		await until(() => h.logs.some((line) => line.includes('rebuild failed')));
		const failure = JSON.parse(h.logs.find((line) => line.includes('rebuild failed'))!) as Record<string, string>;
		expect(failure).toMatchObject({ level: 'error', msg: 'rebuild failed; still answering from the previous index', trigger: 'watch' });
		expect(failure.error).toMatch(/No usable article in .*every file was skipped \(ashworth\.txt: empty file; kingsmere\.txt: empty file; millbrook\.txt: empty file\)/);

		const stillOld = [payloadFor(RECOUNT), payloadFor('sources')];
		expect(corpusOf(await body(h, stillOld[0]!), RECOUNT)).toBe('old');
		expect(corpusOf(await body(h, stillOld[1]!), 'sources')).toBe('old');
		answeredOnce(h, stillOld);

		writeFileSync(path.join(folder, 'carrow.txt'), CARROW);
		await until(() => h.logs.some((line) => line.includes('"msg":"new index in use"')));
		const sources = await body(h, chatInput('sources'));
		expect(sources).toContain('carrow.txt');
		expect(sources).toContain('ashworth.txt — empty file');
	});
});

describe('a corrupt cache on reload', () => {
	it('is logged and rebuilt while queries are answered from the old corpus; the rewritten cache loads', async () => {
		const { h, folder, cacheDir, gate } = await startLive(OLD_FILES);
		const file = cacheFileFor(folder, cacheDir);
		truncateSync(file, Math.floor((await stat(file)).size / 2));

		const reindex = chatInput('reindex', {}, { permissions: ADMIN_PERMISSIONS });
		expect((await h.send(reindex)).body).toMatchObject({ type: 5 });
		await gate.arrived(1);
		const warning = JSON.parse(h.logs.find((line) => line.includes('engine cache truncated, rebuilding'))!) as Record<string, string>;
		expect(warning).toMatchObject({ level: 'warn', file });
		const during = payloadFor(RECOUNT);
		expect(corpusOf(await body(h, during), RECOUNT)).toBe('old');

		gate.open();
		const done = (await h.edit(reindex)).body as { embeds: { title?: string; description?: string }[] };
		expect(done.embeds[0]).toMatchObject({ title: 'Reindexed', description: 'Indexed 3 articles.' });
		answeredOnce(h, [during]);
		expect((await openEngine(folder, { cacheDir })).from).toBe('cache');
	});
});

describe('/reindex and the watcher share one path', () => {
	it('/reindex during a watch-triggered rebuild queues one more build after it, never a second at once', async () => {
		const { h, folder, gate, builds } = await startLive(OLD_FILES);
		writeFileSync(path.join(folder, 'carrow.txt'), CARROW);
		await gate.arrived(1);

		const first = chatInput('reindex', {}, { permissions: ADMIN_PERMISSIONS });
		const second = chatInput('reindex', { private: true }, { permissions: ADMIN_PERMISSIONS });
		expect((await h.send(first)).body).toMatchObject({ type: 5 });
		expect((await h.send(second)).body).toMatchObject({ type: 5, data: { flags: 64 } });
		await until(() => h.logs.some((line) => line.includes('rebuild queued behind the one running') && line.includes('/reindex')));
		expect(builds.started).toBe(1);
		// Meanwhile other commands are not held up.
		expect(corpusOf(await body(h, chatInput('sources')), 'sources')).toBe('old');

		gate.open();
		for (const payload of [first, second]) {
			const done = (await h.edit(payload)).body as { embeds: { title?: string; description?: string }[] };
			expect(done.embeds[0]).toMatchObject({ title: 'Reindexed', description: 'Indexed 4 articles.' });
		}
		await h.bot.engines.settled();
		// The watch build, then the one both /reindex requests shared.
		expect(builds.started).toBe(2);
		expect(builds.mostAtOnce).toBe(1);
		expect(h.logs.filter((line) => line.includes('"msg":"rebuilding the index"')).map((line) => (JSON.parse(line) as { trigger: string }).trigger)).toEqual(['watch', '/reindex']);
	});
});
