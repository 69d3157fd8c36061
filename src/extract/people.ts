// People: which runs of capitals are people, which runs are the same person, and what the
// text says about them (role, party, gender from titles and pronouns).

import type { ArticleAnalysis, NameRun, ParagraphAnalysis } from './analysis.js';
import { skipToVerb } from './analysis.js';
import type { Person } from './types.js';
import { DISPLAY_TITLES, HONORIFICS, PEERAGE_TITLES, isSpeechVerbAt, type Gender } from './lexicon.js';
import { DeletionVariants, OneEditIndex, withinOneEdit } from './one-edit.js';
import { drain, stepDue, type Steps } from '../corpus/slices.js';

interface RunAt {
	article: number;
	paragraph: ParagraphAnalysis;
	run: NameRun;
	sentenceInitial: boolean;
}

interface Draft {
	forms: Map<string, { words: string[]; count: number }>;
	titles: Set<string>;
	runs: RunAt[];
}

/** Full name words: a peer's title is part of the name (`Lord X`), other honorifics are not. */
function fullWords(run: NameRun): string[] {
	if (run.honorific && PEERAGE_TITLES.has(run.honorific)) return [titleWord(run.honorific), ...run.words];
	return run.words;
}

function titleWord(honorific: string): string {
	return honorific.charAt(0).toUpperCase() + honorific.slice(1);
}

function key(words: readonly string[]): string {
	return words.join(' ').toLowerCase();
}

function surnameOf(words: readonly string[]): string {
	return lastName(words).toLowerCase();
}

/** The surname as written: the last word, or the word before a peer's `of Place`. */
function lastName(words: readonly string[]): string {
	// `words.indexOf('of')` by a loop: asked of every mention several times, and for names of two
	// or three words the call cost more than the search (its line alone was 70 ms in a profile).
	for (let index = 0; index < words.length; index++) {
		if (words[index] === 'of') return (index > 0 ? words[index - 1] : words[words.length - 1]) ?? '';
	}
	return words[words.length - 1] ?? '';
}

/**
 * Finds the people of a corpus and sets `personId` on every name run that refers to one.
 * Mutates the runs in `analyses` (they are private to one extraction).
 */
export function resolvePeople(analyses: readonly ArticleAnalysis[]): Person[] {
	return drain(resolvePeopleSteps(analyses));
}

/** `resolvePeople` in steps (see Steps). */
export function* resolvePeopleSteps(analyses: readonly ArticleAnalysis[]): Steps<Person[]> {
	const runs = yield* collectRuns(analyses);
	// Surnames are filed by full names and again by bare surnames: their variants are worked out once.
	const variants = new DeletionVariants();
	const drafts = yield* groupFullNames(runs.filter((entry) => fullWords(entry.run).length >= 2), variants);

	const singles = runs.filter((entry) => fullWords(entry.run).length === 1);
	const surnames = new SurnameIndex(drafts, variants);
	const standingAlone = surnamesMidSentence(singles);
	const orphanDrafts = new Map<string, Draft>();
	let handled = 0;
	for (const entry of singles) {
		if (stepDue(++handled)) yield;
		const match = surnames.resolve(entry);
		if (match) {
			match.runs.push(entry);
			continue;
		}
		if (!mayStandAlone(entry, standingAlone)) continue;
		const surname = surnameOf(entry.run.words);
		const orphan = orphanDrafts.get(surname) ?? { forms: new Map(), titles: new Set<string>(), runs: [] as RunAt[] };
		orphanDrafts.set(surname, orphan);
		orphan.runs.push(entry);
	}
	for (const orphan of orphanDrafts.values()) {
		const first = orphan.runs[0]?.run;
		if (!first) continue;
		const form = first.honorific ? `${titleWord(first.honorific)} ${first.words.join(' ')}` : first.words.join(' ');
		orphan.forms.set(form.toLowerCase(), { words: form.split(' '), count: orphan.runs.length });
	}

	const people: Person[] = [];
	const ordered = [...drafts, ...orphanDrafts.values()]
		.filter((draft) => draft.runs.some((entry) => entry.run.cued))
		.sort((a, b) => firstPosition(a) - firstPosition(b));
	for (const draft of ordered) {
		if (stepDue(people.length + 1)) yield;
		const person = toPerson(`p${people.length + 1}`, draft);
		for (const entry of draft.runs) entry.run.personId = person.id;
		people.push(person);
	}
	yield* addPronounGender(analyses, people);
	return people;
}

