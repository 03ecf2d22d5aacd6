/** A cell is text, or a number formatted by `formatNumber`; `undefined` prints as an em dash. */
export type Cell = string | number | undefined;

/** Thousands separators, at most `decimals` places; NaN and undefined become "—". */
export const formatNumber = (value: number | undefined, decimals = 0): string => {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
};

/** Milliseconds with precision that suits the size: 0.012, 0.35, 4.2, 120. */
export const formatMs = (value: number | undefined): string => {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (value < 0.1) return formatNumber(value, 3);
  if (value < 10) return formatNumber(value, 2);
  if (value < 100) return formatNumber(value, 1);
  return formatNumber(value, 0);
};

const escapeCell = (cell: Cell): string => {
  if (cell === undefined) return '—';
  const text = typeof cell === 'number' ? formatNumber(cell) : cell;
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
};

/** A table column; numeric columns are right-aligned. */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/**
 * A titled markdown table, padded so it also reads as plain text, followed by any notes.
 * Paste-ready: the title is a `###` heading and notes are plain lines under the table.
 */
export const markdownTable = (
  title: string,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  notes: readonly string[] = [],
): string => {
  const cells = rows.map((row) => columns.map((_, i) => escapeCell(row[i])));
  const widths = columns.map((column, i) => Math.max(3, column.header.length, ...cells.map((row) => row[i]!.length)));
  const pad = (text: string, i: number): string =>
    columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (parts: readonly string[]): string => `| ${parts.join(' | ')} |`;
  const rule = columns.map((column, i) =>
    column.align === 'right' ? `${'-'.repeat(widths[i]! - 1)}:` : '-'.repeat(widths[i]!),
  );
  return [
    `### ${title}`,
    '',
    line(columns.map((column, i) => pad(column.header, i))),
    line(rule),
    ...cells.map((row) => line(row.map(pad))),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
  ].join('\n');
};
