/** /ask question — a cited answer from the indexed articles. */
import type { SlashAnswerCommand } from '../src/discord/command.js';
import { addPrivate, guildCommand, requireVisibleText, text } from './shared.js';

export const ask: SlashAnswerCommand = {
	kind: 'slash',
	data: addPrivate(
		guildCommand('ask', 'Ask about the by-elections; the answer cites the articles').addStringOption((option) =>
			option.setName('question').setDescription('Your question, e.g. Who won the by-election, and by how much?').setRequired(true).setMaxLength(500),
		),
	).toJSON(),
	args: (interaction) => [text(interaction, 'question')],
	check: requireVisibleText('Type a question, e.g. Who won the by-election, and by how much?'),
	answer: (engine, [question = '']) => engine.ask(question),
};