function* collectRuns(analyses: readonly ArticleAnalysis[]): Steps<RunAt[]> {
	const runs: RunAt[] = [];
	for (const [article, analysis] of analyses.entries()) {
		for (const paragraph of analysis.paragraphs) {
			for (const run of paragraph.runs) runs.push({ article, paragraph, run, sentenceInitial: startsSentence(paragraph, run.tokenStart) });
		}
		yield;
	}
	return runs;
}

/** Whether a sentence of the paragraph starts at token `index`: a scan, as a paragraph has few sentences (a set per paragraph cost more). */
function startsSentence(paragraph: ParagraphAnalysis, index: number): boolean {
	for (const [start] of paragraph.sentences) if (start === index) return true;
	return false;
}

function firstPosition(draft: Draft): number {
	// A loop, not Math.min(...spread): a national figure's draft may hold more runs than a call takes arguments.
	let first = Number.POSITIVE_INFINITY;
	for (const entry of draft.runs) first = Math.min(first, entry.article * 1e6 + entry.paragraph.paragraph * 1e3 + entry.run.tokenStart);
	return first;
}

/**
 * Same full name, the same name with a middle name, or one letter apart in the surname. Each
 * name joins the first draft (in order of creation) that has a form `sameName` accepts; the
 * forms are indexed by key and by first name + surname, so only the few drafts that could
 * match are compared.
 */
function* groupFullNames(entries: readonly RunAt[], variants: DeletionVariants): Steps<Draft[]> {
	const drafts: Draft[] = [];
	const forms = new FormIndex(variants);
	let handled = 0;
	for (const entry of entries) {
		if (stepDue(++handled)) yield;
		const name = nameParts(fullWords(entry.run));
		const found = forms.firstDraftWithSameName(name);
		const draft = found === null ? undefined : drafts[found];
		const target = draft ?? { forms: new Map(), titles: new Set<string>(), runs: [] as RunAt[] };
		if (!draft) drafts.push(target);
		const existing = target.forms.get(name.key);
		const form = existing ?? { words: name.words, count: 0 };
		form.count++;
		if (!existing) forms.add(name, found ?? drafts.length - 1);
		target.forms.set(name.key, form);
		if (entry.run.honorific && DISPLAY_TITLES.has(entry.run.honorific) && !PEERAGE_TITLES.has(entry.run.honorific)) target.titles.add(titleWord(entry.run.honorific));
		target.runs.push(entry);
	}
	return drafts;
}

/** A written name and what `sameName` compares of it, worked out once. */
interface NameParts {
	words: readonly string[];
	key: string;
	/** The first word, lower case. */
	first: string;
	surname: string;
}

function nameParts(words: readonly string[]): NameParts {
	return { words, key: key(words), first: (words[0] ?? '').toLowerCase(), surname: surnameOf(words) };
}

/** A draft's form (its first written words for one key), filed for `sameName` look-ups. */
interface FiledForm {
	draft: number;
	name: NameParts;
}

/**
 * Every form of every draft, by key (rule one of `sameName`) and by lower-case first name, then
 * surname within one edit (rule two). Candidates are checked with `sameName` itself.
 */
class FormIndex {
	private readonly byKey = new Map<string, FiledForm[]>();
	private readonly byFirstName = new Map<string, OneEditIndex<FiledForm>>();

	/** `variants`: shared by the index of every first name. */
	constructor(private readonly variants: DeletionVariants) {}

	add(name: NameParts, draft: number): void {
		const filed: FiledForm = { draft, name };
		const sameKey = this.byKey.get(name.key);
		if (sameKey) sameKey.push(filed);
		else this.byKey.set(name.key, [filed]);
		const surnames = this.byFirstName.get(name.first) ?? new OneEditIndex<FiledForm>(this.variants);
		this.byFirstName.set(name.first, surnames);
		surnames.add(name.surname, filed);
	}

