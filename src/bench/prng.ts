// A seeded pseudo-random generator and the sampling helpers the corpus generator needs. Hand-written
// (mulberry32) rather than a package: the bench must give the same corpus, byte for byte, for a seed.

export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T;
	/** True with probability `p`. */
	chance(p: number): boolean;
}

/** mulberry32: 32 bits of state, good enough statistics for test data, and fast. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function createRandom(seed: number): Random {
	const next = mulberry32(seed);
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick<T>(items: readonly T[]): T {
			const item = items[Math.floor(next() * items.length)];
			if (item === undefined) throw new Error('pick from an empty list');
			return item;
		},
		chance: (p) => next() < p,
	};
}

/** Derives an independent seed for a sub-stream, so adding draws to one part never shifts another. */
export function deriveSeed(seed: number, label: string): number {
	let hash = seed >>> 0;
	for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
	return hash;
}

/**
 * Samples ranks 0…n-1 with probability ∝ 1/(rank+1)^exponent (Zipf's law, as word frequencies in
 * prose follow it): a cumulative table and a binary search, so each draw is O(log n).
 */
export class ZipfSampler {
	private readonly cumulative: Float64Array;

	constructor(size: number, exponent = 1) {
		this.cumulative = new Float64Array(size);
		let total = 0;
		for (let rank = 0; rank < size; rank++) {
			total += 1 / (rank + 1) ** exponent;
			this.cumulative[rank] = total;
		}
		for (let rank = 0; rank < size; rank++) this.cumulative[rank] = (this.cumulative[rank] ?? 0) / total;
	}

	sample(random: Random): number {
		const target = random.next();
		let low = 0;
		let high = this.cumulative.length - 1;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if ((this.cumulative[middle] ?? 1) < target) low = middle + 1;
			else high = middle;
		}
		return low;
	}
}
