/**
 * The engine the bot answers from, swappable by /reindex. While a reload runs, interactions
 * defer and wait for it (the old engine's answers might cite files that are being replaced).
 * A failed reload keeps the previous engine.
 */
import type { EngineApi } from '../answer/engine.js';

export class EngineHolder {
	private engine: EngineApi;
	private pending: Promise<EngineApi> | null = null;

	constructor(
		engine: EngineApi,
		private readonly load: () => Promise<EngineApi>,
	) {
		this.engine = engine;
	}

	get current(): EngineApi {
		return this.engine;
	}

	get reloading(): boolean {
		return this.pending !== null;
	}

	/** The engine once any reload in progress has settled. */
	async ready(): Promise<EngineApi> {
		if (this.pending) await this.pending.catch(() => undefined);
		return this.engine;
	}

	/** Starts a reload, or joins the one already running: two /reindex clicks load once. */
	reload(): Promise<EngineApi> {
		this.pending ??= this.load()
			.then((engine) => {
				this.engine = engine;
				return engine;
			})
			.finally(() => {
				this.pending = null;
			});
		return this.pending;
	}
}
