import { isAscii } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { Slices } from '../../src/corpus/slices.js';
import { toStored } from '../../src/cache/codec.js';
import { mapWhenRead, stringifyInSlices } from '../../src/cache/json-slices.js';
import { withTurnCount } from '../helpers/turns.js';

async function text(value: unknown): Promise<string> {
	const written = Buffer.concat(await stringifyInSlices(value));
	expect(isAscii(written)).toBe(true);
	return written.toString('latin1');
}

/** JSON.stringify's text with each UTF-16 unit beyond ASCII written as a \u escape: what the cache file holds. */
function asciiJson(value: unknown): string {
	return [...(JSON.stringify(value) ?? '')].map((character) => (character.length === 1 && character.charCodeAt(0) < 0x80 ? character : [...Array(character.length).keys()].map((unit) => `\\u${character.charCodeAt(unit).toString(16).padStart(4, '0')}`).join(''))).join('');
}

describe('writing JSON in slices', () => {
	it('writes exactly what JSON.stringify writes, for an engine snapshot', async () => {
		const engine = await Engine.fromDirectory('test/fixtures/ask-eval/articles');
		const stored = toStored(engine.toSnapshot());
		expect(JSON.stringify(stored)).toMatch(/[\u0080-\uffff]/);
		expect(await text(stored)).toBe(asciiJson(stored));
		expect(JSON.parse(await text(stored))).toEqual(JSON.parse(JSON.stringify(stored)));
	});

	it('writes the awkward values as JSON.stringify does', async () => {
		const awkward = {
			skipped: undefined,
			fn: () => 1,
			list: [undefined, null, 1, 'two', [], {}, [[[[['deep']]]]]],
			nested: { a: { b: { c: { d: { e: [1, { f: undefined }] } } } } },
			quotes: '"\u2028\n',
			date: new Date(0),
			'key "quoted"': true,
			'clé £': '“curly” café — 🗳️ and a lone \ud800 surrogate',
		};
		expect(await text(awkward)).toBe(asciiJson(awkward));
		expect(JSON.parse(await text(awkward))).toEqual(JSON.parse(JSON.stringify(awkward)));
		expect(await text([])).toBe('[]');
		expect(await text('plain')).toBe('"plain"');
	});

	it('gives the event loop turns while it writes', async () => {
		const big = Array.from({ length: 2_000 }, (_, i) => ({ i, words: ['a', 'b', 'c'] }));
		const { value: buffers, turns } = await withTurnCount(() => stringifyInSlices(big, new Slices(0)));
		const written = Buffer.concat(buffers).toString();
		expect(written).toBe(JSON.stringify(big));
		expect(turns).toBeGreaterThan(100);
	});

	it('converts a mapWhenRead list an entry at a time as it writes it, so a long conversion is sliced too', async () => {
		const items = Array.from({ length: 300 }, (_, i) => i);
		let conversions = 0;
		const list = mapWhenRead(items, (item, index) => {
			conversions++;
			return { item, index, square: item * item };
		});
		expect(conversions).toBe(0);
		const { value: buffers, turns } = await withTurnCount(() => stringifyInSlices({ list }, new Slices(0)));
		const expected = JSON.stringify({ list: items.map((item, index) => ({ item, index, square: item * item })) });
		expect(Buffer.concat(buffers).toString()).toBe(expected);
		expect(conversions).toBe(300);
		expect(turns).toBeGreaterThan(100);
		expect(JSON.stringify({ list })).toBe(expected);
	});

	it('reads a mapWhenRead list as an array of converted entries, and refuses writes', () => {
		const items = ['a', 'b'];
		const list = mapWhenRead(items, (item) => item.toUpperCase());
		expect(Array.isArray(list)).toBe(true);
		expect([...list]).toEqual(['A', 'B']);
		expect(list.map((item) => `${item}!`)).toEqual(['A!', 'B!']);
		expect(list[1]).toBe('B');
		expect(list[2]).toBeUndefined();
		expect(Object.getOwnPropertyDescriptor(list, '0')?.value).toBe('A');
		expect(() => {
			list[0] = 'z';
		}).toThrow(TypeError);
		expect(() => list.push('c')).toThrow(TypeError);
		expect(items).toEqual(['a', 'b']);
	});

	it('converts a frozen list too (a Proxy over it could not report other values)', async () => {
		const list = mapWhenRead(Object.freeze([1, 2, 3]), (item) => item * 10);
		expect(list[0]).toBe(10);
		expect(JSON.stringify(list)).toBe('[10,20,30]');
		expect(Buffer.concat(await stringifyInSlices({ list })).toString()).toBe('{"list":[10,20,30]}');
	});
});
