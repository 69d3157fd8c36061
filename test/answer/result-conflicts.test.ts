// Sources that disagree about a result are shown side by side, in words a reporter can paste:
// never the model's field names ("previousParty") or its stored booleans ("true").
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { renderAnswer } from '../../src/render/embeds.js';
import { articleFromText } from '../extract/seed-articles.js';

function engineOf(...texts: string[]): Engine {
	return Engine.fromArticles(texts.map((text, index) => articleFromText(`r${index}.txt`, text)));
}

describe('/result where the sources disagree', () => {
	const engine = engineOf(
		'The Greens took the Millbrook by-election from Labour. Ada Quinn won 9,876 votes.',
		'The Greens took the Millbrook by-election from the Conservatives. Ada Quinn won 9,876 votes.',
	);
	const answer = engine.result('Millbrook');

	it('names the disputed fact in words and gives each side its sources', () => {
		if (answer.command !== 'result') throw new Error(`expected a result answer, got ${answer.command}`);
		const conflicts = answer.result?.conflicts ?? [];
		expect(conflicts.map((conflict) => conflict.field)).toContain('previousParty');
		expect(answer.summary).toMatch(/Sources disagree: Millbrook, previously held by: (Labour \[\d\] vs Conservative \[\d\]|Conservative \[\d\] vs Labour \[\d\])/);
		expect(answer.summary).not.toContain('previousParty');
	});

	it('renders the same words in the embed', () => {
		const fields = renderAnswer(answer).flatMap((page) => page.embeds.flatMap((embed) => embed.fields ?? []));
		const disagree = fields.find((field) => field.name === 'Sources disagree');
		expect(disagree?.value).toMatch(/^Millbrook, previously held by: /);
		expect(disagree?.value).not.toContain('previousParty');
	});
});

describe('/result where the sources disagree on a gain', () => {
	it('says gain or hold, not true or false', () => {
		const answer = engineOf(
			'Labour held Millbrook in the by-election, which the party won in 2019. Ada Quinn (Labour) won 9,876 votes.',
			'The Millbrook by-election was won by Labour, taking the seat from the Conservatives.',
		).result('Millbrook');
		if (answer.command !== 'result') throw new Error(`expected a result answer, got ${answer.command}`);
		expect(answer.result?.conflicts.map((conflict) => conflict.field)).toContain('gain');
		expect(answer.summary).toMatch(/Millbrook, gain or hold: hold \[1\] vs gain \[2\]/);
		expect(answer.summary).not.toMatch(/\b(?:true|false)\b/);
	});
});

