// Which known constituency names a text mentions, as whole words. Built once per corpus: a
// RegExp per name per sentence made results quadratic (thousands of names × every sentence).

const LEADING_LETTERS = /^\p{Lu}\p{L}*/u;
const LETTER = /^\p{L}/u;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A name counts where it stands with no letter right before or after it (`Ashworth` is not in
 * `Ashworthy`), case-sensitively: the same test as `(^|[^\p{L}])NAME(?![\p{L}])` with the `u`
 * flag. A name starting with a letter can only match where a run of letters starts, and that
 * run must be the name's own leading run of letters, so each name is filed under that run and a
 * text is read once, run by run. Constituency names start with a capital, so only runs that do
 * are looked up; any other name is tested with the pattern itself.
 */
export class PlaceMatcher {
	private readonly byLeadingRun = new Map<string, number[]>();
	/**
	 * The first character and length of every leading run filed (see `runKey`): a run of the text
	 * whose key is not here is no leading run, and is dismissed without cutting it out of the text
	 * and looking it up (most capitalised words of a paragraph are no constituency's).
	 */
	private readonly leadingKeys = new Uint8Array(1 << 13);
	/** Names this shortcut cannot vouch for (no leading capital, surrogates): tested the slow way. */
	private readonly irregular: Array<{ index: number; pattern: RegExp }> = [];

