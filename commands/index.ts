/**
 * The command loader: every command the bot registers and answers, keyed by the name Discord
 * sends back in interactions. Listed explicitly (not scanned from disk) so the set is typed and
 * a missing file is a compile error.
 */
import type { Command } from '../src/discord/command.js';
import { ask } from './ask.js';
import { findSources } from './find-sources.js';
import { help } from './help.js';
import { quote } from './quote.js';
import { reindex } from './reindex.js';
import { result } from './result.js';
import { sources } from './sources.js';
import { verify } from './verify.js';

export const ALL_COMMANDS: readonly Command[] = [ask, quote, result, verify, sources, help, reindex, findSources];

export function loadCommands(commands: readonly Command[] = ALL_COMMANDS): Map<string, Command> {
	const map = new Map<string, Command>();
	for (const command of commands) {
		if (map.has(command.data.name)) throw new Error(`Two commands are named ${command.data.name}`);
		map.set(command.data.name, command);
	}
	return map;
}

/** The JSON body for Discord's bulk overwrite (PUT .../commands). */
export function commandDefinitions(commands: readonly Command[] = ALL_COMMANDS): Command['data'][] {
	return commands.map((command) => command.data);
}
