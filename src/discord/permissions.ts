/**
 * The run-time permission check. A command's `default_member_permissions` is only what Discord
 * shows by default: a server admin can open any command to everyone in Server Settings →
 * Integrations, and Discord then delivers the interaction. So the definition's permissions are
 * checked again here, for every command that declares them, on every kind of interaction.
 */
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import type { Command } from './command.js';

/** What Discord's UI calls the permissions a newsroom admin command is likely to need. */
const LABELS: Partial<Record<keyof typeof PermissionFlagsBits, string>> = {
	Administrator: 'Administrator',
	ManageGuild: 'Manage Server',
	ManageChannels: 'Manage Channels',
	ManageMessages: 'Manage Messages',
	ManageRoles: 'Manage Roles',
	ModerateMembers: 'Timeout Members',
};

/** The permissions the command asks of a member, or null when anyone may use it. */
export function requiredPermissions(command: Command): bigint | null {
	const declared = command.data.default_member_permissions;
	if (declared === undefined || declared === null) return null;
	// "0" means "nobody but administrators" to Discord; as a bit mask it would let everyone through.
	const bits = BigInt(declared);
	return bits === 0n ? PermissionFlagsBits.Administrator : bits;
}

/**
 * Whether a member with `memberPermissions` may run `command`. Null permissions (no member: a DM,
 * or a payload without them) are refused; Administrator implies every permission, as in Discord.
 */
export function isPermitted(command: Command, memberPermissions: Readonly<PermissionsBitField> | null): boolean {
	const required = requiredPermissions(command);
	if (required === null) return true;
	return memberPermissions?.has(required) ?? false;
}

/** "Only members with the Manage Server permission can use /reindex." */
export function refusalText(command: Command): string {
	const required = requiredPermissions(command) ?? 0n;
	const names = new PermissionsBitField(required).toArray().map((name) => LABELS[name] ?? name.replace(/(?<=[a-z])(?=[A-Z])/g, ' '));
	const what = names.length === 1 ? `the ${names[0]} permission` : `the ${names.join(', ')} permissions`;
	const label = command.kind === 'message' ? `“${command.data.name}”` : `/${command.data.name}`;
	return `Only members with ${what} can use ${label}.`;
}
