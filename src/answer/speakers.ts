// Who is quoted, looked up by name: the people of one corpus with their name forms normalised once,
// indexed for the three questions asked of them on every call (`quote`, and autocomplete on every
// keystroke): whom does a typed name mean, who contains these letters, and who is nearest to a name
// nobody matched. Answers are exactly those of comparing the typed name with every person
// (test/answer/indexed-lookups.test.ts and speakers.test.ts check them against that scan); only the
// work is indexed.
import type { Knowledge, Person, Quote, ReportedLine } from '../extract/types.js';
import { HONORIFICS } from '../extract/lexicon.js';
import { editDistance } from '../extract/text.js';
import { FuzzyTable } from './fuzzy.js';

/** Lower case, no honorifics, single spaces: `Mr  SMITH` → `smith`. */
export function normaliseName(text: string): string {
	return text
		.toLowerCase()
		.replace(/[.,]/g, ' ')
		.split(/\s+/)
		.filter((word) => word !== '' && !HONORIFICS.has(word))
		.join(' ');
}

/** Every normalised alias, and each of their words of three letters or more. */
export function nameForms(person: Person): string[] {
	return formsOf(person.aliases.map(normaliseName).filter((alias) => alias !== ''));
}

function formsOf(normalisedAliases: readonly string[]): string[] {
	const forms = new Set<string>();
	for (const normal of normalisedAliases) {
		forms.add(normal);
		for (const word of normal.split(' ')) if (word.length >= 3) forms.add(word);
	}
	return [...forms];
}

export interface SpeakerCount {
	person: Person;
	quotes: number;
	reported: number;
}

/** Autocomplete offers at most this many names (Discord's limit). */
export const CHOICES = 25;
/** `quote` suggests this many known speakers for a name nobody matched. */
const SUGGESTIONS = 5;
/** Suggestions measure names with `editDistance` bounded at this many edits. */
const SUGGESTION_DISTANCE = 20;
/** `closest` keeps this many recent answers. */
const REMEMBERED = 256;
/** Substrings of normalised aliases indexed for autocomplete: three characters. */
const GRAM = 3;

/** One corpus' people, read-only once built. */
export class SpeakerDirectory {
	/** Speakers (quoted or reported), most-quoted first: the order autocomplete and the list use. */
	readonly speakers: readonly SpeakerCount[];
	/** A speaker's person index, by rank (place in `speakers`). */
	private readonly personOfRank: Int32Array;
	/** A person's rank, by person index; -1 for people never quoted or reported. */
	private readonly rankOfPerson: Int32Array;
	/** Normalised aliases per person index (empty ones left out), and their name forms (`nameForms`). */
	private readonly aliases: readonly string[][];
	private readonly formsOfPerson: readonly string[][];
	private readonly byAlias = new Map<string, number[]>();
	private readonly byForm = new Map<string, number[]>();
	/** Every distinct name form, and the people (indices, ascending) each belongs to. */
	private readonly forms: FuzzyTable;
	private readonly formPeople: number[][] = [];
	/** The same, as speaker ranks (people never quoted or reported left out). */
	private readonly formSpeakers: readonly number[][];
	/** Speaker ranks (ascending) whose normalised aliases contain a three-character string. */
	private readonly grams = new Map<string, number[]>();
	private readonly quotesByPerson = new Map<string, Quote[]>();
	/** Each speaker's place in name order (ties most-quoted first), by rank; sorted on the first search that needs it. */
	private nameOrder: Int32Array | null = null;
	private readonly reportedByPerson = new Map<string, ReportedLine[]>();
	/** `closest`'s latest answers by normalised name, oldest first. */
	private readonly recentClosest = new Map<string, readonly string[]>();

