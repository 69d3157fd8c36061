import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundedEditDistance, DistanceFrom, FuzzyTable } from '../../src/answer/fuzzy.js';
import { editDistance } from '../../src/extract/text.js';

// Short strings over a few letters (and a space, an accent, a digit) collide often: the hard cases.
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'n', 'o', ' ', 'é', '7', 'z'), maxLength: 12 });

describe('boundedEditDistance', () => {
	it('is editDistance within the bound, and the bound + 1 beyond it', () => {
		fc.assert(
			fc.property(text, text, fc.integer({ min: 0, max: 14 }), (a, b, max) => {
				const reference = editDistance(a, b, max);
				expect(boundedEditDistance(a, b, max)).toBe(reference <= max ? reference : max + 1);
			}),
			{ numRuns: 5000 },
		);
	});

	it('handles long strings beyond its first buffer', () => {
		const a = 'abc'.repeat(60);
		const b = 'acb'.repeat(60);
		for (const max of [0, 5, 40, 200]) expect(boundedEditDistance(a, b, max)).toBe(Math.min(editDistance(a, b, max), max + 1));
	});
});

describe('FuzzyTable', () => {
	it('finds every key within the distance, and only those', () => {
		fc.assert(
			fc.property(fc.array(text, { maxLength: 40 }), text, fc.integer({ min: 0, max: 4 }), (keys, query, max) => {
				const table = new FuzzyTable(keys);
				const expected = keys.map((key, index) => ({ key: index, distance: editDistance(key, query, max) })).filter((entry) => entry.distance <= max);
				expect(table.within(query, max)).toEqual(expected);
			}),
			{ numRuns: 1000 },
		);
	});

	it('visits, nearest first, every key the limit allows, with its distance', () => {
		fc.assert(
			fc.property(fc.array(text, { maxLength: 40 }), text, fc.integer({ min: 0, max: 12 }), (keys, query, limit) => {
				const table = new FuzzyTable(keys);
				const visited = new Map<number, number>();
				table.nearest(query, { limit: () => limit, worth: () => true, visit: (key, distance) => visited.set(key, distance) });
				keys.forEach((key, index) => {
					const distance = editDistance(key, query, limit);
					if (distance <= limit) expect(visited.get(index)).toBe(distance);
					else if (visited.has(index)) expect(visited.get(index)).toBe(limit + 1);
				});
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('DistanceFrom', () => {
	const longer = fc.string({ unit: fc.constantFrom('a', 'b', 'n', ' ', 'é', '\u{1F600}'), maxLength: 40 });

	it('is boundedEditDistance, for queries within a machine word and beyond', () => {
		fc.assert(
			fc.property(fc.oneof(text, longer), fc.oneof(text, longer), fc.integer({ min: 0, max: 45 }), (query, key, max) => {
				expect(new DistanceFrom(query).to(key, max)).toBe(boundedEditDistance(key, query, max));
			}),
			{ numRuns: 5000 },
		);
	});

	it('counts a query of exactly 32 characters right', () => {
		const query = 'abcdefghijklmnopqrstuvwxyzabcdef';
		for (const key of [query, query.slice(1), `${query}x`, query.replace('k', 'q'), '']) expect(new DistanceFrom(query).to(key, 40)).toBe(editDistance(key, query, 40));
	});
});
