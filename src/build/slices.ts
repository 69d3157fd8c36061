// Long synchronous work on the bot's only thread would hold every interaction until it ends: a
// rebuild of an archive takes tens of seconds, and Discord gives an interaction three. Work that runs
// while the bot serves is cut into slices, and the event loop gets a turn between them.

/** How long one slice may run before the event loop gets a turn. */
export const SLICE_MS = 15;

export class Slices {
	private sliceStart = performance.now();

	constructor(private readonly sliceMs = SLICE_MS) {}

	/** Gives the event loop a turn (a setImmediate, so pending I/O runs) once this slice has run long enough. */
	async yieldIfDue(): Promise<void> {
		if (performance.now() - this.sliceStart < this.sliceMs) return;
		await new Promise<void>((resolve) => setImmediate(resolve));
		this.sliceStart = performance.now();
	}

	/** Runs `steps` to the end, giving the event loop a turn between steps once a slice is due; what they return. */
	async drain<T>(steps: Generator<void, T, void>): Promise<T> {
		for (let step = steps.next(); ; step = steps.next()) {
			if (step.done) return step.value;
			await this.yieldIfDue();
		}
	}
}

/** Runs `steps` to the end at once (no turns); what they return. */
export function drain<T>(steps: Generator<void, T, void>): T {
	for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}
