// General knowledge of English news writing and UK politics: word lists only, nothing about
// any particular election, person or place.

import { remembered } from '../corpus/remembered.js';
import { WordShapes } from './text.js';

export type Gender = 'male' | 'female';

/** Honorifics and titles that may open a name; the gender they imply, where they imply one. */
export const HONORIFICS: ReadonlyMap<string, Gender | null> = new Map<string, Gender | null>([
	['mr', 'male'],
	['sir', 'male'],
	['lord', 'male'],
	['baron', 'male'],
	['mrs', 'female'],
	['ms', 'female'],
	['miss', 'female'],
	['dame', 'female'],
	['lady', 'female'],
	['baroness', 'female'],
	['dr', null],
	['mx', null],
	['prof', null],
	['professor', null],
	['rev', null],
	['cllr', null],
	['councillor', null],
]);

/** Peerage titles are part of the name a peer is known by (`Lord X` is not `Mr X`). */
export const PEERAGE_TITLES: ReadonlySet<string> = new Set(['lord', 'lady', 'baroness', 'baron']);
/** Titles kept in the display name because the person is addressed with them. */
export const DISPLAY_TITLES: ReadonlySet<string> = new Set(['sir', 'dame', 'lord', 'lady', 'baroness', 'baron']);

/** Party names and nicknames, lower case, mapped to one canonical party name. */
const PARTY_FORMS: ReadonlyArray<readonly [string, string]> = [
	['conservative and unionist party', 'Conservative'],
	['conservative party', 'Conservative'],
	['conservatives', 'Conservative'],
	['conservative', 'Conservative'],
	['tories', 'Conservative'],
	['tory', 'Conservative'],
	['labour party', 'Labour'],
	['scottish labour party', 'Labour'],
	['scottish labour', 'Labour'],
	['welsh labour', 'Labour'],
	['scottish conservative and unionist party', 'Conservative'],
	['scottish conservatives', 'Conservative'],
	['scottish conservative', 'Conservative'],
	['welsh conservatives', 'Conservative'],
	['welsh conservative', 'Conservative'],
	['scottish liberal democrats', 'Liberal Democrat'],
	['scottish liberal democrat', 'Liberal Democrat'],
	['welsh liberal democrats', 'Liberal Democrat'],
	['welsh liberal democrat', 'Liberal Democrat'],
	['scottish green party', 'Scottish Green'],
	['scottish greens', 'Scottish Green'],
	['scottish green', 'Scottish Green'],
	['labour', 'Labour'],
	['liberal democrats', 'Liberal Democrat'],
	['liberal democrat', 'Liberal Democrat'],
	['lib dems', 'Liberal Democrat'],
	['lib dem', 'Liberal Democrat'],
	['libdem', 'Liberal Democrat'],
	['libdems', 'Liberal Democrat'],
	['green party', 'Green'],
	['greens', 'Green'],
	['green', 'Green'],
	['reform uk', 'Reform UK'],
	['reform', 'Reform UK'],
	['scottish national party', 'SNP'],
	['snp', 'SNP'],
	['plaid cymru', 'Plaid Cymru'],
	['plaid', 'Plaid Cymru'],
	['uk independence party', 'UKIP'],
	['ukip', 'UKIP'],
	['brexit party', 'Brexit Party'],
	['workers party of britain', 'Workers Party'],
	['workers party', 'Workers Party'],
	["workers' party", 'Workers Party'],
	['official monster raving loony party', 'Monster Raving Loony'],
	['monster raving loony party', 'Monster Raving Loony'],
	['monster raving loony', 'Monster Raving Loony'],
	['social democratic party', 'SDP'],
	['sdp', 'SDP'],
	['alba party', 'Alba'],
	['alba', 'Alba'],
	['sinn féin', 'Sinn Féin'],
	['sinn fein', 'Sinn Féin'],
	['democratic unionist party', 'DUP'],
	['dup', 'DUP'],
	['ulster unionist party', 'UUP'],
	['uup', 'UUP'],
	['alliance party', 'Alliance'],
	['heritage party', 'Heritage Party'],
	['yorkshire party', 'Yorkshire Party'],
	["women's equality party", "Women's Equality"],
	['english democrats', 'English Democrats'],
	['independent', 'Independent'],
	['ind', 'Independent'],
];

/** Longest forms first, so `Labour Party` wins over `Labour`. */
export const PARTY_FORMS_BY_LENGTH: ReadonlyArray<readonly [string, string]> = [...PARTY_FORMS].sort(
	(a, b) => b[0].split(' ').length - a[0].split(' ').length || b[0].length - a[0].length,
);

const PARTY_LOOKUP: ReadonlyMap<string, string> = new Map(PARTY_FORMS);

/**
 * The canonical party for a phrase that is exactly a party name (any case, `'s` allowed), else null.
 * The same few phrases (every capitalised word, `Labour`, `the Greens`) are asked about again and
 * again across a corpus: answers are kept, as the case folding and three replacements cost more
 * than a look-up.
 */
export const canonicalParty: (phrase: string) => string | null = remembered(partyOfPhrase, 50_000);

