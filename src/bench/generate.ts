// A deterministic generator of by-election news articles in the corpus format, for the benchmark:
// the same seed gives the same files, byte for byte. Articles come in groups (several outlets
// covering one by-election, some sharing wire copy word for word), carry figures with thousands
// separators, quotes in the patterns news copy uses and results tables, and fill the rest with
// Zipf-distributed words, so that common words hit many paragraphs and rare ones few, as in an archive.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRandom, deriveSeed, type Random, ZipfSampler } from './prng.js';
import { buildVocabulary, capitalise, FIRST_NAMES, OCCUPATIONS, OUTLETS, PARTIES, type Party, type Vocabulary } from './vocabulary.js';
import { formatCount } from '../extract/text.js';

export const DEFAULT_SEED = 20240315;
const VOCABULARY_SIZE = 50_000;
const NATIONAL_FIGURES = 40;
const ROLES = ['leader', 'deputy leader', 'party chair', 'campaign chief', 'shadow chancellor', 'chief whip'];
const DAYS = ['Thursday', 'Friday'];

export interface Person {
	name: string;
	surname: string;
	pronoun: 'he' | 'she';
}

export interface Candidate extends Person {
	party: Party;
	votes: number;
	age: number;
	occupation: string;
}

export interface Election {
	constituency: string;
	date: string;
	/** Most votes first. */
	candidates: Candidate[];
	turnout: string;
	previous: Person & { party: Party };
	cause: string;
	venue: string;
}

export interface Quote {
	speaker: string;
	text: string;
}

export interface GeneratedArticle {
	/** Path relative to the corpus folder: zero-padded, so the loader's sorted order is generation order. */
	file: string;
	text: string;
}

export interface GeneratedCorpus {
	seed: number;
	articles: GeneratedArticle[];
	elections: Election[];
	/** Everyone quoted, by full name. */
	speakers: string[];
	quotes: Quote[];
	vocabulary: Vocabulary;
}

export interface GenerateOptions {
	articles: number;
	seed?: number;
}

/** Everything one article's text is written from. */
interface Story {
	election: Election;
	outlet: string;
	random: Random;
	/** Draws shared by every article about the election: wire copy that outlets reprint unchanged. */
	wire: Random;
	quotes: Quote[];
}

class Writer {
	private readonly zipf = new ZipfSampler(VOCABULARY_SIZE, 1.02);

	constructor(readonly vocabulary: Vocabulary) {}

	word(random: Random): string {
		return this.vocabulary.words[this.zipf.sample(random)] ?? 'the';
	}

	/** A sentence of Zipf-sampled words: the statistical texture of prose, not its sense. */
	sentence(random: Random, names: readonly string[] = []): string {
		const length = random.int(8, 20);
		const words: string[] = [];
		for (let i = 0; i < length; i++) {
			if (names.length > 0 && random.chance(0.04)) words.push(random.pick(names));
			else if (random.chance(0.02)) words.push(String(random.int(2, 900)));
			else words.push(this.word(random));
			if (i > 2 && i < length - 2 && random.chance(0.07)) words[words.length - 1] += ',';
		}
		const text = words.join(' ');
		return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
	}

	sentences(random: Random, min: number, max: number, names: readonly string[] = []): string {
		const count = random.int(min, max);
		const parts: string[] = [];
		for (let i = 0; i < count; i++) parts.push(this.sentence(random, names));
		return parts.join(' ');
	}
}

/** Generates `articles` articles for `seed` in memory; `writeCorpus` puts them on disk. */
export function generateCorpus(options: GenerateOptions): GeneratedCorpus {
	const seed = options.seed ?? DEFAULT_SEED;
	const electionCount = Math.max(1, Math.ceil(options.articles / 4));
	const vocabulary = buildVocabulary(seed, VOCABULARY_SIZE, electionCount * 3 + 200, electionCount * 2 + 50);
	const writer = new Writer(vocabulary);
	const random = createRandom(deriveSeed(seed, 'corpus'));
	const people = new PeopleMaker(vocabulary, createRandom(deriveSeed(seed, 'people')));
	const nationals = Array.from({ length: NATIONAL_FIGURES }, () => ({ ...people.make(), party: random.pick(PARTIES.slice(0, 6)), role: random.pick(ROLES) }));
	const corpus: GeneratedCorpus = { seed, articles: [], elections: [], speakers: [], quotes: [], vocabulary };
	const speakers = new Set<string>();
	for (let e = 0; corpus.articles.length < options.articles; e++) {
		const election = makeElection(random, people, vocabulary.places[e % vocabulary.places.length] ?? `Place ${e}`, vocabulary.places);
		corpus.elections.push(election);
		const wireSeed = deriveSeed(seed, `wire ${e}`);
		const coverage = Math.min(random.int(2, 6), options.articles - corpus.articles.length);
		for (let a = 0; a < coverage; a++) {
			const story: Story = { election, outlet: OUTLETS[(e + a) % OUTLETS.length] ?? 'Wire', random, wire: createRandom(wireSeed), quotes: [] };
			const text = writeArticle(writer, story, random.pick(nationals), people.make(), vocabulary);
			corpus.articles.push({ file: `${String(corpus.articles.length).padStart(5, '0')}_${slug(election.constituency)}.txt`, text });
			for (const quote of story.quotes) speakers.add(quote.speaker);
			corpus.quotes.push(...story.quotes);
		}
	}
	corpus.speakers = [...speakers];
	return corpus;
}

