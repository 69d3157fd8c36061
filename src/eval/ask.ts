// Measures how often `ask` puts a paragraph that answers a paraphrased question at the top.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { EngineApi } from '../answer/engine.js';

const LabelledQuestion = z.object({
	question: z.string().min(1),
	/** Every paragraph that answers; empty when the sources cannot answer. */
	expected: z.array(z.object({ file: z.string(), paragraph: z.number().int().positive() })),
	note: z.string().optional(),
});
export type LabelledQuestion = z.infer<typeof LabelledQuestion>;

export interface AskEvaluation {
	answerable: number;
	top1: number;
	top3: number;
	unanswerable: number;
	/** Unanswerable questions that were correctly answered "not in the sources". */
	silent: number;
	misses: { question: string; got: string[]; expected: string[] }[];
}

export async function readQuestions(file: string): Promise<LabelledQuestion[]> {
	return z.array(LabelledQuestion).parse(JSON.parse(await readFile(file, 'utf8')));
}

export function evaluateAsk(engine: EngineApi, questions: readonly LabelledQuestion[]): AskEvaluation {
	const result: AskEvaluation = { answerable: 0, top1: 0, top3: 0, unanswerable: 0, silent: 0, misses: [] };
	for (const { question, expected } of questions) {
		const answer = engine.ask(question);
		// A corroborated hit counts for each article it cites.
		const ranked = answer.citations.map((c) => [c, ...c.corroboratedBy].map((ref) => `${ref.source}#${ref.paragraph}`));
		const wanted = expected.map((ref) => `${ref.file}#${ref.paragraph}`);
		if (wanted.length === 0) {
			result.unanswerable++;
			if (!answer.found) result.silent++;
			else result.misses.push({ question, got: ranked.flat(), expected: [] });
			continue;
		}
		result.answerable++;
		const rank = ranked.findIndex((refs) => refs.some((ref) => wanted.includes(ref)));
		if (rank === 0) result.top1++;
		if (rank >= 0 && rank < 3) result.top3++;
		else result.misses.push({ question, got: ranked.slice(0, 3).flat(), expected: wanted });
	}
	return result;
}

/** The target: the answer in the top 3 for at least 90% of answerable questions, and silence on the rest. */
export function meetsAskTarget(evaluation: AskEvaluation): boolean {
	return evaluation.top3 >= 0.9 * evaluation.answerable && evaluation.silent === evaluation.unanswerable;
}

export function formatAskEvaluation(evaluation: AskEvaluation): string {
	const percent = (part: number, whole: number) => `${whole === 0 ? 0 : ((100 * part) / whole).toFixed(1)}%`;
	const lines = [
		`ask: ${evaluation.answerable} answerable questions`,
		`  top-1  ${percent(evaluation.top1, evaluation.answerable)} (${evaluation.top1})`,
		`  top-3  ${percent(evaluation.top3, evaluation.answerable)} (${evaluation.top3})   target ≥ 90%`,
		`  not in the sources, correctly: ${evaluation.silent}/${evaluation.unanswerable}`,
	];
	for (const miss of evaluation.misses) lines.push(`  miss: ${miss.question}  got [${miss.got.join(', ')}] want [${miss.expected.join(', ')}]`);
	return lines.join('\n');
}
