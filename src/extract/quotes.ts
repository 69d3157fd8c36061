// Direct quotes: where the marks open and close, across paragraphs, and whether a quote is a
// full statement or a few words woven into reported speech.
//
// Only double marks delimit quotes: single curly marks are far more often apostrophes
// (`haven’t`, `Tories’`), and a wrong quote boundary would put words in someone's mouth.

import type { Article } from '../corpus/types.js';
import type { QuoteKind } from './types.js';
import { SPEECH_VERBS } from './lexicon.js';

/** One paragraph's share of a quote. A quote over several paragraphs has one segment per paragraph. */
export interface QuoteSegment {
	articleId: string;
	paragraph: number;
	/** Offsets of the quoted words (marks excluded) in the paragraph text. */
	start: number;
	end: number;
	text: string;
	/** Offset of the opening mark in this paragraph, or null when the quote carried on from the last one. */
	openMark: number | null;
	/** Offset of the closing mark, or null when the quote runs on or is never closed. */
	closeMark: number | null;
	spanId: string;
	/** 0 for the paragraph where the quote opens, then 1, 2, … */
	segmentIndex: number;
	kind: QuoteKind;
}

const OPENING_MARKS = new Set(['“', '„', '«']);
const CLOSING_MARKS = new Set(['”', '»']);
const AMBIGUOUS_MARKS = new Set(['"']);

export function isDoubleMark(char: string): boolean {
	return OPENING_MARKS.has(char) || CLOSING_MARKS.has(char) || AMBIGUOUS_MARKS.has(char);
}

