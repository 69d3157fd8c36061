import { isAscii } from 'node:buffer';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Engine, type EngineSnapshot } from '../../src/answer/engine.js';
import { generateCorpus } from '../../src/bench/generate.js';
import { fromStored, toStored } from '../../src/cache/codec.js';
import { readCacheFile, writeCacheFile } from '../../src/cache/file.js';
import { StoredEngine } from '../../src/cache/schema.js';
import type { ElectionResult, Knowledge, ParagraphRef, Quote } from '../../src/extract/index.js';
import { seedsFolder } from '../helpers/tmp.js';

const KEY = 'a'.repeat(64);

let built: Promise<EngineSnapshot> | undefined;

/** One built engine's snapshot for every test (none changes it). */
function generatedSnapshot(): Promise<EngineSnapshot> {
	built ??= (async () => {
		const corpus = generateCorpus({ articles: 24, seed: 11 });
		const folder = await seedsFolder(Object.fromEntries(corpus.articles.map((article) => [article.file, article.text])));
		return (await Engine.fromDirectory(folder)).toSnapshot();
	})();
	return built;
}

/** What a start from the cache sees: the stored form written as JSON, parsed, checked and restored. */
function throughJson(snapshot: EngineSnapshot): EngineSnapshot {
	return fromStored(StoredEngine.parse(JSON.parse(JSON.stringify(toStored(snapshot)))));
}

/** The snapshot with its knowledge replaced by `knowledge` (which must cite its articles). */
function withKnowledge(snapshot: EngineSnapshot, knowledge: Knowledge): EngineSnapshot {
	return { ...snapshot, knowledge };
}

const ref = (snapshot: EngineSnapshot, article: number, paragraph: number): ParagraphRef => ({ articleId: snapshot.articles[article]!.id, paragraph });
const paragraphText = (snapshot: EngineSnapshot, article: number, paragraph: number): string => snapshot.articles[article]!.paragraphs[paragraph - 1]!.text;

/** Knowledge with every case the compact form stores differently: each must come back as it was. */
function awkwardKnowledge(snapshot: EngineSnapshot): Knowledge {
	const first = paragraphText(snapshot, 0, 1);
	const sliced = { ...ref(snapshot, 0, 1), text: first.slice(0, 12), start: 0, end: 12, kind: 'full' as const, speakerId: 'p1', attribution: 'said: "', spanId: `${snapshot.articles[0]!.id}#q1` };
	const quotes: Quote[] = [
		// Cited once, the usual id: stored as its occurrence.
		{ id: 'q1', speakerId: 'p1', text: sliced.text, kind: 'full', occurrences: [sliced], variants: [] },
		// Two occurrences, a variant, text that is not the paragraph's, an unusual span id and quote id.
		{
			id: 'quote-two',
			speakerId: null,
			text: 'not any occurrence',
			kind: 'partial',
			occurrences: [
				{ ...sliced, text: 'written differently', speakerId: null, attribution: null, spanId: 'elsewhere#7' },
				{ ...ref(snapshot, 1, 2), text: paragraphText(snapshot, 1, 2).slice(3, 9), start: 3, end: 9, kind: 'partial', speakerId: 'p2', attribution: null, spanId: `${snapshot.articles[1]!.id}#q012` },
			],
			variants: ['another wording'],
		},
		// Cited once, but its speaker differs from its occurrence's: stored in full.
		{ id: 'q3', speakerId: 'p2', text: sliced.text, kind: 'full', occurrences: [{ ...sliced, spanId: `${snapshot.articles[0]!.id}#q2` }], variants: [] },
	];
	const party = { value: 'Labour', sources: [ref(snapshot, 0, 1), ref(snapshot, 1, 1)] };
	const votes = { value: 1200, sources: [ref(snapshot, 1, 2)], wording: 'about 1,200' };
	const candidate = { name: 'Ann Example', personId: 'p1', party, votes };
	const result = (winner: ElectionResult['winner']): ElectionResult => ({
		constituency: 'Example',
		sources: [ref(snapshot, 0, 1)],
		date: { value: '2020-01-01', sources: [ref(snapshot, 0, 1)], basis: 'article date' },
		candidates: [candidate, { name: 'Bob Other', personId: null, party: null, votes: null }],
		winner,
		winnerParty: null,
		majority: { votes: null, computed: false, reported: { value: 'almost 1,000', sources: [ref(snapshot, 1, 1)] }, sources: [] },
		gain: { value: true, sources: [ref(snapshot, 0, 1)], basis: 'stated', wording: 'gained' },
		previousParty: null,
		conflicts: [{ field: 'votes', subject: 'Ann Example', values: [{ ...votes, value: '1200' }, { value: '1300', sources: [ref(snapshot, 0, 1)] }] }],
	});
	return {
		people: [{ id: 'p1', name: 'Ann Example', aliases: ['Ann Example', 'Example'], gender: 'female', roles: ['candidate'], party: 'Labour', spellings: [], mentions: [ref(snapshot, 0, 1), ref(snapshot, 1, 2)] }],
		quotes,
		reported: [
			{ ...ref(snapshot, 0, 1), personId: 'p1', text: first.slice(2, 10), verb: 'urged', start: 2, end: 10 },
			{ ...ref(snapshot, 1, 1), personId: 'p1', text: 'trimmed, so not the slice', verb: 'said', start: 0, end: 5 },
		],
		results: [result({ ...candidate, basis: 'most votes' }), result({ ...candidate, party: null, basis: 'stated' }), result(null)],
	};
}

