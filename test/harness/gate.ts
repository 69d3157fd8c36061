/**
 * A handler that is "slow" until the test says otherwise: work that awaits a gate cannot finish
 * early, so "the bot deferred before answering" is tested without sleeping for seconds.
 */
export class Gate {
	private opened = false;
	private readonly waiting: (() => void)[] = [];
	/** How many callers are waiting (the test can tell the handler has really started). */
	get waiters(): number {
		return this.waiting.length;
	}

	wait(): Promise<void> {
		if (this.opened) return Promise.resolve();
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	open(): void {
		this.opened = true;
		for (const resolve of this.waiting.splice(0)) resolve();
	}
}
