/**
 * What a command module exports. Most commands are "answer" commands: they turn the
 * interaction into plain string arguments, and a pure `answer(engine, args)` computes the
 * Answer. The dispatcher does the rest (privacy, deferral, pages, the More button), and because
 * the arguments are plain strings the More button can recompute any page later.
 */
import type {
	AutocompleteFocusedOption,
	ChatInputCommandInteraction,
	MessageContextMenuCommandInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
	RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { EngineApi } from '../answer/engine.js';
import type { Answer } from '../answer/model.js';
import type { Reply } from './respond.js';
import type { EngineHolder } from './engine-holder.js';
import type { Logger } from './logger.js';

/** A refusal shown only to the asker, e.g. "That message has no text to check." */
export interface Refusal {
	refuse: string;
}

export interface Autocomplete {
	/** Choice values for what the user has typed so far; the dispatcher clamps to Discord's limits. */
	autocomplete?: (engine: EngineApi, focused: AutocompleteFocusedOption) => string[];
}

export interface SlashAnswerCommand extends Autocomplete {
	kind: 'slash';
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	args: (interaction: ChatInputCommandInteraction) => string[] | Refusal;
	answer: (engine: EngineApi, args: readonly string[]) => Answer;
}

export interface MessageAnswerCommand {
	kind: 'message';
	data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
	args: (interaction: MessageContextMenuCommandInteraction) => string[] | Refusal;
	answer: (engine: EngineApi, args: readonly string[]) => Answer;
	/** Context menus cannot carry a `private` option, so the command decides. */
	ephemeral: boolean;
}

/** Commands that do something other than answer from the engine (/help, /reindex). */
export interface ActionCommand extends Autocomplete {
	kind: 'action';
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	/** Always defer: the work may take longer than Discord's 3 s. */
	slow?: boolean;
	run: (interaction: ChatInputCommandInteraction, context: CommandContext) => Promise<Reply & { outcome?: Outcome }>;
}

export type Command = SlashAnswerCommand | MessageAnswerCommand | ActionCommand;

export type Outcome = 'ok' | 'refused' | 'expired' | 'error' | 'closing';

export interface CommandContext {
	engines: EngineHolder;
	log: Logger;
}

export const PRIVATE_OPTION = 'private';

export function isRefusal(value: string[] | Refusal): value is Refusal {
	return !Array.isArray(value);
}
