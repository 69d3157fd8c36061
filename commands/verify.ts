/** /verify quote — the sub-editor's check: did someone say exactly this, and where? */
import type { SlashAnswerCommand } from '../src/discord/command.js';
import { addPrivate, guildCommand, requireVisibleText, text } from './shared.js';

export const verify: SlashAnswerCommand = {
	kind: 'slash',
	data: addPrivate(
		guildCommand('verify', 'Check a quotation against the articles').addStringOption((option) =>
			option.setName('quote').setDescription('The wording to check, e.g. lost the trust of working people').setRequired(true).setMaxLength(1000),
		),
	).toJSON(),
	args: (interaction) => [text(interaction, 'quote')],
	check: requireVisibleText('Type the words to check, e.g. lost the trust of working people'),
	answer: (engine, [wording = '']) => engine.verify(wording),
};
