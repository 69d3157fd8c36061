/**
 * Waiting for a condition without asserting on the clock: re-check every few milliseconds (a
 * timer rather than setImmediate, so a long wait does not spin a core the bot under test needs).
 */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}