function partyOfPhrase(phrase: string): string | null {
	const key = phrase
		.toLowerCase()
		.replace(/[’']s$/, '')
		.replace(/^the\s+/, '')
		.replace(/\s+/g, ' ')
		.trim();
	return PARTY_LOOKUP.get(key) ?? null;
}

/** Every lower-case word that appears in some party name: such words never start a person's name. */
export const PARTY_WORDS: ReadonlySet<string> = new Set(PARTY_FORMS.flatMap(([form]) => form.split(' ')));

/** Finite and participle forms of verbs that introduce or report speech. */
export const SPEECH_VERBS: ReadonlySet<string> = new Set([
	'said', 'says', 'say', 'told', 'tells', 'tweeted', 'tweets', 'wrote', 'writes', 'posted', 'posts',
	'added', 'adds', 'continued', 'insisted', 'insists', 'claimed', 'claims', 'argued', 'argues',
	'admitted', 'admits', 'warned', 'warns', 'urged', 'urges', 'declared', 'declares', 'stated', 'explained',
	'responded', 'replied', 'remarked', 'commented', 'noted', 'acknowledged', 'conceded', 'concedes', 'vowed', 'vows',
	'pledged', 'promised', 'stressed', 'suggested', 'announced', 'asked', 'joked', 'quipped', 'predicted',
	'described', 'called', 'calls', 'branded', 'hailed', 'accused', 'accuses', 'denied', 'denies', 'demanded', 'demands',
	'criticised', 'criticized', 'blamed', 'thanked', 'praised', 'complained', 'confirmed', 'boasted', 'lamented',
	'recalled', 'revealed', 'maintained', 'countered', 'retorted', 'observed', 'emphasised', 'emphasized',
	'messaged', 'interrupted', 'interjected', 'attacked', 'snapped', 'shouted', 'cautioned', 'reflected',
	'went', 'saying', 'telling', 'adding', 'writing', 'tweeting', 'posting', 'calling',
	'urging', 'insisting', 'claiming', 'arguing', 'warning', 'describing', 'accusing', 'denying', 'demanding',
	'declaring', 'admitting', 'conceding', 'vowing', 'pledging', 'promising', 'blaming', 'branding',
]);

/**
 * Whether the word at `index` reports speech; `went` speaks only as `went on`. `words` are in lower
 * case already (a paragraph's `words`, its tokens' `lower`): this runs at nearly every word of the
 * corpus, and lower-casing each again cost more than the look-up.
 */
export function isSpeechVerbAt(words: readonly string[], index: number): boolean {
	const word = words[index] ?? '';
	if (!SPEECH_VERB_SHAPES.mayBeIn(word) || !SPEECH_VERBS.has(word)) return false;
	if (word === 'went') return words[index + 1] === 'on';
	return true;
}

/** Speech verbs' shapes: most words are turned away without a set look-up (see `WordShapes`). */
const SPEECH_VERB_SHAPES = new WordShapes(SPEECH_VERBS);

/** Words that may stand between a subject and its speech verb without changing the subject. */
export const SUBJECT_VERB_FILLERS: ReadonlySet<string> = new Set([
	'also', 'later', 'then', 'has', 'had', 'have', 'was', 'is', 'will', 'would', 'previously', 'earlier',
	'today', 'yesterday', 'tonight', 'repeatedly', 'once', 'again', 'subsequently', 'recently', 'separately',
	'herself', 'himself', 'now', 'last', 'night', 'this', 'morning', 'afternoon', 'evening', 'on', 'publicly',
	'privately', 'angrily', 'reportedly', 'simply', 'immediately', 'however', 'since', 'already', 'too',
	'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'bluntly', 'openly', 'quickly',
	'swiftly', 'just', 'had earlier', 'tearfully', 'defiantly', 'emphatically', 'candidly', 'furiously',
]);

/** Nouns that name a role a person holds; a role phrase ends with one of them. */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
	'leader', 'candidate', 'mp', 'lawmaker', 'minister', 'secretary', 'chancellor', 'spokesperson', 'spokesman',
	'spokeswoman', 'chairman', 'chairwoman', 'chair', 'councillor', 'mayor', 'president', 'peer', 'chief',
	'organiser', 'agent', 'activist', 'campaigner', 'member', 'professor', 'analyst', 'strategist', 'pollster',
	'expert', 'official', 'director', 'executive', 'premier', 'whip', 'deputy', 'incumbent', 'challenger',
	'frontbencher', 'backbencher', 'grandee', 'veteran', 'politician', 'founder', 'officer', 'mp-elect',
	'representative', 'nominee', 'contender', 'winner', 'runner-up', 'commentator', 'academic', 'lecturer',
	'co-ordinator', 'coordinator', 'adviser', 'advisor', 'aide', 'psephologist', 'economist', 'scientist', 'researcher',
]);

/** Capitalised title words that are a role, not a name, when they open a run of capitals. */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
	'mp', 'mps', 'prime', 'minister', 'chancellor', 'secretary', 'home', 'foreign', 'shadow', 'deputy', 'leader',
	'president', 'mayor', 'health', 'education', 'justice', 'business', 'culture', 'transport', 'environment',
	'labour', 'tory', 'conservative', 'candidate', 'former', 'ex', 'first', 'chief', 'whip', 'party', 'chairman',
	'general', 'attorney', 'state', 'opposition',
]);

