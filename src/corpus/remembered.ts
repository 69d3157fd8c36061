/**
 * `compute` with its answers kept, for a pure function of a word or phrase that a corpus asks about
 * again and again. The table is emptied when it holds `limit` answers, so hostile input cannot grow
 * it without bound.
 */
export function remembered<T extends NonNullable<unknown> | null>(compute: (key: string) => T, limit: number): (key: string) => T {
	const answers = new Map<string, T>();
	return (key) => {
		const known = answers.get(key);
		if (known !== undefined) return known;
		const answer = compute(key);
		if (answers.size >= limit) answers.clear();
		answers.set(key, answer);
		return answer;
	};
}