	constructor(private readonly knowledge: Knowledge) {
		const ranked = rankSpeakers(knowledge);
		this.speakers = ranked.map((entry) => entry.count);
		this.personOfRank = Int32Array.from(ranked, (entry) => entry.person);
		this.rankOfPerson = new Int32Array(knowledge.people.length).fill(-1);
		this.personOfRank.forEach((person, rank) => (this.rankOfPerson[person] = rank));
		this.aliases = knowledge.people.map((person) => person.aliases.map(normaliseName).filter((alias) => alias !== ''));
		this.formsOfPerson = this.aliases.map(formsOf);
		this.forms = this.indexNames();
		this.formSpeakers = this.formPeople.map((people) => people.map((person) => this.rankOfPerson[person] ?? -1).filter((rank) => rank >= 0));
		this.indexGrams();
		for (const quote of knowledge.quotes) if (quote.speakerId !== null) push(this.quotesByPerson, quote.speakerId, quote);
		for (const line of knowledge.reported) push(this.reportedByPerson, line.personId, line);
	}

	/** The people a typed name matches, best tier only: a whole alias, else one of its words, else a near miss. */
	matchPeople(typed: string): Person[] {
		const query = normaliseName(typed);
		if (query === '') return [];
		const tier = this.byAlias.get(query) ?? this.byForm.get(query) ?? this.nearPeople(query);
		return tier.map((person) => this.knowledge.people[person]).filter((person): person is Person => person !== undefined);
	}

	/** Autocomplete: speakers whose normalised aliases contain the typed text, or who match it by name; most-quoted first. */
	choices(typed: string): SpeakerCount[] {
		const query = normaliseName(typed);
		if (query === '') return this.speakers.slice(0, CHOICES);
		const ranks = new Set(this.containing(query));
		// A whole alias or one of its words is also a substring: only near misses can add anyone.
		for (const person of this.nearPeople(query)) {
			const rank = this.rankOfPerson[person] ?? -1;
			if (rank >= 0) ranks.add(rank);
		}
		return [...ranks]
			.sort((a, b) => a - b)
			.slice(0, CHOICES)
			.map((rank) => this.speakers[rank])
			.filter((count): count is SpeakerCount => count !== undefined);
	}

	/**
	 * Known speakers nearest to a name nobody matched: fewest edits to any of their name forms
	 * (counted up to 20), then by name, then most-quoted first. A name nobody has is often asked
	 * again (retyped, or `quote` after autocomplete found nobody), and a long one is compared with
	 * thousands of forms: the last few hundred answers are kept (the directory never changes).
	 */
	closest(typed: string): string[] {
		const query = normaliseName(typed);
		let names = this.recentClosest.get(query);
		if (!names) {
			names = this.nearestNames(query);
			if (this.recentClosest.size >= REMEMBERED) this.recentClosest.delete(this.recentClosest.keys().next().value ?? '');
			this.recentClosest.set(query, names);
		}
		return [...names];
	}

	private nearestNames(query: string): readonly string[] {
		const nearest = new NearestSpeakers(this.byName());
		const speakersOf = (key: number): readonly number[] => this.formSpeakers[key] ?? [];
		this.forms.nearest(query, {
			limit: () => nearest.limit(),
			// Below the limit anyone could take a place (a form nobody speaks under is measured for
			// nothing, but rarely): only at it are the form's speakers read.
			worth: (key, bound) => bound < nearest.limit() || nearest.admitsAny(speakersOf(key), bound),
			visit: (key, distance) => {
				// Most keys are further than the limit: nobody to record, so their speakers are not read.
				if (distance > nearest.limit()) return;
				for (const rank of speakersOf(key)) nearest.record(rank, distance);
			},
		});
		return nearest.complete() ? nearest.ranks().map((rank) => this.speakers[rank]?.person.name ?? '') : this.closestByScan(query);
	}

	quotesBy(personId: string): readonly Quote[] {
		return this.quotesByPerson.get(personId) ?? [];
	}

	reportedBy(personId: string): readonly ReportedLine[] {
		return this.reportedByPerson.get(personId) ?? [];
	}

