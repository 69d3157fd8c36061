/** Plain-text tables for the soak report: numbers right-aligned, text left-aligned, one header row. */

export type Cell = string | number;

export interface Table {
	title: string;
	head: string[];
	rows: Cell[][];
}

export function formatTable(table: Table): string {
	const cells = [table.head, ...table.rows.map((row) => row.map(formatCell))];
	const widths = table.head.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
	// A column is numeric when every body cell in it is a number.
	const numeric = table.head.map((_, i) => table.rows.length > 0 && table.rows.every((row) => typeof row[i] === 'number'));
	const line = (row: string[]): string =>
		row
			.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
			.join('  ')
			.trimEnd();
	return [table.title, line(table.head), ...cells.slice(1).map(line)].join('\n');
}

function formatCell(cell: Cell): string {
	if (typeof cell === 'string') return cell;
	if (Number.isNaN(cell)) return '—';
	return Number.isInteger(cell) ? cell.toLocaleString('en-GB') : cell.toFixed(1);
}
