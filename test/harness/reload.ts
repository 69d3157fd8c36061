/**
 * A reload the test finishes by hand, so "while a reindex runs" is a state the test controls
 * rather than a race against the clock.
 */
import type { EngineApi } from '../../src/answer/engine.js';

export interface PendingReload {
	resolve: (engine: EngineApi) => void;
	reject: (error: Error) => void;
}

export class ControlledReload {
	calls = 0;
	private readonly started: PendingReload[] = [];
	private readonly waiting: ((pending: PendingReload) => void)[] = [];

	/** Pass this as the harness's `reload`. */
	readonly reload = (): Promise<EngineApi> =>
		new Promise<EngineApi>((resolve, reject) => {
			this.calls += 1;
			const pending = { resolve, reject };
			const waiter = this.waiting.shift();
			if (waiter) waiter(pending);
			else this.started.push(pending);
		});

	/** Resolves once the bot has called reload(), with the handles to finish it. */
	next(): Promise<PendingReload> {
		const pending = this.started.shift();
		if (pending) return Promise.resolve(pending);
		return new Promise((resolve) => this.waiting.push(resolve));
	}
}
