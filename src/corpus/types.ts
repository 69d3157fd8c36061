/** One article file, normalised and split into numbered paragraphs. */
export interface Article {
	/** Path relative to the seeds folder, with forward slashes: the article's stable identity. */
	id: string;
	title: string;
	/** Whether the title was given (a `title` line) or made from the first sentence. */
	titleSource: 'metadata' | 'first sentence';
	/** ISO date (YYYY-MM-DD) from the article's metadata, or null when it states none. */
	date: string | null;
	url: string | null;
	outlet: string | null;
	paragraphs: Paragraph[];
}

/** A paragraph's identity is (article id, number); every citation shows both. */
export interface Paragraph {
	articleId: string;
	/** 1-based position within the article. */
	number: number;
	/** Normalised text, keeping the author's quotation marks for display. */
	text: string;
}

/** A file that was skipped, and why: shown to the operator, never fatal. */
export interface LoadWarning {
	file: string;
	reason: string;
}

export interface LoadedCorpus {
	articles: Article[];
	warnings: LoadWarning[];
}
