/**
 * /reindex — rebuild from the seeds folder now, through the same path as the folder watcher (the
 * EngineHolder): other commands keep answering from the previous index until the new one is in
 * place, and a /reindex during a rebuild waits for the one after it. Manage Server only: the definition's
 * default_member_permissions is checked again at run time by the dispatcher (src/discord/permissions.ts),
 * so `run` is only ever reached by a member who has it.
 */
import { PermissionFlagsBits } from 'discord.js';
import type { Answer } from '../src/answer/model.js';
import { PRIVATE_OPTION } from '../src/discord/command.js';
import type { ActionCommand } from '../src/discord/command.js';
import { defer } from '../src/discord/respond.js';
import { COLOURS, renderNotice } from '../src/render/embeds.js';
import { escapeMarkdown } from '../src/render/escape.js';
import { LIMITS, truncate } from '../src/render/limits.js';
import { addPrivate, guildCommand } from './shared.js';

export const reindex: ActionCommand = {
	kind: 'action',
	data: addPrivate(guildCommand('reindex', 'Reload the articles now (Manage Server only)').setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)).toJSON(),
	run: async (interaction, { engines }) => {
		// Loading the corpus can outlast Discord's 3 s window.
		await defer(interaction, interaction.options.getBoolean(PRIVATE_OPTION) ?? false);
		try {
			// The watcher's path: joins a rebuild already queued, or follows the running one.
			const engine = await engines.reload('/reindex');
			const { articles, skipped } = summarise(engine.sources());
			const lines = skipped.map((s) => `• ${escapeMarkdown(s.file)} — ${escapeMarkdown(s.reason)}`);
			const text = `Indexed ${articles} article${articles === 1 ? '' : 's'}.` + (lines.length ? `\nSkipped ${lines.length}:\n${lines.join('\n')}` : '');
			return { embeds: [renderNotice('Reindexed', truncate(text, LIMITS.embedDescription))] };
		} catch {
			// The holder has logged why; the interaction's own line records the outcome.
			return { outcome: 'error', embeds: [renderNotice('Reindex failed', 'Still answering from the previous index. The error is in the bot’s log.', COLOURS.error)] };
		}
	},
};

function summarise(answer: Answer): { articles: number; skipped: { file: string; reason: string }[] } {
	return answer.command === 'sources' ? { articles: answer.articles.length, skipped: answer.skipped } : { articles: 0, skipped: [] };
}
