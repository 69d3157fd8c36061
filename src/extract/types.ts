import type { Gender } from './lexicon.js';

/** A paragraph's identity: every extracted fact points back to one. */
export interface ParagraphRef {
	articleId: string;
	paragraph: number;
}

export interface Person {
	/** Stable within one Knowledge: `p1`, `p2`, … in order of first appearance in the corpus. */
	id: string;
	/** The fullest form the sources use, with a title such as Sir or Lord when they use one. */
	name: string;
	/** Every written form that refers to this person (full names, spellings, `Mr X`, the bare surname). */
	aliases: string[];
	gender: Gender | null;
	/** Roles as the text gives them (`Labour leader`, `Conservative candidate`), first seen first. */
	roles: string[];
	party: string | null;
	/** Spellings of the name that differ between sources (edit distance 1): shown, never hidden. */
	spellings: string[];
	mentions: ParagraphRef[];
}

export type QuoteKind = 'full' | 'partial';

/** One quote as it appears in one paragraph of one article. */
export interface QuoteOccurrence extends ParagraphRef {
	/** The quoted words as written in this paragraph (without the marks). */
	text: string;
	/** Offsets of `text` inside the paragraph text. */
	start: number;
	end: number;
	kind: QuoteKind;
	speakerId: string | null;
	/** How the speaker was found (`said: "`, pronoun, continuation …), for audit and the eval report. */
	attribution: string | null;
	/** Occurrences of one quote running over several paragraphs share this id. */
	spanId: string;
}

/** A quote after deduplication: the same words in several places are one quote. */
export interface Quote {
	id: string;
	speakerId: string | null;
	text: string;
	kind: QuoteKind;
	occurrences: QuoteOccurrence[];
	/** Other wordings of the same quote in other sources, as written. */
	variants: string[];
}

/** A sentence reporting what a person said, without a direct quote. */
export interface ReportedLine extends ParagraphRef {
	personId: string;
	/** The whole sentence, as written. */
	text: string;
	verb: string;
	start: number;
	end: number;
}

/** A value and the paragraphs that state it. */
export interface Sourced<T> {
	value: T;
	sources: ParagraphRef[];
	/** The words of the source when they are not the value itself (`almost 5,000`, `held the seat`). */
	wording?: string;
}

export interface CandidateResult {
	name: string;
	personId: string | null;
	party: Sourced<string> | null;
	votes: Sourced<number> | null;
}

export interface Conflict {
	field: 'votes' | 'party' | 'name' | 'winner' | 'majority' | 'previousParty' | 'gain';
	/** Whose figure disagrees (a candidate's name), or the constituency for election-wide fields. */
	subject: string;
	values: Sourced<string>[];
}

export interface MajorityResult {
	/** Exact majority: stated by a source, or computed from the top two vote counts. */
	votes: number | null;
	computed: boolean;
	/** What a source says when it rounds (`almost 5,000`). */
	reported: Sourced<string> | null;
	sources: ParagraphRef[];
}

export interface ElectionResult {
	constituency: string;
	/** Paragraphs that name the constituency in this sense. */
	sources: ParagraphRef[];
	/** Stated in the text, or the date of an article reporting the result (labelled by `basis`). */
	date: (Sourced<string> & { basis: 'text' | 'article date' }) | null;
	candidates: CandidateResult[];
	winner: (CandidateResult & { basis: 'stated' | 'most votes' }) | null;
	/** The winning party when a source names only the party (`the Conservatives won the seat`). */
	winnerParty: Sourced<string> | null;
	majority: MajorityResult | null;
	gain: (Sourced<boolean> & { basis: 'stated' | 'implied' }) | null;
	previousParty: Sourced<string> | null;
	conflicts: Conflict[];
}

export interface Knowledge {
	people: Person[];
	quotes: Quote[];
	reported: ReportedLine[];
	results: ElectionResult[];
}
