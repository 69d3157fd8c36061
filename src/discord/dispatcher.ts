/**
 * Routes every interaction to its command, and owns what all commands share: privacy, permissions,
 * deferral (when a handler nears Discord's 3 s limit), pagination, the apology with an error id, one
 * log line each, and the drain on shutdown. Queries answer from the engine in place, never waiting
 * for a rebuild. `handle` never rejects: a failing handler must not take the bot down.
 */
import { randomBytes } from 'node:crypto';
import type {
	AutocompleteInteraction,
	ButtonInteraction,
	ChatInputCommandInteraction,
	Interaction,
	MessageContextMenuCommandInteraction,
} from 'discord.js';
import { COLOURS, renderAnswer, renderChoices, renderNotice } from '../render/embeds.js';
import type { Page } from '../render/embeds.js';
import { LIMITS, truncate } from '../render/limits.js';
import type { ActionCommand, Command, CommandContext, MessageAnswerCommand, Outcome, Refusal, SlashAnswerCommand } from './command.js';
import { PRIVATE_OPTION, isRefusal } from './command.js';
import type { EngineHolder } from './engine-holder.js';
import type { Logger } from './logger.js';
import { describeError } from './logger.js';
import { MORE_PREFIX, PageStore, pageReply } from './pagination.js';
import type { PageRequest } from './pagination.js';
import { isPermitted, refusalText } from './permissions.js';
import { defer, deferUpdate, isGone, notify, send, update } from './respond.js';
import type { Reply } from './respond.js';

/**
 * Discord drops an interaction that is not acknowledged within 3 s. A handler still working after
 * this long defers, so its answer arrives as an edit; the second left over covers the round trip
 * to Discord and a busy event loop.
 */
export const DEFAULT_DEFER_AFTER_MS = 2000;

export interface DispatcherOptions {
	commands: ReadonlyMap<string, Command>;
	engines: EngineHolder;
	log: Logger;
	pages?: PageStore;
	/** Short id quoted to the user and logged with the error, so a report can be matched to a log line. */
	newErrorId?: () => string;
	/** See DEFAULT_DEFER_AFTER_MS; tests shorten it to exercise the slow path without sleeping. */
	deferAfterMs?: number;
}

type AnswerInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;
type AnswerCommand = SlashAnswerCommand | MessageAnswerCommand;

export class Dispatcher {
	private readonly inFlight = new Set<Promise<void>>();
	private closing = false;
	private readonly pages: PageStore;
	private readonly newErrorId: () => string;
	private readonly deferAfterMs: number;

	constructor(private readonly options: DispatcherOptions) {
		this.pages = options.pages ?? new PageStore();
		this.newErrorId = options.newErrorId ?? (() => randomBytes(3).toString('hex'));
		this.deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
	}

	/** Interactions being handled right now (the load test waits for zero before counting). */
	get pending(): number {
		return this.inFlight.size;
	}

	get context(): CommandContext {
		return { engines: this.options.engines, log: this.options.log };
	}

	/** Handles one interaction; resolves when it has been answered (or has failed and been logged). */
	handle(interaction: Interaction): Promise<void> {
		const task = this.handleLogged(interaction).finally(() => this.inFlight.delete(task));
		this.inFlight.add(task);
		return task;
	}

