// `quote`, `verify`, `result` and autocomplete answer from lookups indexed once per corpus
// (src/answer/speakers.ts, wording-index.ts, fuzzy.ts). Driven through the Engine on the fixture
// corpora and a generated one, they must decide exactly what comparing with everything decides.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import type { QuoteAnswer, ResultAnswer, VerifyAnswer } from '../../src/answer/model.js';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.js';
import { createRandom, type Random } from '../../src/bench/prng.js';
import * as brute from './brute-force.js';

const FIXTURES = ['test/fixtures/extract-heldout-quotes', 'test/fixtures/ask-eval/articles', 'test/fixtures/extract', 'test/fixtures/search', 'seeds'];

const corpora: Array<{ name: string; engine: Engine }> = [];
let generated = '';

beforeAll(async () => {
	for (const folder of FIXTURES) corpora.push({ name: folder, engine: await Engine.fromDirectory(folder) });
	// A generated corpus has hundreds of people and quotes, many with similar names and words.
	generated = await mkdtemp(path.join(tmpdir(), 'ro-indexed-'));
	await writeCorpus(generateCorpus({ articles: 40, seed: 7 }), generated);
	corpora.push({ name: 'generated', engine: await Engine.fromDirectory(generated) });
}, 120_000);

afterAll(async () => {
	if (generated) await rm(generated, { recursive: true, force: true });
});

/** One letter swapped with the next, or dropped, or doubled: the usual slips. */
function slip(random: Random, text: string): string {
	if (text.length < 3) return text;
	const at = random.int(0, text.length - 2);
	const kind = random.int(0, 2);
	if (kind === 0) return text.slice(0, at) + (text[at + 1] ?? '') + (text[at] ?? '') + text.slice(at + 2);
	if (kind === 1) return text.slice(0, at) + text.slice(at + 1);
	return text.slice(0, at) + (text[at] ?? '') + text.slice(at);
}

/** What people type for a name: whole, a part, a prefix, a slip, another case, or nothing known. */
function typedNames(engine: Engine, count: number, seed: number): string[] {
	const random = createRandom(seed);
	const names = engine.knowledge.people.flatMap((person) => [person.name, ...person.aliases]);
	const pick = (): string => (names.length > 0 ? random.pick(names) : 'Nobody');
	const forms: Array<() => string> = [
		pick,
		() => pick().split(' ').at(-1) ?? '',
		() => pick().slice(0, random.int(0, 8)),
		() => pick().toLowerCase().slice(0, random.int(1, 5)),
		() => slip(random, pick()),
		() => slip(random, slip(random, pick().toLowerCase())),
		() => `Mr ${pick().split(' ').at(-1) ?? ''}`,
		() => random.pick(['Zebedee Quarnforth', 'Jo', 'a', '', 'Sir', 'x'.repeat(40), 'Lord Q.', "O'Neill-Smith"]),
	];
	return Array.from({ length: count }, () => random.pick(forms)());
}

function wordings(engine: Engine, count: number, seed: number): string[] {
	const random = createRandom(seed);
	const quotes = engine.knowledge.quotes.map((quote) => quote.text);
	const paragraphs = engine.articles.flatMap((article) => article.paragraphs.map((paragraph) => paragraph.text));
	const words = paragraphs.flatMap((text) => text.split(/\s+/)).filter((word) => word.length > 0);
	const some = (list: readonly string[]): string[] => (list.length > 0 ? random.pick(list) : 'nothing here').split(' ');
	const stretch = (list: string[]): string[] => list.slice(random.int(0, Math.max(0, list.length - 3)), undefined).slice(0, random.int(2, 12));
	const forms: Array<() => string> = [
		() => some(quotes).join(' '),
		() => stretch(some(quotes)).join(' '),
		() => {
			const changed = some(quotes);
			changed[random.int(0, changed.length - 1)] = random.pick(words);
			return changed.join(' ');
		},
		() => {
			const shorter = some(quotes);
			shorter.splice(random.int(0, shorter.length - 1), 1);
			return shorter.join(' ');
		},
		() => stretch(some(paragraphs)).join(' '),
		() => {
			const changed = stretch(some(paragraphs));
			changed[random.int(0, changed.length - 1)] = random.pick(words);
			return changed.join(' ');
		},
		() => Array.from({ length: random.int(1, 10) }, () => random.pick(words)).join(' '),
		() => random.pick(['the', 'the the the', 'of the', '', '!!!', 'said', 'a a a a a']),
	];
	return Array.from({ length: count }, () => random.pick(forms)());
}

