// Who is quoted, looked up by name: the people of one corpus with their name forms normalised once,
// indexed for the three questions asked of them on every call (`quote`, and autocomplete on every
// keystroke): whom does a typed name mean, who contains these letters, and who is nearest to a name
// nobody matched. Answers are exactly those of comparing the typed name with every person
// (test/answer/speakers.test.ts checks them against that scan); only the work is indexed.
import type { Knowledge, Person, Quote, ReportedLine } from '../extract/types.js';
import { HONORIFICS } from '../extract/lexicon.js';
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
	const forms = new Set<string>();
	for (const alias of person.aliases) {
		const normal = normaliseName(alias);
		if (normal === '') continue;
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
/** Suggestions compare names up to this many edits; further ones all count as this + 1. */
const SUGGESTION_DISTANCE = 20;
/** Substrings of normalised aliases indexed for autocomplete: 1, 2 and 3 characters. */
const GRAM = 3;

/** One corpus' people, read-only once built. */
export class SpeakerDirectory {
	/** Speakers (quoted or reported), most-quoted first: the order autocomplete and the list use. */
	readonly speakers: readonly SpeakerCount[];
	/** A speaker's person index, by rank (place in `speakers`). */
	private readonly personOfRank: Int32Array;
	/** A person's rank, by person index; -1 for people never quoted or reported. */
	private readonly rankOfPerson: Int32Array;
	/** Normalised aliases per person index (empty ones left out). */
	private readonly aliases: readonly string[][];
	private readonly hasForms: readonly boolean[];
	private readonly byAlias = new Map<string, number[]>();
	private readonly byForm = new Map<string, number[]>();
	/** Every distinct name form, and the people (indices, ascending) each belongs to. */
	private readonly forms: FuzzyTable;
	private readonly formPeople: number[][] = [];
	/** Speaker ranks (ascending) whose normalised aliases contain a 1-, 2- or 3-character string. */
	private readonly grams = new Map<string, number[]>();
	private readonly quotesByPerson = new Map<string, Quote[]>();
	private readonly reportedByPerson = new Map<string, ReportedLine[]>();
	private nameOrder: number[] | null = null;

	constructor(private readonly knowledge: Knowledge) {
		const ranked = rankSpeakers(knowledge);
		this.speakers = ranked.map((entry) => entry.count);
		this.personOfRank = Int32Array.from(ranked, (entry) => entry.person);
		this.rankOfPerson = new Int32Array(knowledge.people.length).fill(-1);
		this.personOfRank.forEach((person, rank) => (this.rankOfPerson[person] = rank));
		this.aliases = knowledge.people.map((person) => person.aliases.map(normaliseName).filter((alias) => alias !== ''));
		const formsByPerson = knowledge.people.map(nameForms);
		this.hasForms = formsByPerson.map((forms) => forms.length > 0);
		const formKeys = new Map<string, number>();
		formsByPerson.forEach((forms, person) => {
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
		this.forms = new FuzzyTable([...formKeys.keys()]);
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
	 * (counted up to 20), then by name, then most-quoted first.
	 */
	closest(typed: string): string[] {
		const query = normaliseName(typed);
		const search = new NearestSpeakers(this.speakers.length);
		this.forms.nearest(query, () => search.limit(), (key, distance) => {
			for (const person of this.formPeople[key] ?? []) {
				const rank = this.rankOfPerson[person] ?? -1;
				if (rank >= 0) search.record(rank, distance);
			}
		});
		const ranks = search.complete() ? search.within() : this.withTheFarthest(search);
		return ranks
			.map((rank) => ({ rank, name: this.speakers[rank]?.person.name ?? '', distance: search.distance(rank) }))
			.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name) || a.rank - b.rank)
			.slice(0, SUGGESTIONS)
			.map((entry) => entry.name);
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

	/** Ranks of the first CHOICES speakers with an alias containing `query`, found through its rarest short substring. */
	private containing(query: string): number[] {
		const size = Math.min(GRAM, query.length);
		let rarest: readonly number[] | undefined;
		for (let at = 0; at + size <= query.length; at++) {
			const posting = this.grams.get(query.slice(at, at + size)) ?? [];
			if (!rarest || posting.length < rarest.length) rarest = posting;
		}
		const found: number[] = [];
		for (const rank of rarest ?? []) {
			if (this.aliasesOfRank(rank).some((alias) => alias.includes(query))) found.push(rank);
			if (found.length === CHOICES) break;
		}
		return found;
	}

	private aliasesOfRank(rank: number): readonly string[] {
		return this.aliases[this.personOfRank[rank] ?? -1] ?? [];
	}

	private indexGrams(): void {
		for (let rank = 0; rank < this.speakers.length; rank++) {
			for (const alias of this.aliasesOfRank(rank)) {
				for (let size = 1; size <= GRAM; size++) {
					for (let at = 0; at + size <= alias.length; at++) {
						const gram = alias.slice(at, at + size);
						const posting = this.grams.get(gram);
						if (!posting) this.grams.set(gram, [rank]);
						else if (posting[posting.length - 1] !== rank) posting.push(rank);
					}
				}
			}
		}
	}

	/**
	 * Fewer than five speakers within 20 edits: every other speaker counts as 21 edits away (or
	 * infinitely far, with no name form at all), so the rest are taken in name order.
	 */
	private withTheFarthest(search: NearestSpeakers): number[] {
		const near = search.within();
		const taken = new Set(near);
		const rest = this.byName().filter((rank) => !taken.has(rank));
		const hasForms = (rank: number): boolean => this.hasForms[this.personOfRank[rank] ?? -1] === true;
		const far = [...rest.filter(hasForms), ...rest.filter((rank) => !hasForms(rank))].slice(0, SUGGESTIONS);
		for (const rank of far) search.settle(rank, hasForms(rank) ? SUGGESTION_DISTANCE + 1 : Number.POSITIVE_INFINITY);
		return [...near, ...far];
	}

	/** Speaker ranks in name order (ties most-quoted first); made only when a search needs it. */
	private byName(): number[] {
		this.nameOrder ??= this.speakers.map((_, rank) => rank).sort((a, b) => (this.speakers[a]?.person.name ?? '').localeCompare(this.speakers[b]?.person.name ?? '') || a - b);
		return this.nameOrder;
	}
}

/**
 * The running best distance of each speaker visited, and how many speakers are at each distance:
 * enough to know the fifth-best distance so far, beyond which no name form needs computing.
 */
class NearestSpeakers {
	private readonly best: Float64Array;
	private readonly atDistance = new Int32Array(SUGGESTION_DISTANCE + 2);
	private readonly visited: number[] = [];

	constructor(speakers: number) {
		this.best = new Float64Array(speakers).fill(Number.NaN);
	}

	record(rank: number, distance: number): void {
		const old = this.best[rank] ?? Number.NaN;
		if (Number.isNaN(old)) this.visited.push(rank);
		else if (old <= distance) return;
		else this.atDistance[old] = (this.atDistance[old] ?? 0) - 1;
		this.best[rank] = distance;
		this.atDistance[distance] = (this.atDistance[distance] ?? 0) + 1;
	}

	/** The fifth-best distance so far, or 20 while fewer than five are within 20. */
	limit(): number {
		let seen = 0;
		for (let distance = 0; distance <= SUGGESTION_DISTANCE; distance++) {
			seen += this.atDistance[distance] ?? 0;
			if (seen >= SUGGESTIONS) return distance;
		}
		return SUGGESTION_DISTANCE;
	}

	/** Whether five speakers are within 20 edits (then nobody unvisited can place). */
	complete(): boolean {
		let seen = 0;
		for (let distance = 0; distance <= SUGGESTION_DISTANCE; distance++) seen += this.atDistance[distance] ?? 0;
		return seen >= SUGGESTIONS;
	}

	/** Speakers within the final limit: their distances are exact. */
	within(): number[] {
		const limit = this.limit();
		return this.visited.filter((rank) => (this.best[rank] ?? Number.NaN) <= limit);
	}

	settle(rank: number, distance: number): void {
		this.best[rank] = distance;
	}

	distance(rank: number): number {
		return this.best[rank] ?? Number.NaN;
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
