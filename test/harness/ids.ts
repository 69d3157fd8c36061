/** Fixed identities for the fake Discord world, and a snowflake generator. */
export const APP_ID = '1100000000000000001';
export const BOT_USER_ID = APP_ID;
export const GUILD_ID = '1100000000000000002';
export const CHANNEL_ID = '1100000000000000003';
export const USER_ID = '1100000000000000004';
/** Shaped like a real bot token so config validation accepts it; used to test redaction. */
export const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhArNs.fake-token-for-tests-only_0123456789abcdef';
export const API_BASE = 'http://discord.mock/api';

const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;

/** A unique snowflake; the timestamp part is "now" so discord.js's derived dates look sane. */
export function snowflake(): string {
	counter = (counter + 1n) % 4096n;
	return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | counter).toString();
}
