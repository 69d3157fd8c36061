// JSON.stringify of an archive's engine takes seconds in one call, and the bot answers nothing
// meanwhile. This writes the same text piece by piece (an array element, an object member), so the
// caller can give the event loop a turn between pieces.
import { Slices } from '../corpus/slices.js';

/** Objects and arrays this deep are written member by member; deeper ones in one JSON.stringify call. */
const SPLIT_DEPTH = 4;
/** Pieces are gathered into buffers of about this many characters. */
const BUFFER_CHARS = 1 << 20;

/**
 * `items` as a read-only list of `convert`ed entries, each converted when it is read rather than all
 * up front. Converting an archive's lists in one go would hold the bot for a few hundred
 * milliseconds before the sliced write starts; given to stringifyInSlices, each entry is converted
 * in the piece that writes it. JSON.stringify, iteration and the array methods see the converted
 * entries (a Proxy: Array.isArray and JSON.stringify see through it). An entry read twice is
 * converted twice, equal but not identical.
 */
export function mapWhenRead<T, U>(items: readonly T[], convert: (item: T, index: number) => U): U[] {
	const converted = (target: readonly T[], key: string | symbol): { value: U } | undefined => {
		const index = arrayIndex(key, target.length);
		return index === undefined ? undefined : { value: convert(target[index] as T, index) };
	};
	const handler: ProxyHandler<T[]> = {
		get: (target, key, receiver) => (converted(target, key) ?? { value: Reflect.get(target, key, receiver) as unknown }).value,
		getOwnPropertyDescriptor: (target, key) => {
			const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
			const entry = converted(target, key);
			return descriptor && entry ? { ...descriptor, value: entry.value } : descriptor;
		},
		// Read-only: a write would land in `items`, which belong to someone else.
		set: () => false,
		defineProperty: () => false,
		deleteProperty: () => false,
	};
	// The Proxy stands for its target's type; what it reads as is U[]. Its target is a copy of the
	// list (references only): a Proxy may not report other values for a frozen array's entries.
	return new Proxy([...items], handler) as unknown as U[];
}

/** `key` as an index into a list of `length` entries, if it is one. */
function arrayIndex(key: string | symbol, length: number): number | undefined {
	if (typeof key !== 'string') return undefined;
	const index = Number(key);
	return Number.isInteger(index) && index >= 0 && index < length && String(index) === key ? index : undefined;
}

/**
 * JSON.stringify(value) as ASCII buffers, made in slices. `value` must be plain data (no toJSON, no
 * cycles). Characters beyond ASCII are written as \u escapes, which JSON.parse reads back the same:
 * an ASCII file is read as Latin-1, which costs a copy rather than a UTF-8 decode (about 0.2 s for
 * an archive's cache), and is parsed faster as a one-byte string.
 */
export async function stringifyInSlices(value: unknown, slices = new Slices()): Promise<Buffer[]> {
	const buffers: Buffer[] = [];
	let pending: string[] = [];
	let pendingChars = 0;
	for (const piece of pieces(value, 0)) {
		pending.push(piece);
		pendingChars += piece.length;
		if (pendingChars >= BUFFER_CHARS) {
			buffers.push(asciiBuffer(pending.join('')));
			pending = [];
			pendingChars = 0;
		}
		await slices.yieldIfDue();
	}
	if (pending.length > 0) buffers.push(asciiBuffer(pending.join('')));
	return buffers;
}

const BEYOND_ASCII = /[\u0080-\uffff]/g;

/** JSON text with every character beyond ASCII escaped (they only occur inside strings). */
function asciiBuffer(json: string): Buffer {
	return Buffer.from(json.replace(BEYOND_ASCII, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1');
}

/** The pieces of JSON.stringify(value), in order. */
function* pieces(value: unknown, depth: number): Generator<string> {
	if (depth >= SPLIT_DEPTH || value === null || typeof value !== 'object' || hasToJson(value)) {
		// As JSON.stringify writes it inside an array: undefined and functions become null.
		yield JSON.stringify(value) ?? 'null';
		return;
	}
	if (Array.isArray(value)) {
		yield '[';
		for (const [i, item] of value.entries()) {
			if (i > 0) yield ',';
			yield* pieces(item, depth + 1);
		}
		yield ']';
		return;
	}
	yield '{';
	let first = true;
	for (const [key, member] of Object.entries(value)) {
		// JSON.stringify leaves out members it cannot write.
		if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
		yield `${first ? '' : ','}${JSON.stringify(key)}:`;
		first = false;
		yield* pieces(member, depth + 1);
	}
	yield '}';
}

function hasToJson(value: object): boolean {
	return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
