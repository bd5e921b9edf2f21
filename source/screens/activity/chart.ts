/**
 * A per-day bar chart of calls and errors drawn with block characters: `height` lines of bars
 * (eighths of a line each), then one line of error marks. Days are grouped so the chart fits
 * `width` columns (90 days in 80 columns: 2 days a column). Pure, so it is tested as text.
 */
import type {DayBucket} from '../../events/usage.js';

const EIGHTHS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export interface Chart {
  /** Top line first. */
  bars: string[];
  /** One mark per column: a bar of that column's errors (scaled to the busiest), or a space. */
  errors: string;
  /** Most calls in one column. */
  maxCalls: number;
  maxErrors: number;
  daysPerColumn: number;
}

function eighthsOf(value: number, max: number, levels: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.round((value / max) * levels));
}

export function barChart(buckets: readonly DayBucket[], width: number, height: number): Chart {
  const daysPerColumn = Math.max(1, Math.ceil(buckets.length / Math.max(1, width)));
  const columns: Array<{calls: number; errors: number}> = [];
  for (let i = 0; i < buckets.length; i += daysPerColumn) {
    const group = buckets.slice(i, i + daysPerColumn);
    columns.push({
      calls: group.reduce((sum, b) => sum + b.calls, 0),
      errors: group.reduce((sum, b) => sum + b.errors, 0),
    });
  }
  const maxCalls = Math.max(0, ...columns.map((c) => c.calls));
  const maxErrors = Math.max(0, ...columns.map((c) => c.errors));
  const rows = Math.max(1, height);
  const bars: string[] = [];
  for (let row = rows - 1; row >= 0; row--) {
    bars.push(
      columns
        .map((c) => {
          const fill = eighthsOf(c.calls, maxCalls, rows * 8) - row * 8;
          return fill <= 0 ? ' ' : EIGHTHS[Math.min(8, fill) - 1]!;
        })
        .join(''),
    );
  }
  const errors = columns
    .map((c) => {
      const fill = eighthsOf(c.errors, maxErrors, 8);
      return fill === 0 ? ' ' : EIGHTHS[fill - 1]!;
    })
    .join('');
  return {bars, errors, maxCalls, maxErrors, daysPerColumn};
}