/** Any of the marks `isDoubleMark` accepts. */
const DOUBLE_MARK = /["“”„«»]/g;

/** Index of the first double mark at or after `from`, or -1: a search, not a test of every character. */
function nextMark(text: string, from: number): number {
	DOUBLE_MARK.lastIndex = from;
	return DOUBLE_MARK.exec(text)?.index ?? -1;
}

function isSpaceOrEdge(char: string): boolean {
	return char === '' || /\s/.test(char);
}

/** A mark reads as closing when it hugs the word before it and not the word after. */
function looksClosing(text: string, index: number): boolean {
	const before = text.charAt(index - 1);
	const after = text.charAt(index + 1);
	return !isSpaceOrEdge(before) && (isSpaceOrEdge(after) || /[\p{P}]/u.test(after));
}

function looksOpening(text: string, index: number): boolean {
	const before = text.charAt(index - 1);
	const after = text.charAt(index + 1);
	return !isSpaceOrEdge(after) && (isSpaceOrEdge(before) || /[([{—–-]/.test(before));
}

interface OpenSpan {
	spanId: string;
	segmentIndex: number;
}

/** All quote segments of an article, in reading order. Pure: the same article gives the same segments. */
export function findQuoteSegments(article: Article): QuoteSegment[] {
	const segments: QuoteSegment[] = [];
	let carried: OpenSpan | null = null;
	let spanCount = 0;
	const newSpan = (): OpenSpan => ({ spanId: `${article.id}#q${++spanCount}`, segmentIndex: 0 });

	for (const paragraph of article.paragraphs) {
		const text = paragraph.text;
		let position = 0;
		let open: { span: OpenSpan; contentStart: number; openMark: number | null } | null = null;

		if (carried) {
			const continuation = carriedQuoteStart(text);
			if (continuation !== null) {
				open = { span: { spanId: carried.spanId, segmentIndex: carried.segmentIndex + 1 }, contentStart: continuation, openMark: continuation > 0 ? 0 : null };
				position = continuation;
			}
			carried = null;
		}

		for (let index = nextMark(text, position); index >= 0; index = nextMark(text, index + 1)) {
			const char = text.charAt(index);
			if (open) {
				const reopens = OPENING_MARKS.has(char) && looksOpening(text, index) && !looksClosing(text, index);
				segments.push(makeSegment(article.id, paragraph.number, text, open, index));
				open = reopens ? { span: newSpan(), contentStart: index + 1, openMark: index } : null;
			} else if (OPENING_MARKS.has(char) || (AMBIGUOUS_MARKS.has(char) && !isSpaceOrEdge(text.charAt(index + 1))) || (CLOSING_MARKS.has(char) && looksOpening(text, index))) {
				open = { span: newSpan(), contentStart: index + 1, openMark: index };
			}
			// Otherwise a stray closing mark: ignored rather than guessed at.
		}

		if (open) {
			segments.push(makeSegment(article.id, paragraph.number, text, open, null));
			carried = open.span;
		}
	}
	return classifyKinds(article, segments.filter((segment) => segment.text.trim() !== ''));
}

/**
 * Where a quote carried over from the previous paragraph resumes in this one: after an opening
 * mark at the start (the news convention), or at 0 when the paragraph closes it without reopening
 * (the first mark reads as closing). Null when the paragraph starts afresh: the quote was unclosed.
 */
function carriedQuoteStart(text: string): number | null {
	const first = text.charAt(0);
	if (isDoubleMark(first) && !looksClosing(text, 0)) return 1;
	const index = nextMark(text, 0);
	if (index < 0) return null;
	return looksClosing(text, index) && !OPENING_MARKS.has(text.charAt(index)) ? 0 : null;
}

function makeSegment(
	articleId: string,
	paragraph: number,
	text: string,
	open: { span: OpenSpan; contentStart: number; openMark: number | null },
	closeMark: number | null,
): QuoteSegment {
	const rawEnd = closeMark ?? text.length;
	const raw = text.slice(open.contentStart, rawEnd);
	const leading = raw.length - raw.trimStart().length;
	const trimmed = raw.trim();
	return {
		articleId,
		paragraph,
		start: open.contentStart + leading,
		end: open.contentStart + leading + trimmed.length,
		text: trimmed,
		openMark: open.openMark,
		closeMark,
		spanId: open.span.spanId,
		segmentIndex: open.span.segmentIndex,
		kind: 'full',
	};
}

/** A span's kind is decided where it opens; later paragraphs of the same quote inherit it. */
function classifyKinds(article: Article, segments: QuoteSegment[]): QuoteSegment[] {
	const kindBySpan = new Map<string, QuoteKind>();
	for (const segment of segments) {
		if (segment.segmentIndex === 0 || !kindBySpan.has(segment.spanId)) {
			const paragraph = article.paragraphs[segment.paragraph - 1];
			kindBySpan.set(segment.spanId, segment.openMark === null ? 'full' : kindAt(paragraph?.text ?? '', segment));
		}
		segment.kind = kindBySpan.get(segment.spanId) ?? 'full';
	}
	return segments;
}

/**
 * Full: the quote stands as its own statement (opens the paragraph, follows a colon, a comma or
 * a sentence end, or is a capitalised sentence straight after a speech verb). Partial: a few
 * words inside the writer's own sentence (`said she was "deeply proud"`).
 */
function kindAt(text: string, segment: QuoteSegment): QuoteKind {
	// Only the words just before the mark matter; looking further back made long paragraphs quadratic.
	const start = segment.openMark ?? 0;
	const prefix = text.slice(Math.max(0, start - 200), start).trimEnd();
	if (prefix === '' || /[:,.?!—–]$/.test(prefix) || /[.?!]["”’']$/.test(prefix)) return 'full';
	const lastWord = (/(\p{L}+)$/u.exec(prefix)?.[1] ?? '').toLowerCase();
	const startsSentence = /^\p{Lu}/u.test(segment.text) && /[.?!,]$/.test(segment.text);
	return startsSentence && SPEECH_VERBS.has(lastWord) ? 'full' : 'partial';
}

/**
 * The paragraph text with every quote's words replaced by `x` (same length), keeping the final
 * punctuation inside the marks: names inside quotes are then invisible to attribution, while
 * sentence ends and `,"` stay visible.
 */
export function maskQuotes(text: string, segments: readonly QuoteSegment[]): string {
	let masked = '';
	let cursor = 0;
	const ordered = [...segments].sort((a, b) => a.start - b.start);
	for (const segment of ordered) {
		if (segment.start < cursor) continue;
		masked += text.slice(cursor, segment.start);
		const content = text.slice(segment.start, segment.end);
		const keepLast = /[.?!,]$/.test(content) ? 1 : 0;
		masked += 'x'.repeat(content.length - keepLast) + content.slice(content.length - keepLast);
		cursor = segment.end;
	}
	masked += text.slice(cursor);
	return masked;
}
