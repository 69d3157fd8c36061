/**
 * Hostile input for every command, and the check that whatever comes in, what goes out is a
 * valid Discord payload that pings nobody. Shared by the property tests and `npm run soak`.
 *
 * The bulk of the runs call each command's own answer → render → page path directly (the code
 * the dispatcher runs, without the client), so thousands of cases fit in seconds; a smaller
 * number goes through the real client in hostile-harness.test.ts.
 */
import fc from 'fast-check';
import type { AutocompleteFocusedOption } from 'discord.js';
import { ApplicationCommandOptionType } from 'discord.js';
import type { EngineApi } from '../../src/answer/engine.js';
import type { Command } from '../../src/discord/command.js';
import { pageReply } from '../../src/discord/pagination.js';
import type { PageStore } from '../../src/discord/pagination.js';
import { messageOptions } from '../../src/discord/respond.js';
import type { Reply } from '../../src/discord/respond.js';
import { renderAnswer, renderChoices } from '../../src/render/embeds.js';
import { violations } from '../harness/limits.js';
import { autocomplete, buttonClick, chatInput, messageContextMenu } from '../harness/payloads.js';
import type { InteractionPayload } from '../harness/payloads.js';

/** Discord's longest string anywhere near an option (a message is 4,000; an embed total 6,000). */
export const MAX_INPUT = 6000;

/** Pieces that have broken chat bots: mentions, markdown, bidi and invisible characters, regex syntax… */
export const FRAGMENTS: readonly string[] = [
	'@everyone', '@here', '<@&123456789012345678>', '<@123456789012345678>', '<@!123456789012345678>', '<#123456789012345678>', '</ask:123456789012345678>',
	'```js\nprocess.exit(1)\n```', '```', '`', '**', '__', '~~', '||spoiler||', '> quoted', '# heading', '- item', '1. item', '[link](https://example.invalid)',
	'\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u2066', '\u00ad', 'مرحبا بالعالم', 'שלום', '👩‍👩‍👧‍👦', '🇬🇧', '🗳️', 'é', 'e\u0301',
	'\ud800', '\udfff', '\udc00\ud800', '.*+?^${}()|[]\\', '(a+)+$', '(?:x*)*y', '\\', '\n', '\r\n', '\t', '   ', '\u0000', '\u0007',
	'"', '“', '”', "'", '’', '—', '–', '...', '…', '%s', '${x}', '__proto__', 'constructor', 'NaN', '-1', '0', '1e309',
	'Hartlepool', 'Jill Mortimer', 'Keir Starmer', 'Labour', 'Conservative', 'Who won', 'by-election', 'majority', '15,529', 'said', 'Mr', 'A.',
];

const fragment = fc.constantFrom(...FRAGMENTS);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const anyUnit = fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 }), loneSurrogate);

/** Repeats `piece` up to `length` characters; the cut may split a surrogate pair, which is the point. */
function repeatTo(piece: string, length: number): string {
	return piece.length === 0 ? '' : piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
}

/**
 * Mostly short mixed strings (where the bugs are), sometimes one piece repeated to thousands of
 * characters (where backtracking and quadratic work show), sometimes blank.
 */
export function hostileText(maxLength = MAX_INPUT): fc.Arbitrary<string> {
	const long = Math.min(500, maxLength);
	return fc.oneof(
		{ weight: 16, arbitrary: fc.tuple(fc.array(anyUnit, { maxLength: 30 }), fc.constantFrom('', ' ')).map(([parts, glue]) => parts.join(glue).slice(0, maxLength)) },
		{ weight: 1, arbitrary: fc.tuple(anyUnit, fc.integer({ min: long, max: maxLength })).map(([piece, length]) => repeatTo(piece, length)) },
		{ weight: 1, arbitrary: fc.tuple(fc.array(fragment, { minLength: 2, maxLength: 6 }), fc.integer({ min: long, max: maxLength })).map(([parts, length]) => repeatTo(parts.join(' '), length)) },
		{ weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\n', '\u200b', '\u200b\u200b ', '\t') },
	);
}

/** The worst inputs found while writing these tests, run first every time (fast-check `examples`). */
export const WORST_CASES: readonly string[] = [
	'a'.repeat(MAX_INPUT),
	'Hartlepool'.repeat(MAX_INPUT / 10),
	'a '.repeat(MAX_INPUT / 2),
	'“A '.repeat(MAX_INPUT / 3),
	'@everyone <@&123456789012345678> '.repeat(MAX_INPUT / 33),
	'\ud800'.repeat(MAX_INPUT),
	'*_~`|>'.repeat(MAX_INPUT / 6),
	'(a+)+$'.repeat(MAX_INPUT / 6),
];

export type HostileCase =
	| { kind: 'answer'; command: string; args: string[] }
	| { kind: 'autocomplete'; command: string; option: string; typed: string }
	| { kind: 'button'; customId: string };

/** Arguments in the order each answer command's `args()` produces them. */
const ANSWER_ARITY: Readonly<Record<string, number>> = { ask: 1, quote: 2, result: 1, verify: 1, sources: 0, 'Find sources': 1 };
const AUTOCOMPLETE: readonly [string, string][] = [
	['quote', 'speaker'],
	['result', 'constituency'],
];

export function answerCase(command: string, text = hostileText()): fc.Arbitrary<HostileCase> {
	return fc.array(text, { minLength: ANSWER_ARITY[command] ?? 0, maxLength: ANSWER_ARITY[command] ?? 0 }).map((args) => ({ kind: 'answer', command, args }));
}

export function autocompleteCase(text = hostileText()): fc.Arbitrary<HostileCase> {
	return fc.tuple(fc.constantFrom(...AUTOCOMPLETE), text).map(([[command, option], typed]) => ({ kind: 'autocomplete', command, option, typed }));
}

/** Forged More-button ids: well-formed ones with hostile arguments and pages, and garbage. */
export function buttonCase(text = hostileText(200)): fc.Arbitrary<HostileCase> {
	const wellFormed = fc
		.tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(...Object.keys(ANSWER_ARITY), 'reindex', 'help', 'nope'), fc.array(text, { maxLength: 2 }))
		.map(([page, command, args]) => `more:${page}:${command}:${JSON.stringify(args)}`);
	return fc.oneof(wellFormed, text.map((t) => `more:${t}`), text).map((customId) => ({ kind: 'button', customId: customId.slice(0, 100) }));
}

