/** Pieces every slash command definition shares. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { PRIVATE_OPTION } from '../src/discord/command.js';
import type { ArgsCheck } from '../src/discord/command.js';

/**
 * A slash command for guilds only (the bot serves a newsroom server), with the `private`
 * option every command has: the answer is then shown only to the asker.
 */
export function guildCommand(name: string, description: string): SlashCommandBuilder {
	return new SlashCommandBuilder().setName(name).setDescription(description).setContexts(InteractionContextType.Guild);
}

export function addPrivate<T extends { addBooleanOption: SlashCommandBuilder['addBooleanOption'] }>(builder: T): T {
	builder.addBooleanOption((option) => option.setName(PRIVATE_OPTION).setDescription('Show the answer only to you').setRequired(false));
	return builder;
}

/** A required string option as a plain argument; Discord guarantees it is present. */
export function text(interaction: ChatInputCommandInteraction, name: string): string {
	return interaction.options.getString(name, true);
}

/** An optional string option, '' when absent (arguments are strings so the More button can carry them). */
export function optionalText(interaction: ChatInputCommandInteraction, name: string): string {
	return interaction.options.getString(name) ?? '';
}

/**
 * Anything but spaces, invisible and control characters: what a user who "types" nothing visible
 * leaves out. A test that stops at the first visible character, not a copy of the whole input.
 */
const VISIBLE = /[^\s\p{Cc}\p{Cf}]/u;

/** Refuses, with `refusal`, when the first argument has nothing visible in it (the engine needs words). */
export function requireVisibleText(refusal: string): ArgsCheck {
	return ([text = '']) => (VISIBLE.test(text) ? null : refusal);
}
