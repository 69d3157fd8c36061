// The answers' key decisions made the slow, obvious way: every person, quote, paragraph and result
// compared with what was typed, as src/answer did before its lookups were indexed. The indexed
// engine must decide exactly the same (test/answer/indexed-lookups.test.ts).
import type { Article } from '../../src/corpus/types.js';
import type { ElectionResult, Knowledge, ParagraphRef, Person } from '../../src/extract/types.js';
import { HONORIFICS } from '../../src/extract/lexicon.js';
import { containsWords, editDistance, matchWords, wordSimilarity } from '../../src/extract/text.js';

function normaliseName(text: string): string {
	return text
		.toLowerCase()
		.replace(/[.,]/g, ' ')
		.split(/\s+/)
		.filter((word) => word !== '' && !HONORIFICS.has(word))
		.join(' ');
}

function nameForms(person: Person): string[] {
	const forms = new Set<string>();
	for (const alias of person.aliases) {
		const normal = normaliseName(alias);
		if (normal === '') continue;
		forms.add(normal);
		for (const word of normal.split(' ')) if (word.length >= 3) forms.add(word);
	}
	return [...forms];
}

function nameScore(person: Person, typed: string): number {
	const query = normaliseName(typed);
	if (query === '') return 0;
	if (person.aliases.map(normaliseName).includes(query)) return 3;
	const forms = nameForms(person);
	if (forms.includes(query)) return 2;
	const allowed = query.length <= 4 ? 1 : 2;
	return forms.some((form) => form.length >= 3 && editDistance(form, query, allowed) <= allowed) ? 1 : 0;
}

export function matchPeople(knowledge: Knowledge, typed: string): Person[] {
	let best = 0;
	let matches: Person[] = [];
	for (const person of knowledge.people) {
		const score = nameScore(person, typed);
		if (score === 0 || score < best) continue;
		if (score > best) {
			best = score;
			matches = [];
		}
		matches.push(person);
	}
	return matches;
}

export function speakerCounts(knowledge: Knowledge): Array<{ person: Person; quotes: number; reported: number }> {
	const count = (ids: readonly (string | null)[], id: string): number => ids.filter((other) => other === id).length;
	const quoted = knowledge.quotes.map((quote) => quote.speakerId);
	const reported = knowledge.reported.map((line) => line.personId);
	return knowledge.people
		.map((person) => ({ person, quotes: count(quoted, person.id), reported: count(reported, person.id) }))
		.filter((entry) => entry.quotes + entry.reported > 0)
		.sort((a, b) => b.quotes - a.quotes || b.reported - a.reported || a.person.name.localeCompare(b.person.name));
}

export function speakerChoices(knowledge: Knowledge, typed: string): Array<{ name: string; quotes: number }> {
	const query = normaliseName(typed);
	return speakerCounts(knowledge)
		.filter((count) => query === '' || count.person.aliases.some((alias) => normaliseName(alias).includes(query)) || nameScore(count.person, typed) > 0)
		.slice(0, 25)
		.map((count) => ({ name: count.person.name, quotes: count.quotes }));
}

export function closestSpeakers(knowledge: Knowledge, typed: string): string[] {
	const query = normaliseName(typed);
	return speakerCounts(knowledge)
		.map((count) => ({ name: count.person.name, distance: Math.min(...nameForms(count.person).map((form) => editDistance(form, query, 20))) }))
		.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
		.slice(0, 5)
		.map((entry) => entry.name);
}

export interface VerifyMatch {
	ref: ParagraphRef;
	inQuote: boolean;
	verdict: 'exact' | 'close';
	window: string[];
}

interface Stretch {
	ref: ParagraphRef;
	inQuote: boolean;
	words: string[];
}

/** Every stretch verify may compare with, split into words once (the checks below run many wordings). */
export interface Stretches {
	quotes: Stretch[];
	paragraphs: Stretch[];
}

export function stretchesOf(knowledge: Knowledge, articles: readonly Article[]): Stretches {
	const quotes = knowledge.quotes.flatMap((quote) => quote.occurrences.map((occurrence) => ({ ref: occurrence, inQuote: true, words: matchWords(occurrence.text) })));
	const byId = new Map(articles.map((article) => [article.id, article]));
	const ids = new Set([...knowledge.quotes.flatMap((quote) => quote.occurrences.map((occurrence) => occurrence.articleId)), ...knowledge.people.flatMap((person) => person.mentions.map((mention) => mention.articleId))]);
	const paragraphs = [...ids].flatMap((id) => (byId.get(id)?.paragraphs ?? []).map((paragraph) => ({ ref: { articleId: id, paragraph: paragraph.number }, inQuote: false, words: matchWords(paragraph.text) })));
	return { quotes, paragraphs };
}

/** Every quote occurrence first; when none matches, every paragraph of an article with a quote or a person in it. */
export function verifyMatches(stretches: Stretches, wording: string): VerifyMatch[] {
	const checked = matchWords(wording).slice(0, 200);
	if (checked.length === 0) return [];
	const inQuotes = bestMatches(stretches.quotes, checked);
	return inQuotes.length > 0 ? inQuotes : bestMatches(stretches.paragraphs, checked);
}

