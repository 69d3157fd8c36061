// `result [constituency]`: the structured result of one by-election, every figure cited.

import { citationRefs, type ParagraphLookup } from './cite.js';
import type { Answer, ElectionResultView } from './model.js';
import { CitationList } from './quote.js';
import type { CandidateResult, ElectionResult, Knowledge, Sourced } from '../extract/types.js';
import { formatCount } from '../extract/text.js';
import { FuzzyTable } from './fuzzy.js';

function normalise(text: string): string {
	return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** One corpus' constituency names, normalised and ordered once (the corpus is immutable). */
interface Constituencies {
	/** In result order, as the answers list them. */
	names: readonly string[];
	/** `names` joined for the "Known: …" line. */
	listed: string;
	normalised: readonly string[];
	/** Result index of the first result with each normalised name. */
	firstByName: ReadonlyMap<string, number>;
	/** Normalised names by edit distance, for typos. */
	near: FuzzyTable;
	/** Names in autocomplete order (localeCompare, ties in result order), with their normalised forms. */
	sorted: ReadonlyArray<{ name: string; normalised: string }>;
}

const constituenciesByKnowledge = new WeakMap<Knowledge, Constituencies>();

/** Makes the constituency tables now, as the first /result or autocomplete would (Engine.warmUp). */
export function prepareResult(knowledge: Knowledge): void {
	constituencies(knowledge);
}

function constituencies(knowledge: Knowledge): Constituencies {
	let known = constituenciesByKnowledge.get(knowledge);
	if (!known) {
		const names = knowledge.results.map((result) => result.constituency);
		const normalised = names.map(normalise);
		const firstByName = new Map<string, number>();
		normalised.forEach((name, index) => {
			if (!firstByName.has(name)) firstByName.set(name, index);
		});
		const sorted = names.map((name, index) => ({ name, normalised: normalised[index] ?? '' })).sort((a, b) => a.name.localeCompare(b.name));
		known = { names, listed: names.join(', '), normalised, firstByName, near: new FuzzyTable(normalised), sorted };
		constituenciesByKnowledge.set(knowledge, known);
	}
	return known;
}

/** Known constituencies matching what the user typed (prefix or contained words), for autocomplete. */
export function constituencyChoices(knowledge: Knowledge, typed: string): string[] {
	const query = normalise(typed);
	const choices: string[] = [];
	for (const entry of constituencies(knowledge).sorted) {
		if (choices.length === 25) break;
		if (query === '' || entry.normalised.includes(query)) choices.push(entry.name);
	}
	return choices;
}

/** The one result the typed name means: the same name, else the only one containing it, else the only one within two edits. */
function findResult(knowledge: Knowledge, typed: string): ElectionResult | null {
	const query = normalise(typed);
	const known = constituencies(knowledge);
	const exact = known.firstByName.get(query);
	if (exact !== undefined) return knowledge.results[exact] ?? null;
	if (query.length >= 3) {
		const partial = onlyIndex(known.normalised, (name) => name.includes(query));
		if (partial !== null) return knowledge.results[partial] ?? null;
	}
	const close = known.near.within(query, 2);
	return close.length === 1 ? (knowledge.results[close[0]?.key ?? -1] ?? null) : null;
}

/** The index of the only name that passes, or null when none or several do. */
function onlyIndex(names: readonly string[], passes: (name: string) => boolean): number | null {
	let found: number | null = null;
	for (let index = 0; index < names.length; index++) {
		if (!passes(names[index] ?? '')) continue;
		if (found !== null) return null;
		found = index;
	}
	return found;
}

export function answerResult(knowledge: Knowledge, lookup: ParagraphLookup, constituency?: string): Answer {
	const query = constituency?.trim() || null;
	const known = constituencies(knowledge);
	// A copy: the answer is the caller's to keep, the list is the corpus'.
	const base = { command: 'result' as const, query, constituencies: [...known.names], citations: [], result: null };
	if (known.names.length === 0) {
		return { ...base, title: 'No results', summary: 'The sources report no by-election result.', found: false };
	}
	let chosen: ElectionResult | null;
	if (query) {
		chosen = findResult(knowledge, query);
		if (!chosen) {
			return { ...base, title: `No result for "${query}"`, summary: `The sources report no by-election result for "${query}". Known: ${known.listed}.`, found: false };
		}
	} else if (knowledge.results.length > 1) {
		return { ...base, title: 'By-elections in the sources', summary: `${known.names.length} by-elections in the sources: ${known.listed}. Name one to see its result.`, found: true };
	} else {
		chosen = knowledge.results[0] ?? null;
	}
	if (!chosen) return { ...base, title: 'No results', summary: 'The sources report no by-election result.', found: false };
	const citations = new CitationList(lookup);
	const view = toView(chosen, citations);
	return { ...base, title: `Result: ${chosen.constituency}`, summary: summarise(view), found: true, result: view, citations: citations.build() };
}

function toView(result: ElectionResult, citations: CitationList): ElectionResultView {
	const cite = <T>(value: Sourced<T> | null): number[] => (value ? citations.addAll(value.sources) : []);
	const candidate = (entry: CandidateResult): ElectionResultView['candidates'][number] => ({
		name: entry.name,
		party: entry.party?.value ?? null,
		votes: entry.votes?.value ?? null,
		citations: { party: cite(entry.party), votes: cite(entry.votes) },
	});
	const text = (value: Sourced<string> | null): { value: string; wording: string | null; citations: number[] } | null =>
		value ? { value: value.value, wording: value.wording ?? null, citations: cite(value) } : null;
	return {
		constituency: result.constituency,
		date: result.date ? { value: result.date.value, basis: result.date.basis, citations: cite(result.date) } : null,
		winner: result.winner ? { ...candidate(result.winner), basis: result.winner.basis } : null,
		winnerParty: text(result.winnerParty),
		candidates: result.candidates.map(candidate),
		majority: result.majority
			? {
					votes: result.majority.votes,
					computed: result.majority.computed,
					reported: text(result.majority.reported),
					citations: citations.addAll(result.majority.sources),
				}
			: null,
		gain: result.gain ? { value: result.gain.value, basis: result.gain.basis, wording: result.gain.wording ?? null, citations: cite(result.gain) } : null,
		previousParty: text(result.previousParty),
		conflicts: result.conflicts.map((conflict) => ({
			field: conflict.field,
			subject: conflict.subject,
			values: conflict.values.map((value) => ({ value: value.value, wording: value.wording ?? null, citations: cite(value) })),
		})),
	};
}

const refs = citationRefs;

function summarise(view: ElectionResultView): string {
	const parts: string[] = [];
	const line = (candidate: ElectionResultView['candidates'][number]): string =>
		`${candidate.name}${candidate.party ? ` (${candidate.party})` : ''}${candidate.votes !== null ? ` ${formatCount(candidate.votes)}` : ''} ${refs([...candidate.citations.votes, ...candidate.citations.party])}`.trim();
	if (view.winner) parts.push(`Winner: ${line(view.winner)}${view.winner.basis === 'most votes' ? ' (most votes)' : ''}.`);
	else if (view.winnerParty) parts.push(`Won by the ${view.winnerParty.value} party ${refs(view.winnerParty.citations)}.`);
	const others = view.candidates.filter((candidate) => candidate.name !== view.winner?.name);
	if (others.length > 0) parts.push(`Also: ${others.map(line).join('; ')}.`);
	if (view.majority) {
		const exact = view.majority.votes !== null ? `${formatCount(view.majority.votes)}${view.majority.computed ? ' (computed from the top two)' : ''}` : null;
		const reported = view.majority.reported ? `reported as "${view.majority.reported.value}" ${refs(view.majority.reported.citations)}` : null;
		const alreadyCited = new Set(view.majority.reported?.citations ?? []);
		const exactRefs = exact ? refs(view.majority.citations.filter((n) => !alreadyCited.has(n))) : '';
		parts.push(`Majority: ${[exact, reported].filter(Boolean).join(', ')} ${exactRefs}`.trim() + '.');
	}
	if (view.gain) {
		const from = view.previousParty ? ` from ${view.previousParty.value} ${refs(view.previousParty.citations)}` : '';
		const party = view.winner?.party ?? view.winnerParty?.value ?? '';
		parts.push(`${view.gain.value ? `${party} gain`.trim() : `${party} hold`.trim()}${view.gain.value ? from : ''} ${refs(view.gain.citations)}.`);
	} else if (view.previousParty) {
		parts.push(`Previously held by ${view.previousParty.value} ${refs(view.previousParty.citations)}.`);
	}
	if (view.date) parts.push(`Date: ${view.date.value}${view.date.basis === 'article date' ? ' (date of the reporting article)' : ''} ${refs(view.date.citations)}.`);
	if (view.conflicts.length > 0) parts.push(`Sources disagree: ${view.conflicts.map(conflictLine).join('; ')}.`);
	return `${view.constituency}. ${parts.join(' ')}`;
}

type ConflictView = ElectionResultView['conflicts'][number];

/** How each disputed field reads in copy: the model's field names are for code, not for readers. */
const CONFLICT_FIELDS: Readonly<Record<string, string>> = {
	votes: 'votes',
	party: 'party',
	name: 'name',
	winner: 'winner',
	majority: 'majority',
	previousParty: 'previously held by',
	gain: 'gain or hold',
};

/**
 * One disagreement as a reader reads it, each side with its sources:
 * "Drultford, previously held by: Labour [1] vs Liberal Democrat [2]".
 */
export function conflictLine(conflict: ConflictView): string {
	const field = CONFLICT_FIELDS[conflict.field] ?? conflict.field;
	const sides = conflict.values.map((side) => `${conflictValue(conflict.field, side.value)}${side.wording ? ` (${side.wording})` : ''} ${refs(side.citations)}`.trim());
	return `${conflict.subject}, ${field}: ${sides.join(' vs ')}`;
}

/** A gain is stored as "true" or "false", and a computed count as bare digits. */
function conflictValue(field: string, value: string): string {
	if (field === 'gain' && (value === 'true' || value === 'false')) return value === 'true' ? 'gain' : 'hold';
	return /^\d+$/.test(value) ? formatCount(Number(value)) : value;
}
