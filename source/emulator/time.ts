export const DAY_MS = 86_400_000;
export const YEAR_MS = 365 * DAY_MS;

/**
 * RFC 3339 UTC with microseconds, as the real API writes them (`2023-07-10T20:28:48.531479Z`,
 * API.md §4.1). JS clocks stop at milliseconds; `micros` (0..999) fills the last three digits so
 * timestamps made in the same millisecond still differ.
 */
export function timestamp(ms: number, micros = 0): string {
  const iso = new Date(ms).toISOString(); // 2023-07-10T20:28:48.531Z
  return `${iso.slice(0, 23)}${String(Math.abs(Math.trunc(micros)) % 1000).padStart(3, '0')}Z`;
}

/** Parses an RFC 3339 timestamp to epoch ms; NaN when it is not one. */
export function parseTimestamp(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return Number.NaN;
  return Date.parse(value);
}
