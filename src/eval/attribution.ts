// Measures quote attribution and result extraction against hand-labelled fixture articles.
// Run: npx tsx src/eval/attribution.ts [folder …]   (default: the three fixture sets below)

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Article } from '../corpus/types.js';
import { parseArticle } from '../corpus/load.js';
import { extractKnowledge } from '../extract/index.js';
import type { ElectionResult, Knowledge, Person } from '../extract/types.js';
import { containsWords, matchWords } from '../extract/text.js';

interface QuoteLabel {
	article: string;
	contains: string;
	speaker: string | null;
}

interface ResultLabel {
	constituency: string;
	winner: { name: string; party: string; votes?: number | null };
	candidates: Array<{ name: string; party: string; votes: number | null }>;
	majority: number | null;
	gain: boolean | null;
	previousParty: string | null;
	/** `field:subject`, e.g. `votes:Jane Smith`. */
	conflicts: string[];
}

export interface Labels {
	/** Folder of the labelled articles, relative to the labels file; default: the labels' own folder. */
	articles?: string;
	/** May be empty: a fixture set can label results only (quote scoring covers only articles with quote labels). */
	quotes: QuoteLabel[];
	results: ResultLabel[];
}

export interface EvalReport {
	quotes: { labelled: number; expectedSpeakers: number; attributed: number; correct: number; precision: number; recall: number };
	results: { fields: number; correct: number; accuracy: number };
	/** One line per mistake, for the person tuning the rules. */
	errors: string[];
}

export const DEFAULT_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/extract');

export const HELDOUT_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/extract-heldout');

/** Invented articles built around attribution traps, labelled before the extractor was run on them. */
export const HELDOUT_QUOTES_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/extract-heldout-quotes');

/** Extracts from a fixture folder's articles and scores the result against its labels. */
export function evaluateFolder(folder: string): EvalReport {
	const { articles, labels } = loadFixtures(folder);
	return evaluate(extractKnowledge(articles), labels);
}

export function loadFixtures(folder = DEFAULT_FIXTURES): { articles: Article[]; labels: Labels } {
	const labels = JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8')) as Labels;
	const articleFolder = labels.articles ? path.resolve(folder, labels.articles) : folder;
	const articles: Article[] = [];
	for (const file of readdirSync(articleFolder).filter((name) => name.endsWith('.txt')).sort()) {
		const outcome = parseArticle(file, readFileSync(path.join(articleFolder, file), 'utf8'));
		if ('article' in outcome) articles.push(outcome.article);
	}
	return { articles, labels };
}

function isPerson(person: Person | undefined, name: string | null): boolean {
	if (!person || !name) return false;
	const wanted = name.toLowerCase();
	return person.name.toLowerCase().endsWith(wanted) || person.aliases.some((alias) => alias.toLowerCase() === wanted);
}

/** Speaker precision and recall, and result field accuracy, of `knowledge` against `labels`. */
export function evaluate(knowledge: Knowledge, labels: Labels): EvalReport {
	const errors: string[] = [];
	const people = new Map(knowledge.people.map((person) => [person.id, person]));
	const claimed = new Set<string>();
	let attributed = 0;
	let correct = 0;
	for (const label of labels.quotes) {
		const wanted = matchWords(label.contains);
		const quote = knowledge.quotes.find((candidate) =>
			candidate.occurrences.some((occurrence) => occurrence.articleId === label.article && containsWords(matchWords(occurrence.text), wanted)),
		);
		if (!quote) {
			errors.push(`quote not found: ${label.article} "${label.contains}"`);
			continue;
		}
		for (const occurrence of quote.occurrences) if (occurrence.articleId === label.article) claimed.add(`${occurrence.articleId}#${occurrence.paragraph}#${occurrence.start}`);
		const speaker = quote.speakerId ? people.get(quote.speakerId) : undefined;
		if (speaker) attributed++;
		if (speaker && isPerson(speaker, label.speaker)) correct++;
		else if (speaker) errors.push(`wrong speaker: ${label.article} "${label.contains}" → ${speaker.name}, expected ${label.speaker ?? 'nobody'}`);
		else if (label.speaker) errors.push(`unattributed: ${label.article} "${label.contains}", expected ${label.speaker}`);
	}
	// Attributed quotes nobody labelled count against precision: the labels must cover every quote.
	for (const quote of knowledge.quotes) {
		for (const occurrence of quote.occurrences) {
			if (claimed.has(`${occurrence.articleId}#${occurrence.paragraph}#${occurrence.start}`) || !quote.speakerId) continue;
			if (!labels.quotes.some((label) => label.article === occurrence.articleId)) continue;
			attributed++;
			errors.push(`unlabelled attributed quote: ${occurrence.articleId} ¶${occurrence.paragraph} "${occurrence.text.slice(0, 50)}"`);
		}
	}
	const expectedSpeakers = labels.quotes.filter((label) => label.speaker !== null).length;
	const fields = { total: 0, correct: 0 };
	for (const label of labels.results) scoreResult(knowledge.results.find((result) => result.constituency === label.constituency), label, fields, errors, people);
	return {
		quotes: { labelled: labels.quotes.length, expectedSpeakers, attributed, correct, precision: attributed === 0 ? 1 : correct / attributed, recall: expectedSpeakers === 0 ? 1 : correct / expectedSpeakers },
		results: { fields: fields.total, correct: fields.correct, accuracy: fields.total === 0 ? 1 : fields.correct / fields.total },
		errors,
	};
}

