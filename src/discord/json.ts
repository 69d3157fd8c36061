/**
 * The client's `jsonTransformer`: discord.js runs it over every embed and component we send and
 * every autocomplete choice, to turn camelCase keys into snake_case. Its default converts each key
 * with lodash's snakeCase, which is slow (about 5 µs a key): 25 choices or one page of embeds cost
 * more than the rest of the reply together. This one gives exactly the same output, but converts
 * each distinct key once (with the default itself) and remembers it; our payloads use a handful of keys.
 */
import { Options, isJSONEncodable } from 'discord.js';

type Transformer = (value: unknown) => unknown;

/** discord.js's own transformer: the definition of every key's conversion, and the fallback. */
const original: Transformer = Options.createDefault().jsonTransformer ?? ((value) => value);

/** Keys are property names from code (ours and discord.js's), not user text; the bound is a guard. */
const MAX_KEYS = 1000;
const keys = new Map<string, string>();

function snakeKey(key: string): string {
	const known = keys.get(key);
	if (known !== undefined) return known;
	const converted = Object.keys(original({ [key]: null }) as object)[0] ?? key;
	if (keys.size < MAX_KEYS) keys.set(key, converted);
	return converted;
}

/** What discord.js's default transformer returns for `value`, computed with remembered keys. */
export function toSnakeCase(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || value instanceof Date) return value;
	if (isJSONEncodable(value)) return toSnakeCase(value.toJSON());
	if (Array.isArray(value)) return value.map(toSnakeCase);
	const record = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(record)) {
		const field = record[key];
		// The default resolves an emoji given as a string (discord.js internals): leave those to it.
		if (key === 'emoji' && typeof field === 'string') return original(value);
		const converted = snakeKey(key);
		// snakeCase never gives `__proto__`; should a key ever convert to it, it stays an own property
		// (as with the default's Object.fromEntries), never the object's prototype.
		if (converted === '__proto__') Object.defineProperty(out, converted, { value: toSnakeCase(field), enumerable: true, writable: true, configurable: true });
		else out[converted] = toSnakeCase(field);
	}
	return out;
}
