import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/answer/engine.js';
import { Slices } from '../../src/build/slices.js';
import { toStored } from '../../src/cache/codec.js';
import { stringifyInSlices } from '../../src/cache/json-slices.js';
import { withTurnCount } from '../helpers/turns.js';

async function text(value: unknown): Promise<string> {
	return Buffer.concat(await stringifyInSlices(value)).toString();
}

describe('writing JSON in slices', () => {
	it('writes exactly what JSON.stringify writes, for an engine snapshot', async () => {
		const engine = await Engine.fromDirectory('test/fixtures/ask-eval/articles');
		const stored = toStored(engine.toSnapshot());
		expect(await text(stored)).toBe(JSON.stringify(stored));
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
		};
		expect(await text(awkward)).toBe(JSON.stringify(awkward));
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
});
