import { describe, expect, it } from 'vitest';
import { remembered } from '../../src/corpus/remembered.js';

describe('remembered answers', () => {
	it('answers as the function does, working each key out once, null answers included', () => {
		const asked: string[] = [];
		const partyOf = remembered((phrase) => {
			asked.push(phrase);
			return phrase.startsWith('Lab') ? 'Labour' : null;
		}, 10);
		expect([partyOf('Labour'), partyOf('Hello'), partyOf('Labour'), partyOf('Hello')]).toEqual(['Labour', null, 'Labour', null]);
		expect(asked).toEqual(['Labour', 'Hello']);
	});

	it('forgets everything once it holds its limit, so it never grows past it', () => {
		const asked: string[] = [];
		const lengthOf = remembered((word) => {
			asked.push(word);
			return word.length;
		}, 2);
		lengthOf('a');
		lengthOf('bb');
		lengthOf('ccc'); // full: forgets a and bb, keeps ccc
		lengthOf('ccc');
		lengthOf('a');
		expect(asked).toEqual(['a', 'bb', 'ccc', 'a']);
	});
});
