/**
 * Admin commands are refused at run time to members without the permissions their definition
 * asks for: a server admin can change `default_member_permissions` in Integrations settings, and
 * Discord then delivers the interaction. The refusal is private and explains what is needed.
 */
import fc from 'fast-check';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS, loadCommands } from '../../commands/index.js';
import { quote } from '../../commands/quote.js';
import type { SlashAnswerCommand } from '../../src/discord/command.js';
import { requiredPermissions } from '../../src/discord/permissions.js';
import { startHarness } from '../harness/index.js';
import type { Harness } from '../harness/index.js';
import { allViolations } from '../harness/limits.js';
import { ADMIN_PERMISSIONS, MEMBER_PERMISSIONS, autocomplete, buttonClick, chatInput } from '../harness/payloads.js';
import type { InteractionPayload } from '../harness/payloads.js';
import { ControlledReload } from '../harness/reload.js';

/** A made-up future admin command, to show the check is generic rather than written into /reindex. */
const audit: SlashAnswerCommand = {
	...quote,
	data: { ...quote.data, name: 'audit', default_member_permissions: String(PermissionFlagsBits.ManageMessages) },
};

const reloads = new ControlledReload();
let h: Harness;
beforeAll(async () => {
	h = await startHarness({ commands: loadCommands([...ALL_COMMANDS, audit]), reload: reloads.reload });
});
afterAll(() => h.stop());
afterEach(() => expect(allViolations(h.rest.captures)).toEqual([]));

const ADMIN_BITS = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

/** Any permission set without Manage Server or Administrator: what a member given access by a server admin might have. */
const withoutAdmin = fc.bigInt({ min: 0n, max: (1n << 50n) - 1n }).map((bits) => bits & ~ADMIN_BITS);

async function refusal(payload: InteractionPayload): Promise<string> {
	const body = (await h.send(payload)).body as { type: number; data: { flags?: number; embeds: { title?: string; description?: string }[] } };
	expect(body).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Not allowed' }] } });
	return body.data.embeds[0]?.description ?? '';
}

describe('/reindex', () => {
	it('declares Manage Server in its definition', () => {
		expect(requiredPermissions(ALL_COMMANDS.find((c) => c.data.name === 'reindex')!)).toBe(PermissionFlagsBits.ManageGuild);
	});

	it('is refused, privately, to 100 random permission sets without Manage Server, and never reloads', async () => {
		await fc.assert(
			fc.asyncProperty(withoutAdmin, fc.boolean(), async (permissions, isPrivate) => {
				const text = await refusal(chatInput('reindex', { private: isPrivate }, { permissions }));
				expect(text).toBe('Only members with the Manage Server permission can use /reindex.');
			}),
			{ numRuns: 100 },
		);
		expect(reloads.calls).toBe(0);
	});

	it.each([
		['Manage Server', ADMIN_PERMISSIONS],
		['Administrator alone', PermissionFlagsBits.Administrator],
	])('runs for a member with %s', async (_label, permissions) => {
		const payload = chatInput('reindex', {}, { permissions });
		expect((await h.send(payload)).body).toMatchObject({ type: 5 });
		(await reloads.next()).resolve(h.engine);
		expect((await h.edit(payload)).body).toMatchObject({ embeds: [{ title: 'Reindexed' }] });
	});
});

describe('any admin command (a made-up /audit needing Manage Messages)', () => {
	it('is refused to a plain member, naming the permission', async () => {
		expect(await refusal(chatInput('audit', { speaker: 'Keir Starmer' }, { permissions: MEMBER_PERMISSIONS }))).toBe('Only members with the Manage Messages permission can use /audit.');
	});

	it('answers a member who has it', async () => {
		const reply = await h.send(chatInput('audit', { speaker: 'Keir Starmer' }, { permissions: MEMBER_PERMISSIONS | PermissionFlagsBits.ManageMessages }));
		expect(reply.body).toMatchObject({ type: 4, data: { embeds: [{ title: expect.any(String) }] } });
	});

	it('offers a plain member no autocomplete suggestions (they could reveal what the command exposes)', async () => {
		const reply = await h.send(autocomplete('audit', 'speaker', { speaker: 'Sta' }));
		expect(reply.body).toEqual({ type: 8, data: { choices: [] } });
		expect((await h.send(autocomplete('quote', 'speaker', { speaker: 'Sta' }))).body).toMatchObject({ data: { choices: [expect.anything()] } });
	});

	it('refuses its More button to a plain member, even with a valid id', async () => {
		expect(await refusal(buttonClick('more:1:audit:["Keir Starmer",""]'))).toContain('Manage Messages');
	});
});
