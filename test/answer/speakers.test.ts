// SpeakerDirectory.closest keeps its latest answers (src/answer/speakers.ts): asked again, a name
// gets the answer a scan of every speaker gives, however many names came in between, and what the
// caller does with one answer never changes the next.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { speakerDirectory } from '../../src/answer/speakers.js';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.js';
import { createRandom } from '../../src/bench/prng.js';
import * as brute from './brute-force.js';

let folder = '';
let engine: Engine;

beforeAll(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'ro-speakers-'));
	await writeCorpus(generateCorpus({ articles: 30, seed: 5 }), folder);
	engine = await Engine.fromDirectory(folder);
}, 120_000);

afterAll(async () => {
	if (folder) await rm(folder, { recursive: true, force: true });
});

/** Names nobody in the corpus has: more of them than the directory keeps answers for. */
function unknownNames(count: number): string[] {
	const random = createRandom(21);
	const letters = 'abcdefghijklmnopqrstuvwxyz ';
	const names: string[] = [];
	while (names.length < count) {
		const typed = `Zq${Array.from({ length: random.int(2, 20) }, () => letters[random.int(0, letters.length - 1)]).join('')}`;
		if (brute.matchPeople(engine.knowledge, typed).length === 0) names.push(typed);
	}
	return names;
}

describe('SpeakerDirectory.closest', () => {
	it('answers a name asked again as the first time, before and after others push it out', () => {
		const directory = speakerDirectory(engine.knowledge);
		const names = unknownNames(300);
		const expected = new Map(names.map((name) => [name, brute.closestSpeakers(engine.knowledge, name)]));
		for (const round of [names, [...names].reverse(), names.slice(0, 20)]) {
			for (const name of round) expect(directory.closest(name), name).toEqual(expected.get(name));
		}
	});

	it('gives each caller a list of its own', () => {
		const directory = speakerDirectory(engine.knowledge);
		const [name = 'Zqnobody'] = unknownNames(1);
		const first = directory.closest(name);
		const expected = [...first];
		first.splice(0, first.length, 'changed');
		expect(directory.closest(name)).toEqual(expected);
	});
});
