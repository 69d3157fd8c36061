// Lists of whole numbers as they are kept in the on-disk cache: little-endian Uint32, in base64. At
// 10,000 articles the index holds millions of such numbers; one string parses in a few milliseconds,
// where a JSON array of them takes tens, and restores as one typed array, not an array the garbage
// collector must walk (or, for lists of pairs, an array per entry).

export function packNumbers(values: ArrayLike<number>): string {
	const packed = values instanceof Uint32Array ? values : Uint32Array.from(values);
	return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('base64');
}

/** The numbers `packNumbers` wrote; throws, naming `what`, when the text cannot be that. */
export function unpackNumbers(text: string, what: string): Uint32Array<ArrayBuffer> {
	const bytes = Buffer.from(text, 'base64');
	if (bytes.length % 4 !== 0) throw new Error(`${what} is not a whole number of 32-bit values.`);
	// Copied into a fresh, aligned buffer: a Node Buffer from base64 may start at any byte offset.
	const values = new Uint32Array(bytes.length / 4);
	new Uint8Array(values.buffer).set(bytes);
	return values;
}
