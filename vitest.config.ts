import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		// Tests must pass on a slow, loaded machine: no tight timeouts.
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
