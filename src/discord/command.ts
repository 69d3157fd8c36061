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

/**
 * The engine answers synchronously today; a promise is accepted so that slower work (a remote
 * engine, a worker) gets the dispatcher's defer-before-the-deadline without any change here.
 */
export type AnswerFunction = (engine: EngineApi, args: readonly string[]) => Answer | Promise<Answer>;

/**
 * Checks the arguments before the engine sees them, wherever they came from: the interaction's
 * options or a More button's custom_id (which a modified client can forge). A string is the
 * private refusal shown to the user; null lets the answer go ahead.
 */
export type ArgsCheck = (args: readonly string[]) => string | null;

export interface SlashAnswerCommand extends Autocomplete {
	kind: 'slash';
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	args: (interaction: ChatInputCommandInteraction) => string[] | Refusal;
	check?: ArgsCheck;
	answer: AnswerFunction;
}

export interface MessageAnswerCommand {
	kind: 'message';
	data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
	args: (interaction: MessageContextMenuCommandInteraction) => string[] | Refusal;
	check?: ArgsCheck;
	answer: AnswerFunction;
	/** Context menus cannot carry a `private` option, so the command decides. */
	ephemeral: boolean;
}

/**
 * Commands that do something other than answer from the engine (/help, /reindex). A command whose
 * definition sets `default_member_permissions` is refused by the dispatcher, at run time, to members
 * without those permissions: a server admin can widen the default in Integrations settings.
 */
export interface ActionCommand extends Autocomplete {
	kind: 'action';
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	/** Always defer: the work may take longer than Discord's 3 s. */
	slow?: boolean;
	run: (interaction: ChatInputCommandInteraction, context: CommandContext) => Promise<Reply & { outcome?: Outcome }>;
}

export type Command = SlashAnswerCommand | MessageAnswerCommand | ActionCommand;

/** `gone`: Discord no longer knows the interaction (10062) or it was already answered (40060). */
export type Outcome = 'ok' | 'refused' | 'expired' | 'error' | 'closing' | 'gone';

export interface CommandContext {
	engines: EngineHolder;
	log: Logger;
}

export const PRIVATE_OPTION = 'private';

export function isRefusal(value: string[] | Refusal): value is Refusal {
	return !Array.isArray(value);
}