/** `snapshot` written to a cache file with its stored body changed by `damage`, the checksum made to match. */
async function writeDamaged(snapshot: EngineSnapshot, damage: (body: StoredEngine) => void): Promise<string> {
	const folder = await seedsFolder({});
	const file = path.join(folder, 'engine.cache');
	await writeCacheFile(file, KEY, snapshot);
	const bytes = await readFile(file);
	const headerEnd = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1);
	const body: StoredEngine = JSON.parse(bytes.subarray(headerEnd + 1).toString());
	damage(body);
	const text = Buffer.from(JSON.stringify(body));
	const header = { ...JSON.parse(bytes.subarray(bytes.indexOf(0x0a) + 1, headerEnd).toString()), bodyBytes: text.length, crc32: crc32(text) };
	await writeFile(file, Buffer.concat([Buffer.from(`returning-officer engine cache\n${JSON.stringify(header)}\n`), text]));
	return file;
}

describe('the compact stored form', () => {
	it('restores a built engine exactly, directly and through JSON, keys in the same order', async () => {
		const snapshot = await generatedSnapshot();
		expect(snapshot.knowledge.quotes.length).toBeGreaterThan(0);
		expect(snapshot.knowledge.results.length).toBeGreaterThan(0);
		expect(fromStored(toStored(snapshot))).toEqual(snapshot);
		const restored = throughJson(snapshot);
		expect(restored).toEqual(snapshot);
		expect(JSON.stringify(restored.knowledge)).toBe(JSON.stringify(snapshot.knowledge));
		expect(JSON.stringify(restored.articles)).toBe(JSON.stringify(snapshot.articles));
	});

	it('restores every case it stores differently: many occurrences, other texts, ids, span ids, winners', async () => {
		const snapshot = await generatedSnapshot();
		const awkward = withKnowledge(snapshot, awkwardKnowledge(snapshot));
		const restored = throughJson(awkward);
		expect(restored.knowledge).toStrictEqual(awkward.knowledge);
		expect(JSON.stringify(restored.knowledge)).toBe(JSON.stringify(awkward.knowledge));
		// Only the usual quote shrinks to its occurrence; the others are stored in full.
		expect(toStored(awkward).knowledge.quotes.map((quote) => quote.length)).toEqual([9, 6, 6]);
		const [first, second, third] = toStored(awkward).knowledge.results;
		expect([first!.winner, second!.winner, third!.winner]).toEqual([{ candidate: 0, basis: 'most votes' }, expect.objectContaining({ party: null, basis: 'stated' }), null]);
	});

	it('is much smaller than the plain snapshot, and shares strings once restored', async () => {
		const snapshot = await generatedSnapshot();
		const plain = JSON.stringify(snapshot.knowledge).length;
		expect(JSON.stringify(toStored(snapshot).knowledge).length).toBeLessThan(plain / 3);
		const { articles, knowledge } = throughJson(snapshot);
		const ids = new Set(articles.map((article) => article.id));
		const mention = knowledge.people.flatMap((person) => person.mentions)[0]!;
		// The same string, not an equal one: a reference costs no copy of its article's id.
		expect([...ids].some((id) => Object.is(id, mention.articleId))).toBe(true);
		const quote = knowledge.quotes[0]!;
		expect(quote.text).toBe(quote.occurrences[0]!.text);
	});

	it('gives stringifyInSlices its lists entry by entry, read-only', async () => {
		const snapshot = await generatedSnapshot();
		const stored = toStored(snapshot);
		expect(Array.isArray(stored.knowledge.quotes)).toBe(true);
		expect(stored.knowledge.quotes).toHaveLength(snapshot.knowledge.quotes.length);
		expect(Object.keys(stored.articles)).toHaveLength(snapshot.articles.length);
		expect(() => {
			stored.knowledge.people[0] = ['x', 'x', [], null, [], null, [], []];
		}).toThrow(TypeError);
		expect(snapshot.knowledge.people[0]).toEqual(expect.objectContaining({ id: expect.any(String) }));
	});

	it('refuses to store knowledge that cites a paragraph the corpus does not hold', async () => {
		const snapshot = await generatedSnapshot();
		const knowledge = awkwardKnowledge(snapshot);
		knowledge.people[0]!.mentions.push({ articleId: 'gone.txt', paragraph: 1 });
		const folder = await seedsFolder({});
		await expect(writeCacheFile(path.join(folder, 'engine.cache'), KEY, withKnowledge(snapshot, knowledge))).rejects.toThrow(/cites gone\.txt paragraph 1/);
		knowledge.people[0]!.mentions.splice(-1, 1, { ...ref(snapshot, 0, 1), paragraph: 999 });
		expect(() => JSON.stringify(toStored(withKnowledge(snapshot, knowledge)))).toThrow(/paragraph 999, which is not in the corpus/);
	});
});