/** Writes the articles under `folder` (created if needed), a bounded number of files at a time. */
export async function writeCorpus(corpus: GeneratedCorpus, folder: string): Promise<void> {
	await mkdir(folder, { recursive: true });
	const batch = 64;
	for (let i = 0; i < corpus.articles.length; i += batch) {
		await Promise.all(corpus.articles.slice(i, i + batch).map((article) => writeFile(path.join(folder, article.file), article.text)));
	}
}

/** Distinct words (letters only, case folded) across the corpus: the vocabulary a reader would count. */
export function distinctWords(corpus: GeneratedCorpus): number {
	const words = new Set<string>();
	for (const article of corpus.articles) for (const word of article.text.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(word);
	return words.size;
}

class PeopleMaker {
	constructor(
		private readonly vocabulary: Vocabulary,
		private readonly random: Random,
	) {}

	make(): Person {
		const first = this.random.pick(FIRST_NAMES);
		const surname = this.random.pick(this.vocabulary.surnames);
		return { name: `${first.name} ${surname}`, surname, pronoun: first.gender };
	}
}

function makeElection(random: Random, people: PeopleMaker, constituency: string, places: readonly string[]): Election {
	const parties = shuffled(random, PARTIES.slice(0, 8)).slice(0, random.int(4, 7));
	const candidates = parties
		.map((party, rank) => ({ ...people.make(), party, votes: Math.round(random.int(800, 24_000) / (rank + 1)), age: random.int(24, 71), occupation: random.pick(OCCUPATIONS) }))
		.sort((a, b) => b.votes - a.votes);
	const year = random.int(2010, 2025);
	const date = `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
	const cause = random.pick(['resigned to take a job in the private sector', 'died after a short illness', 'was removed by a recall petition', 'stood down citing ill health', 'was appointed to the House of Lords']);
	const venue = `${random.pick(places)} ${random.pick(['Leisure Centre', 'Civic Hall', 'Sports Centre', 'Racecourse', 'Town Hall'])}`;
	return { constituency, date, candidates, turnout: `${random.int(19, 64)}.${random.int(0, 9)}`, previous: { ...people.make(), party: random.pick(PARTIES.slice(0, 4)) }, cause, venue };
}

type National = Person & { party: Party; role: string };

/**
 * One article: headline, date and outlet lines, then about twelve paragraphs. The order and choice
 * of paragraphs vary by outlet; the figures never do (they are the election's).
 */
function writeArticle(writer: Writer, story: Story, national: National, academic: Person, vocabulary: Vocabulary): string {
	const { election, random } = story;
	const winner = first(election.candidates);
	const names = election.candidates.map((candidate) => candidate.name);
	const paragraphs = [
		lede(story),
		figures(story),
		...fillers(writer, story, names, random.int(1, 2)),
		winnerQuote(writer, story, winner),
		random.chance(0.8) ? turnout(story) : null,
		random.chance(0.7) ? count(story) : null,
		cause(story),
		runnerUpQuote(writer, story),
		...nationalQuote(writer, story, national),
		...fillers(writer, story, names, random.int(0, 2)),
		...(random.chance(0.5) ? academicQuote(writer, story, academic, random.pick(vocabulary.places)) : []),
		random.chance(0.6) ? resultsTable(story) : null,
	].filter((paragraph): paragraph is string => paragraph !== null);
	const header = [`title ${headline(story)}`, `date ${election.date}`, `outlet ${story.outlet}`];
	// Some feeds send no metadata: the loader then titles the article from its first sentence.
	return `${random.chance(0.9) ? `${header.join('\n')}\n\n` : ''}${paragraphs.join('\n\n')}\n`;
}

function headline(story: Story): string {
	const winner = first(story.election.candidates);
	const gained = winner.party.name !== story.election.previous.party.name;
	return story.random.pick([
		`${winner.party.name} ${gained ? 'gain' : 'hold'} ${story.election.constituency} in by-election`,
		`${winner.name} wins ${story.election.constituency} by-election`,
		`${story.election.constituency} by-election: ${winner.party.name} ${gained ? 'take the seat' : 'hold on'}`,
	]);
}

function lede(story: Story): string {
	const { election, random } = story;
	const winner = first(election.candidates);
	const majority = formatCount(winner.votes - second(election.candidates).votes);
	const gained = winner.party.name !== election.previous.party.name;
	const how = gained ? `taking the seat from ${election.previous.party.short} with a majority of ${majority}` : `holding the seat with a majority of ${majority}`;
	return random.chance(0.5)
		? `${winner.name} has won the ${election.constituency} by-election for ${winner.party.short}, ${how}.`
		: `${capitalise(winner.party.short)} have ${gained ? 'gained' : 'held'} ${election.constituency} in a by-election, with ${winner.name} elected by ${majority} votes.`;
}

function figures(story: Story): string {
	const [winner, runner] = [first(story.election.candidates), second(story.election.candidates)];
	const majority = formatCount(winner.votes - runner.votes);
	return story.wire.chance(0.5)
		? `${winner.surname} took ${formatCount(winner.votes)} votes, ahead of ${runner.party.name} candidate ${runner.name} on ${formatCount(runner.votes)}, a majority of ${majority}.`
		: `${winner.name} polled ${formatCount(winner.votes)} votes to ${formatCount(runner.votes)} for ${runner.name} of ${runner.party.short}.`;
}

function turnout(story: Story): string {
	const earlier = story.wire.int(55, 75);
	return story.wire.chance(0.5) ? `Turnout was ${story.election.turnout} per cent, down from ${earlier} per cent at the general election.` : `Turnout was ${story.election.turnout}%, the lowest in the seat for ${story.wire.int(2, 9)} decades.`;
}

function count(story: Story): string {
	return `The count at the ${story.election.venue} was declared shortly after ${story.wire.int(1, 5)}am on ${story.wire.pick(DAYS)}.`;
}

function cause(story: Story): string {
	const { previous } = story.election;
	return `The by-election was called after the sitting ${previous.party.name} MP, ${previous.name}, ${story.election.cause}.`;
}

function winnerQuote(writer: Writer, story: Story, winner: Candidate): string {
	const text = quoted(writer, story, `Tonight the people of ${story.election.constituency} have spoken.`);
	story.quotes.push({ speaker: winner.name, text });
	return `${winner.surname}, ${winner.age}, a former ${winner.occupation}, said: "${text}"`;
}

function runnerUpQuote(writer: Writer, story: Story): string {
	const runner = second(story.election.candidates);
	const text = writer.sentence(story.random).replace(/\.$/, '');
	story.quotes.push({ speaker: runner.name, text });
	return story.random.chance(0.5) ? `"${text}," ${runner.surname} said.` : `“${text},” said ${runner.name}, the ${runner.party.name} candidate.`;
}

function nationalQuote(writer: Writer, story: Story, national: National): string[] {
	const opening = quoted(writer, story, `This result in ${story.election.constituency} is a message to the government.`);
	const added = quoted(writer, story);
	story.quotes.push({ speaker: national.name, text: opening }, { speaker: national.name, text: added });
	return [`${national.name}, the ${national.party.name} ${national.role}, said: "${opening}"`, `${capitalise(national.pronoun)} added: "${added}"`];
}

/** A quote running over two paragraphs: the first has no closing mark, the second reopens. */
function academicQuote(writer: Writer, story: Story, academic: Person, university: string): string[] {
	const opening = quoted(writer, story);
	const closing = quoted(writer, story);
	story.quotes.push({ speaker: academic.name, text: opening }, { speaker: academic.name, text: closing });
	return [`${academic.name}, professor of politics at the University of ${university}, said: "${opening}`, `"${closing}"`];
}

function resultsTable(story: Story): string {
	const rows = story.election.candidates.map((candidate) => `${candidate.name} (${candidate.party.name}) ${formatCount(candidate.votes)}`);
	return [`${story.election.constituency} by-election result:`, ...rows].join('\n');
}

function fillers(writer: Writer, story: Story, names: readonly string[], count: number): string[] {
	return Array.from({ length: count }, () => writer.sentences(story.random, 2, 4, names));
}

function quoted(writer: Writer, story: Story, opening?: string): string {
	const body = writer.sentences(story.random, 1, 3);
	return opening && story.random.chance(0.4) ? `${opening} ${body}` : body;
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = random.int(0, i);
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}

function first<T>(items: readonly T[]): T {
	const item = items[0];
	if (item === undefined) throw new Error('empty list');
	return item;
}

function second<T>(items: readonly T[]): T {
	return items[1] ?? first(items);
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

function slug(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
