import { foldSpaces } from './normalise.js';

/**
 * Splits body text into paragraphs: blocks separated by blank lines. A file with no blank
 * lines at all is one paragraph per line (a common export format for wire copy).
 */
export function splitParagraphs(body: string): string[] {
	const hasBlankLines = /\n[ ]*\n/.test(body.trim());
	const blocks = hasBlankLines ? body.split(/\n[ ]*\n/) : body.split('\n');
	return blocks.map((block) => foldSpaces(block.replace(/\n/g, ' '))).filter((block) => block !== '');
}
