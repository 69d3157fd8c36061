// Which known constituency names a text mentions, as whole words. Built once per corpus: a
// RegExp per name per sentence made results quadratic (thousands of names × every sentence).

const LETTERS = /\p{L}+/gu;
const LEADING_LETTERS = /^\p{L}+/u;
const LETTER = /^\p{L}/u;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A name counts where it stands with no letter right before or after it (`Ashworth` is not in
 * `Ashworthy`), case-sensitively: the same test as `(^|[^\p{L}])NAME(?![\p{L}])` with the `u`
 * flag. A name starting with a letter can only match where a run of letters starts, and that
 * run must be the name's own leading run of letters, so each name is filed under that run and a
 * text is read once, run by run.
 */
export class PlaceMatcher {
	private readonly byLeadingRun = new Map<string, number[]>();
	/** Names this shortcut cannot vouch for (no leading letter, surrogates): tested the slow way. */
	private readonly irregular: Array<{ index: number; pattern: RegExp }> = [];

	constructor(private readonly names: readonly string[]) {
		names.forEach((name, index) => {
			const leading = LEADING_LETTERS.exec(name)?.[0];
			if (leading === undefined || SURROGATE.test(name)) {
				this.irregular.push({ index, pattern: new RegExp(`(^|[^\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'u') });
				return;
			}
			const bucket = this.byLeadingRun.get(leading);
			if (bucket) bucket.push(index);
			else this.byLeadingRun.set(leading, [index]);
		});
	}

	/** The names `text` mentions, in the order they were given to the matcher. */
	namesIn(text: string): string[] {
		if (this.names.length === 0) return [];
		const found = new Set<number>();
		for (const run of text.matchAll(LETTERS)) {
			const candidates = this.byLeadingRun.get(run[0]);
			if (!candidates) continue;
			for (const index of candidates) {
				const name = this.names[index] ?? '';
				if (text.startsWith(name, run.index) && !LETTER.test(text.slice(run.index + name.length, run.index + name.length + 2))) found.add(index);
			}
		}
		for (const { index, pattern } of this.irregular) if (pattern.test(text)) found.add(index);
		return [...found].sort((a, b) => a - b).map((index) => this.names[index] ?? '');
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
