import type { Article, LoadWarning } from '../corpus/types.js';
import { loadCorpus } from '../corpus/load.js';
import { ParagraphIndex, type ParagraphIndexSnapshot } from '../index/paragraph-index.js';
import { Answer, QuoteAnswer, ResultAnswer } from './model.js';
import { ParagraphLookup } from './cite.js';
import { answerQuestion } from './ask.js';
import { listSources } from './sources.js';
import { extractKnowledge, type Knowledge } from '../extract/index.js';
import { answerQuote, prepareQuote, speakerChoices } from './quote.js';
import { answerResult, constituencyChoices, prepareResult } from './result.js';
import { answerVerify, verifyLookups } from './verify.js';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { buildParts, workersFor, type ExtractionWorkers } from '../build/parallel.js';
import { Slices, type Steps } from '../corpus/slices.js';

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
	/** Builds now what the commands would otherwise build on their first use (see Engine.warmUp). */
	warmUp?(): Promise<void>;
}

/**
 * One built corpus: articles, the paragraph index and what was extracted from them. Immutable once
 * built, so a reload builds a new Engine and swaps it in whole.
 */
export class Engine implements EngineApi {
	private readonly index: ParagraphIndex;
	private readonly lookup: ParagraphLookup;
	/** Quotes, people and results extracted from the articles. */
	readonly knowledge: Knowledge;
	private warming: Promise<void> | null = null;

	private constructor(
		readonly articles: readonly Article[],
		readonly warnings: readonly LoadWarning[],
		restored?: { index: ParagraphIndex; knowledge: Knowledge },
	) {
		this.index = restored?.index ?? new ParagraphIndex(articles);
		this.lookup = new ParagraphLookup(articles);
		this.knowledge = restored?.knowledge ?? extractKnowledge(articles);
	}

	/**
	 * Loads the folder and builds from it, extracting in worker threads while this one indexes. The
	 * workers start as soon as the folder is listed, and are sent the articles as they load (see
	 * workersFor).
	 */
	static async fromDirectory(folder: string): Promise<Engine> {
		let workers: ExtractionWorkers | undefined;
		try {
			const { articles, warnings } = await loadCorpus(folder, { onListed: (files) => (workers = workersFor(files)), onArticles: (loaded) => workers?.send(loaded) });
			const { index, knowledge } = await buildParts(articles, { workers });
			return new Engine(articles, warnings, { index, knowledge });
		} catch (error) {
			workers?.stop();
			throw error;
		}
	}

	static fromArticles(articles: readonly Article[], warnings: readonly LoadWarning[] = []): Engine {
		return new Engine(articles, warnings);
	}

	ask(question: string): Answer {
		return validated(answerQuestion(this.index, this.lookup, question, 'ask', this.knowledge.results));
	}

	findSources(statement: string): Answer {
		return validated(answerQuestion(this.index, this.lookup, statement, 'find-sources', this.knowledge.results));
	}

	sources(): Answer {
		return validated(listSources(this.articles, this.warnings));
	}

	quote(speaker: string | undefined, topic?: string): Answer {
		const answer = answerQuote(this.knowledge, this.lookup, speaker, topic);
		return answer.command === 'quote' && answer.query.speaker === null ? this.withSpeakerList(answer) : validated(answer);
	}

	/** Every speaker, as `quote` with no name lists them: the same on every call for this corpus. */
	private speakerList: QuoteAnswer['speakers'] | null = null;

	/**
	 * The list of every speaker is checked against the schema once per corpus (an archive has ten
	 * thousand), the rest of the answer on every call as always. Its entries are frozen and shared;
	 * the list itself is the caller's own.
	 */
	private withSpeakerList(answer: QuoteAnswer): QuoteAnswer {
		this.speakerList ??= QuoteAnswer.shape.speakers.parse(answer.speakers).map((entry) => Object.freeze(entry));
		const checked = QuoteAnswer.parse({ ...answer, speakers: [] });
		return { ...checked, speakers: [...this.speakerList] };
	}

	result(constituency?: string): Answer {
		const answer = answerResult(this.knowledge, this.lookup, constituency);
		return answer.command === 'result' ? this.withConstituencyList(answer) : validated(answer);
	}

	/** Every constituency with a result, as every `result` answer lists them: the same on every call. */
	private constituencyList: readonly string[] | null = null;

	/** As `withSpeakerList`: an archive's list of constituencies is checked once, not on every call. */
	private withConstituencyList(answer: ResultAnswer): ResultAnswer {
		this.constituencyList ??= Object.freeze(ResultAnswer.shape.constituencies.parse(answer.constituencies));
		const checked = ResultAnswer.parse({ ...answer, constituencies: [] });
		return { ...checked, constituencies: [...this.constituencyList] };
	}

	verify(wording: string): Answer {
		return validated(answerVerify(this.knowledge, this.lookup, wording));
	}

	/**
	 * Builds the lookups the commands otherwise build on first use, one at a time with the event loop
	 * given a turn before each. Measured after a start from the cache at 10,000 articles, the first
	 * /verify took 0.7 s (its quotes' words split and indexed) and the first /quote 0.35 s (the speaker
	 * directory), against milliseconds afterwards, and the first /verify of a wording no quote has
	 * 1.4–1.9 s more (every paragraph's words), which is built in slices. The bot warms the first
	 * engine while it logs in, and a rebuilt one before it is swapped in. Answers are the same either way.
	 */
	warmUp(): Promise<void> {
		// Once: a second call (the bot warms an engine its loader may have warmed) waits for the first.
		this.warming ??= this.warmUpSteps();
		return this.warming;
	}

	private async warmUpSteps(): Promise<void> {
		const lookups: Array<() => Steps<void> | void> = [
			() => prepareQuote(this.knowledge),
			() => prepareResult(this.knowledge),
			...verifyLookups(this.knowledge, this.lookup),
			() => this.index.prepareTypoLookups(),
		];
		for (const build of lookups) {
			await yieldToEventLoop();
			// A lookup too long for one turn comes as steps, with a turn between slices of them.
			const steps = build();
			if (steps) await new Slices().drain(steps);
		}
	}

	speakerChoices(typed: string): SpeakerChoice[] {
		return speakerChoices(this.knowledge, typed);
	}

	constituencyChoices(typed: string): string[] {
		return constituencyChoices(this.knowledge, typed);
	}

	/** The built corpus as plain data, for the on-disk cache (src/cache); `fromSnapshot` restores it. */
	toSnapshot(): EngineSnapshot {
		return { articles: this.articles, warnings: this.warnings, index: this.index.toSnapshot(), knowledge: this.knowledge };
	}

	/** The engine `toSnapshot` described, without extracting or indexing again. */
	static fromSnapshot(snapshot: EngineSnapshot): Engine {
		const index = ParagraphIndex.fromSnapshot(snapshot.articles, snapshot.index);
		return new Engine(snapshot.articles, snapshot.warnings, { index, knowledge: snapshot.knowledge });
	}
}

/** Every answer leaves the engine checked against the schema: a malformed one is a bug, loudly. */
function validated(answer: Answer): Answer {
	return Answer.parse(answer);
}

/** Everything one built Engine holds, as plain data: what the start-up cache stores. */
export interface EngineSnapshot {
	articles: readonly Article[];
	warnings: readonly LoadWarning[];
	index: ParagraphIndexSnapshot;
	knowledge: Knowledge;
}
