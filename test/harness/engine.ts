/**
 * The engine the end-to-end tests answer from: the real Engine over the real seeds/ folder.
 * Everything in test/discord gets its engine here, so this is the one line to change.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../src/answer/engine.js';
import type { EngineApi } from '../../src/answer/engine.js';

export const SEEDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seeds');

export async function testEngine(): Promise<EngineApi> {
	return Engine.fromDirectory(SEEDS_DIR);
}

/** The engine with some methods replaced (a throwing handler, oversized autocomplete lists…). */
export function overrideEngine(engine: EngineApi, overrides: Partial<Omit<EngineApi, 'warnings'>>): EngineApi {
	return {
		get warnings() {
			return engine.warnings;
		},
		ask: overrides.ask ?? ((q) => engine.ask(q)),
		sources: overrides.sources ?? (() => engine.sources()),
		quote: overrides.quote ?? ((s, t) => engine.quote(s, t)),
		result: overrides.result ?? ((c) => engine.result(c)),
		verify: overrides.verify ?? ((w) => engine.verify(w)),
		findSources: overrides.findSources ?? ((s) => engine.findSources(s)),
		speakerChoices: overrides.speakerChoices ?? ((t) => engine.speakerChoices(t)),
		constituencyChoices: overrides.constituencyChoices ?? ((t) => engine.constituencyChoices(t)),
	};
}