describe('a stored body that is intact but wrong is rejected as corrupt, with the reason', () => {
	const cases: Array<[string, (body: StoredEngine) => void, RegExp]> = [
		['a quote of the wrong shape', (body) => void (body.knowledge.quotes[0] = [1, 2] as never), /schema: knowledge\.quotes: not a list of quotes/],
		['a person whose mentions are not pairs', (body) => void body.knowledge.people[0]!.splice(7, 1, [0]), /schema: knowledge\.people: not a list of people/],
		['a reference to an article that is not stored', (body) => void body.knowledge.people[0]![7].splice(0, 2, 9_999, 1), /schema: a reference to paragraph 1 of article 9999, which is not stored/],
		['a reference to a paragraph that is not stored', (body) => void body.knowledge.people[0]![7].splice(0, 2, 0, 999), /schema: a reference to paragraph 999 of article 0/],
		['a quote whose words lie outside its paragraph', (body) => void body.knowledge.quotes[0]!.splice(2, 2, 0, 99_999), /schema: text at 0–99999 is outside paragraph/],
		['a winner who is not among the candidates', (body) => void (body.knowledge.results[0]!.winner = { candidate: 7, basis: 'stated' }), /schema: the winner is candidate 7, which is not stored/],
		['a result whose sources are not references', (body) => void (body.knowledge.results[0]!.sources = 'p1' as never), /schema: not a list of paragraph references/],
		['results that are not records', (body) => void (body.knowledge.results = [3] as never), /schema: knowledge\.results: not a list of election results/],
		['a quote whose text is an occurrence it does not have', (body) => void (body.knowledge.quotes[1] = ['q2', null, 4, 'full', [], []]), /schema: quote q2 takes its text from occurrence 4/],
	];

	for (const [what, damage, reason] of cases) {
		it(what, async () => {
			const snapshot = await generatedSnapshot();
			const file = await writeDamaged(withKnowledge(snapshot, awkwardKnowledge(snapshot)), damage);
			const outcome = readCacheFile(file, KEY);
			expect(outcome).toEqual({ kind: 'corrupt', reason: expect.stringMatching(reason) });
		});
	}

	it('while the same file undamaged restores', async () => {
		const snapshot = await generatedSnapshot();
		const awkward = withKnowledge(snapshot, awkwardKnowledge(snapshot));
		const outcome = readCacheFile(await writeDamaged(awkward, () => undefined), KEY);
		expect('snapshot' in outcome && outcome.snapshot.knowledge).toEqual(awkward.knowledge);
	});

	it('reads a body written as ASCII, as the cache writes it, and one written as UTF-8, as JSON.stringify does', async () => {
		const snapshot = await generatedSnapshot();
		const folder = await seedsFolder({});
		const file = path.join(folder, 'engine.cache');
		await writeCacheFile(file, KEY, snapshot);
		expect(isAscii(await readFile(file))).toBe(true);
		const fromAscii = readCacheFile(file, KEY);
		const utf8File = await writeDamaged(snapshot, () => undefined);
		expect(isAscii(await readFile(utf8File))).toBe(false);
		const fromUtf8 = readCacheFile(utf8File, KEY);
		expect('snapshot' in fromAscii && fromAscii.snapshot).toEqual(snapshot);
		expect('snapshot' in fromUtf8 && fromUtf8.snapshot).toEqual(snapshot);
	});
});

