/**
 * `npm run deploy-commands [--dry-run]`: bulk-overwrites the bot's commands, for one guild when
 * DISCORD_GUILD_ID is set (instant, for development) else globally. `--dry-run` prints the JSON
 * and needs no configuration at all.
 */
import { REST, Routes } from 'discord.js';
import type { RESTOptions } from 'discord.js';
import { commandDefinitions } from '../../commands/index.js';
import type { Config } from './config.js';
import { parseConfig } from './config.js';
import { redact } from './logger.js';

export interface DeployIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
}

export interface DeployOptions {
	argv: readonly string[];
	env: Readonly<Record<string, string | undefined>>;
	io: DeployIo;
	/** Tests route REST through fetch (which nock sees). */
	rest?: Partial<RESTOptions>;
}

/** Returns the process exit code. */
export async function deployCommands(options: DeployOptions): Promise<number> {
	const body = commandDefinitions();
	if (options.argv.includes('--dry-run')) {
		options.io.stdout(JSON.stringify(body, null, 2) + '\n');
		return 0;
	}
	const parsed = parseConfig(options.env);
	if (!parsed.ok) {
		options.io.stderr(parsed.message + '\n');
		return 1;
	}
	const { config } = parsed;
	try {
		const registered = await put(config, body, options.rest);
		const scope = config.guildId ? `guild ${config.guildId}` : 'all guilds (global; may take up to an hour to appear)';
		options.io.stderr(`Registered ${registered} commands for ${scope}.\n`);
		return 0;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		options.io.stderr(`Could not register commands: ${redact(message, [config.token])}\n`);
		return 1;
	}
}

async function put(config: Config, body: unknown[], restOptions: Partial<RESTOptions> | undefined): Promise<number> {
	const rest = new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), ...restOptions }).setToken(config.token);
	const route = config.guildId ? Routes.applicationGuildCommands(config.applicationId, config.guildId) : Routes.applicationCommands(config.applicationId);
	const result = await rest.put(route, { body });
	return Array.isArray(result) ? result.length : body.length;
}
