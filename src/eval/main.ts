// `npm run eval`: retrieval and extraction quality on the labelled fixtures, against the targets.
// Exits non-zero when a target is missed, so it can gate a change.
import path from 'node:path';
import { Engine } from '../answer/engine.js';
import { evaluateAsk, formatAskEvaluation, meetsAskTarget, readQuestions } from './ask.js';
import { DEFAULT_FIXTURES, HELDOUT_FIXTURES, HELDOUT_QUOTES_FIXTURES, evaluateFolder, formatReport, meetsAttributionTargets } from './attribution.js';

const ASK_FIXTURES = 'test/fixtures/ask-eval';

const engine = await Engine.fromDirectory(`${ASK_FIXTURES}/articles`);
const ask = evaluateAsk(engine, await readQuestions(`${ASK_FIXTURES}/questions.json`));
console.log(formatAskEvaluation(ask));

// The extractor's own fixtures, then two sets labelled before the extractor was run on them
// (the ask-eval articles, and articles built around attribution traps).
let extractionMeetsTargets = true;
for (const folder of [DEFAULT_FIXTURES, HELDOUT_FIXTURES, HELDOUT_QUOTES_FIXTURES]) {
	const report = evaluateFolder(folder);
	console.log(`\n${path.relative(process.cwd(), folder)}:\n${formatReport(report)}`);
	extractionMeetsTargets &&= meetsAttributionTargets(report);
}

process.exitCode = meetsAskTarget(ask) && extractionMeetsTargets ? 0 : 1;
