/**
 * A bare discord.js Client that replies "pong" to every interaction: the baseline the benchmark
 * compares our bot against. It has a fake gateway of its own but sends REST to the same `MockRest`
 * as the harness's bot, so both pay exactly the same harness costs (ws, fetch, nock) and can run
 * side by side in one process, their interactions interleaved.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Interaction } from 'discord.js';
import { FakeGateway } from './gateway.js';
import { API_BASE, APP_ID, BOT_USER_ID, TOKEN } from './ids.js';

export interface BareBot {
	gateway: FakeGateway;
	client: Client;
	/** Replies (or choice lists) the handler failed to send: a broken baseline, not a slow one. */
	failures: number;
	/** Interactions whose reply has not finished yet (discord.js still reading the REST response). */
	pending: number;
	stop(): Promise<void>;
}

/**
 * Logs a bare client in to a fresh fake gateway. REST must already be mocked (a `MockRest` is
 * alive): every request but the gateway look-up goes through global fetch to it.
 */
export async function startBareBot(): Promise<BareBot> {
	const gateway = await FakeGateway.start({ applicationId: APP_ID, botUserId: BOT_USER_ID });
	const client = new Client({
		// The same intents as our bot, so both receive and cache the same gateway traffic.
		intents: [GatewayIntentBits.Guilds],
		rest: { api: API_BASE, makeRequest: (url, init) => (isGatewayLookup(url) ? Promise.resolve(gatewayInfo(gateway.url)) : fetch(url, init)) },
	});
	const bare: BareBot = {
		gateway,
		client,
		failures: 0,
		pending: 0,
		async stop() {
			// Client first, then the server: the other order makes the client reconnect forever.
			await client.destroy();
			await gateway.close();
		},
	};
	client.on(Events.InteractionCreate, (interaction) => {
		bare.pending += 1;
		pong(interaction)
			.catch(() => (bare.failures += 1))
			.finally(() => (bare.pending -= 1));
	});
	const ready = once(client, Events.ClientReady);
	await client.login(TOKEN);
	await ready;
	return bare;
}

/** The least a bot can do: one reply, or one choice for autocomplete (which cannot be replied to). */
async function pong(interaction: Interaction): Promise<void> {
	if (interaction.isAutocomplete()) await interaction.respond([{ name: 'pong', value: 'pong' }]);
	else if (interaction.isRepliable()) await interaction.reply({ content: 'pong' });
}

/**
 * MockRest answers GET /gateway/bot with the harness bot's gateway, and discord.js has no option
 * to name another; so the bare client answers that one look-up itself (it happens at login only,
 * never while interactions are measured).
 */
function isGatewayLookup(url: string): boolean {
	return new URL(url).pathname.endsWith('/gateway/bot');
}

function gatewayInfo(url: string): Response {
	const body = { url, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } };
	return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}
