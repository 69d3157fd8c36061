// The client's jsonTransformer (src/discord/json.ts) remembers key conversions for speed; it must
// send exactly what discord.js's own transformer would, for our payloads and for anything else.
import { ButtonStyle, ComponentType, Options } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { toSnakeCase } from '../../src/discord/json.js';
import { renderAnswer } from '../../src/render/embeds.js';
import { askAnswer, citation } from '../render/answers.js';

const original = Options.createDefault().jsonTransformer;

const PAYLOADS: Record<string, unknown> = {
	'a page of embeds': renderAnswer(askAnswer({ citations: Array.from({ length: 12 }, (_, i) => citation(i + 1)) })).map((page) => page.embeds),
	'autocomplete choices': Array.from({ length: 25 }, (_, i) => ({ name: `Speaker ${i}`, value: `Speaker ${i}` })),
	'a More button': [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: 'more:1:ask:["x"]', label: 'More (2/3)' }] }],
	'camelCase, digits and nesting': { customId: 'x', nameLocalizations: { enUS: 'a' }, field2: [1, null, { deepKeyName: true }], already_snake: 'y' },
	'a date, an encodable and an emoji string': { when: new Date(0), built: { toJSON: () => ({ innerKey: 1 }) }, nested: { emoji: '👍', label: 'ok' } },
	'a __proto__ key': JSON.parse('{"__proto__": {"polluted": true}, "safeKey": 1}') as unknown,
	scalars: ['text', 3, null, undefined, true],
};

describe('the client jsonTransformer', () => {
	for (const [name, payload] of Object.entries(PAYLOADS)) {
		it(`gives what discord.js's default gives for ${name}`, () => {
			// Twice: the second call answers from the remembered keys.
			expect(toSnakeCase(payload)).toStrictEqual(original?.(payload));
			expect(toSnakeCase(payload)).toStrictEqual(original?.(payload));
		});
	}

	it('never sets a prototype from a key', () => {
		const out = toSnakeCase(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
