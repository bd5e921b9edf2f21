/**
 * Column layout shared by lists and tables: resolves fixed and 'fill' widths into exact column
 * counts for a given total width, and formats one line of cells (inert, truncated, padded), so
 * rows with wide characters or emoji still line up.
 */
import {fitToWidth} from './text.js';

export interface ColumnWidthSpec {
  /** Columns of text, or 'fill' to share what is left. */
  readonly width: number | 'fill';
  /** A fill column's share of what is left, relative to the other fills (default 1). */
  readonly share?: number;
}

/**
 * Exact widths for `columns` in `total` columns with `gap` spaces between visible columns.
 * Fill columns share the rest; when the fixed widths do not fit, columns are shrunk from the right.
 * A width of 0 means the column is hidden.
 */
export function resolveColumnWidths(
  columns: readonly ColumnWidthSpec[],
  total: number,
  gap = 1,
): number[] {
  const widths = columns.map((c) => (c.width === 'fill' ? 0 : Math.max(0, Math.floor(c.width))));
  const fills = columns.flatMap((c, i) => (c.width === 'fill' ? [i] : []));
  const used = () => {
    const visible = widths.filter((w, i) => w > 0 || fills.includes(i)).length;
    return widths.reduce((a, b) => a + b, 0) + Math.max(0, visible - 1) * gap;
  };
  // Shrink fixed columns from the right until they fit (leaving fill columns at least 1 column).
  for (let i = widths.length - 1; i >= 0 && used() + fills.length > total; i--) {
    if (columns[i]?.width === 'fill') continue;
    const over = used() + fills.length - total;
    const current = widths[i] ?? 0;
    const next = Math.max(0, current - over);
    // A column shrunk to nothing also gives back its gap.
    widths[i] = next;
  }
  const rest = Math.max(0, total - used());
  const shares = fills.map((index) => Math.max(0, columns[index]?.share ?? 1));
  const sum = shares.reduce((a, b) => a + b, 0) || 1;
  const given = fills.map((_, n) => Math.floor((rest * shares[n]!) / sum));
  let left = rest - given.reduce((a, b) => a + b, 0);
  fills.forEach((index, n) => {
    widths[index] = given[n]! + (left > 0 ? 1 : 0);
    left--;
  });
  return widths;
}

export interface Cell {
  readonly text: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

/** One line of cells, each exactly its width (a 0-width cell is skipped), joined by `gap` spaces. */
export function formatCells(cells: readonly Cell[], gap = 1): string {
  return cells
    .filter((c) => c.width > 0)
    .map((c) => fitToWidth(c.text, c.width, c.align))
    .join(' '.repeat(gap));
}
