// What one scale's run measured: written to bench/results/<scale>.json and printed as a table.
import type { EndToEnd } from './e2e.js';
import type { Measured, Memory } from './measure.js';

export interface ScaleResult {
	scale: number;
	seed: number;
	queriesPerCommand: number;
	startedAt: string;
	machine: { node: string; cpus: number; platform: string; arch: string; /** Load average when the scale started: the machine may be shared. */ loadAverage: number[] };
	/** The temporary corpus folder, so the parent can remove it if the worker dies. */
	folder?: string;
	corpus?: { articles: number; paragraphs: number; megabytes: number; distinctWords: number; generateMs: number; writeMs: number };
	phases: {
		loadMs?: number;
		indexingMs?: number;
		extractionMs?: number;
		/** The median of `wholeBuildRunsMs`, each a fresh process (with that run's stall and memory below). */
		wholeBuildMs?: number;
		wholeBuildRunsMs?: number[];
		/** The longest the event loop went without a turn during the whole build (what a rebuild costs a serving bot). */
		wholeBuildStallMs?: number;
		/** The median run's warm-up after the build (Engine.warmUp), not counted in `wholeBuildMs`. */
		wholeBuildWarmUp?: { ms: number; longestStallMs: number };
	};
	/** Why extraction (and so the Engine build) was not measured, with an estimate when there is one. */
	extractionSkipped?: string;
	paragraphsPerSecond?: number;
	indexMegabytes?: number;
	/**
	 * `afterBuild` and `settledAfterBuild` are a fresh process's (see fresh-process.ts): right after
	 * `Engine.fromDirectory` and its warm-up, and after it has idled a few seconds; `buildPeakRssMB`
	 * is that process's peak.
	 */
	memory: { afterIndex?: Memory; afterBuild?: Memory; settledAfterBuild?: Memory; buildPeakRssMB?: number; peakRssMB?: number };
	/** How `ask` was measured: through the Engine, or (when it did not build) the same code on the index alone. */
	askPath?: 'engine' | 'index';
	latency: Record<string, Measured>;
	raw?: { buildMs?: number; ask?: Measured };
	/**
	 * `startMs` and `startRssMB` are a fresh process's start from the cache (fresh-process.ts): the
	 * median of `startRunsMs`; `startWarmUp` is that run's warm-up, after `startMs` and before the RSS.
	 */
	cache?:
		| { writeMs: number; writeStallMs?: number; startMs: number; startRunsMs?: number[]; startWarmUp?: { ms: number; longestStallMs: number }; startRssMB?: number; megabytes: number; identical: boolean; compared: number }
		| { error: string };
	/** Interactions through the real discord.js Client on the test harness: our bot against a bare "pong" bot. */
	endToEnd?: EndToEnd | { skipped: string } | { error: string };
	/** Set when the worker was stopped or crashed before the end. */
	unfinished?: string;
	notes: string[];
}

export const COMMANDS = ['ask', 'quote', 'result', 'verify', 'speakerChoices', 'constituencyChoices'] as const;
export type CommandName = (typeof COMMANDS)[number];
