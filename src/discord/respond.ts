/**
 * The only way the bot speaks. Every reply, edit, update and follow-up goes through `send` or
 * `update`, which set `allowed_mentions: { parse: [] }`: article text quoting "@everyone" or a
 * role mention can never ping anyone, whatever the renderer missed.
 */
import { MessageFlags } from 'discord.js';
import type {
	APIActionRowComponent,
	APIComponentInMessageActionRow,
	APIEmbed,
	MessageComponentInteraction,
	MessageMentionOptions,
	RepliableInteraction,
} from 'discord.js';
import { LIMITS, truncate } from '../render/limits.js';

export interface Reply {
	content?: string;
	embeds?: APIEmbed[];
	components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
	/** Only the asker sees it. Ignored by edits: Discord fixes visibility when the reply is created. */
	ephemeral?: boolean;
}

export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

function body(reply: Reply): { content?: string; embeds: APIEmbed[]; components: APIActionRowComponent<APIComponentInMessageActionRow>[]; allowedMentions: MessageMentionOptions } {
	return {
		...(reply.content === undefined ? {} : { content: truncate(reply.content, LIMITS.content) }),
		embeds: (reply.embeds ?? []).slice(0, LIMITS.embeds),
		components: reply.components ?? [],
		allowedMentions: NO_MENTIONS,
	};
}

/** Replies, or edits the deferred reply, or follows up, whichever the interaction's state allows. */
export async function send(interaction: RepliableInteraction, reply: Reply): Promise<void> {
	if (interaction.deferred && !interaction.replied) {
		await interaction.editReply(body(reply));
	} else if (interaction.replied) {
		await interaction.followUp({ ...body(reply), flags: reply.ephemeral ? MessageFlags.Ephemeral : undefined });
	} else {
		await interaction.reply({ ...body(reply), flags: reply.ephemeral ? MessageFlags.Ephemeral : undefined });
	}
}

/** Acknowledges now and answers later (within 15 minutes) when the work may outlast Discord's 3 s. */
export async function defer(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
	if (interaction.deferred || interaction.replied) return;
	await interaction.deferReply({ flags: ephemeral ? MessageFlags.Ephemeral : undefined });
}

/** Replaces the message a button sits on (the More button turns the page in place). */
export async function update(interaction: MessageComponentInteraction, reply: Reply): Promise<void> {
	if (interaction.deferred || interaction.replied) await interaction.editReply(body(reply));
	else await interaction.update(body(reply));
}
