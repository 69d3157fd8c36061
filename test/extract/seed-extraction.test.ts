import { describe, it, expect } from 'vitest';
import { loadSeedArticles } from './seed-articles.js';
import { extractKnowledge } from '../../src/extract/index.js';

const knowledge = extractKnowledge(loadSeedArticles());
const personNamed = (surname: string) => knowledge.people.find((person) => person.aliases.includes(surname));

describe('seed extraction', () => {
	it('merges the two spellings of one name and keeps both', () => {
		const abbott = personNamed('Abbott');
		expect(abbott).toBeDefined();
		expect(abbott?.aliases).toContain('Diane Abbot');
		expect(abbott?.spellings.length).toBe(2);
	});

	it('does not make the person named inside a quote its speaker', () => {
		const corbyn = personNamed('Corbyn');
		const blame = knowledge.quotes.find((quote) => /not possible to blame/i.test(quote.text));
		expect(blame?.speakerId).not.toBe(corbyn?.id);
		expect(blame?.speakerId).toBe(personNamed('Abbott')?.id);
	});

	it('joins a quote opened at a paragraph end and closed in the next', () => {
		const crushing = knowledge.quotes.find((quote) => quote.text.startsWith('Crushing defeat'));
		expect(crushing?.kind).toBe('full');
		const continued = knowledge.quotes.filter((quote) => quote.occurrences.some((occurrence) => occurrence.articleId.startsWith('002') && occurrence.paragraph === 6));
		expect(continued.length).toBeGreaterThan(0);
		expect(continued.every((quote) => quote.speakerId === crushing?.speakerId)).toBe(true);
	});

	it('marks short quotes inside reported speech as partial', () => {
		expect(knowledge.quotes.find((quote) => quote.text === 'bitterly disappointed')?.kind).toBe('partial');
	});

	it('is deterministic', () => {
		expect(JSON.stringify(extractKnowledge(loadSeedArticles()))).toBe(JSON.stringify(knowledge));
	});
});
