/** Message context menu "Find sources": paragraphs that support or contradict a message. */
import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType } from 'discord.js';
import type { MessageAnswerCommand } from '../src/discord/command.js';
import { requireVisibleText } from './shared.js';

export const findSources: MessageAnswerCommand = {
	kind: 'message',
	data: new ContextMenuCommandBuilder().setName('Find sources').setType(ApplicationCommandType.Message).setContexts(InteractionContextType.Guild).toJSON(),
	args: (interaction) => [interaction.targetMessage.content.trim()],
	// An image, an embed or only invisible characters: nothing the sources could bear on.
	check: requireVisibleText('That message has no text to check.'),
	answer: (engine, [statement = '']) => engine.findSources(statement),
	// A fact-check is for the person checking: others in the channel need not see it.
	ephemeral: true,
};