	constructor(private readonly names: readonly string[]) {
		names.forEach((name, index) => {
			const leading = LEADING_LETTERS.exec(name)?.[0];
			if (leading === undefined || SURROGATE.test(name)) {
				this.irregular.push({ index, pattern: new RegExp(`(^|[^\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'u') });
				return;
			}
			this.leadingKeys[runKey(leading.charCodeAt(0), leading.length)] = 1;
			const bucket = this.byLeadingRun.get(leading);
			if (bucket) bucket.push(index);
			else this.byLeadingRun.set(leading, [index]);
		});
	}

	/** The names `text` mentions, in the order they were given to the matcher. */
	namesIn(text: string): string[] {
		return this.scan(text).all();
	}

	/** Where each name stands in `text`: read once, then asked about any stretch of it (its sentences). */
	scan(text: string): PlaceMentions {
		const hits: Hit[] = [];
		if (this.names.length === 0) return new PlaceMentions(this, text, hits);
		// Run by run, without listing the runs first: this reads every paragraph of the corpus.
		for (let start = nextRunStart(text, 0); start < text.length; start = nextRunStart(text, start + 1)) {
			const end = runEndAt(text, start);
			if (end < 0) continue;
			this.addHits(text, start, end, hits);
			// The run's letters are no run starts; `start + 1` reads on from its end.
			start = end - 1;
		}
		return new PlaceMentions(this, text, hits);
	}

	/** The names filed under the run of `text` from `start` to `end` that stand there whole. */
	private addHits(text: string, start: number, end: number, hits: Hit[]): void {
		if (this.leadingKeys[runKey(text.charCodeAt(start), end - start)] !== 1) return;
		const candidates = this.byLeadingRun.get(text.slice(start, end));
		if (!candidates) return;
		for (const index of candidates) {
			const name = this.names[index] ?? '';
			const nameEnd = start + name.length;
			if (text.startsWith(name, start) && !LETTER.test(text.slice(nameEnd, nameEnd + 2))) hits.push({ index, start, end: nameEnd });
		}
	}

	/** Names tested the slow way on `text`. */
	irregularIn(text: string): number[] {
		return this.irregular.filter(({ pattern }) => pattern.test(text)).map(({ index }) => index);
	}

	/** Whether any name is tested the slow way (nearly never: constituencies start with a capital). */
	get hasIrregular(): boolean {
		return this.irregular.length > 0;
	}

	/** Matched names' indexes → names, in the order given. */
	named(found: ReadonlySet<number>): string[] {
		return [...found].sort((a, b) => a - b).map((index) => this.names[index] ?? '');
	}

	/** The name with this index. */
	nameAt(index: number): string {
		return this.names[index] ?? '';
	}
}

/** A run's first UTF-16 unit and length, folded into 13 bits: equal runs have equal keys. */
function runKey(first: number, length: number): number {
	return ((first & 0xff) << 5) | Math.min(length, 31);
}

interface Hit {
	index: number;
	start: number;
	end: number;
}

/** The names standing in one text, by position. */
export class PlaceMentions {
	constructor(
		private readonly matcher: PlaceMatcher,
		private readonly text: string,
		private readonly hits: readonly Hit[],
	) {}

	/** Every name in the text: `namesIn(text)`. */
	all(): string[] {
		return this.between(0, this.text.length);
	}

	/**
	 * The names in `text.slice(from, to)`, as `namesIn` of that slice would find them. Where the
	 * slice is cut next to a character that is not a letter (a sentence of whole tokens always
	 * is), a name inside it stands alone in the slice exactly when it does in the whole text, so
	 * the hits of the one scan are reused; any other cut is scanned afresh.
	 */
	between(from: number, to: number): string[] {
		if (!cleanCut(this.text, from - 1) || !cleanCut(this.text, to)) return this.matcher.namesIn(this.text.slice(from, to));
		// Asked once per sentence, and most sentences name no place or one: those answers are made
		// without the set, slice and sort the general case needs.
		if (!this.matcher.hasIrregular) {
			const only = this.onlyHitBetween(from, to);
			if (only !== undefined) return only === null ? [] : [this.matcher.nameAt(only)];
		}
		const found = new Set<number>();
		for (const hit of this.hits) if (hit.start >= from && hit.end <= to) found.add(hit.index);
		for (const index of this.matcher.irregularIn(this.text.slice(from, to))) found.add(index);
		return this.matcher.named(found);
	}

	/** The one name hit inside `from`…`to` (null for none), or undefined when several different names are. */
	private onlyHitBetween(from: number, to: number): number | null | undefined {
		let only: number | null = null;
		for (const hit of this.hits) {
			if (hit.start < from || hit.end > to || hit.index === only) continue;
			if (only !== null) return undefined;
			only = hit.index;
		}
		return only;
	}
}

/**
 * Where the whole run of letters (`\p{L}`) starting at `start` ends, if one starting with a
 * capital (`\p{Lu}`) does (else -1), reading code points as a `u`-flag pattern does: a capital
 * with no letter before it, then all the letters after it. Runs can only start at an ASCII capital
 * or a non-ASCII character, so a reader of every run jumps to those (`nextRunStart`) and only
 * they are looked at closely.
 */
function runEndAt(text: string, start: number): number {
	const code = text.codePointAt(start) ?? 0;
	if (!isCapital(code) || isLetter(codePointBefore(text, start))) return -1;
	let end = start + (code > 0xffff ? 2 : 1);
	for (let next = text.codePointAt(end) ?? 0; end < text.length && isLetter(next); next = text.codePointAt(end) ?? 0) end += next > 0xffff ? 2 : 1;
	return end;
}

/** The first index from `from` of an ASCII capital or any non-ASCII unit (what /[A-Z\u0080-\uFFFF]/ finds), or the length. */
function nextRunStart(text: string, from: number): number {
	let index = from;
	for (; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if ((code >= 65 && code <= 90) || code >= 0x80) break;
	}
	return index;
}

/** The code point that ends just before `index` (a surrogate pair read whole), or -1 at the start. */
function codePointBefore(text: string, index: number): number {
	if (index <= 0) return -1;
	const last = text.charCodeAt(index - 1);
	if (last >= 0xdc00 && last <= 0xdfff && index >= 2) {
		const first = text.charCodeAt(index - 2);
		if (first >= 0xd800 && first <= 0xdbff) return text.codePointAt(index - 2) ?? last;
	}
	return last;
}

const LETTER_CODE = /^\p{L}$/u;
const CAPITAL_CODE = /^\p{Lu}$/u;

function isLetter(code: number): boolean {
	if (code < 0) return false;
	if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
	return LETTER_CODE.test(String.fromCodePoint(code));
}

function isCapital(code: number): boolean {
	if (code < 128) return code >= 65 && code <= 90;
	return CAPITAL_CODE.test(String.fromCodePoint(code));
}

/** Outside the text, or a character that is neither a letter nor half of a surrogate pair. */
function cleanCut(text: string, index: number): boolean {
	if (index < 0 || index >= text.length) return true;
	const code = text.charCodeAt(index);
	return (code < 0xd800 || code > 0xdfff) && !LETTER.test(text.charAt(index));
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
