/** /help — what each command does, with an example. */
import type { ActionCommand } from '../src/discord/command.js';
import { COLOURS } from '../src/render/embeds.js';
import { addPrivate, guildCommand } from './shared.js';

const ENTRIES: readonly [string, string][] = [
	['/ask question', 'A cited answer from the articles.\nExample: `/ask question: What was the turnout?`'],
	['/quote speaker [topic]', 'What someone said, as quotations with their source.\nExample: `/quote speaker: (pick a name from the list) topic: trust`'],
	['/result [constituency]', 'The declared result of a by-election.\nExample: `/result constituency:` (pick one from the list)'],
	['/verify quote', 'Checks a quotation word for word against the articles.\nExample: `/verify quote: we have listened to the voters`'],
	['/sources', 'The articles the bot answers from, with dates and paragraph counts.'],
	['Find sources (right-click a message → Apps)', 'Paragraphs that support or contradict what the message says.'],
	['/reindex', 'Reloads the articles now. Needs the Manage Server permission.'],
	['private: True', 'Every command takes it: the answer is then shown only to you.'],
];

export const help: ActionCommand = {
	kind: 'action',
	data: addPrivate(guildCommand('help', 'What each command does, with examples')).toJSON(),
	run: async () => ({
		embeds: [
			{
				title: 'Returning Officer: commands',
				description: 'Answers questions about by-elections, citing the indexed news articles as [1] title — source ¶paragraph · date.',
				color: COLOURS.notice,
				fields: ENTRIES.map(([name, value]) => ({ name, value })),
			},
		],
	}),
};