	/** People with a name form of three letters or more within a typo or two (one for short names) of `query`. */
	private nearPeople(query: string): number[] {
		const allowed = query.length <= 4 ? 1 : 2;
		const people = new Set<number>();
		for (const { key } of this.forms.within(query, allowed)) {
			if ((this.forms.keys[key]?.length ?? 0) < 3) continue;
			for (const person of this.formPeople[key] ?? []) people.add(person);
		}
		return [...people].sort((a, b) => a - b);
	}

	/**
	 * Ranks of the first CHOICES speakers with an alias containing `query`: read off the speakers of
	 * its rarest three-letter piece. One or two letters are in so many names that reading the
	 * speakers in order finds the first CHOICES at once.
	 */
	private containing(query: string): number[] {
		let candidates: Iterable<number> = this.speakers.keys();
		if (query.length >= GRAM) {
			let rarest: readonly number[] = [];
			for (let at = 0; at + GRAM <= query.length; at++) {
				const posting = this.grams.get(query.slice(at, at + GRAM)) ?? [];
				if (at === 0 || posting.length < rarest.length) rarest = posting;
			}
			candidates = rarest;
		}
		const found: number[] = [];
		for (const rank of candidates) {
			if (this.aliasesOfRank(rank).some((alias) => alias.includes(query))) found.push(rank);
			if (found.length === CHOICES) break;
		}
		return found;
	}

	private aliasesOfRank(rank: number): readonly string[] {
		return this.aliases[this.personOfRank[rank] ?? -1] ?? [];
	}

	/** Aliases and forms to the people who have them; the distinct forms, for near misses. */
	private indexNames(): FuzzyTable {
		const formKeys = new Map<string, number>();
		this.formsOfPerson.forEach((forms, person) => {
			for (const alias of this.aliases[person] ?? []) addPerson(this.byAlias, alias, person);
			for (const form of forms) {
				addPerson(this.byForm, form, person);
				let key = formKeys.get(form);
				if (key === undefined) {
					key = formKeys.size;
					formKeys.set(form, key);
					this.formPeople.push([]);
				}
				this.formPeople[key]?.push(person);
			}
		});
		return new FuzzyTable([...formKeys.keys()]);
	}

	private indexGrams(): void {
		for (let rank = 0; rank < this.speakers.length; rank++) {
			for (const alias of this.aliasesOfRank(rank)) {
				for (let at = 0; at + GRAM <= alias.length; at++) {
					const gram = alias.slice(at, at + GRAM);
					const posting = this.grams.get(gram);
					if (!posting) this.grams.set(gram, [rank]);
					else if (posting[posting.length - 1] !== rank) posting.push(rank);
				}
			}
		}
	}

	private byName(): Int32Array {
		if (!this.nameOrder) {
			const byName = this.speakers.map((_, rank) => rank).sort((a, b) => (this.speakers[a]?.person.name ?? '').localeCompare(this.speakers[b]?.person.name ?? '') || a - b);
			const order = new Int32Array(byName.length);
			byName.forEach((rank, place) => (order[rank] = place));
			this.nameOrder = order;
		}
		return this.nameOrder;
	}

	/**
	 * Fewer than five speakers within 20 edits (a very long or odd name, a tiny corpus): beyond 20,
	 * `editDistance` gives 21 when it gives up early and the whole distance when it does not, and
	 * that decides the order, so every speaker is measured with it as before. Rare, so a plain scan.
	 */
	private closestByScan(query: string): string[] {
		const nearest: Nearest[] = [];
		this.speakers.forEach((count, rank) => {
			const forms = this.formsOfPerson[this.personOfRank[rank] ?? -1] ?? [];
			const entry = { rank, name: count.person.name, distance: Math.min(...forms.map((form) => editDistance(form, query, SUGGESTION_DISTANCE))) };
			if (nearest.length === SUGGESTIONS && compareNearest(entry, nearest[SUGGESTIONS - 1] ?? entry) >= 0) return;
			nearest.push(entry);
			nearest.sort(compareNearest);
			if (nearest.length > SUGGESTIONS) nearest.pop();
		});
		return nearest.map((entry) => entry.name);
	}
}

