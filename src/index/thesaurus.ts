// A by-election thesaurus: journalists ask in their words, articles answer in theirs. Each group
// lists phrases that mean the same thing here; a question that uses one is expanded with the rest
// at a lower weight, so the question's own words still count most.
import { terms } from './analyse.js';

const GROUPS: readonly (readonly string[])[] = [
	['won', 'win', 'winner', 'victory', 'victorious', 'defeated', 'beat', 'elected', 'triumph', 'new MP', 'took the seat'],
	['majority', 'margin', 'lead', 'by how much', 'close', 'narrow', 'ahead'],
	['conservative', 'conservatives', 'tory', 'tories'],
	['lib dem', 'lib dems', 'liberal democrat', 'liberal democrats'],
	['quit', 'resign', 'resigned', 'resignation', 'step down', 'stepped down', 'stood down', 'stand down', 'standing down'],
	['turnout', 'share voted', 'electorate', 'went to the polls', 'cast their ballots', 'voters'],
	['count', 'counted', 'counting', 'tally', 'declared', 'declaration', 'announced', 'announce', 'result'],
	['seat', 'constituency'],
	['parliament', 'commons', 'westminster'],
	['enter', 'take seat', 'take her seat', 'take his seat', 'sworn in', 'introduced'],
	['job', 'works', 'living', 'occupation', 'career', 'former', 'profession'],
	['academics', 'professor', 'political scientist', 'expert', 'analyst', 'university'],
	['candidate', 'stood', 'standing', 'contested', 'ran'],
	['second', 'runner-up', 'came second', 'second place', 'finished second', 'trailing', 'ahead of'],
	['third', 'came third'],
	['old', 'age', 'aged', 'year-old'],
	['venue', 'held', 'hall', 'centre', 'center'],
	['died', 'death', 'passed away'],
	['recall', 'recall petition', 'ousted', 'thrown out', 'unseated', 'removed', 'kicked out'],
	['wrong', 'wrongdoing', 'scandal', 'misconduct', 'expenses', 'investigation', 'suspended', 'suspension', 'breach', 'broke the rules'],
	['called', 'triggered', 'prompted', 'caused', 'why'],
	['green', 'greens', 'green party'],
	['lost', 'defeat', 'defeated', 'beaten'],
	['votes', 'ballots'],
	['changed hands', 'gain', 'gained', 'took', 'held', 'hold', 'retained'],
	['previous', 'former', 'predecessor', 'replace', 'replaced', 'before', 'previously', 'held', 'sitting', 'outgoing', 'incumbent', 'represented'],
	['say', 'says', 'saying', 'said', 'told', 'added', 'tweeted', 'reacted', 'response', 'reaction'],
];

/** term → the other terms of every group it belongs to. Built once at module load. */
const EXPANSIONS: ReadonlyMap<string, readonly string[]> = buildExpansions();

function buildExpansions(): Map<string, string[]> {
	const expansions = new Map<string, Set<string>>();
	for (const group of GROUPS) {
		const groupTerms = new Set(group.flatMap((phrase) => terms(phrase)));
		for (const term of groupTerms) {
			const others = expansions.get(term) ?? new Set<string>();
			for (const other of groupTerms) if (other !== term) others.add(other);
			expansions.set(term, others);
		}
	}
	return new Map([...expansions].map(([term, others]) => [term, [...others]]));
}

/** Terms that mean what `questionTerms` mean, excluding the question's own terms. */
export function expandTerms(questionTerms: readonly string[]): string[] {
	const own = new Set(questionTerms);
	const added = new Set<string>();
	for (const term of questionTerms) for (const other of EXPANSIONS.get(term) ?? []) if (!own.has(other)) added.add(other);
	return [...added];
}
