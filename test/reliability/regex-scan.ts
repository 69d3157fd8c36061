/**
 * Every regular-expression literal in the text-handling code (extract, index, corpus, answer,
 * render), run against long adversarial lines, in a worker thread with a watchdog: a regex that
 * backtracks catastrophically would otherwise freeze the test process for ever instead of failing.
 * (Patterns built at run time with `new RegExp` are covered by running the real code on the same
 * lines, in regex.test.ts.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { ROOT } from '../harness/child.js';

export const SCANNED_FOLDERS = ['src/extract', 'src/index', 'src/corpus', 'src/answer', 'src/render'] as const;

export interface Pattern {
	where: string;
	source: string;
	flags: string;
}

/** Finds regex literals with the TypeScript parser, so strings and comments that look like one are not counted. */
export function regexLiterals(folders: readonly string[] = SCANNED_FOLDERS): Pattern[] {
	const found: Pattern[] = [];
	for (const folder of folders) {
		for (const name of readdirSync(path.join(ROOT, folder)).filter((n) => n.endsWith('.ts')).sort()) {
			const file = path.join(folder, name);
			const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
			const visit = (node: ts.Node): void => {
				if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) found.push(parseLiteral(node.getText(), `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`));
				ts.forEachChild(node, visit);
			};
			visit(source);
		}
	}
	return found;
}

function parseLiteral(text: string, where: string): Pattern {
	const slash = text.lastIndexOf('/');
	return { where, source: text.slice(1, slash), flags: text.slice(slash + 1) };
}

/** Pieces whose long repetitions make backtracking regexes slow: letters, spaces, quotes, digits, separators. */
export const PUMPS: readonly string[] = [
	'a', 'A', ' ', 'a ', 'A ', 'Aa ', 'Ab. ', 'aaaa-', '"', '“', '”', '"a', '“A ', "'", '’', '-', '—', ',', ', ', '.', '. ',
	'1', '1,', '1.', '1 ', '12,345 ', '%', 'Mr ', 'A. ', 'said ', 'the ', '(', ')', '\n', '\n\n', '\t', 'x\u00a0', '@', '<@', '*', '_', '`', '#', '\\', '|',
];
/** A final character that makes the match fail at the very end, after all the backtracking. */
export const SUFFIXES: readonly string[] = ['', '!', '\u0000', '"', '1'];

export interface Line {
	label: string;
	text: string;
}

export function adversarialLines(length: number, extraPumps: readonly string[] = []): Line[] {
	const lines: Line[] = [];
	for (const pump of [...PUMPS, ...extraPumps]) {
		const body = pump.repeat(Math.ceil(length / pump.length)).slice(0, length);
		for (const suffix of SUFFIXES) lines.push({ label: JSON.stringify(pump) + (suffix ? ` + ${JSON.stringify(suffix)}` : ''), text: body + suffix });
	}
	return lines;
}

/** Words a pattern looks for ("said", "Centre") make good pumps for that pattern. */
export function wordsOf(pattern: Pattern): string[] {
	return [...new Set(pattern.source.match(/[A-Za-z]{3,}/g) ?? [])].slice(0, 6).map((word) => `${word} `);
}

export interface ScanResult {
	where: string;
	pattern: string;
	/** The slowest line for this pattern, and how long one full scan of it took (wall clock, in the worker). */
	worstMs: number;
	worstLine: string;
}

export type ScanOutcome = { ok: true; results: ScanResult[] } | { ok: false; stuckOn: Pattern; afterMs: number };

/** Runs in the worker: each pattern over each line, as the code uses it (every match when global). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { patterns, lines } = workerData;
for (let i = 0; i < patterns.length; i++) {
	parentPort.postMessage({ type: 'start', index: i });
	const p = patterns[i];
	const re = new RegExp(p.source, p.flags);
	let worstMs = 0, worstLine = '';
	for (const line of [...lines.common, ...(lines.own[i] || [])]) {
		const started = performance.now();
		re.lastIndex = 0;
		if (re.global) { for (const _ of line.text.matchAll(re)) void _; } else re.exec(line.text);
		const ms = performance.now() - started;
		if (ms > worstMs) { worstMs = ms; worstLine = line.label; }
	}
	parentPort.postMessage({ type: 'result', result: { where: p.where, pattern: '/' + p.source + '/' + p.flags, worstMs, worstLine } });
}
parentPort.postMessage({ type: 'done' });
`;

/**
 * Scans every pattern over lines of `length` characters. A single pattern running longer than
 * `stuckAfterMs` ends the scan: the worker is terminated and the pattern named.
 */
export function scanPatterns(patterns: readonly Pattern[], length: number, stuckAfterMs: number): Promise<ScanOutcome> {
	const lines = { common: adversarialLines(length), own: patterns.map((p) => adversarialLines(length, wordsOf(p)).slice(PUMPS.length * SUFFIXES.length)) };
	const worker = new Worker(WORKER, { eval: true, workerData: { patterns, lines } });
	const results: ScanResult[] = [];
	return new Promise((resolve, reject) => {
		let watchdog: NodeJS.Timeout | undefined;
		const finish = (outcome: ScanOutcome): void => {
			clearTimeout(watchdog);
			void worker.terminate().then(() => resolve(outcome));
		};
		worker.on('message', (message: { type: 'start'; index: number } | { type: 'result'; result: ScanResult } | { type: 'done' }) => {
			if (message.type === 'start') {
				clearTimeout(watchdog);
				const pattern = patterns[message.index];
				if (pattern) watchdog = setTimeout(() => finish({ ok: false, stuckOn: pattern, afterMs: stuckAfterMs }), stuckAfterMs);
			} else if (message.type === 'result') {
				results.push(message.result);
			} else {
				finish({ ok: true, results });
			}
		});
		worker.on('error', (error) => {
			clearTimeout(watchdog);
			reject(error);
		});
	});
}
