/** /result [constituency] — the declared result, cited. */
import type { SlashAnswerCommand } from '../src/discord/command.js';
import { addPrivate, guildCommand, optionalText } from './shared.js';

export const result: SlashAnswerCommand = {
	kind: 'slash',
	data: addPrivate(
		guildCommand('result', 'The declared result of a by-election').addStringOption((option) =>
			option.setName('constituency').setDescription('Which by-election (start typing); all when left out').setRequired(false).setMaxLength(100).setAutocomplete(true),
		),
	).toJSON(),
	args: (interaction) => [optionalText(interaction, 'constituency')],
	answer: (engine, [constituency = '']) => engine.result(constituency || undefined),
	autocomplete: (engine, focused) => (focused.name === 'constituency' ? engine.constituencyChoices(focused.value) : []),
};