/** Modifiers that change which role is meant: `the leader` is not `the former leader`. */
export const ROLE_CHANGING_MODIFIERS: ReadonlySet<string> = new Set([
	'former', 'ex', 'deputy', 'shadow', 'vice', 'acting', 'interim', 'previous', 'late', 'outgoing', 'assistant',
	'junior', 'new', 'local', 'defeated', 'losing', 'winning', 'successful', 'unsuccessful', 'rival', 'other',
	'independent', 'parliamentary', 'council',
]);

/**
 * Capitalised words that are never part of a person's name: sentence openers, days, months,
 * institutions, media, places of the UK in general, election vocabulary.
 */
export const NON_NAME_WORDS: ReadonlySet<string> = new Set([
	'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her',
	'their', 'our', 'my', 'its', 'however', 'but', 'and', 'or', 'so', 'yet', 'meanwhile', 'speaking', 'reacting',
	'according', 'after', 'before', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'of', 'to', 'as', 'when', 'while',
	'if', 'although', 'despite', 'since', 'earlier', 'later', 'asked', 'writing', 'several', 'some', 'many', 'both',
	'all', 'calls', 'there', 'here', 'what', 'who', 'why', 'how', 'where', 'which', 'one', 'two', 'three', 'no',
	'yes', 'not', 'now', 'then', 'also', 'instead', 'under', 'over', 'about', 'during', 'following', 'among',
	'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'baroness',
	'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
	'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
	'december', 'house', 'commons', 'lords', 'parliament', 'government', 'westminster', 'downing', 'street',
	'cabinet', 'office', 'ministry', 'department', 'council', 'commission', 'committee', 'electoral', 'treasury',
	'whitehall', 'speaker', 'party', 'parties', 'bbc', 'itv', 'sky', 'news', 'channel', 'radio', 'times', 'guardian',
	'telegraph', 'press', 'association', 'pa', 'reuters', 'afp', 'ap', 'twitter', 'facebook', 'instagram', 'tiktok',
	'gb', 'mail', 'mirror', 'sun', 'express', 'observer', 'post', 'herald', 'echo', 'gazette', 'chronicle',
	'britain', 'british', 'england', 'english', 'scotland', 'scottish', 'wales', 'welsh', 'ireland', 'irish',
	'northern', 'north', 'south', 'east', 'west', 'mid', 'central', 'upper', 'lower', 'great', 'greater', 'united',
	'kingdom', 'london', 'europe', 'european', 'eu', 'nhs', 'covid', 'uk', 'us', 'usa', 'by-election',
	'by-elections', 'election', 'elections', 'poll', 'polls', 'result', 'results', 'returning', 'officer', 'count',
	'turnout', 'majority', 'constituency', 'seat', 'county', 'borough', 'city', 'town', 'district', 'ward', 'road',
	'hall', 'centre', 'center', 'club', 'union', 'church', 'school', 'university', 'college', 'hospital', 'court',
	'police', 'crime', 'commissioner', 'vote', 'votes', 'candidate', 'candidates', 'leader', 'minister',
	'prime', 'chancellor', 'secretary', 'mp', 'mps', 'shadow', 'deputy', 'former', 'tory', 'tories',
	'conservative', 'conservatives', 'labour', 'liberal', 'democrat', 'democrats', 'lib', 'dem', 'dems', 'green',
	'greens', 'reform', 'snp', 'plaid', 'cymru', 'ukip', 'brexit', 'independent', 'alliance', 'workers',
	'monster', 'raving', 'loony', 'heritage', 'social', 'national', 'democratic', 'unionist', 'official',
	'name', 'party', 'total', 'electorate', 'spoilt', 'rejected', 'ballots', 'swing', 'share', 'change',
	'candidate', 'table', 'source', 'sources', 'update', 'updated', 'breaking', 'live', 'analysis', 'opinion',
	'thursday’s', 'friday’s', 'labour’s', 'tory’s', 'declaration', 'statement', 'interview', 'asked', 'speaking',
]);

/** Prepositions: a name right after one is the object of a phrase, not a subject. */
export const PREPOSITIONS: ReadonlySet<string> = new Set([
	'of', 'for', 'to', 'by', 'with', 'from', 'against', 'under', 'about', 'at', 'on', 'in', 'than', 'like',
	'including', 'between', 'behind', 'towards', 'toward', 'over', 'into', 'onto', 'beside', 'alongside',
	'unlike', 'after', 'before', 'as', 'via', 'past', 'beat', 'defeated', 'urged', 'accused', 'thanked',
	'praised', 'blamed', 'criticised', 'criticized', 'congratulated', 'told', 'asked', 'backed', 'replace',
	'replaced', 'succeed', 'succeeded', 'unseated', 'ousted', 'ahead', 'and',
]);

export const MALE_PRONOUNS: ReadonlySet<string> = new Set(['he']);
export const FEMALE_PRONOUNS: ReadonlySet<string> = new Set(['she']);
