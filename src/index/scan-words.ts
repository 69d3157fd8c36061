// Finds the words of a text for the index: numbers (12,345.6 whole) and words of letters and marks
// that may hold inner apostrophes and hyphens ("by-election", "Labour's"). It reads the text the way
//
//     /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}\p{M}]+(?:['-][\p{L}\p{M}]+)*/gu
//
// reads it once curly quotes and dashes are folded (`foldForMatching`), and a test holds it to that
// expression on random text. It is written out by hand because indexing an archive visits every
// word (12 million at 10,000 articles): the expression's match objects and the folded copy of each
// paragraph cost about a second of the build, and the spans it gives let a word be looked up without
// slicing it into a string first (see `SpanTable`).
import { foldForMatching } from '../corpus/normalise.js';

const enum Kind {
	Unknown = 0,
	Digit,
	Letter,
	/** An apostrophe or hyphen, as written or as folded: joins two runs of letters into one word. */
	Joiner,
	Other,
}

const LETTER = /^[\p{L}\p{M}]$/u;

/** Kinds of the 65,536 UTF-16 code units, worked out the first time each is met. */
const kinds = new Uint8Array(0x10000);
/** Letters beyond the first plane (astral code points), which no fold touches. */
const astralLetters = new Map<number, boolean>();

function kindOfUnit(unit: number): Kind {
	const known = kinds[unit] as Kind;
	if (known !== Kind.Unknown) return known;
	const kind = classify(String.fromCharCode(unit));
	kinds[unit] = kind;
	return kind;
}

/** What the expression sees at this character once the text is folded. */
function classify(character: string): Kind {
	const folded = foldForMatching(character);
	if (folded >= '0' && folded <= '9') return Kind.Digit;
	if (LETTER.test(folded)) return Kind.Letter;
	return folded === "'" || folded === '-' ? Kind.Joiner : Kind.Other;
}

function isAstralLetter(codePoint: number): boolean {
	let letter = astralLetters.get(codePoint);
	if (letter === undefined) {
		letter = LETTER.test(String.fromCodePoint(codePoint));
		astralLetters.set(codePoint, letter);
	}
	return letter;
}

/** Code units taken by the letter at `at` (2 for a letter beyond the first plane), or 0 if none is there. */
function letterWidth(text: string, at: number): number {
	if (at >= text.length) return 0;
	const unit = text.charCodeAt(at);
	if (unit >= 0xd800 && unit <= 0xdbff) {
		const codePoint = text.codePointAt(at) ?? unit;
		return codePoint > 0xffff && isAstralLetter(codePoint) ? 2 : 0;
	}
	return kindOfUnit(unit) === Kind.Letter ? 1 : 0;
}

function isDigitAt(text: string, at: number): boolean {
	const unit = text.charCodeAt(at);
	return unit >= 48 && unit <= 57;
}

function digitsFrom(text: string, at: number): number {
	let end = at;
	while (end < text.length && isDigitAt(text, end)) end++;
	return end;
}

/** After a number's integer part: ".5" is taken only when a digit follows the point. */
function decimalsFrom(text: string, at: number): number {
	return text.charCodeAt(at) === 46 && isDigitAt(text, at + 1) ? digitsFrom(text, at + 1) : at;
}

/** End of the number starting at `start`: "12,345.6" whole when grouped by threes, else digits and decimals. */
function numberEnd(text: string, start: number): number {
	const digitsEnd = digitsFrom(text, start);
	let end = digitsEnd;
	// A grouped number starts with one to three digits and has at least one ",ddd".
	if (digitsEnd - start <= 3) {
		while (text.charCodeAt(end) === 44 && isDigitAt(text, end + 1) && isDigitAt(text, end + 2) && isDigitAt(text, end + 3)) end += 4;
	}
	return decimalsFrom(text, end);
}

function lettersFrom(text: string, at: number): number {
	let end = at;
	for (let width = letterWidth(text, end); width > 0; width = letterWidth(text, end)) end += width;
	return end;
}

/** End of the word starting at `start`: letters, and more letters after each apostrophe or hyphen between them. */
function wordEnd(text: string, start: number): number {
	let end = lettersFrom(text, start);
	while (end < text.length && kindOfUnit(text.charCodeAt(end)) === Kind.Joiner && letterWidth(text, end + 1) > 0) end = lettersFrom(text, end + 1);
	return end;
}

/** Calls `visit` with the start and end (exclusive) of every word of `text`, in order. */
export function scanWords(text: string, visit: (start: number, end: number) => void): void {
	let at = 0;
	while (at < text.length) {
		const unit = text.charCodeAt(at);
		if (unit >= 48 && unit <= 57) {
			const end = numberEnd(text, at);
			visit(at, end);
			at = end;
			continue;
		}
		const width = letterWidth(text, at);
		if (width > 0) {
			const end = wordEnd(text, at);
			visit(at, end);
			at = end;
			continue;
		}
		// Not a word's start: step over one code point, as the expression's search does.
		at += unit >= 0xd800 && unit <= 0xdbff && (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
	}
}
