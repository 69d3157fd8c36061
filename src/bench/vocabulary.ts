// The generated corpus' words: real English at the top of the frequency table (as in real copy,
// where a few hundred words make half the text), pronounceable invented words in the long tail,
// invented people and places, and the real UK parties.
import { createRandom, deriveSeed, type Random } from './prng.js';

/** Commonest English and newsroom words, roughly by frequency: the Zipf head. */
const COMMON_WORDS = (
	'the of to and a in that is was for on with as said by he it at from his be has have an are but not this they who had ' +
	'been were its which their will one would after more new also we she her people there or all about up out when than year ' +
	'could last two first into over them other party government minister time local council campaign voters vote seat ' +
	'election week now our some only just told can like because many while before since during against being those between ' +
	'both under where then through still years back while most made make way day well should may even very three such ' +
	'area town service support plan public national leader members money policy health housing schools jobs community ' +
	'residents street families business workers change issue issues question questions concern concerns result results ' +
	'count polls poll majority turnout candidate candidates county city region centre hospital transport roads police ' +
	'rail bus energy bills prices cost living tax budget spending economy growth crisis report figures data survey ' +
	'promise promises pledge pledged message trust future hard work working support supporters doorstep doorsteps ' +
	'morning evening night hours today yesterday tomorrow month months decade decades history record'
).split(' ');

const ONSETS = ['b', 'br', 'c', 'ch', 'cl', 'cr', 'd', 'dr', 'f', 'fl', 'fr', 'g', 'gl', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'pr', 'qu', 'r', 's', 'sc', 'sh', 'sk', 'sl', 'sm', 'sn', 'sp', 'st', 'str', 't', 'th', 'tr', 'v', 'w', 'wh', 'y', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'oa', 'oo', 'ou', 'ie', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 'm', 's', 't', 'nd', 'nt', 'st', 'ck', 'sh', 'th', 'ng', 'rn', 'lt', 'x', 'mp'];

const SURNAME_ENDINGS = ['son', 'ley', 'well', 'ford', 'wick', 'ton', 'by', 'ham', 'more', 'field', 'er', 'ridge', 'worth', 'dale', 'shaw', 'croft', 'man', 'hurst'];
const PLACE_ENDINGS = ['bury', 'chester', 'mouth', 'ham', 'thorpe', 'by', 'wick', 'ford', 'stead', 'vale', 'dale', 'field', 'borough', 'port', 'bridge', 'combe', 'ley', 'hampton', 'stow', 'wood'];
const PLACE_QUALIFIERS = ['North', 'South', 'East', 'West', 'Central', 'Mid'];

export const FIRST_NAMES: readonly { name: string; gender: 'he' | 'she' }[] = [
	...'Priya Sarah Emma Olivia Amelia Fatima Chloe Hannah Grace Sophie Ruth Joanne Aisha Megan Rachel Laura Helen Catherine Zara Niamh Bethan Siobhan Anjali Yasmin Eleanor Harriet Imogen Charlotte Lucy Alice Rosa Mei Ngozi Ayesha Kirsty Fiona Morag Gwen Ffion Layla Nadia Deborah Margaret Janet Susan Claire Victoria Abigail Esther Tamsin'
		.split(' ')
		.map((name) => ({ name, gender: 'she' as const })),
	...'Martin James Oliver Harry George Thomas Daniel Mohammed Imran David Andrew Richard Peter Stephen Graham Neil Simon Paul Rhys Owen Dafydd Callum Ewan Hamish Kwame Tunde Arjun Ravi Sanjay Tariq Liam Connor Sean Patrick Nigel Keith Colin Alan Brian Gareth Jonathan Matthew Benjamin Samuel Joseph Edward William Robert Hugh Alistair'
		.split(' ')
		.map((name) => ({ name, gender: 'he' as const })),
];

export interface Party {
	/** As a results table or a formal mention writes it. */
	name: string;
	/** As running copy writes it: "the Tories", "Labour". */
	short: string;
}

export const PARTIES: readonly Party[] = [
	{ name: 'Labour', short: 'Labour' },
	{ name: 'Conservative', short: 'the Conservatives' },
	{ name: 'Liberal Democrats', short: 'the Liberal Democrats' },
	{ name: 'Reform UK', short: 'Reform UK' },
	{ name: 'Green Party', short: 'the Greens' },
	{ name: 'SNP', short: 'the SNP' },
	{ name: 'Plaid Cymru', short: 'Plaid Cymru' },
	{ name: 'Workers Party', short: 'the Workers Party' },
	{ name: 'Social Democratic Party', short: 'the SDP' },
	{ name: 'Independent', short: 'an independent' },
];

export const OUTLETS = ['Midlands Wire', 'Northern Echo Desk', 'Press Association', 'Westcountry News', 'The Borders Courier', 'Valley Gazette', 'City Ledger', 'Coastal Times', 'Political Weekly', 'Evening Dispatch'];

export const OCCUPATIONS = ['paramedic', 'solicitor', 'teacher', 'nurse', 'farmer', 'councillor', 'shopkeeper', 'engineer', 'GP', 'journalist', 'barrister', 'charity worker', 'firefighter', 'accountant', 'union organiser', 'haulage firm owner', 'lecturer', 'midwife', 'police officer', 'social worker'];

/** One invented, pronounceable syllable. */
function syllable(random: Random): string {
	return random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
}

function pseudoWord(random: Random): string {
	const roll = random.next();
	const syllables = roll < 0.25 ? 1 : roll < 0.8 ? 2 : 3;
	let word = '';
	for (let i = 0; i < syllables; i++) word += syllable(random);
	return word;
}

export function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `count` distinct words not in `taken` (which grows), made by `make`. */
function distinct(count: number, taken: Set<string>, make: () => string): string[] {
	const words: string[] = [];
	while (words.length < count) {
		const word = make();
		if (word.length < 3 || taken.has(word)) continue;
		taken.add(word);
		words.push(word);
	}
	return words;
}

export interface Vocabulary {
	/** By frequency rank: the commonest first. */
	words: readonly string[];
	surnames: readonly string[];
	places: readonly string[];
}

/**
 * The whole vocabulary for a seed. Surnames and places are invented too, so that every name is
 * unambiguous and a question about one is answerable from the articles that use it, as with a real archive.
 */
export function buildVocabulary(seed: number, size: number, surnames: number, places: number): Vocabulary {
	const random = createRandom(deriveSeed(seed, 'vocabulary'));
	const taken = new Set(COMMON_WORDS);
	// Shorter words first: in real prose the frequent words are the short ones.
	const invented = distinct(Math.max(0, size - COMMON_WORDS.length), taken, () => pseudoWord(random)).sort((a, b) => a.length - b.length);
	const words = [...COMMON_WORDS, ...invented];
	const surnameList = distinct(surnames, taken, () => capitalise(syllable(random) + random.pick(SURNAME_ENDINGS)));
	const placeList = distinct(places, taken, () => placeName(random));
	return { words, surnames: surnameList, places: placeList };
}

function placeName(random: Random): string {
	const root = capitalise(syllable(random) + (random.chance(0.3) ? syllable(random) : '') + random.pick(PLACE_ENDINGS));
	const shape = random.next();
	if (shape < 0.2) return `${root} ${random.pick(PLACE_QUALIFIERS)}`;
	if (shape < 0.3) return `${random.pick(PLACE_QUALIFIERS)} ${root}`;
	if (shape < 0.4) return `${root} and ${capitalise(syllable(random) + random.pick(PLACE_ENDINGS))}`;
	return root;
}
