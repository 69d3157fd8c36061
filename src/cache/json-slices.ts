// JSON.stringify of an archive's engine takes seconds in one call, and the bot answers nothing
// meanwhile. This writes the same text piece by piece (an array element, an object member), so the
// caller can give the event loop a turn between pieces.
import { Slices } from '../build/slices.js';

/** Objects and arrays this deep are written member by member; deeper ones in one JSON.stringify call. */
const SPLIT_DEPTH = 4;
/** Pieces are gathered into buffers of about this many characters. */
const BUFFER_CHARS = 1 << 20;

/** JSON.stringify(value) as UTF-8 buffers, made in slices. `value` must be plain data (no toJSON, no cycles). */
export async function stringifyInSlices(value: unknown, slices = new Slices()): Promise<Buffer[]> {
	const buffers: Buffer[] = [];
	let pending: string[] = [];
	let pendingChars = 0;
	for (const piece of pieces(value, 0)) {
		pending.push(piece);
		pendingChars += piece.length;
		if (pendingChars >= BUFFER_CHARS) {
			buffers.push(Buffer.from(pending.join('')));
			pending = [];
			pendingChars = 0;
		}
		await slices.yieldIfDue();
	}
	if (pending.length > 0) buffers.push(Buffer.from(pending.join('')));
	return buffers;
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
