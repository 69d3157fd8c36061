import { describe, expect, it } from 'vitest';
import { NumberedOnDemand, PostingsOnDemand } from '../../src/index/maps-on-demand.js';

// MiniSearch uses these as its own Maps: every method must answer as the Map they stand for would.

function numbered(count: number, made: string[]): NumberedOnDemand<string> {
	return new NumberedOnDemand<string>(count, (key) => {
		made.push(`value ${key}`);
		return `value ${key}`;
	});
}

const plain = (count: number) => new Map<number, string>(Array.from({ length: count }, (_, key) => [key, `value ${key}`]));

describe('NumberedOnDemand', () => {
	it('answers size, has and get for 0 … count − 1 without making the other entries', () => {
		const made: string[] = [];
		const map = numbered(5, made);
		expect(map.size).toBe(5);
		expect([-1, 0, 4, 5, 1.5, Number.NaN].map((key) => map.has(key))).toEqual([false, true, true, false, false, false]);
		expect([map.get(3), map.get(5), map.get(-1)]).toEqual(['value 3', undefined, undefined]);
		expect(made).toEqual(['value 3']);
	});

	it('is the Map it stands for once iterated or written to', () => {
		const map = numbered(4, []);
		const expected = plain(4);
		expect([...map]).toEqual([...expected]);
		expect([...map.keys()]).toEqual([...expected.keys()]);
		map.delete(1);
		expected.delete(1);
		map.set(9, 'nine');
		expected.set(9, 'nine');
		expect([...map.entries()]).toEqual([...expected.entries()]);
		expect([map.size, map.has(1), map.get(9), map.has(9)]).toEqual([4, false, 'nine', true]);
		const visited: number[] = [];
		map.forEach((_, key) => visited.push(key));
		expect(visited).toEqual([0, 2, 3, 9]);
	});

	it('makes its entries before a write, so the write is not lost or undone', () => {
		const map = numbered(3, []);
		map.set(1, 'changed');
		expect([...map.values()]).toEqual(['value 0', 'changed', 'value 2']);
		map.clear();
		expect([map.size, map.has(0), [...map]]).toEqual([0, false, []]);
	});
});

describe('PostingsOnDemand', () => {
	it('makes its one field once, from its slice of the lists, on the first read', () => {
		const positions = Uint32Array.from([7, 1, 4, 9]);
		const frequencies = Uint16Array.from([1, 2, 3, 4]);
		const entry = new PostingsOnDemand(0, { positions, frequencies }, 1, 3);
		const postings = entry.get(0);
		expect(postings && [...postings]).toEqual([
			[1, 2],
			[4, 3],
		]);
		expect(entry.get(0)).toBe(postings);
		expect([entry.size, entry.has(0), entry.has(1), [...entry.keys()]]).toEqual([1, true, false, [0]]);
		entry.delete(0);
		expect([entry.size, entry.get(0)]).toEqual([0, undefined]);
	});
});
