// Long synchronous work on the bot's only thread would hold every interaction until it ends: a
// rebuild of an archive takes tens of seconds, and Discord gives an interaction three. Work that runs
// while the bot serves is cut into slices, and the event loop gets a turn between them.

/** How long one slice may run before the event loop gets a turn. */
export const SLICE_MS = 15;

/**
 * Work that can stop between steps (`yield`) and says what it made at the end. Run at once with
 * `drain`, or with turns for the event loop with `Slices.drain`: one code path either way.
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * Items a loop of small items handles between two steps: each step then stays well under a
 * millisecond, and a loop over a million items pauses two thousand times, not a million.
 */
const ITEMS_PER_STEP = 512;

/** Whether a loop that has handled `handled` items (counting from 1) should yield now. */
export function stepDue(handled: number): boolean {
	return handled % ITEMS_PER_STEP === 0;
}

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
	async drain<T>(steps: Steps<T>): Promise<T> {
		for (let step = steps.next(); ; step = steps.next()) {
			if (step.done) return step.value;
			await this.yieldIfDue();
		}
	}
}

/** Runs `steps` to the end at once (no turns); what they return. */
export function drain<T>(steps: Steps<T>): T {
	for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}