interface Nearest {
	rank: number;
	name: string;
	distance: number;
}

/** Fewest edits, then by name, then most-quoted first (as a stable sort of the ranked speakers would). */
function compareNearest(a: Nearest, b: Nearest): number {
	return a.distance - b.distance || a.name.localeCompare(b.name) || a.rank - b.rank;
}

/**
 * The five nearest speakers so far, by (distance, place in name order): as they will stand in the
 * answer. Only distances within the limit are recorded, and those are exact.
 */
class NearestSpeakers {
	private readonly top: Array<{ rank: number; distance: number; order: number }> = [];

	/** `order`: each speaker's place in name order (ties most-quoted first), by rank. */
	constructor(private readonly order: Int32Array) {}

	record(rank: number, distance: number): void {
		if (distance > this.limit()) return;
		const known = this.top.findIndex((entry) => entry.rank === rank);
		if (known >= 0) {
			if ((this.top[known]?.distance ?? 0) <= distance) return;
			this.top.splice(known, 1);
		}
		this.top.push({ rank, distance, order: this.order[rank] ?? 0 });
		this.top.sort((a, b) => a.distance - b.distance || a.order - b.order);
		if (this.top.length > SUGGESTIONS) this.top.pop();
	}

	/** The fifth-best distance so far, or 20 while fewer than five are within 20. */
	limit(): number {
		return this.top.length < SUGGESTIONS ? SUGGESTION_DISTANCE : (this.top[SUGGESTIONS - 1]?.distance ?? SUGGESTION_DISTANCE);
	}

	/**
	 * Whether any of these speakers, at least `bound` edits away, could still take a place (ties go
	 * by name). Below the fifth's distance anyone could, so their names are only compared at it.
	 */
	admitsAny(ranks: readonly number[], bound: number): boolean {
		const fifth = this.top[SUGGESTIONS - 1];
		if (!fifth || bound < fifth.distance) return ranks.length > 0;
		if (bound > fifth.distance) return false;
		for (let i = 0; i < ranks.length; i++) if ((this.order[ranks[i] ?? 0] ?? 0) < fifth.order) return true;
		return false;
	}

	/** Whether five speakers are within 20 edits (then nobody unvisited can place). */
	complete(): boolean {
		return this.top.length === SUGGESTIONS;
	}

	ranks(): number[] {
		return this.top.map((entry) => entry.rank);
	}
}

/** Adds a person index to a key's list once (a person's aliases can normalise alike). */
function addPerson(map: Map<string, number[]>, key: string, person: number): void {
	const list = map.get(key);
	if (!list) map.set(key, [person]);
	else if (list[list.length - 1] !== person) list.push(person);
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/** Speakers most-quoted first, then most reported, then by name: the order every list shows. */
function rankSpeakers(knowledge: Knowledge): Array<{ count: SpeakerCount; person: number }> {
	const quotes = tally(knowledge.quotes.map((quote) => quote.speakerId));
	const reported = tally(knowledge.reported.map((line) => line.personId));
	return knowledge.people
		.map((person, index) => ({ count: { person, quotes: quotes.get(person.id) ?? 0, reported: reported.get(person.id) ?? 0 }, person: index }))
		.filter(({ count }) => count.quotes + count.reported > 0)
		.sort((a, b) => b.count.quotes - a.count.quotes || b.count.reported - a.count.reported || a.count.person.name.localeCompare(b.count.person.name));
}

function tally(ids: readonly (string | null)[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const id of ids) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}

// Knowledge is immutable, so its directory is made once per corpus (on first use): autocomplete asks on every keystroke.
const directories = new WeakMap<Knowledge, SpeakerDirectory>();

export function speakerDirectory(knowledge: Knowledge): SpeakerDirectory {
	let directory = directories.get(knowledge);
	if (!directory) {
		directory = new SpeakerDirectory(knowledge);
		directories.set(knowledge, directory);
	}
	return directory;
}
