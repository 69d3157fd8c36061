import { describe, it, expect } from 'vitest';
import { articleFromText } from './seed-articles.js';
import { findQuoteSegments } from '../../src/extract/quotes.js';
import { extractKnowledge } from '../../src/extract/index.js';

function segments(text: string) {
	return findQuoteSegments(articleFromText('t.txt', text));
}

function speakerOf(text: string, words: string): string | null {
	const knowledge = extractKnowledge([articleFromText('t.txt', text)]);
	const quote = knowledge.quotes.find((candidate) => candidate.text.includes(words));
	if (!quote) throw new Error(`no quote with "${words}"`);
	return knowledge.people.find((person) => person.id === quote.speakerId)?.name ?? null;
}

describe('quote boundaries', () => {
	it('does not treat apostrophes as quote marks', () => {
		expect(segments('The Tories’ candidate said: “We haven’t lost yet.”').map((segment) => segment.text)).toEqual(['We haven’t lost yet.']);
	});

	it('follows a quote over paragraphs that each reopen it', () => {
		const found = segments('Jane Roe said: "First part.\n\n"Second part.\n\n"Last part."\n\nThe count ended.');
		expect(found.map((segment) => segment.text)).toEqual(['First part.', 'Second part.', 'Last part.']);
		expect(new Set(found.map((segment) => segment.spanId)).size).toBe(1);
	});

	it('closes a quote left open at the end of the article', () => {
		expect(segments('Jane Roe said: "We will be back').map((segment) => segment.text)).toEqual(['We will be back']);
	});

	it('separates full quotes from partial quotes', () => {
		const found = segments('Jane Roe said she was "thrilled" and added: "It is a great night."');
		expect(found.map((segment) => segment.kind)).toEqual(['partial', 'full']);
	});

	it('survives a long run of marks and letters quickly', () => {
		const hostile = `${'"a '.repeat(2000)}${'x'.repeat(6000)}`;
		const started = Date.now();
		extractKnowledge([articleFromText('h.txt', `${hostile}\n\n${'Mr '.repeat(2000)}said`)]);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});

describe('speaker attribution', () => {
	it('never gives a quote to a person named inside it', () => {
		expect(speakerOf('Councillor Mary Stone said: "Nobody can blame Peter Lakin for this."', 'Nobody can blame')).toBe('Mary Stone');
	});

	it('handles two speakers in one paragraph', () => {
		const text = '"We won," said Mr Tom Baxter. Ms Ruth Hale replied: "We will be back."';
		expect(speakerOf(text, 'We won')).toBe('Tom Baxter');
		expect(speakerOf(text, 'We will be back')).toBe('Ruth Hale');
	});

	it('leaves a pronoun unattributed when two people could fit', () => {
		const text = 'Mr Tom Baxter and Mr Alan Reed met at the count.\n\nHe said: "It was close."';
		expect(speakerOf(text, 'It was close')).toBeNull();
	});

	it('does not reach past a paragraph about someone else for an unknown-gender pronoun', () => {
		const text = 'Ms Ruth Hale said: "A fine result."\n\nGreen candidate Sam Ortiz finished fourth.\n\nShe said: "We will keep going."';
		expect(speakerOf(text, 'We will keep going')).not.toBe('Sam Ortiz');
	});

	it('resolves a surname and a title to the same person', () => {
		const text = 'Labour candidate Ruth Hale won.\n\n"It is a great night," Hale said.\n\nMs Hale added: "Thank you all."';
		expect(speakerOf(text, 'great night')).toBe('Ruth Hale');
		expect(speakerOf(text, 'Thank you all')).toBe('Ruth Hale');
	});
});
