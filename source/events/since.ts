/**
 * `--since` of the `events` command: how far back to read, as a duration (`30d`, `12h`) or a
 * moment (`2026-11-01`, `2026-11-01T08:00:00Z`). Plain functions, no I/O: the parser checks the
 * words, the command turns them into a window ending now.
 */
import type {EventWindow} from '../api/api-events.js';
import {DAY_MS} from './usage.js';

export type Since =
  {kind: 'duration'; ms: number; text: string} | {kind: 'moment'; at: number; text: string};

/** The window when --since is not given. */
const DEFAULT_SINCE_DAYS = 7;
/** The service keeps 3 months (API.md §12.1); a longer look back is a mistake, not a wish. */
const MAX_SINCE_DAYS = 366;

export const SINCE_VALUE =
  'a duration such as 30d, 12h, 90m or 2w, or a date such as 2026-11-01 (UTC) or 2026-11-01T08:00:00Z';

const UNIT_MS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: DAY_MS,
  w: 7 * DAY_MS,
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A time needs its zone (Z or ±HH:MM): a local time would mean another hour on another machine.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** The words of --since, or undefined when they are neither a duration nor a date. */
export function parseSince(raw: string): Since | undefined {
  const text = raw.trim();
  const duration = /^(\d{1,6})([mhdw])$/i.exec(text);
  if (duration) {
    const ms = Number(duration[1]) * UNIT_MS[duration[2]!.toLowerCase()]!;
    return ms > 0 ? {kind: 'duration', ms, text} : undefined;
  }
  const parts = DATE.exec(text) ?? DATE_TIME.exec(text);
  if (!parts) return undefined;
  const at = Date.parse(DATE.test(text) ? `${text}T00:00:00Z` : text.toUpperCase());
  if (Number.isNaN(at)) return undefined;
  // Date.parse rolls 2026-02-31 over to March 3: the day must survive the round trip.
  const [, year, month, day] = parts;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) {
    return undefined;
  }
  return {kind: 'moment', at, text};
}

/** The window from --since (default 7 days) to `now`, or what is wrong with it. */
export function sinceWindow(
  since: Since | undefined,
  now: number,
): {window: EventWindow} | {problem: string} {
  const from =
    since === undefined
      ? now - DEFAULT_SINCE_DAYS * DAY_MS
      : since.kind === 'duration'
        ? now - since.ms
        : since.at;
  if (from >= now) {
    return {
      problem: `--since ${since!.text} is not in the past: give an earlier date or a duration.`,
    };
  }
  if (now - from > MAX_SINCE_DAYS * DAY_MS) {
    return {
      problem: `--since ${since!.text} reaches back more than ${MAX_SINCE_DAYS} days; the service keeps 3 months of events.`,
    };
  }
  return {window: {from, to: now}};
}
