// `npm run eval`: retrieval and extraction quality on the labelled fixtures, against the targets.
// Exits non-zero when a target is missed, so it can gate a change.
import { Engine } from '../answer/engine.js';
import { extractKnowledge } from '../extract/index.js';
import { evaluateAsk, formatAskEvaluation, meetsAskTarget, readQuestions } from './ask.js';
import { evaluate, formatReport, loadFixtures, meetsAttributionTargets } from './attribution.js';

const ASK_FIXTURES = 'test/fixtures/ask-eval';

const engine = await Engine.fromDirectory(`${ASK_FIXTURES}/articles`);
const ask = evaluateAsk(engine, await readQuestions(`${ASK_FIXTURES}/questions.json`));
console.log(formatAskEvaluation(ask));

const { articles, labels } = loadFixtures();
const attribution = evaluate(extractKnowledge(articles), labels);
console.log(`\n${formatReport(attribution)}`);

process.exitCode = meetsAskTarget(ask) && meetsAttributionTargets(attribution) ? 0 : 1;
