// PLACEHOLDER CONTRACT — being implemented by the lead; signatures are stable.
import type { Answer } from './model.js';
import type { LoadWarning } from '../corpus/types.js';

export interface SpeakerChoice {
	name: string;
	quotes: number;
}

/** The whole engine behind one object: every face (console, Discord) calls only these methods. */
export interface EngineApi {
	readonly warnings: readonly LoadWarning[];
	ask(question: string): Answer;
	sources(): Answer;
	quote(speaker: string | undefined, topic?: string): Answer;
	result(constituency?: string): Answer;
	verify(wording: string): Answer;
	/** Paragraphs that support or contradict a statement (the "Find sources" context menu). */
	findSources(statement: string): Answer;
	/** Autocomplete: known speakers matching what the user typed, most-quoted first. */
	speakerChoices(typed: string): SpeakerChoice[];
	/** Autocomplete: known constituencies matching what the user typed. */
	constituencyChoices(typed: string): string[];
}
