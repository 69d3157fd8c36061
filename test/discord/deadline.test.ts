// The defer deadline: an answer that is a promise still pending at the deadline is deferred and
// then edited in; a synchronous answer (the engine's) is complete before any timer could fire, so
// it is replied to directly (the dispatcher does not even arm the timer for it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS, loadCommands } from '../../commands/index.js';
import { ask } from '../../commands/ask.js';
import type { SlashAnswerCommand } from '../../src/discord/command.js';
import { Gate } from '../harness/gate.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { chatInput } from '../harness/payloads.js';
import { until } from '../harness/wait.js';

const gate = new Gate();
/** /later: /ask's answer, once the gate opens. */
const later: SlashAnswerCommand = {
	...ask,
	data: { ...ask.data, name: 'later' },
	answer: async (engine, args) => {
		await gate.wait();
		return ask.answer(engine, args);
	},
};

let h: Harness;
beforeAll(async () => {
	// A deadline of 0: any timer armed would fire at the first turn of the event loop.
	h = await startHarness({ commands: loadCommands([...ALL_COMMANDS, later]), deferAfterMs: 0 });
});
afterAll(() => h.stop());

describe('the defer deadline', () => {
	it('replies directly to a synchronous answer, even with a zero deadline', async () => {
		const reply = await h.send(chatInput('ask', { question: 'Who won the Hartlepool by-election?' }));
		expect(reply.body).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] } } });
	});

	it('defers an answer still pending at the deadline, then edits the answer in', async () => {
		const payload = chatInput('later', { question: 'Who won the Hartlepool by-election?' });
		const deferred = h.send(payload);
		expect((await deferred).body).toMatchObject({ type: 5 });
		gate.open();
		const edit = await h.edit(payload);
		expect(edit.body).toMatchObject({ embeds: [{ title: expect.any(String) as string }], allowed_mentions: { parse: [] } });
		await until(() => h.bot.dispatcher.pending === 0);
		expect(allViolations(h.rest.captures)).toEqual([]);
	});
});
