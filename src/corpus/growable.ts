// A Uint32 array that is filled one number at a time, for lists whose length is only known once
// they are made (the term table's term occurrences, verify's word ids).

/** A Uint32 array that doubles when full: an archive has millions of term occurrences. */
export class GrowableUint32 {
	private data: Uint32Array = new Uint32Array(1024);
	length = 0;

	push(value: number): void {
		if (this.length === this.data.length) {
			const bigger = new Uint32Array(this.data.length * 2);
			bigger.set(this.data);
			this.data = bigger;
		}
		this.data[this.length++] = value;
	}

	toArray(): Uint32Array {
		return this.data.slice(0, this.length);
	}
}