	/** The lowest-numbered draft with a form `sameName` accepts, or null. */
	firstDraftWithSameName(name: NameParts): number | null {
		let best: number | null = null;
		for (const filed of this.byKey.get(name.key) ?? []) if (best === null || filed.draft < best) best = filed.draft;
		for (const filed of this.byFirstName.get(name.first)?.near(name.surname) ?? []) {
			if ((best === null || filed.draft < best) && sameName(filed.name, name)) best = filed.draft;
		}
		return best;
	}
}

/** Rule one: the same key. Rule two: the same first word (not a peer's title) and a surname at most one letter apart. */
function sameName(a: NameParts, b: NameParts): boolean {
	if (a.key === b.key) return true;
	if (a.first !== b.first || PEERAGE_TITLES.has(a.first)) return false;
	if (a.surname === b.surname) return true;
	return Math.min(a.surname.length, b.surname.length) >= 4 && withinOneEdit(a.surname, b.surname);
}

/**
 * A bare surname (or `Mr X`) names the one full name with that surname: in the article first,
 * then the corpus. The drafts' surnames are indexed once (their forms no longer change).
 */
class SurnameIndex {
	private readonly surnames: OneEditIndex<{ draft: number; surname: string }>;
	/** Per draft, the articles where it is written as a full name. */
	private readonly fullNameArticles: Array<Set<number>>;
	private readonly bySurname = new Map<string, readonly number[]>();

	constructor(
		private readonly drafts: readonly Draft[],
		variants: DeletionVariants,
	) {
		this.surnames = new OneEditIndex(variants);
		drafts.forEach((draft, index) => {
			for (const form of draft.forms.values()) {
				const surname = surnameOf(form.words);
				this.surnames.add(surname, { draft: index, surname });
			}
		});
		this.fullNameArticles = drafts.map((draft) => new Set(draft.runs.filter((run) => fullWords(run.run).length >= 2).map((run) => run.article)));
	}

	resolve(entry: RunAt): Draft | null {
		const matches = this.draftsWithSurname(surnameOf(entry.run.words));
		if (matches.length <= 1) return matches[0] === undefined ? null : (this.drafts[matches[0]] ?? null);
		const inArticle = matches.filter((draft) => this.fullNameArticles[draft]?.has(entry.article));
		return inArticle.length === 1 && inArticle[0] !== undefined ? (this.drafts[inArticle[0]] ?? null) : null;
	}

	/** The drafts with a form whose surname matches, in draft order; once per surname (it recurs with every mention). */
	private draftsWithSurname(surname: string): readonly number[] {
		let matches = this.bySurname.get(surname);
		if (!matches) {
			const matching = new Set<number>();
			for (const filed of this.surnames.near(surname)) if (surnameMatches(filed.surname, surname)) matching.add(filed.draft);
			// In draft order, as a scan over every draft would find them.
			matches = [...matching].sort((a, b) => a - b);
			this.bySurname.set(surname, matches);
		}
		return matches;
	}
}

function surnameMatches(known: string, typed: string): boolean {
	return known === typed || (Math.min(known.length, typed.length) >= 5 && withinOneEdit(known, typed));
}

/** Surnames written alone and capitalised mid-sentence somewhere in the corpus. */
function surnamesMidSentence(singles: readonly RunAt[]): Set<string> {
	const surnames = new Set<string>();
	for (const entry of singles) if (!entry.sentenceInitial) surnames.add(surnameOf(entry.run.words));
	return surnames;
}

/**
 * A lone surname with no full name anywhere is a person only with a title (`Mr X`), a role, or
 * when it is also written capitalised mid-sentence: sentence-initial `Officials said` is not a name.
 */
function mayStandAlone(entry: RunAt, midSentence: ReadonlySet<string>): boolean {
	if (!entry.run.cued) return false;
	if (entry.run.honorific || entry.run.role) return true;
	return midSentence.has(surnameOf(entry.run.words));
}

