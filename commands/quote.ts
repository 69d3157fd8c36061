/** /quote speaker [topic] — what someone said, as block quotes with the source. */
import type { SlashAnswerCommand } from '../src/discord/command.js';
import { addPrivate, guildCommand, optionalText, text } from './shared.js';

export const quote: SlashAnswerCommand = {
	kind: 'slash',
	data: addPrivate(
		guildCommand('quote', 'What a speaker said, quoted from the articles')
			.addStringOption((option) => option.setName('speaker').setDescription('Who said it (start typing a name)').setRequired(true).setMaxLength(100).setAutocomplete(true))
			.addStringOption((option) => option.setName('topic').setDescription('Only quotes about this, e.g. trust').setRequired(false).setMaxLength(100)),
	).toJSON(),
	args: (interaction) => [text(interaction, 'speaker'), optionalText(interaction, 'topic')],
	answer: (engine, [speaker = '', topic = '']) => engine.quote(speaker || undefined, topic || undefined),
	// Most-quoted first, as the engine orders them.
	autocomplete: (engine, focused) => (focused.name === 'speaker' ? engine.speakerChoices(focused.value).map((choice) => choice.name) : []),
};
