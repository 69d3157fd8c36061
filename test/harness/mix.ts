/** A newsroom's mix of interactions, for load runs: every command, autocomplete, context menu and button. */
import type { EngineApi } from '../../src/answer/engine.js';
import type { FindSourcesAnswer } from '../../src/answer/model.js';
import { askAnswer, citation } from '../render/answers.js';
import { overrideEngine } from './engine.js';
import { autocomplete, buttonClick, chatInput, messageContextMenu } from './payloads.js';
import type { InteractionPayload } from './payloads.js';

const QUESTIONS = [
	'Who won the Hartlepool by-election?',
	'What was the majority?',
	'Why did the Labour leader say the party lost?',
	'How many votes did Jill Mortimer get?',
	'When was the by-election held?',
	'Who was the Labour candidate?',
	'What did Keir Starmer say about trust?',
	'Which party held the seat before?',
];

/** Statements starting with this get a long answer from `withLongStatements`, to fill the page store. */
export const LONG_PREFIX = 'long: ';

/**
 * The real engine, except that "long:" statements get a three-page answer, so their More buttons
 * put arguments in the page store (on the seeds alone, Find sources has one page).
 */
export function withLongStatements(real: EngineApi): EngineApi {
	const long: FindSourcesAnswer = {
		...askAnswer(),
		command: 'find-sources',
		title: 'Sources for a long statement',
		question: '',
		suggestions: [],
		citations: Array.from({ length: 20 }, (_, i) => citation(i + 1)),
	};
	return overrideEngine(real, { findSources: (s) => (s.startsWith(LONG_PREFIX) ? { ...long, question: s } : real.findSources(s)) });
}

const MAKERS: readonly ((i: number) => InteractionPayload)[] = [
	(i) => chatInput('ask', { question: QUESTIONS[i % QUESTIONS.length] ?? 'Who won?', private: i % 5 === 0 }),
	(i) => chatInput('ask', { question: `${QUESTIONS[(i * 3) % QUESTIONS.length]} (${i})` }),
	() => chatInput('quote', { speaker: 'Keir Starmer', topic: 'trust' }),
	// Three pages on the seeds: the button turns to the second.
	() => chatInput('quote', { speaker: 'Keir Starmer' }),
	() => buttonClick('more:1:quote:["Keir Starmer",""]'),
	() => chatInput('result', { constituency: 'Hartlepool' }),
	() => chatInput('verify', { quote: 'lost the trust of working people' }),
	() => chatInput('sources'),
	() => chatInput('help'),
	// A unique long statement each time: when the answer has pages, the More button's arguments go
	// into the bounded page store (see LONG_PREFIX).
	(i) => messageContextMenu('Find sources', `${LONG_PREFIX}Labour lost Hartlepool to the Conservatives, report ${i}: ${'the count went on into the night '.repeat(4)}`),
	(i) => autocomplete('quote', 'speaker', { speaker: ['Sta', 'Jill', 'M', ''][i % 4] ?? '' }),
	() => autocomplete('result', 'constituency', { constituency: 'Har' }),
	() => buttonClick('more:1:ask:["Who won the Hartlepool by-election?"]'),
];

/** The i-th interaction of a mixed burst: each kind in turn. */
export function mixedInteraction(i: number): InteractionPayload {
	const make = MAKERS[i % MAKERS.length] ?? MAKERS[0];
	if (!make) throw new Error('no interaction makers');
	return make(i);
}
