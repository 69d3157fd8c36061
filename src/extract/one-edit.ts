// Finding strings one edit apart without comparing every pair: two strings within Levenshtein
// distance 1 always share a "deletion variant" (the string itself, or it with one character
// removed), so indexing every variant turns an all-pairs scan into a few map look-ups.

/**
 * The string and each way of deleting one character from it, without repeats, in that order. An
 * array, not the set that drops the repeats: the indexes read the variants of a key far more
 * often than they work them out, and an array is the cheaper to walk.
 */
function deletionVariants(key: string): readonly string[] {
	const variants = new Set<string>([key]);
	for (let index = 0; index < key.length; index++) variants.add(key.slice(0, index) + key.slice(index + 1));
	return [...variants];
}

/**
 * Deletion variants by key, worked out once for many indexes: an extraction files the same
 * surnames in an index per first name (and per constituency), and each index working out its
 * own was most of the cost of filing.
 */
export class DeletionVariants {
	private readonly byKey = new Map<string, readonly string[]>();

	of(key: string): readonly string[] {
		let variants = this.byKey.get(key);
		if (!variants) {
			variants = deletionVariants(key);
			this.byKey.set(key, variants);
		}
		return variants;
	}
}

/** Several values filed under one variant, in filing order. */
class Bucket<T> {
	constructor(readonly values: T[]) {}
}

/**
 * Values filed under string keys, found again by any key within one edit. `near` returns a
 * superset (`ab` and `ba` share a variant but are two edits apart): callers still check the
 * distance with their own rule, so the answer is exactly that of a full scan.
 */
export class OneEditIndex<T extends NonNullable<unknown>> {
	/**
	 * By variant, its one value, or a bucket of several: most variants are filed under once, and an
	 * array for each of them was an allocation per variant of every key filed.
	 */
	private readonly byVariant = new Map<string, T | Bucket<T>>();

	/** `variants`: shared with other indexes of the same keys (the same surnames are looked up again and again). */
	constructor(private readonly variants: DeletionVariants = new DeletionVariants()) {}

	add(key: string, value: T): void {
		for (const variant of this.variantsOf(key)) {
			const filed = this.byVariant.get(variant);
			if (filed === undefined) this.byVariant.set(variant, value);
			else if (filed instanceof Bucket) filed.values.push(value);
			else this.byVariant.set(variant, new Bucket([filed, value]));
		}
	}

	/** Every value filed under a key that may be within one edit of `key`, each once, in filing order per variant. */
	near(key: string): Set<T> {
		const found = new Set<T>();
		for (const variant of this.variantsOf(key)) {
			const filed = this.byVariant.get(variant);
			if (filed === undefined) continue;
			if (filed instanceof Bucket) for (const value of filed.values) found.add(value);
			else found.add(filed);
		}
		return found;
	}

	private variantsOf(key: string): readonly string[] {
		return this.variants.of(key);
	}
}

/**
 * Whether two strings are at most one edit apart (Levenshtein, by UTF-16 code unit): the same
 * answer as `editDistance(a, b, 1) <= 1`, without building its table (names are compared often).
 */
export function withinOneEdit(a: string, b: string): boolean {
	if (a === b) return true;
	if (Math.abs(a.length - b.length) > 1) return false;
	let head = 0;
	while (head < a.length && head < b.length && a.charCodeAt(head) === b.charCodeAt(head)) head++;
	let tailA = a.length;
	let tailB = b.length;
	while (tailA > head && tailB > head && a.charCodeAt(tailA - 1) === b.charCodeAt(tailB - 1)) {
		tailA--;
		tailB--;
	}
	// What is left between the common start and the common end: at most one character each side.
	return tailA - head <= 1 && tailB - head <= 1;
}

