// EngineSnapshot ⇄ what the cache file stores. The only change is compaction: a paragraph's article
// id and number are implied by where it stands, so they are not written out 120,000 times.
import type { EngineSnapshot } from '../answer/engine.js';
import type { Article } from '../corpus/types.js';
import type { StoredArticle, StoredEngine } from './schema.js';

export function toStored(snapshot: EngineSnapshot): StoredEngine {
	return { ...snapshot, articles: snapshot.articles.map(storeArticle), warnings: [...snapshot.warnings] };
}

/** Throws when the stored data contradicts itself (an article position that does not exist). */
export function fromStored(stored: StoredEngine): EngineSnapshot {
	const articles = stored.articles.map(restoreArticle);
	for (const [term, positions] of stored.index.articlesByName) {
		if (positions.some((position) => position >= articles.length)) throw new Error(`name "${term}" refers to an article that is not stored`);
	}
	return { ...stored, articles };
}

function storeArticle(article: Article): StoredArticle {
	article.paragraphs.forEach((paragraph, i) => {
		// The loader numbers each article's paragraphs 1…n; anything else cannot be stored compactly.
		if (paragraph.articleId !== article.id || paragraph.number !== i + 1) throw new Error(`cannot cache ${article.id}: paragraph ${i + 1} is numbered ${paragraph.number}`);
	});
	return { ...article, paragraphs: article.paragraphs.map((paragraph) => paragraph.text) };
}

function restoreArticle(stored: StoredArticle): Article {
	return { ...stored, paragraphs: stored.paragraphs.map((text, i) => ({ articleId: stored.id, number: i + 1, text })) };
}
