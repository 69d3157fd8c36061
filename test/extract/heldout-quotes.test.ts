// Quote attribution on articles the rules were not written against: the six ask-eval articles
// (labelled in test/fixtures/extract-heldout) and invented articles built around attribution traps
// (test/fixtures/extract-heldout-quotes). Both label sets were written before the extractor was run.
import { describe, it, expect } from 'vitest';
import { HELDOUT_FIXTURES, HELDOUT_QUOTES_FIXTURES, evaluate, loadFixtures } from '../../src/eval/attribution.js';
import { extractKnowledge } from '../../src/extract/index.js';
import { articleFromText } from './seed-articles.js';

describe.each([
	['the six ask-eval articles', HELDOUT_FIXTURES, 6],
	['the invented attribution traps', HELDOUT_QUOTES_FIXTURES, 7],
])('quote attribution on %s', (_name, folder, articleCount) => {
	const { articles, labels } = loadFixtures(folder);
	const report = evaluate(extractKnowledge(articles), labels);

	it('labels quotes in every article, some with nobody as the speaker', () => {
		expect(articles).toHaveLength(articleCount);
		for (const article of articles) expect(labels.quotes.some((label) => label.article === article.id), article.id).toBe(true);
		expect(labels.quotes.some((label) => label.speaker === null)).toBe(true);
		expect(report.errors.filter((error) => error.startsWith('quote not found'))).toEqual([]);
	});

	it('names a wrong speaker for at most 1% of the quotes it attributes', () => {
		expect(report.quotes.precision, report.errors.join('\n')).toBeGreaterThanOrEqual(0.99);
	});

	it('finds the speaker of at least 90% of the quotes whose text names one', () => {
		expect(report.quotes.recall, report.errors.join('\n')).toBeGreaterThanOrEqual(0.9);
	});
});

/** Speakers of every quote occurrence, in reading order (null: unattributed). */
function speakers(text: string): Array<string | null> {
	const knowledge = extractKnowledge([articleFromText('trap.txt', text)]);
	const names = new Map(knowledge.people.map((person) => [person.id, person.name]));
	return knowledge.quotes
		.flatMap((quote) => quote.occurrences)
		.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start)
		.map((occurrence) => (occurrence.speakerId ? (names.get(occurrence.speakerId) ?? '?') : null));
}

describe('attribution traps: a wrong speaker is worse than none', () => {
	it.each<[string, string, Array<string | null>]>([
		['a party spokesman and his `He added`', 'A Conservative spokesman said: "We held on." He added: "Labour fell short."', [null, null]],
		['someone spoken to, not speaking', 'Jane Morrow, the Labour candidate, was asked: "Will you resign?" She replied: "No."', [null, 'Jane Morrow']],
		['a quote told to someone', '"You will never win," Tom Hale was told by a voter.', [null]],
		['a name inside the object of `of`', 'In a statement, the family of the former MP, Angus Orr, who died in March, said: "He loved this town."', [null]],
		['a role inside the object of `for`', 'The agent for the Labour candidate, Jane Morrow, said: "We lost."', [null]],
		['a possessive role without a name', 'Tom Hale, the MP, resigned. "A sad day," said Tom Hale\'s agent.', [null]],
		['a copula and colon with nobody as subject', 'Ann Vell, the Labour candidate, lost. The mood was grim: "We lost."', [null]],
		['`according to` when someone else has the speech verb', 'The minister said the result was "a shock", according to Tom Hale, a pollster.', [null]],
		['a pronoun with two people of that gender in sight', 'Mr Tom Hale and Mr Bill Vell shook hands. "A clean fight," he said.', [null]],
		['a pronoun with someone of unknown gender in between', 'Mrs Ann Vell met Tom Hale, the Green candidate. "Well done," she said.', [null]],
		['a statement issued by a party, not a person', 'Tom Hale, the MP, resigned. The party issued a statement. "We are sad," it read.', [null]],
	])('%s', (_name, text, expected) => {
		expect(speakers(text)).toEqual(expected);
	});

	it.each<[string, string, Array<string | null>]>([
		['`said X\'s agent, Y`', '"We gave it everything," said Tom Hale\'s agent, Ann Vell.', ['Ann Vell']],
		['an age and a description before the verb', 'Tom Hale, 61, a retired teacher, said: "A long night."', ['Tom Hale']],
		['`according to X, a pollster`', 'The result was "a shock", according to Tom Hale, a pollster.', ['Tom Hale']],
		['`according to X\'s agent, Y`', 'The party was "finished", according to Tom Hale\'s agent, Ann Vell.', ['Ann Vell']],
		['two quoted objects of one verb', 'Ann Vell, the Labour candidate, said she was "gutted" but "proud" and would "reflect".', ['Ann Vell', 'Ann Vell', 'Ann Vell']],
		['two speakers in one sentence', 'Ann Vell said she was "gutted", but Tom Hale called it "a triumph".', ['Ann Vell', 'Tom Hale']],
		['`X verbed … but said`', 'Tom Hale, the Green candidate, congratulated his opponent but said it was "a fluke".', ['Tom Hale']],
		['a copula and colon', 'Ann Vell, the Green candidate, came third.\n\nVell, whose party had hoped for more, was blunt: "We lost."', ['Ann Vell']],
		['`X\'s verdict was stark:`', 'Tom Hale, the MP, lost. Tom Hale\'s verdict was stark: "We lost."', ['Tom Hale']],
		['`quoted as saying`', 'Ann Vell, the MP, was quoted as saying: "We won."', ['Ann Vell']],
		['a statement and `it read`', 'Tom Hale, the MP, issued a statement. "I am retiring," it read.', ['Tom Hale']],
		['a possessive describing the next person', 'Mr Tom Hale\'s rival, Mr Bill Vell, spoke next. "A fair result," he said.', ['Bill Vell']],
	])('reads %s', (_name, text, expected) => {
		expect(speakers(text)).toEqual(expected);
	});

	it('gives a quote-only paragraph to the person the next paragraph names, not to the last speaker', () => {
		const text = ['Jane Morrow said: "We won."', '"If they can lose here, they can lose anywhere."', 'Those were the words of Tom Hale, the Green candidate.'].join('\n\n');
		expect(speakers(text)).toEqual(['Jane Morrow', 'Tom Hale']);
		const story = ['Jane Morrow said: "We won."', '"We knew it was close.', '"This is for every family."', 'Tom Hale said those words to a crowd outside.'].join('\n\n');
		expect(speakers(story)).toEqual(['Jane Morrow', 'Tom Hale', 'Tom Hale']);
		const cheers = ['Tom Hale, the Green candidate, came second.', 'Jane Morrow said: "We won."', '"They are finished."', "Tom Hale's words drew cheers from his supporters."].join('\n\n');
		expect(speakers(cheers)).toEqual(['Jane Morrow', 'Tom Hale']);
	});

	it('leaves such a quote unattributed when the next paragraph credits someone it cannot name', () => {
		const text = ['Jane Morrow said: "We won."', '"They are finished."', 'Those were the words of a senior Labour source.'].join('\n\n');
		expect(speakers(text)).toEqual(['Jane Morrow', null]);
	});

	it('does not carry a few words of reported speech over to the next quote paragraph', () => {
		const text = ['Ann Vell, the Labour candidate, said it was "a disaster".', '"We will fight on."'].join('\n\n');
		expect(speakers(text)).toEqual(['Ann Vell', null]);
	});
});