/** The scores of every close quote (best first) when none holds the wording exactly: how contested the top three are. */
export function closeScores(stretches: Stretches, wording: string): number[] {
	const checked = matchWords(wording).slice(0, 200);
	if (checked.length === 0 || stretches.quotes.some((stretch) => containsWords(stretch.words, checked))) return [];
	return stretches.quotes
		.map((stretch) => bestWindow(stretch.words, checked)?.score ?? 0)
		.filter((score) => score >= 0.6)
		.sort((a, b) => b - a);
}

function bestMatches(stretches: readonly Stretch[], checked: readonly string[]): VerifyMatch[] {
	const exact = stretches.filter((stretch) => containsWords(stretch.words, checked)).map((stretch) => ({ ref: stretch.ref, inQuote: stretch.inQuote, verdict: 'exact' as const, window: [...checked] }));
	if (exact.length > 0) return firstPerParagraph(exact);
	const close: Array<VerifyMatch & { score: number }> = [];
	for (const stretch of stretches) {
		const best = bestWindow(stretch.words, checked);
		if (best && best.score >= 0.6) close.push({ ref: stretch.ref, inQuote: stretch.inQuote, verdict: 'close', window: best.window, score: best.score });
	}
	return firstPerParagraph(close.sort((a, b) => b.score - a.score).map(({ score: _, ...match }) => match)).slice(0, 3);
}

function firstPerParagraph(found: readonly VerifyMatch[]): VerifyMatch[] {
	const seen = new Set<string>();
	return found.filter((match) => {
		const key = `${match.ref.articleId}#${match.ref.paragraph}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** The window of `words` verify compares `checked` with: lengths n, n − 1, n + 1, n − 2, n + 2, the first best wins. */
export function bestWindow(words: readonly string[], checked: readonly string[]): { score: number; window: string[] } | null {
	let best: { score: number; window: string[] } | null = null;
	const lengths = [0, -1, 1, -2, 2].map((delta) => Math.min(words.length, checked.length + delta)).filter((length, index, all) => length > 0 && all.indexOf(length) === index);
	for (const size of lengths) {
		for (let start = 0; start + size <= words.length; start++) {
			const window = words.slice(start, start + size);
			const shared = (wordSimilarity(window, checked) * (window.length + checked.length)) / 2;
			const score = shared / Math.max(window.length, checked.length);
			if (!best || score > best.score) best = { score, window };
		}
	}
	return best;
}

function normalisePlace(text: string): string {
	return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function findResult(results: readonly ElectionResult[], typed: string): ElectionResult | null {
	const query = normalisePlace(typed);
	const exact = results.find((result) => normalisePlace(result.constituency) === query);
	if (exact) return exact;
	const partial = results.filter((result) => normalisePlace(result.constituency).includes(query) && query.length >= 3);
	if (partial.length === 1) return partial[0] ?? null;
	const close = results.filter((result) => editDistance(normalisePlace(result.constituency), query, 2) <= 2);
	return close.length === 1 ? (close[0] ?? null) : null;
}

export function constituencyChoices(results: readonly ElectionResult[], typed: string): string[] {
	const query = normalisePlace(typed);
	return results
		.map((result) => result.constituency)
		.filter((name) => query === '' || normalisePlace(name).includes(query))
		.sort((a, b) => a.localeCompare(b))
		.slice(0, 25);
}

const TOPIC_STOPWORDS = new Set(['the', 'a', 'an', 'of', 'on', 'in', 'to', 'and', 'or', 'about', 'for', 'is', 'was', 'it', 'this', 'that']);

/** A person's quote texts in the order `quote` lists them: full first, then by topic words, sources, corpus order. */
export function personQuoteTexts(knowledge: Knowledge, person: Person, topic: string | null): string[] {
	const topicWords = topic ? matchWords(topic).filter((word) => !TOPIC_STOPWORDS.has(word)) : [];
	const score = (texts: readonly string[]): number => {
		const words = new Set(texts.flatMap(matchWords));
		return topicWords.filter((wanted) => [...words].some((word) => word === wanted || (wanted.length >= 4 && word.startsWith(wanted.slice(0, Math.max(4, wanted.length - 2)))))).length;
	};
	const sources = (quote: Knowledge['quotes'][number]): number => new Set(quote.occurrences.map((occurrence) => occurrence.articleId)).size;
	return knowledge.quotes
		.filter((quote) => quote.speakerId === person.id)
		.map((quote, order) => ({ quote, order, score: score([quote.text, ...quote.variants]) }))
		.filter((entry) => topicWords.length === 0 || entry.score > 0)
		.sort((a, b) => (a.quote.kind === 'full' ? 0 : 1) - (b.quote.kind === 'full' ? 0 : 1) || b.score - a.score || sources(b.quote) - sources(a.quote) || a.order - b.order)
		.map((entry) => entry.quote.text);
}
