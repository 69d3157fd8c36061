import type { LoadWarning, Article } from '../corpus/types.js';
import type { SourcesAnswer } from './model.js';

/** The indexed articles, and what was skipped and why: a newsroom must see both. */
export function listSources(articles: readonly Article[], warnings: readonly LoadWarning[]): SourcesAnswer {
	const paragraphs = articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
	const skipped = warnings.length > 0 ? ` ${warnings.length} file${warnings.length > 1 ? 's' : ''} skipped.` : '';
	return {
		command: 'sources',
		title: 'Indexed sources',
		summary: `${articles.length} article${articles.length === 1 ? '' : 's'}, ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'}.${skipped}`,
		found: articles.length > 0,
		citations: [],
		articles: articles.map((article) => ({
			source: article.id,
			title: article.title,
			date: article.date,
			url: article.url,
			outlet: article.outlet,
			paragraphs: article.paragraphs.length,
		})),
		skipped: warnings.map((warning) => ({ ...warning })),
	};
}
