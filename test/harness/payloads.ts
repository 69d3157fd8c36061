/**
 * INTERACTION_CREATE payloads as Discord sends them, with the fields discord.js needs
 * (entitlements, authorizing_integration_owners, member.user…); without them it throws inside
 * its handler and no reply is ever sent.
 */
import { APP_ID, BOT_USER_ID, CHANNEL_ID, GUILD_ID, USER_ID, snowflake } from './ids.js';

export const PERMISSIONS = {
	viewChannel: 1n << 10n,
	sendMessages: 1n << 11n,
	manageGuild: 1n << 5n,
} as const;

/** An ordinary newsroom member: can read and write, cannot manage the server. */
export const MEMBER_PERMISSIONS = PERMISSIONS.viewChannel | PERMISSIONS.sendMessages;
export const ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | PERMISSIONS.manageGuild;

export const INTERACTION_TYPE = { command: 2, component: 3, autocomplete: 4 } as const;

export interface InteractionPayload {
	id: string;
	token: string;
	type: number;
	[key: string]: unknown;
}

export type OptionValue = string | boolean;

interface Common {
	permissions?: bigint;
}

function base(type: number, common: Common): InteractionPayload {
	const id = snowflake();
	return {
		id,
		token: `itok-${id}`,
		type,
		application_id: APP_ID,
		version: 1,
		guild_id: GUILD_ID,
		channel_id: CHANNEL_ID,
		channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'newsroom' },
		member: {
			user: { id: USER_ID, username: 'subeditor', discriminator: '0', global_name: 'Sub Editor', avatar: null },
			roles: [],
			permissions: String(common.permissions ?? MEMBER_PERMISSIONS),
			joined_at: '2024-01-01T00:00:00.000Z',
			deaf: false,
			mute: false,
			flags: 0,
		},
		app_permissions: String(ADMIN_PERMISSIONS),
		locale: 'en-GB',
		guild_locale: 'en-GB',
		entitlements: [],
		authorizing_integration_owners: { '0': GUILD_ID },
		context: 0,
	};
}

function options(values: Record<string, OptionValue>, focused?: string): unknown[] {
	return Object.entries(values).map(([name, value]) => ({
		name,
		type: typeof value === 'boolean' ? 5 : 3,
		value,
		...(name === focused ? { focused: true } : {}),
	}));
}

export function chatInput(name: string, values: Record<string, OptionValue> = {}, common: Common = {}): InteractionPayload {
	return { ...base(INTERACTION_TYPE.command, common), data: { id: snowflake(), name, type: 1, guild_id: GUILD_ID, options: options(values) } };
}

/** What Discord sends while the user types into `focused` (its partial value is in `values`). */
export function autocomplete(name: string, focused: string, values: Record<string, OptionValue>): InteractionPayload {
	return { ...base(INTERACTION_TYPE.autocomplete, {}), data: { id: snowflake(), name, type: 1, guild_id: GUILD_ID, options: options(values, focused) } };
}

export function message(content: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: snowflake(),
		channel_id: CHANNEL_ID,
		guild_id: GUILD_ID,
		author: { id: USER_ID, username: 'reporter', discriminator: '0', global_name: null, avatar: null },
		content,
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		tts: false,
		mention_everyone: false,
		mentions: [],
		mention_roles: [],
		attachments: [],
		embeds: [],
		pinned: false,
		type: 0,
		flags: 0,
		components: [],
		...overrides,
	};
}

/** Right-click → Apps → `name` on a message with this content. */
export function messageContextMenu(name: string, content: string): InteractionPayload {
	const target = message(content);
	const targetId = String(target.id);
	return {
		...base(INTERACTION_TYPE.command, {}),
		data: { id: snowflake(), name, type: 3, guild_id: GUILD_ID, target_id: targetId, resolved: { messages: { [targetId]: target } } },
	};
}

/** A click on a button with `customId`, sitting on one of the bot's messages. */
export function buttonClick(customId: string, opts: { ephemeral?: boolean } = {}): InteractionPayload {
	const onMessage = message('', { author: { id: BOT_USER_ID, username: 'Returning Officer', discriminator: '0', avatar: null, bot: true }, flags: opts.ephemeral ? 64 : 0 });
	return { ...base(INTERACTION_TYPE.component, {}), data: { custom_id: customId, component_type: 2 }, message: onMessage };
}
