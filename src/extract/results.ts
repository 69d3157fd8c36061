// By-election results: constituency, candidates and votes, winner, majority, gain or hold.
// Every figure keeps the paragraphs that state it; disagreeing sources become conflicts.
// The rules are general patterns of news English (`X, a teacher, took N votes`, `Labour's Y
// polled N`, `the Greens seized Z from Labour`); nothing here knows any election. Scans are
// linear over a sentence's tokens and every regex repetition is bounded (inputs may be hostile).

import type { ArticleAnalysis, NameRun, ParagraphAnalysis } from './analysis.js';
import type { CandidateResult, Conflict, ElectionResult, MajorityResult, ParagraphRef, Person, Sourced } from './types.js';
import { NON_NAME_WORDS, PARTY_FORMS_BY_LENGTH, PARTY_WORDS, PREPOSITIONS, ROLE_NOUNS, canonicalParty } from './lexicon.js';
import { DeletionVariants, OneEditIndex, withinOneEdit } from './one-edit.js';
import { PlaceMatcher, type PlaceMentions } from './places.js';
import { WordShapes, isCapitalised, parseCount, type Token } from './text.js';
import { drain, type Steps } from '../corpus/slices.js';

const BY_ELECTION = new Set(['by-election', 'byelection', 'by-elections', 'by-poll']);
const PLACE_WORDS_ALLOWED = new Set(['north', 'south', 'east', 'west', 'mid', 'central', 'upper', 'lower', 'great', 'greater', 'city', 'old', 'new', 'st']);
const PLACE_LINKS = new Set(['and', 'upon', 'on', 'under', 'with', 'in', 'the', 'of', '&']);
const NOT_PLACES = new Set(['thursday', 'friday', 'monday', 'tuesday', 'wednesday', 'saturday', 'sunday', 'the', 'this', 'last', 'next', 'a', 'westminster', 'parliamentary', 'commons', 'recent', 'upcoming', 'crucial', 'key', 'latest']);
/** Verbs whose object is a vote count: `took N votes`, `polled N`. */
const VOTE_VERBS = new Set([
	'won', 'polled', 'received', 'secured', 'got', 'took', 'gained', 'garnered', 'collected', 'claimed', 'scored', 'attracted',
	'managed', 'amassed', 'obtained', 'recorded', 'picked', 'drew', 'polling', 'receiving', 'securing', 'taking', 'winning',
	'gaining', 'getting', 'collecting', 'attracting',
]);
/** Verbs of a finishing place: `came third with`, `finished on`, `slipped to fourth`, `trailing on`. */
const PLACING_VERBS = new Set([
	'came', 'finished', 'was', 'were', 'is', 'placed', 'trailed', 'trailing', 'trails', 'ended', 'ending', 'finishing', 'coming',
	'slipped', 'fell', 'dropped', 'sank', 'slumped', 'languished',
]);
/** Words between a placing verb and its ordinal: `finished a distant third`, `was pushed into third`. */
const PLACING_FILLERS = new Set([
	'a', 'an', 'the', 'distant', 'close', 'strong', 'poor', 'narrow', 'comfortable', 'respectable', 'creditable', 'disappointing',
	'surprise', 'to', 'into', 'in', 'up', 'back', 'down', 'only', 'just', 'pushed', 'squeezed', 'relegated', 'forced', 'beaten',
	'knocked', 'placed', 'down',
]);
const ORDINALS = new Set(['second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'last', 'first']);
const DEFEAT_VERBS = new Set(['defeated', 'beat', 'ousted', 'overcame', 'edged', 'unseated', 'toppled', 'defeating', 'beating']);
/** `was elected with`, `was returned with`. */
const ELECTED = new Set(['elected', 'returned', 're-elected']);
/** Verbs of winning a seat (`seized X from`, `has won the seat`) and of keeping one. */
const TAKE_VERBS = new Set([
	'won', 'win', 'wins', 'winning', 'took', 'take', 'takes', 'taken', 'taking', 'seized', 'seize', 'seizes', 'seizing', 'gained',
	'gain', 'gains', 'gaining', 'captured', 'capture', 'captures', 'capturing', 'snatched', 'snatch', 'snatches', 'snatching',
	'wrested', 'wrest', 'wresting', 'grabbed', 'claimed', 'claims',
]);
const HOLD_VERBS = new Set(['held', 'hold', 'holds', 'holding', 'retained', 'retain', 'retains', 'retaining', 'kept', 'keep', 'keeps', 'keeping']);
/** `the seat`, `the by-election`: what a winner wins. */
const WIN_OBJECTS = new Set(['seat', 'constituency', 'by-election', 'byelection', 'election', 'contest', 'race']);
/** Words that may stand between a subject and its verb without changing it. */
const AUXILIARIES = new Set(['has', 'have', 'had', 'comfortably', 'narrowly', 'easily', 'convincingly', 'eventually', 'finally', 'duly', 'also', 'then', 'now']);
/** Nouns that make a party phrase a candidacy: `the Labour candidate, X`. */
const CANDIDATE_NOUNS = new Set(['candidate', 'nominee', 'hopeful', 'challenger', 'contender', 'standard-bearer']);
/** A party (or role) said to be in the past: `former Labour councillor X` is no Labour candidate. */
const PAST_WORDS = new Set(['former', 'ex', 'one-time', 'erstwhile', 'previous', 'late']);
const VICTORY_NOUNS = new Set(['victory', 'win', 'triumph']);
/** Words after a number that make it something other than votes. */
const UNIT_WORDS = new Set(['per', 'percent', 'percentage', 'points', 'point', 'seats', 'years', 'year', 'people', 'times', 'days', 'miles', 'members', 'ballots', 'voters', 'signatures', 'councillors', 'mps',
	'fewer', 'more', 'less', 'extra', 'additional', 'postal', 'spoilt', 'rejected']);
const QUALIFIERS = /^(almost|nearly|about|around|roughly|some|over|more than|just over|just under|fewer than|less than|under|approximately|close to|well over|barely|only|just)\s/i;
/** Markers of an earlier election: a figure in the same clause is about that one, not this. */
const PAST_ELECTION = /general election|last election|previous election|\b(?:19|20)\d\d\b/i;
/** A capitalised word and a phrase of up to three of them (bounded: hostile input). */
const CAP = "[A-Z][\\w’'-]{0,30}";
const CAPS = `${CAP}(?: ${CAP}){0,2}`;
const PLACE = `${CAP}(?: (?:and |upon |on |under |in |the |of |& )?${CAP}){0,4}`;
const COUNT = '(\\d{1,3}(?:,\\d{3}){1,3}|\\d{1,7})';
const QUALIFIED_COUNT = `((?:[a-z]{1,12} ){0,3}?)${COUNT}`;

interface Figure {
	constituency: string;
	kind: 'votes' | 'party' | 'winner' | 'majority' | 'majority-reported' | 'winner-party' | 'gain' | 'previous' | 'party-votes' | 'lead';
	name?: string;
	personId?: string | null;
	value: string;
	ref: ParagraphRef;
	wording?: string;
	/** `party`: the text names the person as the party's candidate (`the Labour candidate, X`). */
	candidacy?: boolean;
	/** `party`: only what the corpus says of the person elsewhere; used when nothing closer does. */
	weak?: boolean;
	/** `party-votes`, `lead`: the party the figure is about. */
	party?: string;
	/** `lead`: the candidate led (`N votes ahead of X`), when named. */
	trailer?: { name: string; personId: string | null };
}

interface Context {
	people: ReadonlyMap<string, Person>;
	places: PlaceMatcher;
	/** Lower-case alias → the first person (in corpus order) with that alias. */
	personByAlias: ReadonlyMap<string, string>;
}

export function extractResults(analyses: readonly ArticleAnalysis[], people: readonly Person[]): ElectionResult[] {
	return drain(extractResultsSteps(analyses, people));
}

/** `extractResults` in steps (see Steps). */
export function* extractResultsSteps(analyses: readonly ArticleAnalysis[], people: readonly Person[]): Steps<ElectionResult[]> {
	const constituencies = yield* findConstituencies(analyses);
	if (constituencies.length === 0) return [];
	const context: Context = {
		people: new Map(people.map((person) => [person.id, person])),
		places: new PlaceMatcher(constituencies.map((entry) => entry.name)),
		personByAlias: aliasIndex(people),
	};
	const figures: Figure[] = [];
	for (const analysis of analyses) {
		yield;
		// Each paragraph is read for constituency names once; its sentences reuse that reading.
		const mentions = analysis.paragraphs.map((paragraph) => context.places.scan(paragraph.masked));
		let current: string | null = soleConstituency(mentions);
		analysis.paragraphs.forEach((paragraph, paragraphIndex) => {
			const places = mentions[paragraphIndex];
			if (!places) return;
			// Read for cues only once a sentence is about a constituency: many paragraphs have none.
			let cues: ParagraphCues | null = null;
			for (const [start, end] of paragraph.sentences) {
				const range = sentenceRange(paragraph, start, end);
				const named = range ? places.between(range.from, range.to) : [];
				if (named.length === 1) current = named[0] ?? current;
				const target = named.length === 1 ? (named[0] ?? null) : current;
				if (!target) continue;
				cues ??= new ParagraphCues(paragraph.masked);
				figures.push(...sentenceFigures(paragraph, start, end, target, context, cues));
			}
			const tableTarget = places.all()[0] ?? current;
			if (tableTarget) figures.push(...tableFigures(paragraph, tableTarget, context));
		});
	}
	const byConstituency = groupBy(figures, (figure) => figure.constituency);
	const dates = articleDates(analyses);
	// Candidates' surnames recur from constituency to constituency: their variants are worked out once.
	const variants = new DeletionVariants();
	const results: ElectionResult[] = [];
	for (const entry of constituencies) {
		yield;
		const result = assemble(entry.name, entry.sources, byConstituency.get(entry.name) ?? [], dates, context.people, variants);
		if (result.candidates.length > 0 || result.winnerParty !== null || result.gain !== null || result.previousParty !== null) results.push(result);
	}
	return results;
}

/** Where a sentence of tokens `start`…`end` stands in the masked text, with its closing punctuation. */
function sentenceRange(paragraph: ParagraphAnalysis, start: number, end: number): { from: number; to: number } | null {
	const first = paragraph.tokens[start];
	const last = paragraph.tokens[end - 1];
	return first && last ? { from: first.start, to: last.end + last.after.length } : null;
}

// ——— Parties ———

/**
 * The canonical party tokens `start`…`end` name exactly, as one phrase (no punctuation or
 * possessive inside it); lower case only for `independent`. Read in place, not from a slice of
 * the tokens: this runs for nearly every window a party could start or end in.
 */
function partyPhrase(tokens: readonly Token[], start: number, end: number): string | null {
	const first = tokens[start];
	if (!first || first.lower === 'the') return null;
	let phrase = '';
	for (let index = start; index < end; index++) {
		const token = tokens[index];
		if (!token) return null;
		if (index < end - 1 && (token.after !== '' || token.possessive)) return null;
		phrase = index === start ? withoutTrailingApostrophe(token.base) : `${phrase} ${withoutTrailingApostrophe(token.base)}`;
	}
	const party = canonicalParty(phrase);
	if (!party) return null;
	return isCapitalised(first.word) || party === 'Independent' ? party : null;
}

/** `word.replace(/['’]$/, '')`, by the last character. */
function withoutTrailingApostrophe(word: string): string {
	const last = word.charAt(word.length - 1);
	return last === "'" || last === '’' ? word.slice(0, -1) : word;
}

/** Nothing but a plural possessive's apostrophe (`Tories’`) between this token and the next. */
function glued(token: Token): boolean {
	return token.after === '' || (token.possessive && /^['’]$/.test(token.after));
}

/**
 * Whether a token could be one word of a party name as `canonicalParty` reads a phrase: after
 * lower-casing and dropping a trailing apostrophe, a word of some party name, `the` (dropped
 * when it opens the phrase), nothing, or a party word with `'s` (dropped when it ends it). Every
 * word of a phrase that names a party passes, so a window with a word that fails names none and
 * need not be joined and looked up (most windows: this runs at nearly every token).
 */
function mayBePartyWord(token: Token): boolean {
	const lower = token.lower;
	const last = lower.charAt(lower.length - 1);
	const word = last === "'" || last === '’' ? lower.slice(0, -1) : lower;
	if (word === '' || word === 'the' || PARTY_WORDS.has(word)) return true;
	return (word.endsWith("'s") || word.endsWith('’s')) && PARTY_WORDS.has(word.slice(0, -2));
}

/** How many tokens from `index` on (step -1 or +1, at most four) could all be party words. */
function partyWordRun(tokens: readonly Token[], index: number, step: 1 | -1): number {
	let length = 0;
	for (let cursor = index; length < 4; cursor += step) {
		const token = tokens[cursor];
		if (!token || !mayBePartyWord(token)) break;
		length++;
	}
	return length;
}

/** A party name of up to four words ending at token `index` (not before `floor`): `Labour`, `the Green Party's`. */
function partyEndingAt(tokens: readonly Token[], index: number, floor: number): { party: string; start: number } | null {
	for (let size = partyWordRun(tokens, index, -1); size >= 1; size--) {
		const start = index - size + 1;
		if (start < floor || start < 0) continue;
		const party = partyPhrase(tokens, start, index + 1);
		if (party) return { party, start };
	}
	return null;
}

/** A party name of up to four words starting at token `index` (ending before `limit`). */
function partyStartingAt(tokens: readonly Token[], index: number, limit: number): { party: string; end: number } | null {
	for (let size = partyWordRun(tokens, index, 1); size >= 1; size--) {
		const end = index + size;
		if (end > limit || end > tokens.length) continue;
		const party = partyPhrase(tokens, index, end);
		if (party) return { party, end };
	}
	return null;
}

function partyNamedIn(phrase: string, from: 'start' | 'end'): string | null {
	const words = phrase.replace(/['’]s?$/, '').split(' ');
	for (let size = Math.min(3, words.length); size >= 1; size--) {
		const slice = from === 'start' ? words.slice(0, size) : words.slice(words.length - size);
		const party = canonicalParty(slice.join(' '));
		if (party && (from === 'start' || party !== 'Independent')) return party;
	}
	return null;
}

function leadingParty(phrase: string): string | null {
	return partyNamedIn(phrase, 'start');
}

function trailingParty(phrase: string): string | null {
	return partyNamedIn(phrase, 'end');
}

/** `Labour has`, `the Liberal Democrats have comfortably`: a party as the subject of the verb at `verb`. */
function partySubjectBefore(tokens: readonly Token[], verb: number): string | null {
	let cursor = verb - 1;
	for (let skipped = 0; skipped < 3 && cursor >= 0 && AUXILIARIES.has(tokens[cursor]?.lower ?? ''); skipped++) cursor--;
	const last = tokens[cursor];
	if (!last || last.after !== '' || last.possessive) return null;
	return partyEndingAt(tokens, cursor, 0)?.party ?? null;
}

// ——— Constituencies ———

interface PlaceMention {
	name: string;
	/** Found only by a weak cue (`MP for X`): used when the article names no constituency otherwise. */
	weak: boolean;
	/** Token index of the name's first word. */
	start: number;
}

/** A place name with where it stands: its first token. */
interface PlaceSpan {
	name: string;
	start: number;
}

interface ConstituencyEntry {
	name: string;
	sources: ParagraphRef[];
	cited: Set<string>;
	strong: boolean;
	articles: Set<string>;
	/** Some mention does not open a sentence, so its first word is capitalised for a reason of its own. */
	midSentence: boolean;
}

function* findConstituencies(analyses: readonly ArticleAnalysis[]): Steps<Array<{ name: string; sources: ParagraphRef[] }>> {
	const found = new Map<string, ConstituencyEntry>();
	const strongArticles = new Set<string>();
	for (const analysis of analyses) {
		yield;
		const electionArticle = analysis.paragraphs.some((paragraph) => /\b(by-?elections?|elections?|polls?|votes?|voters)\b/i.test(paragraph.masked));
		if (!electionArticle) continue;
		for (const paragraph of analysis.paragraphs) {
			for (const mention of constituencyMentions(paragraph.tokens)) {
				const key = mention.name.toLowerCase();
				const entry = found.get(key) ?? { name: mention.name, sources: [], cited: new Set<string>(), strong: false, articles: new Set<string>(), midSentence: false };
				if (!opensSentence(paragraph, mention.start)) entry.midSentence = true;
				if (!mention.weak) {
					entry.strong = true;
					strongArticles.add(paragraph.articleId);
				}
				entry.articles.add(paragraph.articleId);
				const cite = `${paragraph.articleId}#${paragraph.paragraph}`;
				if (!entry.cited.has(cite)) {
					entry.cited.add(cite);
					entry.sources.push({ articleId: paragraph.articleId, paragraph: paragraph.paragraph });
				}
				found.set(key, entry);
			}
		}
	}
	const ordinary = yield* writtenInLowerCase(analyses, new Set([...found.values()].filter((entry) => !entry.midSentence).map(firstWordOf)));
	return [...found.values()]
		.filter((entry) => entry.strong || [...entry.articles].some((article) => !strongArticles.has(article)))
		.filter((entry) => entry.midSentence || !ordinary.has(firstWordOf(entry)))
		.map(({ name, sources }) => ({ name, sources }));
}

function opensSentence(paragraph: ParagraphAnalysis, index: number): boolean {
	for (const [start] of paragraph.sentences) if (start === index) return true;
	return false;
}

function firstWordOf(entry: ConstituencyEntry): string {
	return (entry.name.split(' ')[0] ?? '').toLowerCase();
}

/**
 * Which of `words` (lower case) the corpus also writes in lower case. A name met only at the
 * start of sentences is capitalised by its position alone: when its first word is an ordinary
 * word elsewhere (`Are by-elections a fair test?`, `Was seat …`), it is that word, not a place,
 * and as a place it would claim every sentence that opens with it. A real constituency is
 * written with its capital wherever it stands, so mid-sentence mentions always vouch for it.
 */
function* writtenInLowerCase(analyses: readonly ArticleAnalysis[], words: ReadonlySet<string>): Steps<Set<string>> {
	const found = new Set<string>();
	if (words.size === 0) return found;
	// Every word of the corpus is read: the words' shapes (first character and length) spare most a set look-up.
	const shapes = new WordShapes(words);
	for (const analysis of analyses) {
		yield;
		for (const paragraph of analysis.paragraphs) {
			for (let index = 0; index < paragraph.words.length; index++) {
				const word = paragraph.words[index] ?? '';
				if (shapes.mayBeIn(word) && words.has(word) && !isCapitalised(paragraph.tokens[index]?.word ?? '')) found.add(word);
			}
		}
	}
	return found;
}

/**
 * `the X by-election`, `by-election in X`, `seat of X`, `X constituency`, `seized X from Labour`,
 * `Labour has held X`; weakly, `MP for X`.
 */
function constituencyMentions(tokens: readonly Token[]): PlaceMention[] {
	const names: PlaceMention[] = [];
	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index];
		// Every rule below starts at one of these words: the rest (most tokens) need no look.
		if (!token || !MENTION_SHAPES.mayBeIn(token.lower) || !MENTION_WORDS.has(token.lower)) continue;
		const word = token.lower;
		if (BY_ELECTION.has(word) || word === 'constituency' || word === 'seat') addStrong(names, placeBefore(tokens, index));
		const next = tokens[index + 1];
		const article = tokens[index + 1]?.lower;
		if (word === 'in' && (article === 'a' || article === 'the') && BY_ELECTION.has(tokens[index + 2]?.lower ?? '')) addStrong(names, placeBefore(tokens, index));
		if (next && (word === 'in' || word === 'of') && token.after === '') {
			const previous = tokens[index - 1];
			if (previous && (BY_ELECTION.has(previous.lower) || previous.lower === 'seat' || previous.lower === 'constituency') && previous.after === '') addStrong(names, placeSpan(tokens, index + 1));
		}
		if ((TAKE_VERBS.has(word) || HOLD_VERBS.has(word)) && token.after === '') {
			const place = placeSpan(tokens, index + 1);
			if (place) {
				const last = tokens[place.end - 1];
				const from = tokens[place.end];
				const fromParty = last?.after === '' && from?.lower === 'from' && from.after === '' && partyStartingAt(tokens, tokens[place.end + 1]?.lower === 'the' ? place.end + 2 : place.end + 1, tokens.length) !== null;
				if (fromParty || partySubjectBefore(tokens, index) !== null) addStrong(names, place);
			}
		}
		if (word === 'mp' && next?.lower === 'for' && token.after === '' && next.after === '') {
			const place = placeSpan(tokens, index + 2);
			if (place) names.push({ name: place.name, weak: true, start: place.start });
		}
	}
	return names;
}

/** The words `constituencyMentions` reads a mention from. */
const MENTION_WORDS: ReadonlySet<string> = new Set([...BY_ELECTION, 'constituency', 'seat', 'in', 'of', ...TAKE_VERBS, ...HOLD_VERBS, 'mp']);
const MENTION_SHAPES = new WordShapes(MENTION_WORDS);

// Helpers below live at module level rather than as closures inside the functions that use them:
// the runtime (tsx) names every closure as it is created, which cost seconds per 10,000 articles.

function addStrong(names: PlaceMention[], place: PlaceSpan | null): void {
	if (place) names.push({ name: place.name, weak: false, start: place.start });
}

function isPlaceWord(token: Token): boolean {
	if (!isCapitalised(token.word) || /\d/.test(token.word)) return false;
	if (NOT_PLACES.has(token.lower) || canonicalParty(token.base) !== null) return false;
	return !NON_NAME_WORDS.has(token.lower) || PLACE_WORDS_ALLOWED.has(token.lower);
}

function placeBefore(tokens: readonly Token[], index: number): PlaceSpan | null {
	const words: Token[] = [];
	let cursor = index - 1;
	while (cursor >= 0 && words.length < 7) {
		const token = tokens[cursor];
		if (!token || (token.after !== '' && !(words.length === 0 && token.possessive))) break;
		if (isPlaceWord(token)) words.unshift(token);
		else if (PLACE_LINKS.has(token.word) && words.length > 0 && tokens[cursor - 1] && isPlaceWord(tokens[cursor - 1] as Token)) words.unshift(token);
		else break;
		cursor--;
	}
	let start = cursor + 1;
	if (words[0] && PLACE_LINKS.has(words[0].word)) {
		words.shift();
		start++;
	}
	const name = placeName(words);
	return name ? { name, start } : null;
}

/** The place name starting at `index`, and the token after it. */
function placeSpan(tokens: readonly Token[], index: number): (PlaceSpan & { end: number }) | null {
	const words: Token[] = [];
	let cursor = index;
	while (cursor < tokens.length && words.length < 7) {
		const token = tokens[cursor];
		if (!token) break;
		if (isPlaceWord(token)) words.push(token);
		else if (PLACE_LINKS.has(token.word) && words.length > 0 && tokens[cursor + 1] && isPlaceWord(tokens[cursor + 1] as Token)) words.push(token);
		else break;
		cursor++;
		if (token.after !== '') break;
	}
	const name = placeName(words);
	return name ? { name, start: index, end: index + words.length } : null;
}

function placeName(words: readonly Token[]): string | null {
	if (words.length === 0 || words.every((token) => PLACE_WORDS_ALLOWED.has(token.lower))) return null;
	return words.map((token, index) => (index === words.length - 1 ? token.base : token.word)).join(' ');
}

function soleConstituency(mentions: readonly PlaceMentions[]): string | null {
	const named = new Set<string>();
	for (const places of mentions) for (const name of places.all()) named.add(name);
	return named.size === 1 ? ([...named][0] ?? null) : null;
}

// ——— Figures in sentences ———

/** One sentence being read, and what it is read against. */
interface Scope {
	paragraph: ParagraphAnalysis;
	tokens: readonly Token[];
	start: number;
	end: number;
	constituency: string;
	context: Context;
}

type FigureDraft = Omit<Figure, 'constituency' | 'ref'>;

/** What a predicate says about its subject: `took N votes`, `defeated Y by N votes to M`. */
interface Outcome {
	votes: number | null;
	winner: boolean;
	margin: FigureDraft | null;
	loser: NameRun | null;
	pair: [number, number] | null;
	lead: { value: string; wording: string; trailer: NameRun | null } | null;
	/** Last token the predicate reads, for the clause check. */
	last: number;
}

function refOf(paragraph: ParagraphAnalysis): ParagraphRef {
	return { articleId: paragraph.articleId, paragraph: paragraph.paragraph };
}

/** The text between two tokens: punctuation and dashes the tokens do not keep. */
function gapAfter(scope: Scope, index: number): string {
	const token = scope.tokens[index];
	const next = scope.tokens[index + 1];
	if (!token) return '';
	return next ? scope.paragraph.masked.slice(token.end, next.start) : token.after;
}

const CLAUSE_BREAK = /[,;:—–()?!]|\.(?!\d)/;

function breaksClause(scope: Scope, index: number): boolean {
	const gap = gapAfter(scope, index);
	// Clauses are walked word by word, and most gaps are one space: no mark, nothing to test.
	return gap !== ' ' && CLAUSE_BREAK.test(gap);
}

/** Whether the clause around tokens `from`…`to` is about an earlier election (`at the general election`, `in <year>`). */
function aboutEarlierElection(scope: Scope, from: number, to: number): boolean {
	let first = Math.max(scope.start, Math.min(from, to));
	while (first > scope.start && !breaksClause(scope, first - 1)) first--;
	let last = Math.min(scope.end - 1, Math.max(from, to));
	while (last < scope.end - 1 && !breaksClause(scope, last)) last++;
	const firstToken = scope.tokens[first];
	const lastToken = scope.tokens[last];
	if (!firstToken || !lastToken) return false;
	return PAST_ELECTION.test(scope.paragraph.masked.slice(firstToken.start, lastToken.end));
}

/**
 * A vote count at `index`: `N,NNN`, `NNN votes`; a bare `NNN` only where `bare` allows it and it
 * closes its clause (`…, won NNN.`). Never a year, a percentage or a count of something else.
 */
function countAt(scope: Scope, index: number, bare: boolean): number | null {
	const { tokens } = scope;
	const token = tokens[index];
	if (!token || index >= scope.end) return null;
	const value = parseCount(token.word);
	if (value === null) return null;
	const next = index + 1 < scope.end ? tokens[index + 1] : undefined;
	const gap = gapAfter(scope, index);
	if (/^\s*(%|per ?cent)/i.test(gap) || /^-/.test(token.after)) return null;
	if (next && gap.trim() === '' && /^votes?$/.test(next.lower)) return value;
	if (next && gap.trim() === '' && UNIT_WORDS.has(next.lower)) return null;
	if (token.word.includes(',')) return value;
	if (!bare || /^(19|20)\d\d$/.test(token.word)) return null;
	if (index === scope.end - 1) return value;
	const closes = gap.trim();
	if (/^[.;]/.test(closes)) return value;
	if (closes.startsWith(',') && /^(and|while|but|with|ahead|behind|leaving|giving)$/.test(next?.lower ?? '')) return value;
	return null;
}

/** The first vote count within `within` tokens of `from`, in the same clause. A margin (`by N`) is not a total. */
function countAfter(scope: Scope, from: number, within: number): { value: number; index: number } | null {
	const { tokens } = scope;
	for (let cursor = from; cursor < Math.min(scope.end, from + within); cursor++) {
		if (cursor > from && /[,;:]/.test(tokens[cursor - 1]?.after ?? '')) return null;
		const bare = cursor === from || /^(on|with)$/.test(tokens[cursor - 1]?.lower ?? '');
		const value = countAt(scope, cursor, bare);
		if (value === null) continue;
		const before = tokens[cursor - 1]?.lower ?? '';
		const twoBefore = tokens[cursor - 2]?.lower ?? '';
		if (before === 'by' || (before === 'of' && /^(majority|margin)$/.test(twoBefore)) || QUALIFIERS.test(`${before} `)) return null;
		return { value, index: cursor };
	}
	return null;
}

/** Whether a predicate can start at `index`: a result verb, `who` + one, `on N`, or an elliptical count. */
function startsPredicate(scope: Scope, index: number): boolean {
	const { tokens } = scope;
	let cursor = index;
	for (let skipped = 0; skipped < 3 && AUXILIARIES.has(tokens[cursor]?.lower ?? '') && countAt(scope, cursor + 1, true) === null; skipped++) cursor++;
	const word = tokens[cursor]?.lower ?? '';
	const next = tokens[cursor + 1]?.lower ?? '';
	if (/^(has|had|have)$/.test(word)) return countAt(scope, cursor + 1, true) !== null;
	if (word === 'who') return VOTE_VERBS.has(next) || /^(came|finished|trailed|placed|ended)$/.test(next);
	if (/^(was|were|is)$/.test(word)) return ELECTED.has(next) || declaredWinner(tokens, cursor + 1) || ORDINALS.has(next) || PLACING_FILLERS.has(next);
	if (VOTE_VERBS.has(word) || PLACING_VERBS.has(word) || DEFEAT_VERBS.has(word) || word === 'topped') return true;
	if (/^(held|retained|kept)$/.test(word)) return next === 'on' || takesSeat(scope, cursor + 1);
	if (word === 'on' || word === 'with') return countAt(scope, cursor + 1, true) !== null;
	if (ORDINALS.has(word) && cursor === index) return /^(on|with)$/.test(next);
	return countAt(scope, cursor, true) !== null && cursor === index;
}

/**
 * Where the predicate of a subject ending at `from` may start: past `(Party)`, `of the
 * Conservatives`, and appositions set off by commas (`X, <age>, a builder who …, received`).
 * After an apposition, each later comma-clause that opens like a predicate is a candidate, first
 * one first (`X, who came second in <year>, polled N`).
 */
function predicatesAfter(scope: Scope, from: number): number[] {
	const { tokens, end } = scope;
	let cursor = from;
	if (tokens[cursor]?.lower === 'of' && tokens[cursor - 1]?.after === '') {
		const found = partyStartingAt(tokens, tokens[cursor + 1]?.lower === 'the' ? cursor + 2 : cursor + 1, end);
		if (found) cursor = found.end;
	}
	if (tokens[cursor]?.before.startsWith('(')) {
		let close = cursor;
		while (close < end && close < cursor + 12 && !(tokens[close]?.after.includes(')') ?? false)) close++;
		if (close >= end - 1 || close >= cursor + 12) return [];
		cursor = close + 1;
	}
	if (cursor === 0 || !/^\)?,/.test(tokens[cursor - 1]?.after ?? '')) return cursor < end ? [cursor] : [];
	const found: number[] = [];
	for (let hop = 0; hop < 5 && cursor < end; hop++) {
		if (startsPredicate(scope, cursor)) found.push(cursor);
		let close = cursor;
		while (close < end && close < cursor + 30 && !(tokens[close]?.after.startsWith(',') ?? false)) {
			if (/[.;:?!]/.test(tokens[close]?.after ?? '')) return found;
			close++;
		}
		if (close >= end - 1 || close >= cursor + 30) return found;
		cursor = close + 1;
	}
	return found;
}

/** A word of a role or party before a name: `the`, `Labour`, `Liberal`, `candidate`. */
function isPrefixWord(token: Token | undefined): boolean {
	if (!token || token.after !== '') return false;
	return token.lower === 'the' || ROLE_NOUNS.has(token.lower) || CANDIDATE_NOUNS.has(token.lower) || (PARTY_WORDS.has(token.lower) && !/^(of|and)$/.test(token.lower));
}

/** `was won by (the Conservatives') X`. */
function wonBy(tokens: readonly Token[], run: NameRun, floor: number): boolean {
	let cursor = run.tokenStart - 1;
	for (let skipped = 0; skipped < 4 && cursor > floor && (isPrefixWord(tokens[cursor]) || (tokens[cursor]?.possessive === true && glued(tokens[cursor] as Token) && partyEndingAt(tokens, cursor, floor) !== null)); skipped++) cursor--;
	return tokens[cursor]?.lower === 'by' && tokens[cursor - 1]?.lower === 'won' && /^(was|were|been|is)$/.test(tokens[cursor - 2]?.lower ?? '');
}

/** `declared the winner`, `declared elected`. */
function declaredWinner(tokens: readonly Token[], index: number): boolean {
	if (tokens[index]?.lower !== 'declared') return false;
	const next = tokens[index + 1]?.lower ?? '';
	return ELECTED.has(next) || (next === 'the' && /^(winner|victor)$/.test(tokens[index + 2]?.lower ?? ''));
}

/** `took the seat`, `won the X by-election`, `won <constituency>`. */
function takesSeat(scope: Scope, from: number): boolean {
	const { tokens } = scope;
	const first = tokens[from];
	if (!first) return false;
	if (scope.paragraph.masked.startsWith(scope.constituency, first.start)) return true;
	if (first.lower !== 'the') return false;
	for (let cursor = from + 1; cursor < Math.min(scope.end, from + 8); cursor++) {
		const token = tokens[cursor];
		if (!token) return false;
		if (WIN_OBJECTS.has(token.lower)) return true;
		if (!isCapitalised(token.word) && !/^(parliamentary|westminster|commons|and)$/.test(token.lower)) return false;
		if (token.after !== '') return false;
	}
	return false;
}

/** Records a vote count the predicate reads, and how far it read. */
function takeCount(outcome: Outcome, found: { value: number; index: number } | null): void {
	if (!found) return;
	outcome.votes = found.value;
	outcome.last = Math.max(outcome.last, found.index);
}

/** What the predicate at `at` says: votes, a win, a defeated rival, a lead. */
function readPredicate(scope: Scope, at: number, runs: readonly NameRun[], elliptical: boolean): Outcome {
	const { tokens, end } = scope;
	const outcome: Outcome = { votes: null, winner: false, margin: null, loser: null, pair: null, lead: null, last: at };
	// `…, and an independent, local builder Y, N.`: a list after a verb of the sentence.
	if (elliptical && !/^(on|with|has|had|have)$/.test(tokens[at]?.lower ?? '')) {
		const value = countAt(scope, at, true);
		if (value !== null) {
			takeCount(outcome, { value, index: at });
			return outcome;
		}
	}
	let verbIndex = at;
	const relative = tokens[verbIndex]?.lower === 'who';
	if (relative) verbIndex++;
	for (let skipped = 0; skipped < 3 && AUXILIARIES.has(tokens[verbIndex]?.lower ?? '') && countAt(scope, verbIndex + 1, true) === null; skipped++) verbIndex++;
	const verb = tokens[verbIndex]?.lower ?? '';
	const next = tokens[verbIndex + 1]?.lower ?? '';
	outcome.last = verbIndex;
	if (DEFEAT_VERBS.has(verb)) {
		const loser = runs.find((other) => other.tokenStart > verbIndex && other.tokenStart <= verbIndex + 4) ?? null;
		outcome.winner = !relative;
		outcome.loser = loser;
		if (loser) {
			outcome.pair = votePair(scope, loser.tokenEnd);
			outcome.margin = marginAfter(scope, loser.tokenEnd);
		}
		return outcome;
	}
	if (/^(was|were|is)$/.test(verb) && (ELECTED.has(next) || declaredWinner(tokens, verbIndex + 1))) {
		outcome.winner = !relative;
		// `was elected with N votes`, `was declared the winner with N votes`
		for (let cursor = verbIndex + 2; cursor < Math.min(end, verbIndex + 10); cursor++) {
			if (tokens[cursor]?.lower === 'with') {
				takeCount(outcome, countAfter(scope, cursor + 1, 3));
				break;
			}
			if (breaksClause(scope, cursor)) break;
		}
		return outcome;
	}
	if (VOTE_VERBS.has(verb) || (/^(has|had|have)$/.test(verb) && countAt(scope, verbIndex + 1, true) !== null)) {
		takeCount(outcome, countAfter(scope, verbIndex + 1, 8));
		if (!relative) {
			// `won with`, `won by N votes`, `X won.`
			const wonWith = verb === 'won' && (next === 'with' || next === 'by' || breaksClause(scope, verbIndex) || verbIndex === end - 1);
			outcome.winner = wonWith || (/^(won|took|gained|seized|captured|claimed|snatched)$/.test(verb) && takesSeat(scope, verbIndex + 1));
		}
		if (verb === 'won' && !relative) outcome.margin = marginAfter(scope, verbIndex + 1);
		return outcome;
	}
	// `held the seat with N votes`, `held on with …`: a hold, when a count says it is this result.
	if (/^(held|retained|kept)$/.test(verb) && (next === 'on' || takesSeat(scope, verbIndex + 1))) {
		takeCount(outcome, countAfter(scope, verbIndex + 1, 8));
		outcome.winner = !relative && outcome.votes !== null;
		return outcome;
	}
	if (verb === 'topped' && next === 'the' && tokens[verbIndex + 2]?.lower === 'poll') {
		outcome.winner = !relative;
		takeCount(outcome, countAfter(scope, verbIndex + 3, 4));
		return outcome;
	}
	if (PLACING_VERBS.has(verb) || (ORDINALS.has(verb) && verbIndex === at && /^(on|with)$/.test(next))) {
		// `…, and Conservative Y third with N`: the verb is the sentence's.
		let ordinal = ORDINALS.has(verb) ? verbIndex : verbIndex + 1;
		for (let skipped = 0; skipped < 3 && PLACING_FILLERS.has(tokens[ordinal]?.lower ?? ''); skipped++) ordinal++;
		const place = tokens[ordinal]?.lower ?? '';
		if (ORDINALS.has(place)) {
			let after = ordinal + 1;
			if (tokens[after]?.lower === 'place' && tokens[ordinal]?.after === '') after++;
			takeCount(outcome, countAfter(scope, after, 4));
			outcome.winner = place === 'first' && !relative;
			return outcome;
		}
		if (next === 'on' || next === 'with') {
			takeCount(outcome, countAfter(scope, verbIndex + 1, 2));
			return outcome;
		}
		outcome.lead = leadAfter(scope, verbIndex + 1, runs);
		if (outcome.lead?.trailer) {
			outcome.loser = outcome.lead.trailer;
			outcome.pair = votePair(scope, outcome.lead.trailer.tokenEnd);
		}
		return outcome;
	}
	if ((verb === 'on' || verb === 'with') && !relative && verbIndex === at) takeCount(outcome, countAfter(scope, verbIndex + 1, 2));
	return outcome;
}

/** `N votes ahead of Labour’s Y`, `almost N votes ahead of Y`: how far the subject led. */
function leadAfter(scope: Scope, from: number, runs: readonly NameRun[]): Outcome['lead'] {
	const { tokens, end } = scope;
	let cursor = from;
	for (let skipped = 0; skipped < 3 && cursor < end && /^[a-z]+$/.test(tokens[cursor]?.word ?? '') && !/^votes?$/.test(tokens[cursor]?.lower ?? ''); skipped++) cursor++;
	const count = tokens[cursor];
	const value = parseCount(count?.word ?? '');
	if (value === null || !count || !/^votes?$/.test(tokens[cursor + 1]?.lower ?? '') || tokens[cursor + 2]?.lower !== 'ahead' || tokens[cursor + 3]?.lower !== 'of') return null;
	const first = tokens[from];
	const wording = first ? scope.paragraph.masked.slice(first.start, (tokens[cursor + 2] ?? count).end) : count.word;
	const qualified = cursor > from && QUALIFIERS.test(wording);
	const trailer = runs.find((run) => run.tokenStart > cursor + 3 && run.tokenStart <= cursor + 8 && !run.possessive) ?? null;
	// Rounded (`almost 900 votes ahead`): the words up to the number are the majority as reported.
	const rounded = first ? scope.paragraph.masked.slice(first.start, count.end) : count.word;
	return { value: qualified ? rounded : String(value), wording, trailer };
}

/** `(N to M votes, respectively)` or `by N votes to M`. */
function votePair(scope: Scope, from: number): [number, number] | null {
	const { tokens } = scope;
	for (let cursor = from; cursor < Math.min(scope.end - 2, from + 12); cursor++) {
		const first = parseCount(tokens[cursor]?.word ?? '');
		if (first === null || !(tokens[cursor]?.word.includes(',') ?? false)) continue;
		let next = cursor + 1;
		if (/^votes?$/.test(tokens[next]?.lower ?? '')) next++;
		if (tokens[next]?.lower !== 'to') continue;
		const second = parseCount(tokens[next + 1]?.word ?? '');
		if (second !== null) return [first, second];
	}
	return null;
}

/** `by almost N votes` straight after the loser or the verb: the majority as reported. */
function marginAfter(scope: Scope, from: number): FigureDraft | null {
	const { tokens, end, paragraph } = scope;
	if (tokens[from]?.lower !== 'by') return null;
	for (let cursor = from + 1; cursor < Math.min(end, from + 5); cursor++) {
		const token = tokens[cursor];
		const value = parseCount(token?.word ?? '');
		if (value === null || !token) continue;
		if (!/^votes?$/.test(tokens[cursor + 1]?.lower ?? '')) return null;
		// `by N votes to M` gives the two totals, not the majority.
		if (tokens[cursor + 2]?.lower === 'to') return null;
		const first = tokens[from + 1];
		const wording = first ? paragraph.masked.slice(first.start, (tokens[cursor + 1] ?? token).end) : token.word;
		const qualified = QUALIFIERS.test(wording);
		return { kind: qualified ? 'majority-reported' : 'majority', value: qualified ? wording : String(value), wording };
	}
	return null;
}

interface PartyEvidence {
	value: string;
	candidacy: boolean;
	weak: boolean;
}

/**
 * The party of the person named by `run`, from the words around the name: a role (`Labour
 * candidate X`), a possessive (`the SNP's X`), an apposition before (`the Conservative candidate,
 * X`, `an independent, local publican X`) or after (`X (Green)`, `X of Reform UK`, `X, who stood
 * as an independent,`), else what the corpus says of the person (weak).
 */
function candidateParty(scope: Scope, run: NameRun, until: number): PartyEvidence | null {
	const { tokens, start } = scope;
	if (run.party) return { value: run.party, candidacy: /\b(candidate|nominee)\b/i.test(run.role ?? ''), weak: false };
	const before = tokens[run.tokenStart - 1];
	if (before && glued(before) && run.tokenStart - 1 >= start) {
		const found = partyEndingAt(tokens, run.tokenStart - 1, start);
		if (found && !PAST_WORDS.has(tokens[found.start - 1]?.lower ?? '')) return { value: found.party, candidacy: false, weak: false };
	}
	const apposed = partyApposedBefore(tokens, run.tokenStart, start);
	if (apposed) return apposed;
	const after = tokens[run.tokenEnd];
	if (after?.before.startsWith('(') && tokens[run.tokenEnd - 1]?.after === '') {
		const found = partyStartingAt(tokens, run.tokenEnd, scope.end);
		if (found && tokens[found.end - 1]?.after.startsWith(')')) return { value: found.party, candidacy: false, weak: false };
	}
	if (after?.lower === 'of' && tokens[run.tokenEnd - 1]?.after === '') {
		const found = partyStartingAt(tokens, tokens[run.tokenEnd + 1]?.lower === 'the' ? run.tokenEnd + 2 : run.tokenEnd + 1, scope.end);
		if (found) return { value: found.party, candidacy: false, weak: false };
	}
	if (tokens[run.tokenEnd - 1]?.after.startsWith(',')) {
		const said = partyInApposition(scope, run.tokenEnd, until);
		if (said) return said;
	}
	const party = run.personId ? (scope.context.people.get(run.personId)?.party ?? null) : null;
	return party ? { value: party, candidacy: false, weak: true } : null;
}

/** `the Conservative candidate, X`, `Reform UK's candidate, haulage firm owner X`, `an independent, former councillor X`. */
function partyApposedBefore(tokens: readonly Token[], runStart: number, floor: number): PartyEvidence | null {
	let index = runStart - 1;
	for (let descriptors = 0; descriptors < 4 && index >= floor; descriptors++) {
		const token = tokens[index];
		if (!token || token.after !== '' || !/^[a-z][a-z-]*$/.test(token.word) || /^(a|an|the|and|or|of)$/.test(token.word)) break;
		index--;
	}
	const comma = tokens[index];
	if (!comma || index < floor || comma.after !== ',') return null;
	if (CANDIDATE_NOUNS.has(comma.lower) && !comma.possessive) {
		const party = tokens[index - 1];
		if (!party || party.after !== '') return null;
		const found = partyEndingAt(tokens, index - 1, floor);
		if (!found || PAST_WORDS.has(tokens[found.start - 1]?.lower ?? '')) return null;
		return { value: found.party, candidacy: true, weak: false };
	}
	const found = partyEndingAt(tokens, index, floor);
	if (found && /^(a|an|the)$/.test(tokens[found.start - 1]?.lower ?? '')) return { value: found.party, candidacy: found.party === 'Independent', weak: false };
	return null;
}

function skipArticle(tokens: readonly Token[], index: number): number {
	return /^(a|an|the)$/.test(tokens[index]?.lower ?? '') ? index + 1 : index;
}

/** `X, who stood as an independent,`, `X, a teacher who defected to Reform,`, `X, the Green candidate,`. */
function partyInApposition(scope: Scope, from: number, until: number): PartyEvidence | null {
	const { tokens } = scope;
	const last = Math.min(until, scope.end, from + 40);
	for (let cursor = from; cursor < last; cursor++) {
		const word = tokens[cursor]?.lower ?? '';
		const next = tokens[cursor + 1]?.lower ?? '';
		let said: { found: { party: string; end: number } | null; candidacy: boolean } | null = null;
		if (cursor === from && word === 'of') {
			// `X, of the Greens, polled …`
			const found = partyStartingAt(tokens, skipArticle(tokens, cursor + 1), scope.end);
			if (found && /^,/.test(tokens[found.end - 1]?.after ?? '')) said = { found, candidacy: false };
		} else if (/^(stood|standing|stands|ran|running|campaigned|campaigning)$/.test(word) && /^(as|for)$/.test(next)) {
			said = { found: partyStartingAt(tokens, skipArticle(tokens, cursor + 2), scope.end), candidacy: true };
		} else if (word === 'defected' && next === 'to') {
			said = { found: partyStartingAt(tokens, skipArticle(tokens, cursor + 2), scope.end), candidacy: false };
		} else if (/^(the|a|an)$/.test(word)) {
			const found = partyStartingAt(tokens, cursor + 1, last);
			if (found && CANDIDATE_NOUNS.has(tokens[found.end]?.lower ?? '') && tokens[found.end - 1]?.after === '') said = { found, candidacy: true };
		}
		// `who stood for Labour at the last election`: not this contest.
		if (said?.found && !aboutEarlierElection(scope, cursor, said.found.end - 1)) return { value: said.found.party, candidacy: said.candidacy, weak: false };
	}
	return null;
}

/** Offset from `start` of the sentence's first vote or placing verb, or -1. */
function firstVerbOffset(tokens: readonly Token[], start: number, end: number): number {
	for (let index = start; index < end && index < tokens.length; index++) {
		const lower = tokens[index]?.lower ?? '';
		if (VOTE_VERBS.has(lower) || PLACING_VERBS.has(lower)) return index - start;
	}
	return -1;
}

function place(constituency: string, ref: ParagraphRef, figure: FigureDraft): Figure {
	return { constituency, ref, ...figure };
}

function candidateOf(run: NameRun): { name: string; personId: string | null } {
	return { name: run.words.join(' '), personId: run.personId };
}

function sentenceFigures(paragraph: ParagraphAnalysis, start: number, end: number, constituency: string, context: Context, cues: ParagraphCues): Figure[] {
	const scope: Scope = { paragraph, tokens: paragraph.tokens, start, end, constituency, context };
	const figures: Figure[] = [];
	const tokens = paragraph.tokens;
	const ref = refOf(paragraph);
	const range = sentenceRange(paragraph, start, end);
	const text = range ? paragraph.masked.slice(range.from, range.to) : '';
	const sentence: SentenceCues = { text, from: range?.from ?? 0, to: range?.to ?? 0, paragraph: cues };
	const runs = paragraph.runs.filter((run) => run.tokenStart >= start && run.tokenEnd <= end);
	const named = runs.filter((run) => !run.possessive);
	// Looked for only when a name in a list needs it (few do): it reads every token of the sentence.
	let firstVerb: number | null = null;

	for (const run of named) {
		// Made only for a run that gives a figure (few do): the name is a string joined anew.
		let who: { name: string; personId: string | null } | null = null;
		const starts = predicatesAfter(scope, run.tokenEnd);
		const party = candidateParty(scope, run, starts[0] ?? end);
		if (party && !party.weak) {
			who = candidateOf(run);
			figures.push(place(constituency, ref, { kind: 'party', ...who, value: party.value, candidacy: party.candidacy }));
		}
		// `the village of Y, finished …`: a name after a preposition is not the subject.
		const previous = tokens[run.tokenStart - 1]?.lower ?? '';
		const object = PREPOSITIONS.has(previous) && !/^(and|while|with|whereas)$/.test(previous);
		for (const at of starts) {
			const direct = at === run.tokenEnd && /^(on|with)$/.test(tokens[at]?.lower ?? '');
			if (object && !direct) continue;
			// `defeated Labour candidate Y with …`: the `with` belongs to the winner's clause.
			if (direct && DEFEAT_VERBS.has(tokens[run.tokenStart - 1]?.lower ?? '')) continue;
			// `won N votes, while an independent, Y, M.`, `polled N and Y M.`: a count right after the name, in a list.
			const listed = tokens[run.tokenEnd - 1]?.after === ',' || /^(and|while|with|whereas)$/.test(previous);
			const elliptical = listed && at === run.tokenEnd && (firstVerb ??= firstVerbOffset(tokens, start, end)) >= 0 && start + firstVerb < run.tokenStart;
			const outcome = readPredicate(scope, at, named, elliptical);
			const says = outcome.votes !== null || outcome.winner || outcome.lead !== null || outcome.loser !== null;
			if (!says) continue;
			if (aboutEarlierElection(scope, at, outcome.last)) break;
			who ??= candidateOf(run);
			if (party?.weak) figures.push(place(constituency, ref, { kind: 'party', ...who, value: party.value, weak: true }));
			if (outcome.votes !== null) figures.push(place(constituency, ref, { kind: 'votes', ...who, value: String(outcome.votes) }));
			if (outcome.winner) figures.push(place(constituency, ref, { kind: 'winner', ...who, value: who.name }));
			if (outcome.margin) figures.push(place(constituency, ref, outcome.margin));
			if (outcome.lead) figures.push(place(constituency, ref, { kind: 'lead', ...who, value: outcome.lead.value, wording: outcome.lead.wording, ...(outcome.lead.trailer ? { trailer: candidateOf(outcome.lead.trailer) } : {}) }));
			if (outcome.loser) {
				const loserParty = candidateParty(scope, outcome.loser, end);
				if (loserParty?.weak) figures.push(place(constituency, ref, { kind: 'party', ...candidateOf(outcome.loser), value: loserParty.value, weak: true }));
				if (outcome.pair) {
					figures.push(place(constituency, ref, { kind: 'votes', ...who, value: String(outcome.pair[0]) }));
					figures.push(place(constituency, ref, { kind: 'votes', ...candidateOf(outcome.loser), value: String(outcome.pair[1]) }));
				}
			}
			break;
		}
	}
	// `N votes to Labour candidate Y's M`: the rival's count after a possessive.
	for (const run of runs) {
		if (!run.possessive) continue;
		const value = countAt(scope, run.tokenEnd, false);
		if (value === null) continue;
		let cursor = run.tokenStart - 1;
		for (let skipped = 0; skipped < 4 && cursor > start && isPrefixWord(tokens[cursor]); skipped++) cursor--;
		if (!/^(to|against)$/.test(tokens[cursor]?.lower ?? '') || aboutEarlierElection(scope, run.tokenStart, run.tokenEnd)) continue;
		const party = candidateParty(scope, run, end);
		if (party && !party.weak) figures.push(place(constituency, ref, { kind: 'party', ...candidateOf(run), value: party.value, candidacy: party.candidacy }));
		figures.push(place(constituency, ref, { kind: 'votes', ...candidateOf(run), value: String(value) }));
	}
	// `The X by-election was won by Labour's Y`, `Y, the winner, …`
	for (const run of named) {
		if (wonBy(tokens, run, start) || (tokens[run.tokenEnd - 1]?.after === ',' && tokens[run.tokenEnd]?.lower === 'the' && /^(winner|victor)$/.test(tokens[run.tokenEnd + 1]?.lower ?? ''))) {
			if (!aboutEarlierElection(scope, run.tokenStart, run.tokenEnd)) figures.push(place(constituency, ref, { kind: 'winner', ...candidateOf(run), value: candidateOf(run).name }));
		}
	}
	// `X's victory`: the person who won.
	for (const run of runs) {
		if (!run.possessive || !VICTORY_NOUNS.has(tokens[run.tokenEnd]?.lower ?? '')) continue;
		if (!aboutEarlierElection(scope, run.tokenStart, run.tokenEnd)) figures.push(place(constituency, ref, { kind: 'winner', ...candidateOf(run), value: candidateOf(run).name }));
	}
	for (const figure of partySubjectFigures(scope, text)) figures.push(place(constituency, ref, figure));
	for (const figure of partyVotesInList(scope)) figures.push(place(constituency, ref, figure));
	figures.push(...majorityStatements(sentence, constituency, ref));
	figures.push(...partyOutcomes(sentence, constituency, ref));
	const previous = previousFromTrigger(scope, text, cues);
	if (previous) figures.push(place(constituency, ref, { kind: 'previous', value: previous, wording: text.length > 160 ? `${text.slice(0, 157)}…` : text }));
	return figures;
}

/**
 * A party as the subject of the sentence: `Plaid Cymru has won the … by-election` (the winning
 * party), `The Conservatives finished third with N votes` (the party's vote).
 */
function partySubjectFigures(scope: Scope, text: string): FigureDraft[] {
	const { tokens, start, end } = scope;
	const subject = tokens[start]?.lower === 'the' ? start + 1 : start;
	const found = partyStartingAt(tokens, subject, end);
	if (!found) return [];
	const last = tokens[found.end - 1];
	const next = tokens[found.end];
	if (!last || !next || last.possessive) return [];
	// `Labour candidate X`, `Labour MP X`, `Green Party leader`: the party only qualifies what follows.
	if (last.after === '' && (isCapitalised(next.word) || ROLE_NOUNS.has(next.lower) || CANDIDATE_NOUNS.has(next.lower))) return [];
	const figures: FigureDraft[] = [];
	let verb = found.end;
	for (let skipped = 0; skipped < 3 && AUXILIARIES.has(tokens[verb]?.lower ?? ''); skipped++) verb++;
	const word = tokens[verb]?.lower ?? '';
	const aboutThisContest = /\b(by-?elections?|seat|constituency)\b/i.test(text) || text.includes(scope.constituency);
	if (last.after === '' && (TAKE_VERBS.has(word) || HOLD_VERBS.has(word)) && aboutThisContest && !aboutEarlierElection(scope, verb, verb)) {
		let last = verb;
		while (last < Math.min(end - 1, verb + 10) && !breaksClause(scope, last)) last++;
		const wording = scope.paragraph.masked.slice(tokens[start]?.start ?? 0, tokens[last]?.end ?? 0);
		figures.push({ kind: 'winner-party', value: found.party, wording: wording || text });
	}
	const at = predicatesAfter(scope, found.end)[0];
	if (at !== undefined) {
		const outcome = readPredicate(scope, at, [], false);
		if (outcome.votes !== null && !aboutEarlierElection(scope, at, outcome.last)) figures.push({ kind: 'party-votes', party: found.party, value: String(outcome.votes) });
	}
	return figures;
}

/**
 * `with Labour on N`, `followed by the Liberal Democrats on N`, `Reform UK, with N,`,
 * `the Liberal Democrats took N`: a party's vote inside a sentence, its candidate unnamed.
 */
function partyVotesInList(scope: Scope): FigureDraft[] {
	const { tokens, start, end } = scope;
	const figures: FigureDraft[] = [];
	for (let index = start + 1; index < end; index++) {
		const token = tokens[index];
		if (!token || !isCapitalised(token.word)) continue;
		let lead = index - 1;
		if (tokens[lead]?.lower === 'the' && tokens[lead]?.after === '') lead--;
		const before = tokens[lead];
		// After a clause break, `and`, `while`, `with` or `followed by`; never `from Labour with …`.
		const opens = lead < start || breaksClause(scope, lead) || /^(and|while|with|whereas)$/.test(before?.lower ?? '') || (before?.lower === 'by' && tokens[lead - 1]?.lower === 'followed');
		if (!opens) continue;
		const found = partyStartingAt(tokens, index, end);
		if (!found) continue;
		const last = tokens[found.end - 1];
		const next = tokens[found.end];
		index = found.end - 1;
		if (!last || !next || last.possessive) continue;
		if (last.after === '' && (isCapitalised(next.word) || ROLE_NOUNS.has(next.lower) || CANDIDATE_NOUNS.has(next.lower))) continue;
		let count: { value: number; index: number } | null = null;
		if (next.lower === 'on' || next.lower === 'with') count = countAfter(scope, found.end + 1, 2);
		else if (last.after === '' && VOTE_VERBS.has(next.lower)) count = countAfter(scope, found.end + 1, 3);
		if (count && !aboutEarlierElection(scope, index, count.index)) figures.push({ kind: 'party-votes', party: found.party, value: String(count.value) });
	}
	return figures;
}

/** A guard for regex matches: the clause says the figure belongs to an earlier election. */
function earlierContext(text: string, index: number, length: number): boolean {
	let boundary = -1;
	for (const mark of [',', ';', ':', '—', '–', '(', ')']) boundary = Math.max(boundary, text.lastIndexOf(mark, index));
	const before = text.slice(boundary + 1, index);
	const match = text.slice(index, index + length);
	const after = text.slice(index + length, index + length + 40);
	if (/\b(overturn\w{0,3}|defend\w{0,3}|notional|previous|former|down from|up from|compared with|had (?:held|won|enjoyed|built|had|a))\b/i.test(before)) return true;
	if (PAST_ELECTION.test(before) || PAST_ELECTION.test(match)) return true;
	return /^\s*(?:votes?\s+)?(?:at the (?:last |previous )?(?:general )?election|in (?:19|20)\d\d)/i.test(after);
}

function isPercentage(text: string, index: number): boolean {
	return /^\s*(?:%|per ?cent|points|percentage)/i.test(text.slice(index, index + 20));
}

// The sentence patterns below are compiled once (they were rebuilt for every sentence), and each
// is paired with a cue: words (or a pattern of plain alternatives, no anchors or look-arounds)
// its every match must contain. A sentence without the cue cannot match, so the pattern is not
// run on it; and a sentence is part of its paragraph's text, so a paragraph without the cue
// spares each of its sentences even the look. The figures found are exactly those the patterns find.

/** A pattern, the cue every match of it contains, and its bit in a paragraph's cue mask. */
interface CuedPattern {
	bit: number;
	cue: Cue;
	pattern: RegExp;
	/** For a cue of words: their indexes in CUE_WORDS. */
	words: readonly number[];
}

/** Words, any one of which; or a case-insensitive alternation of plain words (true of any text containing a match). */
type Cue = readonly string[] | RegExp;

const CUED_PATTERNS: CuedPattern[] = [];
/** Every distinct word of the cues: a word several patterns share is looked for once per paragraph. */
const CUE_WORDS: string[] = [];

function cued(cue: Cue, pattern: RegExp): CuedPattern {
	// One bit each in a 32-bit mask.
	if (CUED_PATTERNS.length >= 31) throw new Error('Too many cued patterns for one mask.');
	const words = cue instanceof RegExp ? [] : cue.map(cueWordIndex);
	const entry = { bit: 1 << CUED_PATTERNS.length, cue, pattern, words };
	CUED_PATTERNS.push(entry);
	return entry;
}

function cueWordIndex(word: string): number {
	// Every text holds the empty word: as a cue it would spare nothing.
	if (word === '') throw new Error('An empty cue word.');
	const known = CUE_WORDS.indexOf(word);
	if (known >= 0) return known;
	CUE_WORDS.push(word);
	return CUE_WORDS.length - 1;
}

/**
 * Runs of three characters, hashed: a word can only be in a text that has its first three
 * characters and its last three side by side, and one pass over a paragraph marks every run it
 * has. Most cue words are in no given paragraph, and this answers for most of them without
 * searching the text (a collision only sends a word on to the search). The table is shared: a
 * stamp per paragraph read marks its runs, so nothing is cleared between paragraphs.
 */
const TRIGRAM_STAMPS = new Int32Array(1 << 16);
let trigramStamp = 0;

function trigramHash(first: number, second: number, third: number): number {
	return (first * 1031 + second * 37 + third) & 0xffff;
}

/** Marks the runs of three characters of `text` under a new stamp, and returns it. */
function markTrigrams(text: string): number {
	trigramStamp = trigramStamp === 0x7fffffff ? 1 : trigramStamp + 1;
	if (trigramStamp === 1) TRIGRAM_STAMPS.fill(0);
	let first = text.charCodeAt(0);
	let second = text.charCodeAt(1);
	for (let index = 2; index < text.length; index++) {
		const third = text.charCodeAt(index);
		TRIGRAM_STAMPS[trigramHash(first, second, third)] = trigramStamp;
		first = second;
		second = third;
	}
	return trigramStamp;
}

/** Whether `text`, just marked with `stamp`, may hold `word`: false only when it cannot. */
function mayHold(word: string, stamp: number): boolean {
	const length = word.length;
	if (length < 3) return true;
	if (TRIGRAM_STAMPS[trigramHash(word.charCodeAt(0), word.charCodeAt(1), word.charCodeAt(2))] !== stamp) return false;
	return TRIGRAM_STAMPS[trigramHash(word.charCodeAt(length - 3), word.charCodeAt(length - 2), word.charCodeAt(length - 1))] === stamp;
}

/**
 * Which patterns' cues one paragraph's text holds, found once for all of its sentences, and
 * where each cue word stands in it. A sentence is a stretch of the paragraph's text, so it holds a
 * word exactly when one of those places lies wholly inside the stretch: sentences are answered
 * from the places, not searched again.
 */
class ParagraphCues {
	private readonly mask: number;
	/** By cue word: every index where it starts in the text (overlaps included), or undefined for none. */
	private readonly places: Array<number[] | undefined>;

	constructor(text: string) {
		this.places = wordPlaces(text);
		let mask = 0;
		for (const entry of CUED_PATTERNS) {
			const holds = entry.cue instanceof RegExp ? entry.cue.test(text) : this.holdsAny(entry.words);
			if (holds) mask |= entry.bit;
		}
		this.mask = mask;
	}

	has(cued: CuedPattern): boolean {
		return (this.mask & cued.bit) !== 0;
	}

	/** Whether the text holds any of these cue words (a loop: a closure per pattern per paragraph cost more). */
	private holdsAny(words: readonly number[]): boolean {
		for (const word of words) if (this.places[word] !== undefined) return true;
		return false;
	}

	/** Whether the paragraph's text from `from` to `to`, which is `text`, holds the pattern's cue. */
	within(cued: CuedPattern, from: number, to: number, text: string): boolean {
		if (!this.has(cued)) return false;
		if (cued.cue instanceof RegExp) return cued.cue.test(text);
		for (const word of cued.words) {
			const last = to - (CUE_WORDS[word] ?? '').length;
			for (const at of this.places[word] ?? []) if (at >= from && at <= last) return true;
		}
		return false;
	}
}

/** By cue word, every index where it starts in `text`; undefined where it does not occur. */
function wordPlaces(text: string): Array<number[] | undefined> {
	const places: Array<number[] | undefined> = new Array<number[] | undefined>(CUE_WORDS.length).fill(undefined);
	const stamp = markTrigrams(text);
	CUE_WORDS.forEach((word, index) => {
		if (!mayHold(word, stamp)) return;
		for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) (places[index] ??= []).push(at);
	});
	return places;
}

/** One sentence of a paragraph: its text, where that stands in the paragraph's, and the paragraph's cues. */
interface SentenceCues {
	text: string;
	from: number;
	to: number;
	paragraph: ParagraphCues;
}

/** A cued pattern and what each of its matches in a sentence adds to the sentence's figures. */
interface CuedRule {
	cued: CuedPattern;
	read: (match: RegExpMatchArray, text: string, found: SentenceFigureList) => void;
}

/**
 * Each rule's matches in the sentence, rule by rule and in order of position; a pattern whose cue
 * the sentence lacks is not run. Rules are tables of module-level readers, rather than a loop per
 * pattern over its (often empty) matches, as each such loop cost an iterator per sentence.
 */
function readRules(sentence: SentenceCues, rules: readonly CuedRule[], found: SentenceFigureList): Figure[] {
	for (const rule of rules) {
		if (!sentence.paragraph.within(rule.cued, sentence.from, sentence.to, sentence.text)) continue;
		const pattern = rule.cued.pattern;
		for (let match = firstMatch(pattern, sentence.text); match !== null; match = nextMatch(pattern, sentence.text, match)) rule.read(match, sentence.text, found);
	}
	return found.figures;
}

// `text.matchAll(pattern)` copies the pattern (a new RegExp per call) and makes an iterator: for a
// shared global pattern, `exec` from `lastIndex` 0 finds the same matches, in the same order, with
// the same step past an empty match (these patterns have no `u` flag, so one code unit). Nothing
// else uses these patterns, and each loop starts the pattern afresh.

/** The first match of the global `pattern` in `text`. */
function firstMatch(pattern: RegExp, text: string): RegExpExecArray | null {
	pattern.lastIndex = 0;
	return pattern.exec(text);
}

/** The match after `previous`, as `matchAll` would yield it. */
function nextMatch(pattern: RegExp, text: string, previous: RegExpExecArray): RegExpExecArray | null {
	if (previous[0] === '') pattern.lastIndex++;
	return pattern.exec(text);
}

const MAJORITY_OF = cued(/majority|margin/i, new RegExp(`\\b(?:majority|winning margin|margin of victory|margin) of ${QUALIFIED_COUNT}\\b`, 'gi'));
/** `taking X from Labour by N votes`, `has won the X by-election by fewer than N votes` */
const WON_BY_VOTES = cued(
	[' by '],
	new RegExp(`\\b(?:won|wins|winning|took|takes|taking|taken|seized|seizing|gained|gaining|captured|capturing|snatched|snatching|held|holding|retained|retaining|kept|keeping)\\b[^.;]{0,80}? by ${QUALIFIED_COUNT} votes?\\b(?! to)`, 'g'),
);

function majorityStatements(sentence: SentenceCues, constituency: string, ref: ParagraphRef): Figure[] {
	return readRules(sentence, MAJORITY_RULES, new SentenceFigureList(constituency, ref));
}

function addMajority(match: RegExpMatchArray, text: string, found: SentenceFigureList): void {
	const qualifier = match[1] ?? '';
	const count = match[2] ?? '';
	const value = parseCount(count);
	const index = match.index ?? 0;
	if (value === null || isPercentage(text, index + match[0].length) || earlierContext(text, index, match[0].length)) return;
	const wording = `${qualifier}${count}`;
	const qualified = QUALIFIERS.test(wording);
	found.add(qualified ? 'majority-reported' : 'majority', qualified ? wording : String(value), wording);
}

/** Figures of one sentence: all about one constituency, all cited to one paragraph. */
class SentenceFigureList {
	readonly figures: Figure[] = [];

	constructor(
		private readonly constituency: string,
		private readonly ref: ParagraphRef,
	) {}

	add(kind: Figure['kind'], value: string, wording: string, extra: Partial<Figure> = {}): void {
		this.figures.push({ constituency: this.constituency, ref: this.ref, kind, value, wording, ...extra });
	}
}

const TAKE_FROM = cued(
	['from '],
	new RegExp(
		`\\b(gain(?:ed|s)?|took|takes|taking|taken|seized|seizing|captured|capturing|snatched|snatching|won|winning|wrested|wresting) (?:the seat |the constituency |it |${PLACE} |the (?:${CAP} ){1,4}by-election )?from (?:the )?(${CAPS})`,
		'g',
	),
);
const GAIN_OR_HOLD = cued([' gain', ' hold'], new RegExp(`\\b(${CAPS}) (gain|hold)\\b`, 'g'));
const FIRST_TIME = cued(
	['for the first time'],
	/\b(?:tak(?:e|es|ing)|took|w[io]n|winning|gain(?:s|ed|ing)?|captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing))\b[^.,;]{0,80}?\bfor the first time(?: in (?:its|the seat's|the constituency's) history| ever| since [\w ]{1,20})?/g,
);
/** A hold needs a party as subject: `the MP who held the seat for years` says nothing about this result. */
const PARTY_HELD = cued(
	['held', 'retain', 'kept', 'holds'],
	new RegExp(`\\b(${CAPS}) (?:has |have |had |comfortably |narrowly |easily )?(?:held|retained|kept|holds|retains) (?:on ?to )?(?:the seat|the constituency|it|its seat|${CAP})`, 'g'),
);
/** `ending N years of Conservative representation`, `ending the Tories' N-year hold on the seat` */
const ENDING_RULE = cued(
	['end'],
	new RegExp(`\\bend(?:s|ed|ing)? (?:(?:more than |almost |nearly |over |a )?(?:\\d{1,3}|[a-z]{1,12}) (?:years?|decades?|century|centuries) of |the |its )(${CAPS})(?:['’]s?)? (?:[\\w-]{1,20} )?(?:representation|rule|control|dominance|hold|grip|reign)\\b`, 'g'),
);
const PREVIOUS_PATTERNS = [
	cued(['voting', ' by '], new RegExp(`\\b(?:had been|has been|had long been|was) (?:voting|held by|represented by|won by) (?:the )?(${CAPS})`, 'g')),
	cued(['previously '], new RegExp(`\\bpreviously (?:held|won|represented) by (?:the )?(${CAPS})`, 'g')),
	cued(['safe '], new RegExp(`\\bsafe (${CAPS}) seat`, 'g')),
	cued(['held', 'stronghold', 'heartland'], new RegExp(`\\b(${CAPS})[- ](?:held|stronghold|heartland)\\b`, 'g')),
	cued(['overturn'], new RegExp(`\\boverturn(?:ed|ing|s)? (?:a |the )?(${CAPS}) majority`, 'g')),
	cued([' who '], new RegExp(`\\b(${CAPS}),? who (?:had |have |has )?(?:held|represented|won) (?:it|the seat|the constituency)`, 'g')),
	cued(['hold on ', 'grip on '], new RegExp(`\\b(${CAP})['’]s? (?:[\\w-]{1,20} )?(?:hold|grip) on (?:the seat|the constituency|it)`, 'g')),
	cued(['seat '], new RegExp(`\\bseat (?:that |which )?(?:the )?(${CAPS}) (?:had |has )?(?:held|won|represented)\\b`, 'g')),
];
const WON_THE_SEAT = cued(
	['seat', 'constituency', 'by-election'],
	new RegExp(`\\b((?:${CAP} ){0,2}${CAP}) (?:won|took|gained|claimed|captured|seized|held|retained) the (?:parliament |parliamentary |Commons |Westminster )?(?:seat|constituency|by-election)\\b`, 'g'),
);
/** `held the seat for the Conservatives`, `won it for Labour` */
const WON_IT_FOR = cued([' for '], new RegExp(`\\b(?:won|took|gained|captured|seized|held|retained|kept) (?:the seat|the constituency|it|${PLACE}) for (?:the )?(${CAPS})`, 'g'));
/** `giving the Greens a majority of N` */
const GIVING = cued(['giv'], new RegExp(`\\bgiv(?:ing|es|en|e) (?:the )?(${CAPS}) (?:a|an|their|its) (?:[a-z]{1,12} )?(?:majority|winning margin|victory|win)\\b`, 'g'));
/** `Labour's victory` */
const PARTY_VICTORY = cued(['victory', 'win', 'triumph'], new RegExp(`\\b(${CAPS})['’]s? (?:by-election |shock |surprise |historic |narrow |comfortable )?(?:victory|win|triumph)\\b`, 'g'));
/** `leaving Labour ahead by N`: the lead of a party, a majority if that party won. */
const LEFT_AHEAD = cued([' by '], new RegExp(`\\b(?:leaving|left|leaves|putting|put|puts|keeping|kept|keeps) (?:the )?(${CAPS}) (?:ahead|in front) by ${QUALIFIED_COUNT}\\b`, 'g'));

/** Gain, hold, the party that held the seat before, the winning party and its lead, in the words news uses for them. */
function partyOutcomes(sentence: SentenceCues, constituency: string, ref: ParagraphRef): Figure[] {
	return readRules(sentence, PARTY_OUTCOME_RULES, new SentenceFigureList(constituency, ref));
}

function readTakeFrom(match: RegExpMatchArray, text: string, found: SentenceFigureList): void {
	const party = leadingParty(match[2] ?? '');
	if (!party || earlierContext(text, match.index ?? 0, match[0].length)) return;
	found.add('gain', 'true', match[0]);
	found.add('previous', party, match[0]);
}

function readGainOrHold(match: RegExpMatchArray, _text: string, found: SentenceFigureList): void {
	const party = trailingParty(match[1] ?? '');
	if (!party) return;
	found.add('gain', match[2] === 'gain' ? 'true' : 'false', match[0]);
	if (match[2] === 'hold') found.add('previous', party, match[0]);
}

function readFirstTime(match: RegExpMatchArray, _text: string, found: SentenceFigureList): void {
	found.add('gain', 'true', match[0]);
}

function readPartyHeld(match: RegExpMatchArray, text: string, found: SentenceFigureList): void {
	const party = trailingParty(match[1] ?? '');
	if (!party || /\bwho\b/.test(match[0]) || earlierContext(text, match.index ?? 0, match[0].length)) return;
	found.add('gain', 'false', match[0]);
	found.add('previous', party, match[0]);
	found.add('winner-party', party, match[0]);
}

function readEndingRule(match: RegExpMatchArray, _text: string, found: SentenceFigureList): void {
	const party = trailingParty((match[1] ?? '').replace(/['’]s?$/, ''));
	if (!party) return;
	found.add('gain', 'true', match[0]);
	found.add('previous', party, match[0]);
}

function readPrevious(match: RegExpMatchArray, _text: string, found: SentenceFigureList): void {
	const captured = match[1] ?? '';
	const party = /held|stronghold|heartland|who|hold|grip/.test(match[0]) && !/\bby\b/.test(match[0]) ? trailingParty(captured) : leadingParty(captured);
	if (party) found.add('previous', party, match[0]);
}

/** `X won the seat`, `giving X a majority`, `X's victory`: the party the match ends with won. */
function readWinnerPartyAtEnd(match: RegExpMatchArray, text: string, found: SentenceFigureList): void {
	const party = trailingParty(match[1] ?? '');
	if (party && !earlierContext(text, match.index ?? 0, match[0].length)) found.add('winner-party', party, match[0]);
}

function readWonItFor(match: RegExpMatchArray, text: string, found: SentenceFigureList): void {
	const party = leadingParty(match[1] ?? '');
	if (party && !earlierContext(text, match.index ?? 0, match[0].length) && !/\bwho\b/.test(text.slice(Math.max(0, (match.index ?? 0) - 6), match.index ?? 0))) found.add('winner-party', party, match[0]);
}

function readLeftAhead(match: RegExpMatchArray, text: string, found: SentenceFigureList): void {
	const party = trailingParty(match[1] ?? '');
	const value = parseCount(match[3] ?? '');
	const index = match.index ?? 0;
	if (!party || value === null || isPercentage(text, index + match[0].length) || earlierContext(text, index, match[0].length)) return;
	const wording = `${match[2] ?? ''}${match[3] ?? ''}`;
	found.add('lead', QUALIFIERS.test(wording) ? wording : String(value), match[0], { party });
}

const MAJORITY_RULES: readonly CuedRule[] = [
	{ cued: MAJORITY_OF, read: addMajority },
	{ cued: WON_BY_VOTES, read: addMajority },
];

/** In the order their figures are listed (the order of sources and wordings depends on it). */
const PARTY_OUTCOME_RULES: readonly CuedRule[] = [
	{ cued: TAKE_FROM, read: readTakeFrom },
	{ cued: GAIN_OR_HOLD, read: readGainOrHold },
	{ cued: FIRST_TIME, read: readFirstTime },
	{ cued: PARTY_HELD, read: readPartyHeld },
	{ cued: ENDING_RULE, read: readEndingRule },
	...PREVIOUS_PATTERNS.map((cued) => ({ cued, read: readPrevious })),
	{ cued: WON_THE_SEAT, read: readWinnerPartyAtEnd },
	{ cued: WON_IT_FOR, read: readWonItFor },
	{ cued: GIVING, read: readWinnerPartyAtEnd },
	{ cued: PARTY_VICTORY, read: readWinnerPartyAtEnd },
	{ cued: LEFT_AHEAD, read: readLeftAhead },
];

/** Words every TRIGGER match contains (as plain alternatives: see ParagraphCues). */
const TRIGGER_CUE = /triggered|called|caused|prompted|held|forced|follow|vacant/i;
const TRIGGER = /\b(?:was|were|is|been|being) (?:triggered|called|caused|prompted|held|forced)\b|\bfollow(?:ed|s|ing) the (?:death|resignation|departure|recall|suspension|retirement|elevation)\b|\b(?:fell|became|falls) vacant\b|\b(?:triggered|caused|prompted) by\b/i;
const TRIGGERED = cued(TRIGGER_CUE, TRIGGER);
const CONTEST = /\b(?:by-?elections?|contest|vote|poll|seat)\b/i;
/** `represented … for Labour`: compiled once, not per sentence. */
const REPRESENTED_FOR = new RegExp(`\\brepresented [^.;]{0,60}? for (?:the )?(${CAPS})`, 'g');

/**
 * `The by-election was called after Labour's X resigned`, `The seat fell vacant when the Labour MP
 * X died`: the party of the departing MP, when the sentence that explains the contest names one.
 */
function previousFromTrigger(scope: Scope, text: string, cues: ParagraphCues): string | null {
	if (!cues.has(TRIGGERED) || !TRIGGER.test(text) || !CONTEST.test(text)) return null;
	const { tokens, start, end } = scope;
	const parties = new Set<string>();
	const runStarts = new Set(scope.paragraph.runs.map((run) => run.tokenStart));
	for (let index = start; index < end; index++) {
		const token = tokens[index];
		if (!token) continue;
		if (token.lower === 'mp' && !token.possessive && tokens[index - 1]?.after === '') {
			const found = partyEndingAt(tokens, index - 1, start);
			if (found && !PAST_WORDS.has(tokens[found.start - 1]?.lower ?? '')) parties.add(found.party);
		}
		if (token.possessive && token.after === '' && runStarts.has(index + 1)) {
			const found = partyEndingAt(tokens, index, start);
			if (found && !PAST_WORDS.has(tokens[found.start - 1]?.lower ?? '')) parties.add(found.party);
		}
	}
	for (let match = firstMatch(REPRESENTED_FOR, text); match !== null; match = nextMatch(REPRESENTED_FOR, text, match)) {
		const party = leadingParty(match[1] ?? '');
		if (party) parties.add(party);
	}
	return parties.size === 1 ? ([...parties][0] ?? null) : null;
}

// ——— Results tables ———

/**
 * Rows of `Name (Party) N`, `Name, Party, N`, `Name  Party  N` or markdown pipes,
 * possibly run together into one paragraph. Two rows or more make a table.
 */
function tableFigures(paragraph: ParagraphAnalysis, constituency: string, context: Context): Figure[] {
	const rows: Array<{ name: string; party: string; votes: number }> = [];
	const text = paragraph.masked;
	// Rows end in vote counts: with fewer than two, there is no table and no row need be parsed.
	const counts = voteCountsIn(text);
	if (counts.length < 2) return [];
	let segmentStart = 0;
	for (const match of counts) {
		const index = match.index;
		const segment = text.slice(segmentStart, index);
		segmentStart = index + match[0].length;
		const row = parseRow(segment);
		const votes = parseCount(match[0]);
		if (row && votes !== null) rows.push({ name: row.name, party: row.party, votes });
	}
	if (rows.length < 2) return [];
	const ref = refOf(paragraph);
	// A loop and plain object literals: tables are common, and a spread or a closure per row cost more.
	const figures: Figure[] = [];
	for (const row of rows) {
		const personId = context.personByAlias.get(row.name.toLowerCase()) ?? null;
		figures.push(
			{ constituency, ref, kind: 'votes', name: row.name, personId, value: String(row.votes) },
			{ constituency, ref, kind: 'party', name: row.name, personId, value: row.party },
		);
	}
	return figures;
}

const VOTE_COUNT = /\d{1,3}(?:,\d{3})+|\d{3,7}/g;

/** Numbers that may end a table row: not part of a longer number, a decimal or a percentage. */
function voteCountsIn(text: string): RegExpExecArray[] {
	const counts: RegExpExecArray[] = [];
	for (let match = firstMatch(VOTE_COUNT, text); match !== null; match = nextMatch(VOTE_COUNT, text, match)) {
		const index = match.index;
		const before = text.charAt(index - 1);
		const after = text.charAt(index + match[0].length);
		if (/[\d.,]/.test(before) || /[\d%]/.test(after) || (after === '.' && /\d/.test(text.charAt(index + match[0].length + 1)))) continue;
		counts.push(match);
	}
	return counts;
}

/** Strips trailing characters of a set: a loop, since `[set]+$` rescans long runs quadratically. */
function trimTrailing(text: string, characters: string): string {
	let end = text.length;
	while (end > 0 && characters.includes(text.charAt(end - 1))) end--;
	return text.slice(0, end);
}

function parseRow(segment: string): { name: string; party: string } | null {
	const tail = trimTrailing(segment.replace(/^[\s\S]*[.:;](?=\s)/, ''), ' \t\n|,:–—-');
	if (moreWordsThan(tail, 14)) return null;
	let name: string | null = null;
	let party: string | null = null;
	if (tail.includes('|')) {
		const cells = tail.split('|').map((cell) => cell.trim()).filter((cell) => cell !== '' && !/^:?-+:?$/.test(cell));
		const [first, second] = cells.slice(-2);
		if (first && second) [name, party] = canonicalParty(second) || !canonicalParty(first) ? [first, second] : [second, first];
	} else {
		const parenthesised = /\(([^()]{1,40})\)\s*$/.exec(tail);
		if (parenthesised) {
			party = parenthesised[1] ?? null;
			name = tail.slice(0, parenthesised.index);
		} else {
			const parts = tail.split(/\s{0,8}[,–—]\s{0,8}|\s{1,8}-\s{1,8}/).filter((part) => part.trim() !== '');
			if (parts.length >= 2) [name, party] = [parts[parts.length - 2] ?? null, parts[parts.length - 1] ?? null];
			else ({ name, party } = splitPartySuffix(tail));
		}
	}
	const cleanName = name ? trailingName(name) : null;
	const cleanParty = party ? (canonicalParty(party.trim()) ?? (/party$/i.test(party.trim()) ? party.trim() : null)) : null;
	if (!cleanName || !cleanParty) return null;
	return { name: cleanName, party: cleanParty };
}

/**
 * Whether `text.split(/\s+/)` has more than `limit` pieces (each run of white space adds one),
 * counted without building them: most segments before a number are long sentences, not rows.
 */
function moreWordsThan(text: string, limit: number): boolean {
	let pieces = 1;
	const spaces = /\s+/g;
	while (spaces.exec(text) !== null) if (++pieces > limit) return true;
	return false;
}

function splitPartySuffix(text: string): { name: string | null; party: string | null } {
	const lower = text.toLowerCase();
	for (const [form] of PARTY_FORMS_BY_LENGTH) {
		if (lower.endsWith(` ${form}`)) return { name: text.slice(0, text.length - form.length - 1), party: text.slice(text.length - form.length) };
	}
	return { name: null, party: null };
}

/** The last two to four capitalised name words of a cell: `Candidate Jane Smith` → `Jane Smith`. */
function trailingName(text: string): string | null {
	const words = text.trim().split(/\s+/);
	const name: string[] = [];
	for (let index = words.length - 1; index >= 0 && name.length < 4; index--) {
		const word = (words[index] ?? '').replace(/[^\p{L}'’.-]/gu, '');
		if (!/^\p{Lu}/u.test(word) || NON_NAME_WORDS.has(word.toLowerCase())) break;
		name.unshift(word);
	}
	return name.length >= 2 ? name.join(' ') : null;
}

/** Lower-case alias → id of the first person carrying it: what a scan of people in order finds first. */
function aliasIndex(people: readonly Person[]): Map<string, string> {
	const index = new Map<string, string>();
	for (const person of people) for (const alias of person.aliases) if (!index.has(alias.toLowerCase())) index.set(alias.toLowerCase(), person.id);
	return index;
}

// ——— Assembly ———

function assemble(
	constituency: string,
	sources: ParagraphRef[],
	found: readonly Figure[],
	dates: ReadonlyMap<string, string | null>,
	people: ReadonlyMap<string, Person>,
	variants: DeletionVariants,
): ElectionResult {
	const conflicts: Conflict[] = [];
	const figures = [...found, ...partyVotesOfCandidates(found)];
	const candidates = buildCandidates(figures, conflicts, people, variants);
	const winnerParty = agreed(figures.filter((figure) => figure.kind === 'winner-party'), 'winner', constituency, conflicts);
	let winner = pickWinner(figures, candidates, conflicts, constituency);
	if (winner && winnerParty) {
		if (!winner.party) {
			// The seat went to one party and to this person: the person stood for that party.
			const party: Sourced<string> = { ...winnerParty, wording: winnerParty.wording ?? `${winnerParty.value} won the seat` };
			const index = candidates.findIndex((candidate) => candidate.name === winner?.name && candidate.personId === winner.personId);
			if (index >= 0) candidates[index] = { ...(candidates[index] as CandidateResult), party };
			winner = { ...winner, party };
		} else if (winner.party.value !== winnerParty.value) {
			conflicts.push({ field: 'winner', subject: constituency, values: [{ value: `${winner.name} (${winner.party.value})`, sources: winner.party.sources }, winnerParty] });
			winner = null;
		}
	}
	const majorityFigures = [...figures, ...leadsOfWinner(figures, candidates, winner, winnerParty)];
	const majority = pickMajority(majorityFigures, candidates, winner, conflicts, constituency);
	const previousParty = agreed(figures.filter((figure) => figure.kind === 'previous'), 'previousParty', constituency, conflicts);
	const gain = pickGain(figures, winner?.party?.value ?? winnerParty?.value ?? null, previousParty, conflicts, constituency);
	return { constituency, sources, date: pickDate(figures, dates), candidates, winner, winnerParty, majority, gain, previousParty, conflicts };
}

/**
 * `The Conservatives finished third with N votes` + `the Conservative candidate, X`: the
 * party's vote is X's, when the sources name exactly one candidate of that party and give no
 * other count for them.
 */
function partyVotesOfCandidates(figures: readonly Figure[]): Figure[] {
	const linked: Figure[] = [];
	const keyOf = candidateKey;
	const counted = new Set(figures.filter((figure) => figure.kind === 'votes').map(keyOf));
	for (const [party, group] of groupBy(figures.filter((figure) => figure.kind === 'party-votes' && figure.party), (figure) => figure.party ?? '')) {
		const values = new Set(group.map((figure) => figure.value));
		if (values.size !== 1) continue;
		const standing = figures.filter((figure) => figure.kind === 'party' && figure.candidacy && figure.value === party);
		const people = new Set(standing.map(keyOf));
		const partyCounted = figures.some((figure) => figure.kind === 'party' && !figure.weak && figure.value === party && counted.has(keyOf(figure)));
		const person = standing[0];
		if (people.size !== 1 || !person || counted.has(keyOf(person)) || partyCounted) continue;
		for (const figure of [...group, ...standing]) {
			linked.push({ constituency: figure.constituency, ref: figure.ref, kind: 'votes', name: person.name, personId: person.personId ?? null, value: group[0]?.value ?? '', wording: `the ${party} vote` });
		}
	}
	return linked;
}

/**
 * `finished N votes ahead of Y`, `leaving Labour ahead by N`: the majority, when the one
 * ahead is the winner (by name or party) and the one behind, if named, is the runner-up.
 */
function leadsOfWinner(figures: readonly Figure[], candidates: readonly CandidateResult[], winner: ElectionResult['winner'], winnerParty: Sourced<string> | null): Figure[] {
	if (!winner && !winnerParty) return [];
	const party = winner?.party?.value ?? winnerParty?.value ?? null;
	const counted = candidates.filter((candidate) => candidate.votes !== null);
	const runnerUp = winner ? counted.find((candidate) => !(candidate.name === winner.name && candidate.personId === winner.personId)) : undefined;
	return figures
		.filter((figure) => figure.kind === 'lead')
		.filter((figure) => (figure.name ? winner !== null && matchesCandidate(winner, figure) : figure.party !== undefined && figure.party === party))
		.filter((figure) => !figure.trailer || !runnerUp || similarNames(runnerUp.name, figure.trailer.name) || (runnerUp.personId !== null && runnerUp.personId === figure.trailer.personId))
		.map((figure) => ({ ...figure, kind: QUALIFIERS.test(figure.value) ? ('majority-reported' as const) : ('majority' as const) }));
}

function sourced<T>(value: T, figures: readonly Figure[], wording?: string): Sourced<T> {
	const sources: ParagraphRef[] = [];
	const cited = new Set<string>();
	for (const figure of figures) {
		const cite = `${figure.ref.articleId}#${figure.ref.paragraph}`;
		if (cited.has(cite)) continue;
		cited.add(cite);
		sources.push(figure.ref);
	}
	return wording === undefined ? { value, sources } : { value, sources, wording };
}

/** One value if the sources agree; a conflict (and no value) if they do not. */
function agreed(figures: readonly Figure[], field: Conflict['field'], subject: string, conflicts: Conflict[]): Sourced<string> | null {
	const values = groupBy(figures, (figure) => figure.value);
	if (values.size === 0) return null;
	if (values.size > 1) {
		conflicts.push({ field, subject, values: [...values.entries()].map(([value, group]) => sourced(value, group)) });
		return null;
	}
	const [value, group] = [...values.entries()][0] ?? ['', []];
	return sourced(value, group, group[0]?.wording);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		// Pushing, not copying the group each time: grouping a corpus's figures stays linear.
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return groups;
}

/** Candidates keyed by person (or name); spellings one letter apart are one candidate with a conflict. */
function buildCandidates(figures: readonly Figure[], conflicts: Conflict[], people: ReadonlyMap<string, Person>, variants: DeletionVariants): CandidateResult[] {
	const byKey = new Map<string, Figure[]>();
	const keys = new CandidateKeys(variants);
	for (const figure of figures) {
		if ((figure.kind !== 'votes' && figure.kind !== 'party' && figure.kind !== 'winner') || !figure.name) continue;
		const key = candidateKey(figure);
		const existing = keys.first(key, figure.name);
		const group = existing === undefined ? undefined : byKey.get(existing);
		if (group) group.push(figure);
		else {
			byKey.set(key, [figure]);
			keys.add(key, figure.name);
		}
	}
	// A bare surname nobody resolved (`… and Oak 7,120`) is the one full name of the same article ending with it.
	for (const [key, group] of byKey) {
		if (group.some((figure) => figure.personId || (figure.name ?? '').includes(' '))) continue;
		const surname = (group[0]?.name ?? '').toLowerCase();
		const articles = new Set(group.map((figure) => figure.ref.articleId));
		const owners = [...byKey.entries()].filter(([other, figures]) => other !== key && figures.some((figure) => articles.has(figure.ref.articleId) && (figure.name ?? '').includes(' ') && (figure.name ?? '').toLowerCase().endsWith(` ${surname}`)));
		const owner = owners.length === 1 ? owners[0] : undefined;
		if (!owner) continue;
		byKey.set(owner[0], [...owner[1], ...group]);
		byKey.delete(key);
	}
	const candidates: CandidateResult[] = [];
	for (const group of byKey.values()) {
		// Spellings are compared on full names only: `Smith` after `Jane Smith` is not a variant.
		const names = groupBy(group.filter((figure) => (figure.name ?? '').includes(' ')), (figure) => figure.name ?? '');
		const personId = group.find((figure) => figure.personId)?.personId ?? null;
		const written = [...names.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0] ?? group[0]?.name ?? '';
		const name = (personId ? people.get(personId)?.name.replace(/^(Sir|Dame) /, '') : undefined) ?? written;
		if (names.size > 1) conflicts.push({ field: 'name', subject: name, values: [...names.entries()].map(([value, items]) => sourced(value, items)) });
		const votes = agreed(group.filter((figure) => figure.kind === 'votes'), 'votes', name, conflicts);
		// What the text says around the name outweighs what the corpus says of the person elsewhere.
		const partyFigures = group.filter((figure) => figure.kind === 'party');
		const closest = partyFigures.some((figure) => !figure.weak) ? partyFigures.filter((figure) => !figure.weak) : partyFigures;
		const party = agreed(closest, 'party', name, conflicts);
		// Someone named with a party but no votes and no win is not a candidate as far as the sources say.
		if (!group.some((figure) => figure.kind === 'votes' || figure.kind === 'winner')) continue;
		candidates.push({ name, personId, party, votes: votes ? { value: Number(votes.value), sources: votes.sources } : null });
	}
	return candidates.sort((a, b) => (b.votes?.value ?? -1) - (a.votes?.value ?? -1));
}

function candidateKey(figure: Figure): string {
	return figure.personId ?? `name:${(figure.name ?? '').toLowerCase()}`;
}

/**
 * The candidates of one constituency, by key, for finding the first one (in order of creation)
 * that a figure belongs to: its own key, or a key whose first figure's name `similarNames`
 * accepts. Names are filed by first word and then surname within one edit, so a figure is
 * compared with the few names that could match rather than with every candidate so far (an
 * article-less word such as `Was` read as a constituency collects hundreds of figures).
 */
class CandidateKeys {
	private readonly order = new Map<string, number>();
	private readonly byFirstWord = new Map<string, OneEditIndex<{ key: string; order: number; last: string }>>();
	/** `first`'s answers, by key and then name (see there). */
	private readonly answers = new Map<string, Map<string, string>>();

	/** `variants`: shared by the index of every first word (and every constituency). */
	constructor(private readonly variants: DeletionVariants) {}

	add(key: string, name: string): void {
		const order = this.order.size;
		this.order.set(key, order);
		const words = firstAndLastWords(name);
		if (!words) return;
		const [first, last] = words;
		const surnames = this.byFirstWord.get(first) ?? new OneEditIndex<{ key: string; order: number; last: string }>(this.variants);
		this.byFirstWord.set(first, surnames);
		surnames.add(last, { key, order, last });
	}

	/**
	 * The first key for a figure's key and name. A candidate's figures repeat the same key and name
	 * many times, and keys are only ever filed after all those already filed: once some key is the
	 * answer, no later one can come before it, so a found answer is kept (a miss is not).
	 */
	first(key: string, name: string): string | undefined {
		let byName = this.answers.get(key);
		const known = byName?.get(name);
		if (known !== undefined) return known;
		const found = this.search(key, name);
		if (found === undefined) return found;
		if (!byName) this.answers.set(key, (byName = new Map()));
		byName.set(name, found);
		return found;
	}

	private search(key: string, name: string): string | undefined {
		let best: string | undefined = this.order.has(key) ? key : undefined;
		let bestOrder = best === undefined ? Number.POSITIVE_INFINITY : (this.order.get(key) ?? Number.POSITIVE_INFINITY);
		const words = firstAndLastWords(name);
		if (!words) return best;
		const [first, last] = words;
		const surnames = this.byFirstWord.get(first);
		if (!surnames) return best;
		// Filed under the same first word, so `similarNames` comes down to the surnames.
		for (const filed of surnames.near(last)) {
			if (filed.order < bestOrder && similarSurnames(filed.last, last)) {
				best = filed.key;
				bestOrder = filed.order;
			}
		}
		return best;
	}
}

/**
 * The first and last of `name.toLowerCase().split(' ')`, or null for a single word; cut out
 * directly, as a look-up per figure need not build the array of every word.
 */
function firstAndLastWords(name: string): [string, string] | null {
	const lower = name.toLowerCase();
	const firstSpace = lower.indexOf(' ');
	if (firstSpace < 0) return null;
	return [lower.slice(0, firstSpace), lower.slice(lower.lastIndexOf(' ') + 1)];
}

function similarNames(a: string, b: string): boolean {
	const wordsA = a.toLowerCase().split(' ');
	const wordsB = b.toLowerCase().split(' ');
	if (wordsA.length < 2 || wordsB.length < 2 || wordsA[0] !== wordsB[0]) return false;
	return similarSurnames(wordsA[wordsA.length - 1] ?? '', wordsB[wordsB.length - 1] ?? '');
}

function similarSurnames(lastA: string, lastB: string): boolean {
	return lastA === lastB || (Math.min(lastA.length, lastB.length) >= 4 && withinOneEdit(lastA, lastB));
}

function pickWinner(figures: readonly Figure[], candidates: readonly CandidateResult[], conflicts: Conflict[], constituency: string): ElectionResult['winner'] {
	const stated = figures.filter((figure) => figure.kind === 'winner');
	const statedCandidates = new Set(stated.map((figure) => candidates.find((candidate) => matchesCandidate(candidate, figure))).filter((candidate) => candidate !== undefined));
	const withVotes = candidates.filter((candidate) => candidate.votes !== null);
	// Most votes decides only when every candidate's count is known and agreed.
	const allCounted = withVotes.length === candidates.length;
	// … and no party whose candidate goes unnamed polled as many (`the SNP came second with …`).
	const top = withVotes[0]?.votes?.value ?? 0;
	const beaten = unnamedPartyVotes(figures, candidates).some((votes) => votes >= top);
	const mostVotes = allCounted && !beaten && withVotes.length >= 2 && top > (withVotes[1]?.votes?.value ?? 0) ? withVotes[0] : undefined;
	if (statedCandidates.size > 1) {
		conflicts.push({ field: 'winner', subject: constituency, values: [...statedCandidates].map((candidate) => sourced(candidate.name, stated.filter((figure) => matchesCandidate(candidate, figure)))) });
		return null;
	}
	const statedWinner = [...statedCandidates][0];
	if (statedWinner) {
		if (mostVotes && mostVotes !== statedWinner) {
			conflicts.push({ field: 'winner', subject: constituency, values: [sourced(statedWinner.name, stated), { value: mostVotes.name, sources: mostVotes.votes?.sources ?? [], wording: 'most votes' }] });
			return null;
		}
		return { ...statedWinner, basis: 'stated' };
	}
	return mostVotes ? { ...mostVotes, basis: 'most votes' } : null;
}

/** Vote counts of parties whose candidate the sources do not name with a count. */
function unnamedPartyVotes(figures: readonly Figure[], candidates: readonly CandidateResult[]): number[] {
	const counted = candidates.filter((candidate) => candidate.votes !== null);
	const parties = new Set(counted.map((candidate) => candidate.party?.value));
	const totals = new Set(counted.map((candidate) => candidate.votes?.value));
	return figures
		.filter((figure) => figure.kind === 'party-votes' && figure.party !== undefined && !parties.has(figure.party) && !totals.has(Number(figure.value)))
		.map((figure) => Number(figure.value));
}

function matchesCandidate(candidate: CandidateResult, figure: Figure): boolean {
	if (figure.personId && candidate.personId) return figure.personId === candidate.personId;
	return similarNames(candidate.name, figure.name ?? '');
}

function pickMajority(
	figures: readonly Figure[],
	candidates: readonly CandidateResult[],
	winner: ElectionResult['winner'],
	conflicts: Conflict[],
	constituency: string,
): MajorityResult | null {
	const exact = agreed(figures.filter((figure) => figure.kind === 'majority'), 'majority', constituency, conflicts);
	const reportedFigures = figures.filter((figure) => figure.kind === 'majority-reported');
	const reported = reportedFigures[0] ? sourced(reportedFigures[0].value, reportedFigures.filter((figure) => figure.value === reportedFigures[0]?.value)) : null;
	const withVotes = candidates.filter((candidate) => candidate.votes !== null);
	const [first, second] = withVotes;
	// The top two named: only if no party with an unnamed candidate polled more than the second.
	const hiddenSecond = unnamedPartyVotes(figures, candidates).some((votes) => votes >= (second?.votes?.value ?? 0));
	const computable = winner && first && second && !hiddenSecond && first.personId === winner.personId && first.name === winner.name;
	const computed = computable && first.votes && second.votes ? first.votes.value - second.votes.value : null;
	const computedSources = computable ? [...(first.votes?.sources ?? []), ...(second.votes?.sources ?? [])] : [];
	if (exact) {
		const value = Number(exact.value);
		if (computed !== null && computed !== value) {
			conflicts.push({ field: 'majority', subject: constituency, values: [exact, { value: String(computed), sources: computedSources, wording: 'computed from the top two' }] });
		}
		return { votes: value, computed: false, reported, sources: exact.sources };
	}
	if (computed !== null) return { votes: computed, computed: true, reported, sources: uniqueRefs(computedSources) };
	return reported ? { votes: null, computed: false, reported, sources: reported.sources } : null;
}

function uniqueRefs(refs: readonly ParagraphRef[]): ParagraphRef[] {
	return refs.filter((ref, index) => refs.findIndex((other) => other.articleId === ref.articleId && other.paragraph === ref.paragraph) === index);
}

function pickGain(
	figures: readonly Figure[],
	winnerParty: string | null,
	previousParty: Sourced<string> | null,
	conflicts: Conflict[],
	constituency: string,
): ElectionResult['gain'] {
	const stated = agreed(figures.filter((figure) => figure.kind === 'gain'), 'gain', constituency, conflicts);
	const implied = winnerParty && previousParty ? winnerParty !== previousParty.value : null;
	if (stated) {
		const value = stated.value === 'true';
		if (implied !== null && implied !== value) {
			conflicts.push({ field: 'gain', subject: constituency, values: [stated, { value: String(implied), sources: previousParty?.sources ?? [], wording: 'implied by the previous party' }] });
			return null;
		}
		return { value, sources: stated.sources, basis: 'stated', ...(stated.wording ? { wording: stated.wording } : {}) };
	}
	if (implied !== null && previousParty) return { value: implied, sources: previousParty.sources, basis: 'implied', ...(previousParty.wording ? { wording: previousParty.wording } : {}) };
	return null;
}

/** Article id → its date; the first article with an id wins, as a search in corpus order would find it. */
function articleDates(analyses: readonly ArticleAnalysis[]): Map<string, string | null> {
	const dates = new Map<string, string | null>();
	for (const analysis of analyses) if (!dates.has(analysis.article.id)) dates.set(analysis.article.id, analysis.article.date);
	return dates;
}

/** No election date is guessed: the date of the earliest article reporting a figure, labelled as such. */
function pickDate(figures: readonly Figure[], dates: ReadonlyMap<string, string | null>): ElectionResult['date'] {
	const dated = figures
		.filter((figure) => figure.kind === 'votes' || figure.kind === 'winner')
		.map((figure) => ({ figure, date: dates.get(figure.ref.articleId) ?? null }))
		.filter((entry): entry is { figure: Figure; date: string } => entry.date !== null)
		.sort((a, b) => a.date.localeCompare(b.date));
	const first = dated[0];
	return first ? { value: first.date, sources: [first.figure.ref], basis: 'article date' } : null;
}
