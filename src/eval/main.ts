// `npm run eval`: retrieval quality on the labelled fixtures, printed as a table.
import { Engine } from '../answer/engine.js';
import { evaluateAsk, formatAskEvaluation, readQuestions } from './ask.js';

const ASK_FIXTURES = 'test/fixtures/ask-eval';

const engine = await Engine.fromDirectory(`${ASK_FIXTURES}/articles`);
const evaluation = evaluateAsk(engine, await readQuestions(`${ASK_FIXTURES}/questions.json`));
console.log(formatAskEvaluation(evaluation));
