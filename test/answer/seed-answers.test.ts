import { describe, it, expect } from 'vitest';
import { loadSeedArticles } from '../extract/seed-articles.js';
import { extractKnowledge } from '../../src/extract/index.js';
import { ParagraphLookup } from '../../src/answer/cite.js';
import { answerQuote, speakerChoices } from '../../src/answer/quote.js';
import { answerResult, constituencyChoices } from '../../src/answer/result.js';
import { answerVerify } from '../../src/answer/verify.js';
import { Answer, type QuoteAnswer, type ResultAnswer, type VerifyAnswer } from '../../src/answer/model.js';

const articles = loadSeedArticles();
const knowledge = extractKnowledge(articles);
const lookup = new ParagraphLookup(articles);

function quote(speaker: string | undefined, topic?: string): QuoteAnswer {
	const answer = Answer.parse(answerQuote(knowledge, lookup, speaker, topic));
	if (answer.command !== 'quote') throw new Error('not a quote answer');
	return answer;
}

function result(constituency?: string): ResultAnswer {
	const answer = Answer.parse(answerResult(knowledge, lookup, constituency));
	if (answer.command !== 'result') throw new Error('not a result answer');
	return answer;
}

function verify(wording: string): VerifyAnswer {
	const answer = Answer.parse(answerVerify(knowledge, lookup, wording));
	if (answer.command !== 'verify') throw new Error('not a verify answer');
	return answer;
}

function sourcesOf(answer: QuoteAnswer, numbers: readonly number[]): string[] {
	return numbers.map((n) => answer.citations.find((citation) => citation.n === n)?.source ?? '?');
}

describe('quote on the seeds', () => {
	it('returns Starmer quotes from both articles, "talking to ourselves" once with two citations', () => {
		const answer = quote('starmer');
		expect(answer.found).toBe(true);
		expect(new Set(answer.citations.map((citation) => citation.source)).size).toBe(2);
		const talking = answer.quotes.filter((item) => item.text.includes('talking to ourselves'));
		expect(talking).toHaveLength(1);
		const [only] = talking;
		expect(only?.citations).toHaveLength(2);
		expect(new Set(sourcesOf(answer, only?.citations ?? [])).size).toBe(2);
		expect(answer.quotes.every((item) => item.speaker === answer.speaker)).toBe(true);
	});

	it('puts full quotes before partial ones', () => {
		const kinds = quote('Keir Starmer').quotes.map((item) => item.kind);
		expect(kinds.indexOf('partial')).toBeGreaterThan(kinds.lastIndexOf('full'));
	});

	it('matches a typo and a title', () => {
		expect(quote('starmr').speaker).toBe(quote('starmer').speaker);
		expect(quote('Mr Starmer').speaker).toBe(quote('starmer').speaker);
	});

	it('gives Abbott the Corbyn quote and Corbyn only his own words', () => {
		const abbott = quote('abbott');
		expect(abbott.quotes.some((item) => item.text.toLowerCase().includes('not possible to blame jeremy corbyn for this result'))).toBe(true);
		const abbot = quote('Diane Abbot');
		expect(abbot.speaker).toBe(abbott.speaker);
		const corbyn = quote('corbyn');
		expect(corbyn.quotes.some((item) => item.text.toLowerCase().includes('not possible to blame'))).toBe(false);
		expect(corbyn.quotes.some((item) => item.text.includes('bolder vision'))).toBe(true);
	});

	it('says Lord Adonis has no direct quote and shows reported speech labelled as such', () => {
		const answer = quote('adonis');
		expect(answer.quotes).toHaveLength(0);
		expect(answer.summary).toMatch(/no direct quote/i);
		expect(answer.reported.length).toBeGreaterThan(0);
		expect(answer.reported[0]?.label).toBe('reported');
		expect(answer.reported[0]?.text).toContain('calling for him to step down');
	});

	it('says so for an unknown name and suggests known speakers', () => {
		const answer = quote('Zebedee Quillfeather');
		expect(answer.found).toBe(false);
		expect(answer.suggestions.length).toBeGreaterThan(0);
	});

	it('lists speakers with counts when no speaker is given', () => {
		const answer = quote(undefined);
		expect(answer.speakers[0]?.quotes).toBeGreaterThan(0);
		const counts = answer.speakers.map((speaker) => speaker.quotes);
		expect([...counts].sort((a, b) => b - a)).toEqual(counts);
	});

	it('filters by topic', () => {
		const answer = quote('starmer', 'reconnect');
		expect(answer.quotes.length).toBeGreaterThan(0);
		expect(answer.quotes.every((item) => /reconnect/i.test(item.text + item.variants.join(' ')))).toBe(true);
	});

	it('offers autocomplete choices', () => {
		expect(speakerChoices(knowledge, 'sta')[0]?.name).toMatch(/Starmer/);
		expect(speakerChoices(knowledge, '').length).toBeLessThanOrEqual(25);
		expect(constituencyChoices(knowledge, 'hart')).toEqual(['Hartlepool']);
	});
});

describe('result on the seeds', () => {
	it('gives the winner, runner-up, majority and gain, each cited', () => {
		const answer = result();
		const view = answer.result;
		expect(view?.constituency).toBe('Hartlepool');
		expect(view?.winner).toMatchObject({ name: 'Jill Mortimer', party: 'Conservative', votes: 15529 });
		expect(view?.candidates).toContainEqual(expect.objectContaining({ name: 'Paul Williams', party: 'Labour', votes: 8589 }));
		expect(view?.majority?.votes).toBe(6940);
		expect(view?.majority?.computed).toBe(true);
		expect(view?.majority?.reported?.value).toMatch(/almost 7,000/);
		expect(view?.gain?.value).toBe(true);
		expect(view?.previousParty?.value).toBe('Labour');
		for (const candidate of view?.candidates ?? []) {
			expect(candidate.citations.votes.length).toBeGreaterThan(0);
			expect(candidate.citations.party.length).toBeGreaterThan(0);
		}
		expect(view?.majority?.citations.length).toBeGreaterThan(0);
		expect(view?.gain?.citations.length).toBeGreaterThan(0);
		expect(view?.previousParty?.citations.length).toBeGreaterThan(0);
		const numbers = new Set(answer.citations.map((citation) => citation.n));
		expect(view?.candidates.flatMap((candidate) => candidate.citations.votes).every((n) => numbers.has(n))).toBe(true);
		expect(answer.summary).toContain('15,529');
	});

	it('lists known constituencies for an unknown one', () => {
		const answer = result('Atlantis North');
		expect(answer.found).toBe(false);
		expect(answer.constituencies).toContain('Hartlepool');
	});
});

describe('verify on the seeds', () => {
	it('finds exact wording with its speaker', () => {
		const answer = verify('we have lost the trust of working people');
		expect(answer.verdict).toBe('exact');
		expect(answer.matches[0]?.speaker).toMatch(/Starmer/);
	});

	it('shows the words that differ in a close wording', () => {
		const answer = verify('Very often we have been talking to ourselves instead of to the voters');
		expect(answer.verdict).toBe('close');
		expect(answer.matches[0]?.differences).toContainEqual({ checked: 'voters', source: 'country' });
	});

	it('says not found for words nobody said', () => {
		expect(verify('a triumph for the people of this great town').verdict).toBe('not found');
	});
});
