import { terms } from './analyse.js';

// What kind of answer a question wants, and which paragraphs hold that kind of thing. A question
// such as "How old is the new MP?" shares no word with "Mather, 25, …"; knowing that it wants an
// age, and that the paragraph holds one, closes that gap.

export type AnswerType = 'figure' | 'percent' | 'person' | 'time' | 'date' | 'age' | 'place' | 'reason' | 'duration' | 'occupation';

const QUESTION_PATTERNS: readonly [RegExp, readonly AnswerType[]][] = [
	[/\bhow old\b|\bwhat age\b|\bage of\b/i, ['age']],
	[/\bwhat time\b|\bwhat hour\b|\bhow late\b|\bhow early\b/i, ['time']],
	[/\bwhen\b/i, ['time', 'date']],
	[/\bhow long\b|\bfor how many years\b|\bsince when\b/i, ['duration']],
	[/\bfor a living\b|\bwhat (?:job|work)\b|\boccupation\b|\bprofession\b|\bworks? (?:as|for)\b|\bbackground\b|\bused to be\b/i, ['occupation']],
	[/\bwhat (day|date)\b|\bwhich day\b/i, ['date']],
	[/\bwhere\b|\bwhich (venue|hall|building)\b|\bwhat venue\b/i, ['place']],
	[/\bwhat (share|percentage|proportion|fraction)\b|\bturnout\b|\bper ?cent\b/i, ['percent', 'figure']],
	[/\bhow (many|much|large|big|wide|narrow|close)\b|\bby what margin\b|\bwhat (was|is) the (majority|margin|tally|total)\b/i, ['figure']],
	[/\bwho\b|\bwhich (candidate|politician|mp|person|party)\b|\bwhose\b/i, ['person']],
	[/\bwhy\b|\bwhat (caused|triggered|prompted|led to)\b|\breason\b/i, ['reason']],
];

/** Exported for the tests, which check each prefilter below against its pattern. */
export const PARAGRAPH_PATTERNS: readonly [AnswerType, RegExp][] = [
	[
		'figure',
		/\b\d{1,3}(?:,\d{3})+\b|\b\d{3,}\b|\b\d+(?:\.\d+)? ?(?:%|per ?cent)|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|hundred|thousand)s?\b|\b\w+(?:th|nd|rd|st) (?:MP|seat|member)\b/i,
	],
	['percent', /\b\d+(?:\.\d+)? ?(?:%|per ?cent)/i],
	['person', /\b\p{Lu}\p{Ll}+(?:[-']\p{Lu}?\p{Ll}+)? \p{Lu}\p{Ll}+/u],
	['time', /\b\d{1,2}(?:[:.]\d{2})? ?(?:am|pm|a\.m\.|p\.m\.)|\bovernight\b|\bearly hours\b|\bmidnight\b|\bdawn\b|\bo'clock\b|\bbreakfast time\b/i],
	[
		'date',
		/\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|last night|\d{4}-\d{2}-\d{2})\b/i,
	],
	['age', /\b\p{Lu}\p{Ll}+, \d{2},|\baged \d{2}\b|\b\d{2}-year-old\b|\b\d{2} years old\b/u],
	[
		'place',
		/\b(?:at|in|to) (?:the )?(?:\p{Lu}[\p{L}'-]{0,30} ){0,6}(?:Centre|Center|Hall|Arena|Stadium|Leisure|School|College|Club|Hotel|Church|Pavilion|Theatre|Sports|Civic|Academy|Racecourse|Showground|Exhibition)\b|\bvenue\b/u,
	],
	['duration', /\bsince (?:\d{4}|\p{Lu}\p{Ll}+ \d{4})\b|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|\w+ty) (?:years|decades|months)\b/iu],
	// An apposition after a name: "Kerrigan, a paramedic", "Vaughan, 34, a solicitor", "haulage firm owner Brian Catterall".
	['occupation', /\b\p{Lu}\p{Ll}+, (?:\d{2}, )?(?:an?|the) (?:former |retired |local )?\p{Ll}{3,}/u],
	['reason', /\b(?:after|following|because|triggered|prompted|caused by|death|died|resign\w*|recall|stood down|stepped down|standing down)\b/i],
];

// Words that only say what kind of answer is wanted: they are read here, not matched in the text.
const ANSWER_TYPE_WORDS = /\b(?:how long|for a living|what time|what hour|what day|what date|which day|how old|what age|how many|how much|how large|how big|how close|how narrow|what share|what percentage|what proportion|what fraction)\b/gi;

/** The question without its answer-type words: "What time was it declared?" → "was it declared?". */
export function withoutAnswerTypeWords(question: string): string {
	return question.replace(ANSWER_TYPE_WORDS, ' ');
}

/** The answer types a question asks for (empty when it asks for none in particular). */
export function questionAnswerTypes(question: string): AnswerType[] {
	const found = new Set<AnswerType>();
	for (const [pattern, types] of QUESTION_PATTERNS) if (pattern.test(question)) for (const type of types) found.add(type);
	return [...found];
}

// Words that paragraphs answering each kind of question tend to use.
const HINTS: Partial<Record<AnswerType, string>> = {
	reason: 'after following because triggered called caused prompted resigned resignation died death stood down recall vacant',
	place: 'at venue held centre hall',
	age: 'aged year-old',
	duration: 'since years served held represented',
	occupation: 'former worked works job',
	time: 'declared announced am pm',
};

/** Index terms to add to a question that wants these answer types, at a low weight. */
export function answerTypeHints(types: readonly AnswerType[]): string[] {
	return types.flatMap((type) => terms(HINTS[type] ?? ''));
}

/**
 * Words without which a pattern cannot match: a paragraph without them skips the pattern. Every
 * paragraph of an archive is tested, and a duration's `\w+ty` is tried at each word of each one.
 */
export const PARAGRAPH_PREFILTERS: Partial<Record<AnswerType, RegExp>> = {
	duration: /since|years|decades|months/i,
	percent: /%|per ?cent/i,
	age: /\d\d/,
	place: /Centre|Center|Hall|Arena|Stadium|Leisure|School|College|Club|Hotel|Church|Pavilion|Theatre|Sports|Civic|Academy|Racecourse|Showground|Exhibition|venue/,
	occupation: /, (?:an? |the |\d\d, )/,
};

/** The answer types a paragraph can supply. */
export function paragraphAnswerTypes(text: string): AnswerType[] {
	return PARAGRAPH_PATTERNS.filter(([type, pattern]) => PARAGRAPH_PREFILTERS[type]?.test(text) !== false && pattern.test(text)).map(([type]) => type);
}
