import type { Article, Paragraph } from '../corpus/types.js';
import type { Citation, Mark, SourceRef } from './model.js';

/** Looks articles and paragraphs up by identity; built once per corpus. */
export class ParagraphLookup {
	private readonly articles = new Map<string, Article>();

	constructor(articles: readonly Article[]) {
		for (const article of articles) this.articles.set(article.id, article);
	}

	article(id: string): Article | undefined {
		return this.articles.get(id);
	}

	paragraph(articleId: string, number: number): Paragraph | undefined {
		return this.articles.get(articleId)?.paragraphs[number - 1];
	}

	sourceRef(articleId: string, number: number): SourceRef {
		const article = this.requireArticle(articleId);
		return { source: article.id, title: article.title, date: article.date, paragraph: number };
	}

	/**
	 * A numbered citation of one paragraph. `excerpt` defaults to the whole paragraph; marks are
	 * ranges inside the excerpt. Throws on an unknown paragraph: citing what does not exist is a bug.
	 */
	cite(
		n: number,
		articleId: string,
		number: number,
		options: { excerpt?: string; marks?: Mark[]; corroboratedBy?: SourceRef[] } = {},
	): Citation {
		const paragraph = this.paragraph(articleId, number);
		if (!paragraph) throw new Error(`No paragraph ${number} in ${articleId}`);
		return {
			n,
			...this.sourceRef(articleId, number),
			text: paragraph.text,
			excerpt: options.excerpt ?? paragraph.text,
			marks: options.marks ?? [],
			corroboratedBy: options.corroboratedBy ?? [],
		};
	}

	private requireArticle(id: string): Article {
		const article = this.articles.get(id);
		if (!article) throw new Error(`Unknown article ${id}`);
		return article;
	}
}

/** `[1][3]`: the citation numbers backing a figure or a quote, each once, in order. */
export function citationRefs(numbers: readonly number[]): string {
	return [...new Set(numbers)]
		.sort((a, b) => a - b)
		.map((n) => `[${n}]`)
		.join('');
}
