/**
 * Runs `work` and counts the turns the event loop got meanwhile (a setImmediate chain): how a test
 * sees that long work was cut into slices rather than run in one piece.
 */
export async function withTurnCount<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
	let turns = 0;
	let working = true;
	const count = (): void => {
		turns++;
		if (working) setImmediate(count);
	};
	setImmediate(count);
	try {
		return { value: await work(), turns };
	} finally {
		working = false;
	}
}