export const ANSWER_COMMANDS: readonly string[] = Object.keys(ANSWER_ARITY);

/** One hostile interaction of any kind the bot takes text from, for runs through the real client. */
export function hostileInteraction(text = hostileText()): fc.Arbitrary<InteractionPayload> {
	return fc.oneof(
		fc.tuple(text, fc.boolean()).map(([question, isPrivate]) => chatInput('ask', { question, private: isPrivate })),
		fc.tuple(text, text).map(([speaker, topic]) => chatInput('quote', { speaker, topic })),
		text.map((constituency) => chatInput('result', { constituency })),
		text.map((quote) => chatInput('verify', { quote })),
		text.map((content) => messageContextMenu('Find sources', content)),
		text.map((typed) => autocomplete('quote', 'speaker', { speaker: typed })),
		text.map((typed) => autocomplete('result', 'constituency', { constituency: typed })),
		text.map((args) => buttonClick(`more:1:ask:${JSON.stringify([args])}`.slice(0, 100))),
	);
}

export interface CaseResult {
	problems: string[];
	/** Wall-clock milliseconds (for the report). */
	ms: number;
	/** CPU milliseconds of this process: what the assertion uses, since a loaded machine stretches wall time. */
	cpuMs: number;
}

/** Runs one case through the command's own code, as the dispatcher would, and checks every payload. */
export async function runCase(engine: EngineApi, commands: ReadonlyMap<string, Command>, store: PageStore, c: HostileCase): Promise<CaseResult> {
	const wall = performance.now();
	const cpu = process.cpuUsage();
	let problems: string[];
	try {
		problems = await problemsOf(engine, commands, store, c);
	} catch (error) {
		problems = [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
	}
	const used = process.cpuUsage(cpu);
	return { problems, ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
}

async function problemsOf(engine: EngineApi, commands: ReadonlyMap<string, Command>, store: PageStore, c: HostileCase): Promise<string[]> {
	switch (c.kind) {
		case 'answer':
			return answerProblems(engine, commands, store, c.command, c.args);
		case 'autocomplete': {
			const command = commands.get(c.command);
			const focused: AutocompleteFocusedOption = { name: c.option, value: c.typed, type: ApplicationCommandOptionType.String, focused: true };
			const names = command && command.kind !== 'message' ? (command.autocomplete?.(engine, focused) ?? []) : [];
			return violations({ kind: 'callback', method: 'POST', path: '/autocomplete', status: 204, body: { type: 8, data: { choices: renderChoices(names) } } });
		}
		case 'button': {
			const decoded = store.decode(c.customId);
			if (!decoded.ok) return [];
			const { command, args, page } = decoded.request;
			return answerProblems(engine, commands, store, command, args, page);
		}
	}
}

/** Every page of the answer (the first reply and each More), checked as sent. */
async function answerProblems(engine: EngineApi, commands: ReadonlyMap<string, Command>, store: PageStore, name: string, args: string[], from = 0): Promise<string[]> {
	const command = commands.get(name);
	// As the dispatcher does: no such command, or arguments its check refuses, get a fixed notice.
	if (!command || command.kind === 'action' || command.check?.(args)) return [];
	const pages = renderAnswer(await command.answer(engine, args));
	const problems: string[] = [];
	for (let page = Math.min(from, pages.length); page < pages.length; page++) {
		problems.push(...replyProblems(pageReply(pages, { command: name, args, page }, store)));
	}
	return problems;
}

/** A raw mention left in text would ping if allowed_mentions were ever lost: the renderer must escape it. */
const RAW_MENTION = /@(everyone|here)|<@[!&]?\d+>|<#\d+>/;

function replyProblems(reply: Reply): string[] {
	const options = messageOptions(reply);
	const body = { content: options.content, embeds: options.embeds, components: options.components, allowed_mentions: { parse: options.allowedMentions.parse ?? null } };
	const problems = violations({ kind: 'callback', method: 'POST', path: '/reply', status: 204, body: { type: 4, data: body } });
	const mention = RAW_MENTION.exec(JSON.stringify(options.embeds));
	if (mention) problems.push(`unescaped mention ${JSON.stringify(mention[0])}`);
	return problems;
}
