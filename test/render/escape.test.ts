// escapeMarkdown skips the replaces its quick tests say cannot apply and remembers short strings (it
// is on every reply's hot path); these tests pin it to the five replaces run unconditionally, so
// neither shortcut can change a single character sent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, neutraliseMentions } from '../../src/render/escape.js';

/** The definition: the five replaces, every one run, in order. */
function reference(text: string): string {
	return neutraliseMentions(
		text
			.replace(/[\\*_~|`>[\]]/g, '\\$&')
			.replace(/^([^\S\n]*)([#+-])/gm, '$1\\$2')
			.replace(/^([^\S\n]*\d+)\./gm, '$1\\.'),
	);
}

/** Every character the replaces or the quick tests treat specially, and near misses. */
const PIECES = [
	'\\', '*', '_', '~', '|', '`', '>', '[', ']', '#', '+', '-', '.', '<', '@', '!', '&', '/', '1', '23', '0.',
	' ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
	'everyone', 'EveryOne', 'here', 'HERE', 'Here', 'ever', 'her', '\u212a', 'e\u0301', 'a', 'word', 'é', '👩‍👩‍👧', '\ud800', '\udc00',
];

const pieced = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('escapeMarkdown', () => {
	it('gives exactly what the five regex replaces give, on text built from every special piece', () => {
		fc.assert(fc.property(pieced, (text) => {
			expect(escapeMarkdown(text)).toBe(reference(text));
		}), { numRuns: 20_000 });
	});

	it('gives exactly what the five replaces give on long text (its quick tests change past 200 characters)', () => {
		const long = fc.array(fc.constantFrom(...PIECES), { minLength: 60, maxLength: 400 }).map((parts) => parts.join(''));
		fc.assert(fc.property(long, (text) => {
			expect(escapeMarkdown(text)).toBe(reference(text));
		}), { numRuns: 1_000 });
	});

	it('escapes a long line and a long text of many lines as the replaces do', () => {
		const words = 'the count said 12,345 votes [1][2] for Labour'.repeat(20);
		for (const text of [`1. ${words}`, `- ${words}`, `${words}\n# ${words}\r+ ${words}\u2028 3. ${words}`, `${words} @everyone <@1>`, words]) {
			expect(escapeMarkdown(text)).toBe(reference(text));
		}
	});

	it('gives exactly what the regex replaces give on arbitrary UTF-16', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
			expect(escapeMarkdown(text)).toBe(reference(text));
		}), { numRuns: 5_000 });
	});

	it('handles each line start, mention and marker', () => {
		for (const text of ['', '-', ' \t#x', '1. a\n  12. b\r3.c', '1x.', '12\n-', '@everyone @HeRe <@1> <@!1> <@&1> <#1> </a:1> <@everyone', 'a\u2028+b\u2029- c', '\u212aeveryone @\u212aere', '@everyonee', 'x > [y](z) `c` ~~s~~ ||p|| _i_ **b** \\']) {
			expect(escapeMarkdown(text)).toBe(reference(text));
		}
	});

	it('gives the same answer from its memory of short strings, however many it has seen', () => {
		const texts = Array.from({ length: 9000 }, (_, i) => `${i % 3 === 0 ? '- ' : ''}t_${i} @here`);
		for (const text of texts) expect(escapeMarkdown(text)).toBe(reference(text));
		for (const text of texts) expect(escapeMarkdown(text)).toBe(reference(text));
	});

	it('returns text with nothing to escape unchanged', () => {
		const plain = 'Jill Mortimer won by 6,940 votes, the count said.';
		expect(escapeMarkdown(plain)).toBe(plain);
	});
});