describe('the indexed lookups decide as a scan of everything does', () => {
	it('quote: the same person, the same quotes in the same order, the same suggestions', () => {
		for (const { name, engine } of corpora) {
			const random = createRandom(11);
			const topics = engine.knowledge.quotes.flatMap((quote) => quote.text.split(' ')).slice(0, 400);
			for (const typed of typedNames(engine, 250, 1)) {
				const topic = random.chance(0.3) && topics.length > 0 ? random.pick(topics) : undefined;
				const answer = engine.quote(typed, topic) as QuoteAnswer;
				const trimmed = typed.trim();
				const context = `${name}: quote ${JSON.stringify(typed)} ${topic ?? ''}`;
				if (trimmed === '') {
					expect(answer.speakers.map((speaker) => speaker.name), context).toEqual(brute.speakerCounts(engine.knowledge).map((count) => count.person.name));
					continue;
				}
				const people = brute.matchPeople(engine.knowledge, trimmed);
				if (people.length === 0) expect(answer.suggestions, context).toEqual(brute.closestSpeakers(engine.knowledge, trimmed));
				else if (people.length > 1) expect(answer.suggestions, context).toEqual(people.map((person) => person.name));
				else {
					const [person] = people;
					expect(answer.speaker, context).toBe(person!.name);
					expect(answer.quotes.map((quote) => quote.text), context).toEqual(brute.personQuoteTexts(engine.knowledge, person!, topic?.trim() || null));
				}
			}
		}
	});

	it('quote: the same nearest speakers for names nobody has, ties broken by name', () => {
		const random = createRandom(12);
		const letters = 'abcdefghijklmnopqrstuvwxyz   ';
		for (const { name, engine } of corpora) {
			for (let i = 0; i < 150; i++) {
				const typed = `Q${Array.from({ length: random.int(2, 24) }, () => letters[random.int(0, letters.length - 1)]).join('')}`;
				if (brute.matchPeople(engine.knowledge, typed).length > 0) continue;
				expect((engine.quote(typed) as QuoteAnswer).suggestions, `${name}: ${JSON.stringify(typed)}`).toEqual(brute.closestSpeakers(engine.knowledge, typed));
			}
		}
	});

	it('speaker autocomplete: the same names in the same order', () => {
		for (const { name, engine } of corpora) {
			for (const typed of typedNames(engine, 300, 2)) expect(engine.speakerChoices(typed), `${name}: ${JSON.stringify(typed)}`).toEqual(brute.speakerChoices(engine.knowledge, typed));
		}
	});

	it('verify: the same verdicts, wording and paragraphs, quotes before the writer’s own words', () => {
		// Close matches in more than three paragraphs, tied: only the first three in corpus order may show.
		let tiedBeyondThree = 0;
		for (const { name, engine } of corpora) {
			const stretches = brute.stretchesOf(engine.knowledge, engine.articles);
			for (const wording of wordings(engine, 200, 3)) {
				const answer = engine.verify(wording) as VerifyAnswer;
				const close = brute.closeScores(stretches, wording);
				if (close.length > 3 && close[2] === close[3]) tiedBeyondThree++;
				const matches = answer.matches.map((match) => {
					const citation = answer.citations[(match.citations[0] ?? 0) - 1];
					return { ref: { articleId: citation?.source, paragraph: citation?.paragraph }, inQuote: match.inQuote, verdict: match.verdict, window: match.text.split(' ') };
				});
				const expected = brute.verifyMatches(stretches, wording).map((match) => ({ ...match, ref: { articleId: match.ref.articleId, paragraph: match.ref.paragraph } }));
				expect(matches, `${name}: ${JSON.stringify(wording)}`).toEqual(expected);
			}
		}
		expect(tiedBeyondThree).toBeGreaterThan(0);
	}, 180_000);

	it('result and constituency autocomplete: the same by-election for a name, a part of one or a typo', () => {
		for (const { name, engine } of corpora) {
			const random = createRandom(4);
			const places = engine.knowledge.results.map((result) => result.constituency);
			const pick = (): string => (places.length > 0 ? random.pick(places) : 'Nowhere');
			const forms: Array<() => string> = [pick, () => pick().toLowerCase(), () => slip(random, pick()), () => pick().split(' ')[0] ?? '', () => pick().slice(0, random.int(0, 6)), () => random.pick(['Zarquonbury', 'and', 'North', '?!', 'x'])];
			for (let i = 0; i < 200; i++) {
				const typed = random.pick(forms)();
				const answer = engine.result(typed) as ResultAnswer;
				const context = `${name}: result ${JSON.stringify(typed)}`;
				if (typed.trim() !== '' && places.length > 0) expect(answer.result?.constituency ?? null, context).toBe(brute.findResult(engine.knowledge.results, typed.trim())?.constituency ?? null);
				expect(engine.constituencyChoices(typed), context).toEqual(brute.constituencyChoices(engine.knowledge.results, typed));
			}
		}
	});
});
