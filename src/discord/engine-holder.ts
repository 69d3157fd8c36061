/**
 * The engine the bot answers from, rebuilt when the seeds change (the watcher) or on /reindex.
 * Queries never wait for a rebuild: they answer from the engine in place, and a new engine is
 * swapped in with one assignment once it is completely built (an Engine is immutable, so no query
 * can see half of one). At most one build runs at a time. A request that arrives while one runs
 * may describe a change that build has already missed, so exactly one more build follows it, and
 * every request made meanwhile shares that one: the last state of the folder always wins.
 * A failed build keeps the previous engine and logs why.
 *
 * A new engine is warmed (EngineApi.warmUp) before it is swapped in, so the first query after a
 * rebuild does not pay for lookups built on first use; `warmUpCurrent` does the same for the first
 * engine, while the bot logs in.
 */
import type { EngineApi } from '../answer/engine.js';
import { CorpusError } from '../corpus/load.js';
import type { Logger } from './logger.js';
import { describeError } from './logger.js';

/** What asked for a rebuild, for the log lines: `watch`, `/reindex`. */
export type ReloadTrigger = string;

interface Queued {
	trigger: ReloadTrigger;
	promise: Promise<EngineApi>;
	resolve: (engine: EngineApi) => void;
	reject: (error: unknown) => void;
}

export class EngineHolder {
	private engine: EngineApi;
	private running: Promise<EngineApi> | null = null;
	private queued: Queued | null = null;
	private warming: Promise<void> | null = null;

	constructor(
		engine: EngineApi,
		private readonly build: () => Promise<EngineApi>,
		private readonly log: Logger,
	) {
		this.engine = engine;
	}

	/** The engine to answer from now: the old one while a rebuild runs. */
	get current(): EngineApi {
		return this.engine;
	}

	/** Whether a build is running (a second one may be queued behind it). */
	get rebuilding(): boolean {
		return this.running !== null;
	}

	/**
	 * Rebuilds from the folder as it is now; resolves with the engine swapped in, or rejects (after
	 * logging) with the engine in place unchanged. Joins the queued build when one is waiting.
	 */
	reload(trigger: ReloadTrigger): Promise<EngineApi> {
		if (this.running === null) return this.start(trigger);
		if (!this.queued) this.log.debug('rebuild queued behind the one running', { trigger });
		this.queued ??= queue(trigger);
		return this.queued.promise;
	}

	/**
	 * Warms the engine in place (the first one: rebuilt ones are warmed before the swap). Never
	 * rejects: a lookup that cannot be built is logged, and will be tried again on first use.
	 */
	warmUpCurrent(): Promise<void> {
		const engine = this.engine;
		this.warming ??= warmUp(engine).catch((error: unknown) => this.log.warn('could not warm up the index; lookups will be built on first use', { error: reasonOf(error) }));
		return this.warming;
	}

	/** Resolves once no build is running or queued, and no warm-up (tests, and anything that must not race a build). */
	async settled(): Promise<void> {
		await this.warming;
		// Each settled build may have started the queued one, so look again after each.
		while (this.running) await this.running.then(ignore, ignore);
	}

	private start(trigger: ReloadTrigger): Promise<EngineApi> {
		const run = this.buildAndSwap(trigger);
		this.running = run;
		// Registered before any caller's continuation, so the queued build starts in the same
		// callback that clears `running`: no reload() in between can start a second, concurrent one.
		run.then(this.finished, this.finished);
		return run;
	}

	private readonly finished = (): void => {
		this.running = null;
		const next = this.queued;
		this.queued = null;
		if (next) this.start(next.trigger).then(next.resolve, next.reject);
	};

	private async buildAndSwap(trigger: ReloadTrigger): Promise<EngineApi> {
		const started = performance.now();
		this.log.info('rebuilding the index', { trigger });
		let engine: EngineApi;
		try {
			engine = await this.build();
			await warmUp(engine);
		} catch (error) {
			this.log.error('rebuild failed; still answering from the previous index', { trigger, error: reasonOf(error) });
			throw error;
		}
		this.engine = engine;
		this.log.info('new index in use', { trigger, ms: Math.round(performance.now() - started) });
		return engine;
	}
}

async function warmUp(engine: EngineApi): Promise<void> {
	await engine.warmUp?.();
}

function queue(trigger: ReloadTrigger): Queued {
	let resolve: Queued['resolve'] = ignore;
	let reject: Queued['reject'] = ignore;
	const promise = new Promise<EngineApi>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	// Every caller gets this promise and handles it; this only stops a rejection that lands before
	// they attach from being reported as unhandled.
	promise.catch(ignore);
	return { trigger, promise, resolve, reject };
}

/** A CorpusError's message names the folder and every skipped file: a stack would add nothing. */
function reasonOf(error: unknown): string {
	return error instanceof CorpusError ? error.message : describeError(error);
}

function ignore(): void {}