describe('a packed index that contradicts itself does not restore, and says why', () => {
	const packed = (values: number[]) => Buffer.from(Uint32Array.from(values).buffer).toString('base64');
	const unpacked = (text: string) => Array.from(new Uint32Array(Uint8Array.from(Buffer.from(text, 'base64')).buffer));
	const cases: Array<[string, (body: StoredEngine) => void, RegExp]> = [
		['a name used in an article that is not stored', (body) => void (body.index.articlesByName.positions = packed([...unpacked(body.index.articlesByName.positions).slice(1), 9_999])), /names an article that is not stored/],
		['name lists that do not add up', (body) => void (body.index.articlesByName.starts = packed([0, 5])), /name terms are inconsistent/],
		['a name that is not a term', (body) => void (body.index.articlesByName = { terms: packed([99_999]), starts: packed([0, 0]), positions: packed([]) }), /refers to term 99999, which it does not list/],
		['a paragraph with an answer-type set that is not stored', (body) => void (body.index.types.ofParagraph = packed(Array.from({ length: countParagraphs(body) }, () => 50))), /answer-type set 50/],
		['answer types for fewer paragraphs than stored', (body) => void (body.index.types.ofParagraph = packed([0])), /does not match its articles/],
		['document frequencies for fewer terms than listed', (body) => void (body.index.documentFrequency = packed([1, 2])), /document frequency for each of a different set of terms/],
		['packed numbers cut mid-number', (body) => void (body.index.documentFrequency = Buffer.from([1, 2, 3]).toString('base64')), /not a whole number of 32-bit values/],
		['surface forms for a different number of terms', (body) => void body.index.surfaceForms.surfaces.push('Extra'), /surface forms for a different number of terms/],
	];

	for (const [what, damage, reason] of cases) {
		it(what, async () => {
			const outcome = readCacheFile(await writeDamaged(await generatedSnapshot(), damage), KEY);
			if (!('snapshot' in outcome)) throw new Error(`expected the body to pass the schema, got: ${outcome.reason}`);
			expect(() => Engine.fromSnapshot(outcome.snapshot)).toThrow(reason);
		});
	}
});

function countParagraphs(body: StoredEngine): number {
	return body.articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
}
