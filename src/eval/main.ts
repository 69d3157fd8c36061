// `npm run eval`: retrieval and extraction quality on the labelled fixtures, against the targets.
// Exits non-zero when a target is missed, so it can gate a change.
import { Engine } from '../answer/engine.js';
import { extractKnowledge } from '../extract/index.js';
import { evaluateAsk, formatAskEvaluation, meetsAskTarget, readQuestions } from './ask.js';
import { HELDOUT_FIXTURES, evaluate, formatReport, loadFixtures, meetsAttributionTargets } from './attribution.js';

const ASK_FIXTURES = 'test/fixtures/ask-eval';

const engine = await Engine.fromDirectory(`${ASK_FIXTURES}/articles`);
const ask = evaluateAsk(engine, await readQuestions(`${ASK_FIXTURES}/questions.json`));
console.log(formatAskEvaluation(ask));

const own = loadFixtures();
const attribution = evaluate(extractKnowledge(own.articles), own.labels);
console.log(`\nextract fixtures (quotes and results):\n${formatReport(attribution)}`);

// The ask-eval articles, labelled for results by someone who had not seen the extractor's output.
const heldOut = loadFixtures(HELDOUT_FIXTURES);
const heldOutResults = evaluate(extractKnowledge(heldOut.articles), heldOut.labels).results;
console.log(`\nask-eval articles (results only): ${(100 * heldOutResults.accuracy).toFixed(1)}% (${heldOutResults.correct}/${heldOutResults.fields})`);

process.exitCode = meetsAskTarget(ask) && meetsAttributionTargets(attribution) && heldOutResults.accuracy === 1 ? 0 : 1;
