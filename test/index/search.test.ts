import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import type { Answer } from '../../src/answer/model.js';

let engine: Engine;

beforeAll(async () => {
	engine = await Engine.fromDirectory('test/fixtures/search');
});

function cited(answer: Answer): string[] {
	return answer.citations.map((c) => `${c.source}#${c.paragraph}`);
}

function firstCitation(question: string): string | undefined {
	return cited(engine.ask(question))[0];
}

describe('ask: query handling', () => {
	it('matches numbers with or without thousands separators', () => {
		expect(firstCitation('18204')).toBe('01_ashby-vale.txt#2');
		expect(firstCitation('18,204 votes')).toBe('01_ashby-vale.txt#2');
		expect(engine.ask('2310').citations[0]?.source).toBe('02_ashby-vale-agency.txt');
	});

	it('forgives typos in names', () => {
		expect(firstCitation('Okonkwo-Hail votes')).toMatch(/#2$/);
		expect(firstCitation('what did Tullie do')).toBe('01_ashby-vale.txt#5');
	});

	it('is case and accent insensitive', () => {
		expect(firstCitation('TURNOUT')).toBe('01_ashby-vale.txt#3');
		expect(firstCitation('turnoüt')).toBe(firstCitation('turnout'));
	});

	it('understands election synonyms', () => {
		// "Tories" in the question, "Conservative" in the answer.
		expect(cited(engine.ask('How many votes did the Tory candidate get?'))).toContain('01_ashby-vale.txt#2');
		// "margin" asked, "majority" written.
		expect(firstCitation('What was the margin in Corran Head?')).toBe('03_corran-head.txt#1');
		// "quit" asked, "stood down" written.
		expect(firstCitation('Why did the previous MP quit?')).toBe('01_ashby-vale.txt#5');
	});

	it('uses the answer type a question asks for', () => {
		expect(firstCitation('How old is the new MP for Corran Head?')).toBe('03_corran-head.txt#2');
		expect(firstCitation('What share of the electorate actually voted?')).toBe('01_ashby-vale.txt#3');
		expect(firstCitation('Where was the count held?')).toBe('01_ashby-vale.txt#4');
		expect(firstCitation('What time was the result announced in Ashby Vale?')).toBe('01_ashby-vale.txt#4');
	});

	it('ranks paragraphs containing a quoted phrase first', () => {
		const answer = engine.ask('"sent a message"');
		expect(cited(answer)[0]).toBe('01_ashby-vale.txt#6');
		// Without the quotation marks, a paragraph with the words apart may come first; with them it may not.
		for (const citation of engine.ask('what "not surprised" meant').citations.slice(0, 1)) expect(citation.text).toContain('not surprised');
	});

	it('merges near-identical paragraphs from different articles into one hit with two citations', () => {
		const answer = engine.ask('How many votes did Okonkwo-Hale get?');
		const first = answer.citations[0]!;
		expect(`${first.source}#${first.paragraph}`).toBe('01_ashby-vale.txt#2');
		expect(first.corroboratedBy).toEqual([expect.objectContaining({ source: '02_ashby-vale-agency.txt', paragraph: 1 })]);
		expect(cited(answer)).not.toContain('02_ashby-vale-agency.txt#1');
	});

	it('marks the matched words inside the excerpt', () => {
		const citation = engine.ask('turnout')
			.citations[0]!;
		const marked = citation.marks.map((m) => citation.excerpt.slice(m.start, m.end));
		expect(marked).toEqual(['Turnout']);
	});
});

describe('ask: the relevance floor', () => {
	it.each(['What is the capital of France?', 'Who won the Champions League final in 2019?', 'Who won the by-election in Barnsley?', 'recipe for banana bread'])(
		'says "%s" is not in the sources, with no citation',
		(question) => {
			const answer = engine.ask(question);
			expect(answer.found).toBe(false);
			expect(answer.citations).toEqual([]);
			expect(answer.summary).toMatch(/^Not in the sources/);
		},
	);

	it('answers an empty or blank question plainly instead of throwing', () => {
		for (const question of ['', '   ']) {
			const answer = engine.ask(question);
			expect(answer.found).toBe(false);
			expect(answer.citations).toEqual([]);
		}
	});

	it('suggests the closest terms the index knows', () => {
		const answer = engine.ask('What did the parmedics say about Okonkwo?');
		if (answer.found) return expect(answer.citations[0]?.text).toContain('paramedic');
		expect(answer.command === 'ask' && answer.suggestions).toContain('paramedic');
	});

	it('gives an answer for a question in the sources', () => {
		const answer = engine.ask('Who won the Ashby Vale by-election?');
		expect(answer.found).toBe(true);
		// Either paragraph names the winner: the party's victory, or the winning candidate's vote.
		expect(answer.citations[0]?.text).toMatch(/Liberal Democrats have won|Okonkwo-Hale took/);
	});
});