function scoreResult(result: ElectionResult | undefined, label: ResultLabel, fields: { total: number; correct: number }, errors: string[], people: ReadonlyMap<string, Person>): void {
	const check = (field: string, actual: unknown, expected: unknown): void => {
		fields.total++;
		if (JSON.stringify(actual) === JSON.stringify(expected)) fields.correct++;
		else errors.push(`${label.constituency} ${field}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
	};
	const sameName = (name: string, personId: string | null, wanted: string): boolean => name === wanted || isPerson(personId ? people.get(personId) : undefined, wanted);
	check('found', result !== undefined, true);
	if (!result) return;
	check('winner.name', result.winner && sameName(result.winner.name, result.winner.personId, label.winner.name) ? label.winner.name : (result.winner?.name ?? null), label.winner.name);
	check('winner.party', result.winner?.party?.value ?? null, label.winner.party);
	if (label.winner.votes !== undefined) check('winner.votes', result.winner?.votes?.value ?? null, label.winner.votes);
	check('candidates.count', result.candidates.length, label.candidates.length);
	for (const wanted of label.candidates) {
		const candidate = result.candidates.find((entry) => sameName(entry.name, entry.personId, wanted.name));
		check(`${wanted.name}.party`, candidate?.party?.value ?? null, wanted.party);
		check(`${wanted.name}.votes`, candidate ? (candidate.votes?.value ?? null) : 'missing', wanted.votes);
	}
	check('majority', result.majority?.votes ?? null, label.majority);
	check('gain', result.gain?.value ?? null, label.gain);
	check('previousParty', result.previousParty?.value ?? null, label.previousParty);
	const conflicts = result.conflicts.map((conflict) => `${conflict.field}:${conflict.subject}`).sort();
	check('conflicts', conflicts, [...label.conflicts].sort());
}

function percent(value: number): string {
	return `${(value * 100).toFixed(1)}%`;
}

export function formatReport(report: EvalReport): string {
	const { quotes, results } = report;
	return [
		`Quote attribution: precision ${percent(quotes.precision)} (${quotes.correct}/${quotes.attributed}), recall ${percent(quotes.recall)} (${quotes.correct}/${quotes.expectedSpeakers}) over ${quotes.labelled} labelled quotes`,
		results.fields > 0 ? `Result fields: ${percent(results.accuracy)} (${results.correct}/${results.fields})` : 'Result fields: none labelled',
		...report.errors.map((error) => `  - ${error}`),
	].join('\n');
}

/** The targets: speaker precision ≥ 99%, recall ≥ 95%, result fields 100%. */
export function meetsAttributionTargets(report: EvalReport): boolean {
	return report.quotes.precision >= 0.99 && report.quotes.recall >= 0.95 && report.results.accuracy === 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const folders = process.argv.length > 2 ? process.argv.slice(2).map((folder) => path.resolve(folder)) : [DEFAULT_FIXTURES, HELDOUT_FIXTURES, HELDOUT_QUOTES_FIXTURES];
	for (const folder of folders) console.log(`${path.relative(process.cwd(), folder) || folder}:\n${formatReport(evaluateFolder(folder))}\n`);
}
