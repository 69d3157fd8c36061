/**
 * The only way the bot speaks. Every reply, edit, update and follow-up goes through `send`,
 * `notify` or `update`, which set `allowed_mentions: { parse: [] }`: article text quoting "@everyone" or a
 * role mention can never ping anyone, whatever the renderer missed.
 */
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes } from 'discord.js';
import type {
	APIActionRowComponent,
	APIComponentInMessageActionRow,
	APIEmbed,
	ButtonInteraction,
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

/** The options every message the bot sends is built from (exported for the hostile-input tests). */
export function messageOptions(reply: Reply): { content?: string; embeds: APIEmbed[]; components: APIActionRowComponent<APIComponentInMessageActionRow>[]; allowedMentions: MessageMentionOptions } {
	return {
		...(reply.content === undefined ? {} : { content: truncate(reply.content, LIMITS.content) }),
		embeds: (reply.embeds ?? []).slice(0, LIMITS.embeds),
		components: reply.components ?? [],
		allowedMentions: NO_MENTIONS,
	};
}

/**
 * Acknowledgements still on their way to Discord. discord.js sets `deferred` only once the REST
 * call returns, so without this a second defer (the deadline timer racing /reindex's own) would
 * acknowledge twice (40060), and a reply sent meanwhile would pick `reply` instead of `editReply`.
 */
const acknowledging = new WeakMap<RepliableInteraction | MessageComponentInteraction, Promise<void>>();

function acknowledgeOnce(interaction: RepliableInteraction, acknowledge: () => Promise<unknown>): Promise<void> {
	if (interaction.deferred || interaction.replied) return Promise.resolve();
	let pending = acknowledging.get(interaction);
	if (!pending) {
		pending = acknowledge().then(() => undefined);
		acknowledging.set(interaction, pending);
	}
	return pending;
}

/** Resolves once any acknowledgement in flight has landed; rejects with its error if it failed. */
async function settled(interaction: RepliableInteraction | MessageComponentInteraction): Promise<void> {
	await acknowledging.get(interaction);
}

/** Replies, or edits the deferred reply, or follows up, whichever the interaction's state allows. */
export async function send(interaction: RepliableInteraction, reply: Reply): Promise<void> {
	await settled(interaction);
	if (interaction.deferred && !interaction.replied) {
		await interaction.editReply(messageOptions(reply));
	} else if (interaction.replied) {
		await interaction.followUp({ ...messageOptions(reply), flags: reply.ephemeral ? MessageFlags.Ephemeral : undefined });
	} else {
		await interaction.reply({ ...messageOptions(reply), flags: reply.ephemeral ? MessageFlags.Ephemeral : undefined });
	}
}

/** Acknowledges now and answers later (within 15 minutes) when the work may outlast Discord's 3 s. */
export function defer(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
	return acknowledgeOnce(interaction, () => interaction.deferReply({ flags: ephemeral ? MessageFlags.Ephemeral : undefined }));
}

/** A button's "working on it": the message stays as it is until `update` replaces it. */
export function deferUpdate(interaction: ButtonInteraction): Promise<void> {
	return acknowledgeOnce(interaction, () => interaction.deferUpdate());
}

/** A private note that never replaces the message a button sits on, whatever has been sent before. */
export async function notify(interaction: RepliableInteraction, reply: Reply): Promise<void> {
	await settled(interaction);
	const options = { ...messageOptions(reply), flags: MessageFlags.Ephemeral as const };
	if (interaction.deferred || interaction.replied) await interaction.followUp(options);
	else await interaction.reply(options);
}

/**
 * Discord will take nothing more for this interaction: it has expired (10062 Unknown interaction,
 * the 3 s window was missed) or was already acknowledged (40060). Retrying or apologising would
 * only repeat the same failing request.
 */
export function isGone(error: unknown): error is DiscordAPIError {
	return error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.UnknownInteraction || error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged);
}

/** Replaces the message a button sits on (the More button turns the page in place). */
export async function update(interaction: MessageComponentInteraction, reply: Reply): Promise<void> {
	await settled(interaction);
	if (interaction.deferred || interaction.replied) await interaction.editReply(messageOptions(reply));
	else await interaction.update(messageOptions(reply));
}
