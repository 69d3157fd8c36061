// Journalists ask about roles ("the new MP", "the runner-up", "the Labour candidate"); articles name
// people. The extracted results say who holds which role, so a question about a role can also look
// for that person's name. This only changes what the search looks for: the answer is still the
// paragraphs, cited as they are.
import type { CandidateResult, ElectionResult } from '../extract/index.js';
import { PARTY_FORMS_BY_LENGTH } from '../extract/lexicon.js';

const WINNER = /\b(?:new(?:ly[- ]elected)?|winning)\b(?:\s+[\p{L}-]+){0,3}?\s+(?:mp|member|candidate)\b|\bwinner\b|\bwho won\b|\bvictor\b/iu;
const RUNNER_UP = /\brunner[- ]up\b|\bcame second\b|\bsecond place\b|\bwho lost\b|\bbeaten candidate\b/i;
const PARTY_CANDIDATE = /\bcandidate\b/i;

/** Names to look for besides the question's own words (empty when no role can be resolved). */
export function namesForRoles(question: string, results: readonly ElectionResult[]): string[] {
	const party = partyNamed(question);
	const names = new Set<string>();
	for (const result of resultsAskedAbout(question, results, party)) {
		if (WINNER.test(question) && result.winner) names.add(result.winner.name);
		if (RUNNER_UP.test(question)) {
			const second = byVotes(result.candidates)[1];
			if (second) names.add(second.name);
		}
		if (party && PARTY_CANDIDATE.test(question) && !WINNER.test(question)) {
			for (const candidate of result.candidates) if (candidate.party?.value === party) names.add(candidate.name);
		}
	}
	return [...names];
}

/**
 * The by-elections a question is about: those whose constituency it names; else, when it names a
 * party, those that party won or contested; else the only one there is. Several candidates and no
 * way to choose: none, rather than a guess.
 */
function resultsAskedAbout(question: string, results: readonly ElectionResult[], party: string | null): ElectionResult[] {
	const words = new Set(question.toLowerCase().split(/[^\p{L}]+/u));
	// "Glenmorrie" asked names "Glenmorrie and Strathkell": any distinctive word of the seat will do.
	const named = results.filter((result) => distinctiveWords(result.constituency).some((word) => words.has(word)));
	if (named.length > 0) return named;
	if (party) {
		const won = results.filter((result) => (result.winner?.party?.value ?? result.winnerParty?.value) === party);
		if (won.length === 1 && WINNER.test(question)) return won;
		const contested = results.filter((result) => result.candidates.some((candidate) => candidate.party?.value === party));
		if (contested.length === 1) return contested;
	}
	// A by-election with no candidates on record cannot name anyone: it does not make the choice ambiguous.
	const withCandidates = results.filter((result) => result.winner !== null || result.candidates.length > 0);
	return withCandidates.length === 1 ? withCandidates : [];
}

function distinctiveWords(constituency: string): string[] {
	return constituency
		.toLowerCase()
		.split(/[^\p{L}]+/u)
		.filter((word) => word.length >= 4 && !GENERIC_PLACE_WORDS.has(word));
}

// Words many constituency names share: alone they do not say which seat is meant.
const GENERIC_PLACE_WORDS = new Set(['north', 'south', 'east', 'west', 'central', 'upper', 'lower', 'city', 'town', 'with', 'and', 'the', 'vale', 'valley', 'mid', 'great', 'little']);

function partyNamed(question: string): string | null {
	const lower = ` ${question.toLowerCase().replace(/[^\p{L}\s']/gu, ' ')} `;
	for (const [form, party] of PARTY_FORMS_BY_LENGTH) if (form.length > 3 && lower.includes(` ${form} `)) return party;
	return null;
}

function byVotes(candidates: readonly CandidateResult[]): CandidateResult[] {
	return candidates.filter((candidate) => candidate.votes !== null).sort((a, b) => (b.votes?.value ?? 0) - (a.votes?.value ?? 0));
}
