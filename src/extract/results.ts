// By-election results: constituency, candidates and votes, winner, majority, gain or hold.
// Every figure keeps the paragraphs that state it; disagreeing sources become conflicts.

import type { ArticleAnalysis, NameRun, ParagraphAnalysis } from './analysis.js';
import type { CandidateResult, Conflict, ElectionResult, MajorityResult, ParagraphRef, Person, Sourced } from './types.js';
import { NON_NAME_WORDS, PARTY_FORMS_BY_LENGTH, canonicalParty } from './lexicon.js';
import { editDistance, isCapitalised, parseCount, type Token } from './text.js';

const BY_ELECTION = new Set(['by-election', 'byelection', 'by-elections', 'by-poll']);
const PLACE_WORDS_ALLOWED = new Set(['north', 'south', 'east', 'west', 'mid', 'central', 'upper', 'lower', 'great', 'greater', 'city', 'old', 'new', 'st']);
const PLACE_LINKS = new Set(['and', 'upon', 'on', 'under', 'with', 'in', 'the', 'of', '&']);
const NOT_PLACES = new Set(['thursday', 'friday', 'monday', 'tuesday', 'wednesday', 'saturday', 'sunday', 'the', 'this', 'last', 'next', 'a', 'westminster', 'parliamentary', 'commons', 'recent', 'upcoming', 'crucial', 'key', 'latest']);
const RESULT_VERB_WORDS = new Set(['won', 'polled', 'received', 'secured', 'got', 'took', 'gained', 'garnered', 'collected', 'claimed', 'scored', 'attracted', 'managed']);
const PLACING_VERBS = new Set(['came', 'finished', 'was', 'placed', 'trailed', 'ended']);
const ORDINALS = new Set(['second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'last', 'first']);
const DEFEAT_VERBS = new Set(['defeated', 'beat', 'ousted', 'overcame', 'edged']);
const QUALIFIERS = /^(almost|nearly|about|around|roughly|some|over|more than|just over|just under|fewer than|less than|under|approximately|close to|well over|barely|only|just)\s/i;

interface Figure {
	constituency: string;
	kind: 'votes' | 'party' | 'winner' | 'majority' | 'majority-reported' | 'winner-party' | 'gain' | 'previous';
	name?: string;
	personId?: string | null;
	value: string;
	ref: ParagraphRef;
	wording?: string;
}

interface Context {
	analyses: readonly ArticleAnalysis[];
	people: ReadonlyMap<string, Person>;
	constituencies: string[];
}

export function extractResults(analyses: readonly ArticleAnalysis[], people: readonly Person[]): ElectionResult[] {
	const constituencies = findConstituencies(analyses);
	if (constituencies.length === 0) return [];
	const context: Context = { analyses, people: new Map(people.map((person) => [person.id, person])), constituencies: constituencies.map((entry) => entry.name) };
	const figures: Figure[] = [];
	for (const analysis of analyses) {
		let current: string | null = soleConstituency(analysis, context.constituencies);
		for (const paragraph of analysis.paragraphs) {
			for (const [start, end] of paragraph.sentences) {
				const named = constituenciesIn(sentenceText(paragraph, start, end), context.constituencies);
				if (named.length === 1) current = named[0] ?? current;
				const target = named.length === 1 ? (named[0] ?? null) : current;
				if (!target) continue;
				figures.push(...sentenceFigures(paragraph, start, end, target, context));
			}
			const tableTarget = constituenciesIn(paragraph.masked, context.constituencies)[0] ?? current;
			if (tableTarget) figures.push(...tableFigures(paragraph, tableTarget, context));
		}
	}
	return constituencies
		.map((entry) => assemble(entry.name, entry.sources, figures.filter((figure) => figure.constituency === entry.name), analyses, context.people))
		.filter((result) => result.candidates.length > 0 || result.winnerParty !== null || result.gain !== null || result.previousParty !== null);
}

function sentenceText(paragraph: ParagraphAnalysis, start: number, end: number): string {
	const first = paragraph.tokens[start];
	const last = paragraph.tokens[end - 1];
	return first && last ? paragraph.masked.slice(first.start, last.end + last.after.length) : '';
}

// ——— Constituencies ———

function findConstituencies(analyses: readonly ArticleAnalysis[]): Array<{ name: string; sources: ParagraphRef[] }> {
	const found = new Map<string, { name: string; sources: ParagraphRef[]; count: number }>();
	for (const analysis of analyses) {
		const electionArticle = analysis.paragraphs.some((paragraph) => /\b(by-?elections?|elections?|polls?|votes?|voters)\b/i.test(paragraph.masked));
		if (!electionArticle) continue;
		for (const paragraph of analysis.paragraphs) {
			for (const name of constituencyMentions(paragraph.tokens)) {
				const key = name.toLowerCase();
				const entry = found.get(key) ?? { name, sources: [], count: 0 };
				entry.count++;
				if (!entry.sources.some((ref) => ref.articleId === paragraph.articleId && ref.paragraph === paragraph.paragraph)) entry.sources.push({ articleId: paragraph.articleId, paragraph: paragraph.paragraph });
				found.set(key, entry);
			}
		}
	}
	return [...found.values()].map(({ name, sources }) => ({ name, sources }));
}

/** `the X by-election`, `by-election in X`, `seat of X`, `constituency of X`, `X constituency`. */
function constituencyMentions(tokens: readonly Token[]): string[] {
	const names: string[] = [];
	tokens.forEach((token, index) => {
		const word = token.lower;
		if (BY_ELECTION.has(word) || word === 'constituency' || word === 'seat') {
			const before = placeBefore(tokens, index);
			if (before) names.push(before);
		}
		const next = tokens[index + 1];
		const article = tokens[index + 1]?.lower;
		if (word === 'in' && (article === 'a' || article === 'the') && BY_ELECTION.has(tokens[index + 2]?.lower ?? '')) {
			const before = placeBefore(tokens, index);
			if (before) names.push(before);
		}
		if (next && (word === 'in' || word === 'of') && token.after === '') {
			const previous = tokens[index - 1];
			if (previous && (BY_ELECTION.has(previous.lower) || previous.lower === 'seat' || previous.lower === 'constituency') && previous.after === '') {
				const after = placeAfter(tokens, index + 1);
				if (after) names.push(after);
			}
		}
	});
	return names;
}

function isPlaceWord(token: Token): boolean {
	if (!isCapitalised(token.word) || /\d/.test(token.word)) return false;
	if (NOT_PLACES.has(token.lower) || canonicalParty(token.base) !== null) return false;
	return !NON_NAME_WORDS.has(token.lower) || PLACE_WORDS_ALLOWED.has(token.lower);
}

function placeBefore(tokens: readonly Token[], index: number): string | null {
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
	if (words[0] && PLACE_LINKS.has(words[0].word)) words.shift();
	return placeName(words);
}

function placeAfter(tokens: readonly Token[], index: number): string | null {
	const words: Token[] = [];
	let cursor = index;
	while (cursor < tokens.length && words.length < 7) {
		const token = tokens[cursor];
		if (!token) break;
		if (isPlaceWord(token)) words.push(token);
		else if (PLACE_LINKS.has(token.word) && words.length > 0 && tokens[cursor + 1] && isPlaceWord(tokens[cursor + 1] as Token)) words.push(token);
		else break;
		if (token.after !== '') break;
		cursor++;
	}
	return placeName(words);
}

function placeName(words: readonly Token[]): string | null {
	if (words.length === 0 || words.every((token) => PLACE_WORDS_ALLOWED.has(token.lower))) return null;
	return words.map((token, index) => (index === words.length - 1 ? token.base : token.word)).join(' ');
}

function constituenciesIn(text: string, constituencies: readonly string[]): string[] {
	return constituencies.filter((name) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'u').test(text));
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function soleConstituency(analysis: ArticleAnalysis, constituencies: readonly string[]): string | null {
	const named = new Set<string>();
	for (const paragraph of analysis.paragraphs) for (const name of constituenciesIn(paragraph.masked, constituencies)) named.add(name);
	return named.size === 1 ? ([...named][0] ?? null) : null;
}

// ——— Figures in sentences ———

function refOf(paragraph: ParagraphAnalysis): ParagraphRef {
	return { articleId: paragraph.articleId, paragraph: paragraph.paragraph };
}

function voteCount(token: Token | undefined, next: Token | undefined): number | null {
	if (!token) return null;
	const value = parseCount(token.word);
	if (value === null) return null;
	const saysVotes = /^votes?$/.test(next?.lower ?? '');
	if (token.word.includes(',') || saysVotes) return value;
	return null;
}

function sentenceFigures(paragraph: ParagraphAnalysis, start: number, end: number, constituency: string, context: Context): Figure[] {
	const figures: Figure[] = [];
	const tokens = paragraph.tokens;
	const ref = refOf(paragraph);
	const text = sentenceText(paragraph, start, end);
	const runs = paragraph.runs.filter((run) => run.tokenStart >= start && run.tokenEnd <= end && !run.possessive);
	const push = (figure: Omit<Figure, 'constituency' | 'ref'>): void => {
		figures.push({ constituency, ref, ...figure });
	};
	const candidate = (run: NameRun): { name: string; personId: string | null } => ({ name: run.words.join(' '), personId: run.personId });

	for (const run of runs) {
		const party = partyOf(run, tokens, context);
		const verbIndex = verbAfter(tokens, run.tokenEnd, end);
		const verb = verbIndex === null ? '' : (tokens[verbIndex]?.lower ?? '');
		const who = candidate(run);
		if (party && verbIndex !== null) push({ kind: 'party', ...who, value: party });
		if (verbIndex === null) continue;
		if (DEFEAT_VERBS.has(verb)) {
			const loser = runs.find((other) => other.tokenStart > verbIndex && other.tokenStart <= verbIndex + 4);
			push({ kind: 'winner', ...who, value: who.name });
			if (loser) {
				const loserParty = partyOf(loser, tokens, context);
				if (loserParty) push({ kind: 'party', ...candidate(loser), value: loserParty });
				const pair = votePair(tokens, loser.tokenEnd, end);
				if (pair) {
					push({ kind: 'votes', ...who, value: String(pair[0]) });
					push({ kind: 'votes', ...candidate(loser), value: String(pair[1]) });
				}
				const margin = marginAfter(tokens, loser.tokenEnd, end, paragraph);
				if (margin) push(margin);
			}
			continue;
		}
		if (RESULT_VERB_WORDS.has(verb)) {
			const votes = countAfter(tokens, verbIndex + 1, end, 8);
			if (votes !== null) push({ kind: 'votes', ...who, value: String(votes) });
			if (verb === 'won' && (votes !== null || /^(the|with|by)$/.test(tokens[verbIndex + 1]?.lower ?? ''))) push({ kind: 'winner', ...who, value: who.name });
			const margin = marginAfter(tokens, verbIndex + 1, end, paragraph);
			if (margin && verb === 'won') push(margin);
			continue;
		}
		if ((verb === 'on' || verb === 'with') && !DEFEAT_VERBS.has(tokens[run.tokenStart - 1]?.lower ?? '')) {
			const votes = countAfter(tokens, verbIndex + 1, end, 1);
			if (votes !== null) push({ kind: 'votes', ...who, value: String(votes) });
			continue;
		}
		if (PLACING_VERBS.has(verb) && ORDINALS.has(tokens[verbIndex + 1]?.lower ?? '')) {
			const votes = countAfter(tokens, verbIndex + 2, end, 3);
			if (votes !== null) push({ kind: 'votes', ...who, value: String(votes) });
			if (tokens[verbIndex + 1]?.lower === 'first') push({ kind: 'winner', ...who, value: who.name });
		}
	}
	figures.push(...majorityStatements(text, constituency, ref));
	figures.push(...partyOutcomes(text, constituency, ref));
	return figures;
}

/** The next word after a name, past one `, … ,` appositive and auxiliaries. */
function verbAfter(tokens: readonly Token[], from: number, end: number): number | null {
	let cursor = from;
	if (tokens[from]?.lower === 'of' && tokens[from + 1]?.lower === 'the') {
		// `Jane Smith of the Conservatives on 10,891`
		cursor = from + 2;
		while (cursor < end && cursor < from + 6 && tokens[cursor - 1]?.after === '' && /^\p{Lu}/u.test(tokens[cursor]?.word ?? '')) cursor++;
		return cursor < end ? cursor : null;
	}
	if (tokens[from - 1]?.after.startsWith(',') || tokens[from]?.before.startsWith('(')) {
		let close = cursor;
		while (close < end && close < cursor + 15 && !/[,)]/.test(tokens[close]?.after ?? '')) close++;
		cursor = close + 1;
	}
	while (cursor < end && /^(has|had|also|comfortably|narrowly|easily|eventually|convincingly)$/.test(tokens[cursor]?.lower ?? '')) cursor++;
	return cursor < end ? cursor : null;
}

function countAfter(tokens: readonly Token[], from: number, end: number, within: number): number | null {
	for (let cursor = from; cursor < Math.min(end, from + within); cursor++) {
		if (cursor > from && /[,;:]/.test(tokens[cursor - 1]?.after ?? '')) return null;
		const value = voteCount(tokens[cursor], tokens[cursor + 1]);
		if (value === null) continue;
		// `a majority of 4,000`, `by 4,000 votes`: a margin, not anyone's total.
		const before = tokens[cursor - 1]?.lower ?? '';
		const twoBefore = tokens[cursor - 2]?.lower ?? '';
		if (before === 'by' || (before === 'of' && twoBefore === 'majority') || QUALIFIERS.test(`${before} `)) return null;
		return value;
	}
	return null;
}

/** `(12,345 to 6,789 votes, respectively)` or `by 12,345 votes to 6,789`. */
function votePair(tokens: readonly Token[], from: number, end: number): [number, number] | null {
	for (let cursor = from; cursor < end - 2; cursor++) {
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

/** `by almost 5,000 votes` straight after the loser or the verb: the majority as reported. */
function marginAfter(tokens: readonly Token[], from: number, end: number, paragraph: ParagraphAnalysis): Omit<Figure, 'constituency' | 'ref'> | null {
	if (tokens[from]?.lower !== 'by') return null;
	for (let cursor = from + 1; cursor < Math.min(end, from + 5); cursor++) {
		const token = tokens[cursor];
		const value = parseCount(token?.word ?? '');
		if (value === null || !token) continue;
		if (!/^votes?$/.test(tokens[cursor + 1]?.lower ?? '')) return null;
		// `by 15,102 votes to 10,891` gives the two totals, not the majority.
		if (tokens[cursor + 2]?.lower === 'to') return null;
		const first = tokens[from + 1];
		const wording = first ? paragraph.masked.slice(first.start, (tokens[cursor + 1] ?? token).end) : token.word;
		const qualified = QUALIFIERS.test(wording);
		return { kind: qualified ? 'majority-reported' : 'majority', value: qualified ? wording : String(value), wording };
	}
	return null;
}

function majorityStatements(text: string, constituency: string, ref: ParagraphRef): Figure[] {
	const figures: Figure[] = [];
	for (const match of text.matchAll(/\bmajority of ((?:[a-z]+ ){0,3}?)(\d{1,3}(?:,\d{3})+|\d+)/gi)) {
		const value = parseCount(match[2] ?? '');
		if (value === null) continue;
		const wording = `${match[1] ?? ''}${match[2] ?? ''}`;
		const qualified = QUALIFIERS.test(wording);
		figures.push({ constituency, ref, kind: qualified ? 'majority-reported' : 'majority', value: qualified ? wording : String(value), wording });
	}
	return figures;
}

/** Gain, hold and the party that held the seat before, in the words news uses for them. */
function partyOutcomes(text: string, constituency: string, ref: ParagraphRef): Figure[] {
	const figures: Figure[] = [];
	const add = (kind: Figure['kind'], value: string, wording: string): void => {
		figures.push({ constituency, ref, kind, value, wording });
	};
	for (const match of text.matchAll(/\b(gain(?:ed|s)?|took|takes|taking|seized|seizing|captured|capturing|snatched|won|winning|wrested|wresting) (?:the seat |the constituency |it |[A-Z][\w’'-]* |the (?:[A-Z][\w’'-]* ){1,4}by-election )?from (?:the )?([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2})/g)) {
		const party = leadingParty(match[2] ?? '');
		if (party) {
			add('gain', 'true', match[0]);
			add('previous', party, match[0]);
		}
	}
	for (const match of text.matchAll(/\b([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}) (gain|hold)\b/g)) {
		const party = trailingParty(match[1] ?? '');
		if (!party) continue;
		add('gain', match[2] === 'gain' ? 'true' : 'false', match[0]);
		if (match[2] === 'hold') add('previous', party, match[0]);
	}
	for (const match of text.matchAll(/\b(?:tak(?:e|es|ing)|took|w[io]n|winning|gain(?:s|ed|ing)?|captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing))\b[^.,;]{0,80}?\bfor the first time(?: in (?:its|the seat's|the constituency's) history| ever| since [\w ]{1,20})?/g)) {
		add('gain', 'true', match[0]);
	}
	// A hold needs a party as subject: `the MP who held the seat for 14 years` says nothing about this result.
	for (const match of text.matchAll(/\b([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}) (?:has |have |had |comfortably |narrowly |easily )?(?:held|retained|kept|holds|retains) (?:on ?to )?(?:the seat|the constituency|it|its seat|[A-Z][\w’'-]*)/g)) {
		const party = trailingParty(match[1] ?? '');
		if (!party || /\bwho\b/.test(match[0])) continue;
		add('gain', 'false', match[0]);
		add('previous', party, match[0]);
	}
	const previousPatterns = [
		/\b(?:had been|has been|had long been|was) (?:voting|held by|represented by|won by) (?:the )?([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2})/g,
		/\bpreviously (?:held|won|represented) by (?:the )?([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2})/g,
		/\bsafe ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}) seat/g,
		/\b([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2})[- ](?:held|stronghold|heartland)\b/g,
		/\boverturn(?:ed|ing|s)? (?:a |the )?([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}) majority/g,
		/\b([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}),? who (?:had |have |has )?(?:held|represented|won) (?:it|the seat|the constituency)/g,
		/\b([A-Z][\w’'-]*)['’]s? (?:[\w-]+ )?(?:hold|grip) on (?:the seat|the constituency|it)/g,
	];
	for (const pattern of previousPatterns) {
		for (const match of text.matchAll(pattern)) {
			const captured = match[1] ?? '';
			const party = /held|stronghold|heartland|who|hold|grip/.test(match[0]) && !/\bby\b/.test(match[0]) ? trailingParty(captured) : leadingParty(captured);
			if (party) add('previous', party, match[0]);
		}
	}
	for (const match of text.matchAll(/\b((?:[A-Z][\w’'-]* ){0,2}[A-Z][\w’'-]*) (?:won|took|gained|claimed|captured|seized|held|retained) the (?:parliament |parliamentary |Commons |Westminster )?(?:seat|constituency|by-election)\b/g)) {
		const party = trailingParty(match[1] ?? '');
		if (party) add('winner-party', party, match[0]);
	}
	return figures;
}

function leadingParty(phrase: string): string | null {
	const words = phrase.split(' ');
	for (let size = Math.min(3, words.length); size >= 1; size--) {
		const party = canonicalParty(words.slice(0, size).join(' '));
		if (party) return party;
	}
	return null;
}

function trailingParty(phrase: string): string | null {
	const words = phrase.split(' ');
	for (let size = Math.min(3, words.length); size >= 1; size--) {
		const party = canonicalParty(words.slice(words.length - size).join(' '));
		if (party && party !== 'Independent') return party;
	}
	return null;
}

/** Party from the role before the name, `(Party)` after it, or what the corpus says about the person. */
function partyOf(run: NameRun, tokens: readonly Token[], context: Context): string | null {
	if (run.party) return run.party;
	const next = tokens[run.tokenEnd];
	if (next?.before.startsWith('(')) {
		const inside: string[] = [];
		for (let cursor = run.tokenEnd; cursor < tokens.length && inside.length < 4; cursor++) {
			const token = tokens[cursor];
			if (!token) break;
			inside.push(token.word);
			if (token.after.includes(')')) break;
		}
		const party = canonicalParty(inside.join(' '));
		if (party) return party;
	}
	return run.personId ? (context.people.get(run.personId)?.party ?? null) : null;
}

// ——— Results tables ———

/**
 * Rows of `Name (Party) 12,345`, `Name, Party, 12,345`, `Name  Party  12,345` or markdown pipes,
 * possibly run together into one paragraph. Two rows or more make a table.
 */
function tableFigures(paragraph: ParagraphAnalysis, constituency: string, context: Context): Figure[] {
	const rows: Array<{ name: string; party: string; votes: number }> = [];
	const text = paragraph.masked;
	let segmentStart = 0;
	for (const match of text.matchAll(/\d{1,3}(?:,\d{3})+|\d{3,7}/g)) {
		const index = match.index;
		const before = text.charAt(index - 1);
		const after = text.charAt(index + match[0].length);
		if (/[\d.,]/.test(before) || /[\d%]/.test(after) || (after === '.' && /\d/.test(text.charAt(index + match[0].length + 1)))) continue;
		const segment = text.slice(segmentStart, index);
		segmentStart = index + match[0].length;
		const row = parseRow(segment);
		const votes = parseCount(match[0]);
		if (row && votes !== null) rows.push({ ...row, votes });
	}
	if (rows.length < 2) return [];
	const ref = refOf(paragraph);
	return rows.flatMap((row) => {
		const personId = personByName(row.name, context);
		return [
			{ constituency, ref, kind: 'votes' as const, name: row.name, personId, value: String(row.votes) },
			{ constituency, ref, kind: 'party' as const, name: row.name, personId, value: row.party },
		];
	});
}

function parseRow(segment: string): { name: string; party: string } | null {
	const tail = segment.replace(/^[\s\S]*[.:;](?=\s)/, '').replace(/[\s|,:–—-]+$/, '');
	if (tail.split(/\s+/).length > 14) return null;
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
			const parts = tail.split(/\s*[,–—]\s*|\s+-\s+/).filter((part) => part.trim() !== '');
			if (parts.length >= 2) [name, party] = [parts[parts.length - 2] ?? null, parts[parts.length - 1] ?? null];
			else ({ name, party } = splitPartySuffix(tail));
		}
	}
	const cleanName = name ? trailingName(name) : null;
	const cleanParty = party ? (canonicalParty(party.trim()) ?? (/party$/i.test(party.trim()) ? party.trim() : null)) : null;
	if (!cleanName || !cleanParty) return null;
	return { name: cleanName, party: cleanParty };
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

function personByName(name: string, context: Context): string | null {
	const lower = name.toLowerCase();
	for (const person of context.people.values()) if (person.aliases.some((alias) => alias.toLowerCase() === lower)) return person.id;
	return null;
}

// ——— Assembly ———

function assemble(constituency: string, sources: ParagraphRef[], figures: readonly Figure[], analyses: readonly ArticleAnalysis[], people: ReadonlyMap<string, Person>): ElectionResult {
	const conflicts: Conflict[] = [];
	const candidates = buildCandidates(figures, conflicts, people);
	const winner = pickWinner(figures, candidates, conflicts, constituency);
	const majority = pickMajority(figures, candidates, winner, conflicts, constituency);
	const previousParty = agreed(figures.filter((figure) => figure.kind === 'previous'), 'previousParty', constituency, conflicts);
	const winnerParty = agreed(figures.filter((figure) => figure.kind === 'winner-party'), 'winner', constituency, conflicts);
	const gain = pickGain(figures, winner?.party?.value ?? winnerParty?.value ?? null, previousParty, conflicts, constituency);
	return { constituency, sources, date: pickDate(figures, analyses), candidates, winner, winnerParty, majority, gain, previousParty, conflicts };
}

function sourced<T>(value: T, figures: readonly Figure[], wording?: string): Sourced<T> {
	const sources: ParagraphRef[] = [];
	for (const figure of figures) if (!sources.some((ref) => ref.articleId === figure.ref.articleId && ref.paragraph === figure.ref.paragraph)) sources.push(figure.ref);
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
		groups.set(key, [...(groups.get(key) ?? []), item]);
	}
	return groups;
}

/** Candidates keyed by person (or name); spellings one letter apart are one candidate with a conflict. */
function buildCandidates(figures: readonly Figure[], conflicts: Conflict[], people: ReadonlyMap<string, Person>): CandidateResult[] {
	const byKey = new Map<string, Figure[]>();
	const keyOf = (figure: Figure): string => figure.personId ?? `name:${(figure.name ?? '').toLowerCase()}`;
	for (const figure of figures) {
		if ((figure.kind !== 'votes' && figure.kind !== 'party' && figure.kind !== 'winner') || !figure.name) continue;
		const key = keyOf(figure);
		const existing = [...byKey.keys()].find((candidate) => candidate === key || similarNames(byKey.get(candidate)?.[0]?.name ?? '', figure.name ?? ''));
		byKey.set(existing ?? key, [...(byKey.get(existing ?? key) ?? []), figure]);
	}
	const candidates: CandidateResult[] = [];
	for (const group of byKey.values()) {
		// Spellings are compared on full names only: `Mullins` after `Gareth Mullins` is not a variant.
		const names = groupBy(group.filter((figure) => (figure.name ?? '').includes(' ')), (figure) => figure.name ?? '');
		const personId = group.find((figure) => figure.personId)?.personId ?? null;
		const written = [...names.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0] ?? group[0]?.name ?? '';
		const name = (personId ? people.get(personId)?.name.replace(/^(Sir|Dame) /, '') : undefined) ?? written;
		if (names.size > 1) conflicts.push({ field: 'name', subject: name, values: [...names.entries()].map(([value, items]) => sourced(value, items)) });
		const votes = agreed(group.filter((figure) => figure.kind === 'votes'), 'votes', name, conflicts);
		const party = agreed(group.filter((figure) => figure.kind === 'party'), 'party', name, conflicts);
		// Someone named with a party but no votes and no win is not a candidate as far as the sources say.
		if (!group.some((figure) => figure.kind === 'votes' || figure.kind === 'winner')) continue;
		candidates.push({ name, personId, party, votes: votes ? { value: Number(votes.value), sources: votes.sources } : null });
	}
	return candidates.sort((a, b) => (b.votes?.value ?? -1) - (a.votes?.value ?? -1));
}

function similarNames(a: string, b: string): boolean {
	const wordsA = a.toLowerCase().split(' ');
	const wordsB = b.toLowerCase().split(' ');
	if (wordsA.length < 2 || wordsB.length < 2 || wordsA[0] !== wordsB[0]) return false;
	const lastA = wordsA[wordsA.length - 1] ?? '';
	const lastB = wordsB[wordsB.length - 1] ?? '';
	return lastA === lastB || (Math.min(lastA.length, lastB.length) >= 4 && editDistance(lastA, lastB, 1) <= 1);
}

function pickWinner(figures: readonly Figure[], candidates: readonly CandidateResult[], conflicts: Conflict[], constituency: string): ElectionResult['winner'] {
	const stated = figures.filter((figure) => figure.kind === 'winner');
	const statedCandidates = new Set(stated.map((figure) => candidates.find((candidate) => matchesCandidate(candidate, figure))).filter((candidate) => candidate !== undefined));
	const withVotes = candidates.filter((candidate) => candidate.votes !== null);
	// Most votes decides only when every candidate's count is known and agreed.
	const allCounted = withVotes.length === candidates.length;
	const mostVotes = allCounted && withVotes.length >= 2 && (withVotes[0]?.votes?.value ?? 0) > (withVotes[1]?.votes?.value ?? 0) ? withVotes[0] : undefined;
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
	const computable = winner && first && second && first.personId === winner.personId && first.name === winner.name;
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

/** No election date is guessed: the date of the earliest article reporting a figure, labelled as such. */
function pickDate(figures: readonly Figure[], analyses: readonly ArticleAnalysis[]): ElectionResult['date'] {
	const dated = figures
		.filter((figure) => figure.kind === 'votes' || figure.kind === 'winner')
		.map((figure) => ({ figure, date: analyses.find((analysis) => analysis.article.id === figure.ref.articleId)?.article.date ?? null }))
		.filter((entry): entry is { figure: Figure; date: string } => entry.date !== null)
		.sort((a, b) => a.date.localeCompare(b.date));
	const first = dated[0];
	return first ? { value: first.date, sources: [first.figure.ref], basis: 'article date' } : null;
}
