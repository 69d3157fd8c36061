/** /sources — the indexed articles: title, date, paragraphs, and any files that were skipped. */
import type { SlashAnswerCommand } from '../src/discord/command.js';
import { addPrivate, guildCommand } from './shared.js';

export const sources: SlashAnswerCommand = {
	kind: 'slash',
	data: addPrivate(guildCommand('sources', 'List the articles the bot answers from')).toJSON(),
	args: () => [],
	answer: (engine) => engine.sources(),
};