function toPerson(id: string, draft: Draft): Person {
	const forms = [...draft.forms.values()];
	// The spelling most mentions use (bare surnames count too), then the fullest form of it.
	const surnameUse = new Map<string, number>();
	for (const entry of draft.runs) {
		const surname = surnameOf(entry.run.words);
		surnameUse.set(surname, (surnameUse.get(surname) ?? 0) + 1);
	}
	const use = new Map(forms.map((form) => [form, surnameUse.get(surnameOf(form.words)) ?? 0]));
	const best = [...forms].sort((a, b) => (use.get(b) ?? 0) - (use.get(a) ?? 0) || b.words.length - a.words.length || b.count - a.count || key(a.words).localeCompare(key(b.words)))[0];
	const baseName = best ? best.words.join(' ') : '';
	const title = [...draft.titles][0];
	const name = title && !baseName.startsWith(title) ? `${title} ${baseName}` : baseName;
	const aliases = new Set<string>([name, baseName]);
	for (const entry of draft.runs) {
		const words = entry.run.words.join(' ');
		aliases.add(words);
		if (entry.run.honorific) aliases.add(`${titleWord(entry.run.honorific)} ${words}`);
	}
	const surnames = new Set(forms.map((form) => lastName(form.words)));
	for (const surname of surnames) aliases.add(surname);
	const spellings = surnames.size > 1 ? forms.filter((form) => form.words.length >= 2).map((form) => form.words.join(' ')) : [];
	const roles: string[] = [];
	let party: string | null = null;
	for (const entry of draft.runs) {
		if (entry.run.role && !roles.includes(entry.run.role)) roles.push(entry.run.role);
		party ??= entry.run.party;
	}
	const mentions = draft.runs.map((entry) => ({ articleId: entry.paragraph.articleId, paragraph: entry.paragraph.paragraph }));
	return {
		id,
		name,
		aliases: [...aliases].filter((alias) => alias !== ''),
		gender: genderFromTitles(draft),
		roles,
		party,
		spellings: [...new Set(spellings)],
		mentions: dedupeRefs(mentions),
	};
}

function dedupeRefs<T extends { articleId: string; paragraph: number }>(refs: readonly T[]): T[] {
	const seen = new Set<string>();
	return refs.filter((ref) => {
		const id = `${ref.articleId}#${ref.paragraph}`;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}

function genderFromTitles(draft: Draft): Gender | null {
	const genders = new Set<Gender>();
	for (const entry of draft.runs) {
		const gender = entry.run.honorific ? HONORIFICS.get(entry.run.honorific) : null;
		if (gender) genders.add(gender);
	}
	return genders.size === 1 ? ([...genders][0] ?? null) : null;
}

/**
 * `X said he …` / `X said that she …`: the pronoun right after X's speech verb is X. Only used
 * when titles are silent, and only when every such use agrees.
 */
function* addPronounGender(analyses: readonly ArticleAnalysis[], people: Person[]): Steps<void> {
	const evidence = new Map<string, Set<Gender>>();
	for (const analysis of analyses) {
		yield;
		for (const paragraph of analysis.paragraphs) {
			const words = paragraph.words;
			for (const run of paragraph.runs) {
				if (!run.personId || run.possessive) continue;
				const verb = skipToVerb(paragraph.tokens, run.tokenEnd);
				if (verb === null || !isSpeechVerbAt(words, verb)) continue;
				let next = verb + 1;
				if (words[verb] === 'went') next++;
				if (words[next] === 'that') next++;
				const pronoun = words[next];
				const gender: Gender | null = pronoun === 'he' ? 'male' : pronoun === 'she' ? 'female' : null;
				if (!gender) continue;
				const set = evidence.get(run.personId) ?? new Set<Gender>();
				set.add(gender);
				evidence.set(run.personId, set);
			}
		}
	}
	for (const person of people) {
		const set = evidence.get(person.id);
		if (person.gender === null && set?.size === 1) person.gender = [...set][0] ?? null;
	}
}
