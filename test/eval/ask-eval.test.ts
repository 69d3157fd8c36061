import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { evaluateAsk, meetsAskTarget, readQuestions } from '../../src/eval/ask.js';

describe('npm run eval: paraphrased questions on the ask-eval fixtures', () => {
	it('puts an answering paragraph in the top 3 for at least 90% and stays silent on the off-topic ones', async () => {
		const engine = await Engine.fromDirectory('test/fixtures/ask-eval/articles');
		const questions = await readQuestions('test/fixtures/ask-eval/questions.json');
		expect(questions.filter((q) => q.expected.length > 0).length).toBeGreaterThanOrEqual(40);
		const evaluation = evaluateAsk(engine, questions);
		expect(evaluation.silent).toBe(evaluation.unanswerable);
		expect(evaluation.top3 / evaluation.answerable).toBeGreaterThanOrEqual(0.9);
		expect(meetsAskTarget(evaluation)).toBe(true);
	});
});
