// Plain-text lines shared by every face: the console prints them as they are, the embed renderer
// escapes them for Discord. One wording of a result or a verdict, wherever it is shown.
import type { ElectionResultView, QuoteAnswer, VerifyAnswer } from '../answer/model.js';
import { citationRefs as refs } from '../answer/cite.js';
import { conflictLine } from '../answer/result.js';
import { formatCount } from '../extract/text.js';

export const VERDICTS = { exact: 'word for word', close: 'close, with differences', 'not found': 'not found in the sources' } as const;

export { citationRefs as refs } from '../answer/cite.js';

type CandidateView = ElectionResultView['candidates'][number];

export function candidateLine(candidate: CandidateView): string {
	const party = candidate.party ? ` (${candidate.party})` : '';
	const votes = candidate.votes === null ? '' : ` — ${formatCount(candidate.votes)} votes`;
	return `${candidate.name}${party}${votes} ${refs([...candidate.citations.party, ...candidate.citations.votes])}`;
}

/** Date, winner, majority, gain or hold, previous party: each with the citations that state it. */
export function resultFactLines(result: ElectionResultView): string[] {
	const facts: string[] = [];
	if (result.date) facts.push(`Date: ${result.date.value}${result.date.basis === 'article date' ? ' (date of the report)' : ''} ${refs(result.date.citations)}`);
	if (result.winner) facts.push(`Winner: ${candidateLine(result.winner)}`);
	else if (result.winnerParty) facts.push(`Winning party: ${result.winnerParty.value} ${refs(result.winnerParty.citations)}`);
	if (result.majority) {
		const m = result.majority;
		const stated = m.reported ? `, reported as “${m.reported.wording ?? m.reported.value}”` : '';
		const figure = m.votes === null ? (m.reported?.wording ?? m.reported?.value ?? 'unknown') : `${formatCount(m.votes)}${m.computed ? ' (computed from the votes)' : ''}${stated}`;
		facts.push(`Majority: ${figure} ${refs(m.citations)}`);
	}
	if (result.gain) {
		const from = result.gain.value && result.previousParty ? ` from ${result.previousParty.value}` : '';
		const winner = result.winner?.party ?? result.winnerParty?.value;
		const what = `${winner ? `${winner} ` : ''}${result.gain.value ? 'gain' : 'hold'}${from}`;
		facts.push(`${what.charAt(0).toUpperCase()}${what.slice(1)}${result.gain.basis === 'implied' ? ' (implied by the text)' : ''} ${refs(result.gain.citations)}`);
	}
	if (result.previousParty) facts.push(`Previously held by: ${result.previousParty.value} ${refs(result.previousParty.citations)}`);
	return facts;
}

export function conflictLines(result: ElectionResultView): string[] {
	return result.conflicts.map(conflictLine);
}

export function reportedLines(answer: QuoteAnswer): string[] {
	return answer.reported.map((r) => `${r.speaker}: ${r.text} ${refs(r.citations)}`);
}

export function speakerLines(answer: QuoteAnswer): string[] {
	return answer.speakers.map((s) => `${s.name} — ${s.quotes} quote${s.quotes === 1 ? '' : 's'}${s.reported ? `, ${s.reported} reported` : ''}`);
}

type MatchView = VerifyAnswer['matches'][number];

export function matchHeading(match: MatchView, index: number): string {
	const where = match.inQuote ? 'inside a direct quote' : 'in the writer’s words, not a quote';
	return `Match ${index + 1}: ${VERDICTS[match.verdict]}, ${where} ${refs(match.citations)}`;
}

export function differenceLines(match: MatchView): string[] {
	return match.differences.map((d) =>
		d.checked === '' ? `the source adds “${d.source}”` : d.source === '' ? `the source does not have “${d.checked}”` : `checked “${d.checked}” → source “${d.source}”`,
	);
}