	/** Stops taking new interactions and waits for those in flight (SIGTERM). */
	async drain(): Promise<void> {
		this.closing = true;
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	private async handleLogged(interaction: Interaction): Promise<void> {
		const started = performance.now();
		let result: { outcome: Outcome; errorId?: string };
		try {
			result = { outcome: this.closing ? await this.refuseWhileClosing(interaction) : await this.route(interaction) };
		} catch (error) {
			result = await this.recover(interaction, error);
		}
		this.logOutcome(interaction, started, result.outcome, result.errorId);
	}

	/** A handler failed: apologise with an error id, unless Discord will take nothing more for this interaction. */
	private async recover(interaction: Interaction, error: unknown): Promise<{ outcome: Outcome; errorId?: string }> {
		if (isGone(error)) {
			// Nothing can reach the user any more; an apology would be one more failing request.
			this.options.log.warn('interaction no longer answerable', { id: interaction.id, command: describe(interaction), code: error.code, error: describeError(error) });
			return { outcome: 'gone' };
		}
		const errorId = this.newErrorId();
		this.options.log.error('handler failed', { errorId, id: interaction.id, command: describe(interaction), error: describeError(error) });
		await this.apologise(interaction, errorId).catch((apologyError: unknown) =>
			this.options.log.warn('could not send apology', { errorId, error: describeError(apologyError) }),
		);
		return { outcome: 'error', errorId };
	}

	private logOutcome(interaction: Interaction, started: number, outcome: Outcome, errorId: string | undefined): void {
		this.options.log.info('interaction', {
			id: interaction.id,
			command: describe(interaction),
			options: optionsSize(interaction),
			latencyMs: Math.round(performance.now() - started),
			outcome,
			errorId,
		});
	}

	private async route(interaction: Interaction): Promise<Outcome> {
		if (interaction.isAutocomplete()) return this.autocomplete(interaction);
		if (interaction.isButton()) return this.button(interaction);
		if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
			const command = this.options.commands.get(interaction.commandName);
			if (!command) return this.refuse(interaction, 'That command is no longer available.');
			if (!isPermitted(command, interaction.memberPermissions)) return this.notAllowed(interaction, command);
			if (command.kind === 'action') return interaction.isChatInputCommand() ? this.action(interaction, command) : 'refused';
			if (command.kind === 'slash' && interaction.isChatInputCommand()) return this.answer(interaction, command, command.args(interaction), privateOption(interaction));
			if (command.kind === 'message' && interaction.isMessageContextMenuCommand()) return this.answer(interaction, command, command.args(interaction), command.ephemeral);
		}
		return 'refused';
	}

	private async answer(interaction: AnswerInteraction, command: AnswerCommand, args: string[] | Refusal, ephemeral: boolean): Promise<Outcome> {
		if (isRefusal(args)) return this.refuse(interaction, args.refuse);
		const refusal = command.check?.(args);
		if (refusal) return this.refuse(interaction, refusal);
		const pages = await this.pagesOf(command, args, () => defer(interaction, ephemeral));
		await send(interaction, { ...this.pageReply(pages, { command: interaction.commandName, args, page: 0 }), ephemeral });
		return 'ok';
	}

	private async action(interaction: ChatInputCommandInteraction, command: ActionCommand): Promise<Outcome> {
		const ephemeral = privateOption(interaction);
		if (command.slow) await defer(interaction, ephemeral);
		const { outcome, ...reply } = await this.beforeDeadline(
			() => defer(interaction, ephemeral),
			() => command.run(interaction, this.context),
		);
		// A refusal is private even when the command was not: nobody else needs to see it.
		await send(interaction, { ...reply, ephemeral: ephemeral || outcome === 'refused' });
		return outcome ?? 'ok';
	}

	private async autocomplete(interaction: AutocompleteInteraction): Promise<Outcome> {
		const command = this.options.commands.get(interaction.commandName);
		const focused = interaction.options.getFocused(true);
		// Autocomplete must answer within 3 s and cannot be deferred; like every query it answers
		// from the engine in place. Suggestions can reveal data, so a member not allowed the
		// command gets none.
		const usable = command && command.kind !== 'message' && command.autocomplete && isPermitted(command, interaction.memberPermissions);
		const names = usable ? (command.autocomplete?.(this.options.engines.current, focused) ?? []) : [];
		await interaction.respond(renderChoices(names));
		return 'ok';
	}

	private async button(interaction: ButtonInteraction): Promise<Outcome> {
		if (!interaction.customId.startsWith(`${MORE_PREFIX}:`)) return this.refuse(interaction, 'That button is no longer active.');
		const decoded = this.pages.decode(interaction.customId);
		const command = decoded.ok ? this.options.commands.get(decoded.request.command) : undefined;
		if (!decoded.ok || !command || command.kind === 'action') return this.expired(interaction, decoded.ok ? decoded.request.command : decoded.command);
		if (!isPermitted(command, interaction.memberPermissions)) return this.notAllowed(interaction, command);
		const { request } = decoded;
		// Only the bot writes these ids, but a modified client can send any: arguments no command
		// would have accepted are treated like an expired list.
		if (command.check?.(request.args)) return this.expired(interaction, request.command);
		const pages = await this.pagesOf(command, request.args, () => deferUpdate(interaction));
		// The corpus may have changed since the first page (a rebuild): a page that no longer exists has expired.
		if (request.page >= pages.length) return this.expired(interaction, request.command);
		await update(interaction, this.pageReply(pages, request));
		return 'ok';
	}

