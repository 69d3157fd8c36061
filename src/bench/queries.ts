// Query sets for the latency measurements, drawn from the generated corpus' own names, places,
// quotes and words, mixed the way a newsroom asks: answerable questions, typos, names the
// sources never mention, quoted phrases, and bare keyword searches.
import type { GeneratedCorpus, Election } from './generate.js';
import { createRandom, deriveSeed, type Random } from './prng.js';

export interface QuerySet {
	ask: string[];
	quote: { speaker: string | undefined; topic?: string }[];
	result: (string | undefined)[];
	verify: string[];
	speakerPrefixes: string[];
	constituencyPrefixes: string[];
}

type AskTemplate = (random: Random, corpus: GeneratedCorpus, election: Election) => string;

const ASK_TEMPLATES: readonly AskTemplate[] = [
	(_, __, e) => `Who won the ${e.constituency} by-election?`,
	(r, __, e) => `How many votes did ${r.pick(e.candidates).name} get?`,
	(_, __, e) => `What was the turnout in ${e.constituency}?`,
	(_, __, e) => `Why was the ${e.constituency} by-election called?`,
	(_, __, e) => `When was the ${e.constituency} result declared?`,
	(_, __, e) => `How old is the new MP for ${e.constituency}?`,
	(_, __, e) => `What was the majority in ${e.constituency}?`,
	(r, c) => `What did ${r.pick(c.speakers)} say about ${midWord(r, c)}?`,
	(r, __, e) => `Who came second in ${e.constituency}?`,
	(r, c) => `${midWord(r, c)} ${midWord(r, c)} ${midWord(r, c)}`,
	(r, c) => `${midWord(r, c)} ${rareWord(r, c)}`,
	(r, __, e) => `What does ${typo(r, r.pick(e.candidates).surname)} do for a living?`,
	(r) => `Who won the by-election in ${r.pick(['Zarquonbury', 'Barnsley Quell', 'Eastwick Morrow', 'Pontyfudd'])}?`,
	(r, c) => `Who said "${phraseOf(r, r.pick(c.quotes).text)}"?`,
	(_, __, e) => `Which party held ${e.constituency} before the by-election?`,
];

/** `count` queries of each kind, the same for a seed and corpus. */
export function buildQueries(corpus: GeneratedCorpus, count: number, seed = corpus.seed): QuerySet {
	const random = createRandom(deriveSeed(seed, 'queries'));
	const times = <T>(make: () => T): T[] => Array.from({ length: count }, make);
	return {
		ask: times(() => random.pick(ASK_TEMPLATES)(random, corpus, random.pick(corpus.elections))),
		quote: times(() => quoteQuery(random, corpus)),
		result: times(() => resultQuery(random, corpus)),
		verify: times(() => verifyQuery(random, corpus)),
		speakerPrefixes: times(() => prefixOf(random, random.pick(corpus.speakers))),
		constituencyPrefixes: times(() => prefixOf(random, random.pick(corpus.elections).constituency)),
	};
}

function quoteQuery(random: Random, corpus: GeneratedCorpus): { speaker: string | undefined; topic?: string } {
	const speaker = random.pick(corpus.speakers);
	const roll = random.next();
	if (roll < 0.4) return { speaker };
	if (roll < 0.6) return { speaker: speaker.split(' ').at(-1) ?? speaker, topic: midWord(random, corpus) };
	if (roll < 0.8) return { speaker: typo(random, speaker) };
	if (roll < 0.9) return { speaker: 'Zebedee Quarnforth' };
	return { speaker: undefined };
}

function resultQuery(random: Random, corpus: GeneratedCorpus): string | undefined {
	const place = random.pick(corpus.elections).constituency;
	const roll = random.next();
	if (roll < 0.5) return place;
	if (roll < 0.65) return place.toLowerCase();
	if (roll < 0.8) return typo(random, place);
	if (roll < 0.9) return 'Zarquonbury';
	return undefined;
}

/** Exact quotes, quotes with a word changed (a misquote), and wording the sources never used. */
function verifyQuery(random: Random, corpus: GeneratedCorpus): string {
	const quote = random.pick(corpus.quotes).text;
	const roll = random.next();
	if (roll < 0.4) return quote;
	const words = quote.split(' ');
	if (roll < 0.8) {
		words[random.int(0, words.length - 1)] = midWord(random, corpus);
		return words.join(' ');
	}
	return Array.from({ length: random.int(6, 14) }, () => midWord(random, corpus)).join(' ');
}

/** What a user has typed so far into an autocomplete box: nothing, a few letters, or a word. */
function prefixOf(random: Random, name: string): string {
	const length = random.int(0, Math.min(8, name.length));
	const text = name.slice(0, length);
	return random.chance(0.3) ? text.toLowerCase() : text;
}

/** A word from the middle of the frequency table: specific enough to search for. */
function midWord(random: Random, corpus: GeneratedCorpus): string {
	return corpus.vocabulary.words[random.int(200, 5_000)] ?? 'vote';
}

function rareWord(random: Random, corpus: GeneratedCorpus): string {
	return corpus.vocabulary.words[random.int(5_000, corpus.vocabulary.words.length - 1)] ?? 'vote';
}

/** Three to five consecutive words of a quote. */
function phraseOf(random: Random, text: string): string {
	const words = text.replace(/[.,]/g, '').split(' ');
	const length = Math.min(words.length, random.int(3, 5));
	const start = random.int(0, words.length - length);
	return words.slice(start, start + length).join(' ');
}

/** One letter swapped with its neighbour: the commonest typing slip. */
function typo(random: Random, word: string): string {
	if (word.length < 4) return word;
	const at = random.int(1, word.length - 3);
	return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
}