	/**
	 * The command's answer, rendered. The engine answers synchronously, and then there is nothing to
	 * race: the deadline timer could only fire once the event loop is free, after the answer is
	 * complete. So only an answer that is a promise (a slower engine) runs against the deadline;
	 * the common path arms and clears no timer per interaction.
	 */
	private pagesOf(command: AnswerCommand, args: readonly string[], acknowledge: () => Promise<void>): Page[] | Promise<Page[]> {
		// One engine for the whole answer: a rebuild swapping in meanwhile cannot mix two corpora.
		const answer = command.answer(this.options.engines.current, args);
		if (!isPromise(answer)) return renderAnswer(answer);
		return this.beforeDeadline(acknowledge, async () => renderAnswer(await answer));
	}

	/**
	 * Runs `work`; if it is still running after deferAfterMs, acknowledges the interaction meanwhile,
	 * so a slow answer arrives as an edit instead of being lost to Discord's 3 s limit. The timer can
	 * only fire while `work` awaits something: a synchronous engine call holds the event loop (and
	 * the gateway heartbeat) until it returns, which is why answers must stay fast.
	 */
	private async beforeDeadline<T>(acknowledge: () => Promise<void>, work: () => Promise<T>): Promise<T> {
		const timer = setTimeout(() => {
			// send() and update() wait for this acknowledgement (and rethrow its failure); the catch
			// only stops it counting as an unhandled rejection while `work` is still running.
			acknowledge().catch(() => undefined);
		}, this.deferAfterMs);
		try {
			return await work();
		} finally {
			clearTimeout(timer);
		}
	}

	private pageReply(pages: Page[], request: PageRequest): Reply {
		return pageReply(pages, request, this.pages);
	}

	private async expired(interaction: ButtonInteraction, command: string | null): Promise<Outcome> {
		const again = command ? ` (${command.includes(' ') ? `“${command}”` : `/${command}`})` : '';
		// notify, not send: after a deferUpdate, send would overwrite the page the button sits on.
		await notify(interaction, { embeds: [renderNotice('This list has expired', `Run the command again${again} to see it.`)] });
		return 'expired';
	}

	private async notAllowed(interaction: AnswerInteraction | ButtonInteraction, command: Command): Promise<Outcome> {
		await notify(interaction, { embeds: [renderNotice('Not allowed', refusalText(command))] });
		return 'refused';
	}

	private async refuse(interaction: AnswerInteraction | ButtonInteraction, text: string): Promise<Outcome> {
		await send(interaction, { ephemeral: true, embeds: [renderNotice('Not possible', text)] });
		return 'refused';
	}

	private async refuseWhileClosing(interaction: Interaction): Promise<Outcome> {
		if (interaction.isAutocomplete()) await interaction.respond([]);
		else if (interaction.isRepliable()) await send(interaction, { ephemeral: true, embeds: [renderNotice('Restarting', 'The bot is restarting. Try again in a minute.')] });
		return 'closing';
	}

	private async apologise(interaction: Interaction, errorId: string): Promise<void> {
		if (interaction.isAutocomplete()) {
			if (!interaction.responded) await interaction.respond([]);
			return;
		}
		if (!interaction.isRepliable()) return;
		const text = `Sorry, that did not work. If it happens again, tell the maintainers error id **${errorId}**.`;
		await send(interaction, { ephemeral: true, embeds: [renderNotice('Something went wrong', text, COLOURS.error)] });
	}
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
	return value instanceof Promise;
}

function privateOption(interaction: ChatInputCommandInteraction): boolean {
	return interaction.options.getBoolean(PRIVATE_OPTION) ?? false;
}

/** What the log line names: `/ask`, `Find sources`, `button`, `autocomplete /quote`. */
function describe(interaction: Interaction): string {
	if (interaction.isAutocomplete()) return `autocomplete /${interaction.commandName}`;
	if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
	if (interaction.isCommand()) return interaction.commandName;
	if (interaction.isButton()) return `button ${truncate(interaction.customId.split(':').slice(0, 3).join(':'), 60)}`;
	return `type ${interaction.type}`;
}

/** Characters of user input: enough to spot abuse in logs without logging the input itself. */
function optionsSize(interaction: Interaction): number {
	if (interaction.isMessageContextMenuCommand()) return interaction.targetMessage.content.length;
	if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
		return interaction.options.data.reduce((sum, option) => sum + String(option.value ?? '').length, 0);
	}
	if (interaction.isMessageComponent()) return Math.min(interaction.customId.length, LIMITS.customId);
	return 0;
}
