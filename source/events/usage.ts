/**
 * What an org's API events say about its service accounts: when each was last used, how many
 * calls and errors, and calls per day. Plain functions over ActivityEvent (no React, no I/O), so
 * the account list, the activity screen and the commands read the same answer.
 */
import type {ActivityEvent} from '../api/api-events.js';

export const DAY_MS = 86_400_000;
/** The window read by default: the service keeps 3 months (API.md §12.1). */
export const EVENT_WINDOW_DAYS = 90;
/** An account quiet this long is marked "unused". */
const UNUSED_AFTER_DAYS = 30;

export interface AccountUsage {
  /** Epoch ms of the newest call in the window. */
  lastUsed: number;
  calls: number;
  /** Calls answered 4xx or 5xx. */
  errors: number;
}

export function isServiceAccountEvent(event: ActivityEvent, serviceAccountId?: number): boolean {
  return (
    event.principal?.kind === 'service-account' &&
    (serviceAccountId === undefined || event.principal.id === serviceAccountId)
  );
}

export function isError(event: ActivityEvent): boolean {
  return event.status !== undefined && event.status >= 400;
}

/** Usage per service-account id, from one read of the org's events (any order). */
export function usageByAccount(events: Iterable<ActivityEvent>): Map<number, AccountUsage> {
  const usage = new Map<number, AccountUsage>();
  for (const event of events) {
    if (!isServiceAccountEvent(event) || event.principal?.id === undefined) continue;
    const id = event.principal.id;
    const entry = usage.get(id);
    if (!entry) usage.set(id, {lastUsed: event.at, calls: 1, errors: isError(event) ? 1 : 0});
    else {
      entry.calls++;
      if (isError(event)) entry.errors++;
      if (event.at > entry.lastUsed) entry.lastUsed = event.at;
    }
  }
  return usage;
}

export type UsageMark = 'active' | 'unused' | 'never';

/** `never`: no call in the window read; `unused`: none in the last 30 days. */
export function usageMark(usage: AccountUsage | undefined, now: number): UsageMark {
  if (!usage) return 'never';
  return now - usage.lastUsed >= UNUSED_AFTER_DAYS * DAY_MS ? 'unused' : 'active';
}

/** "just now", "5 min ago", "3 h ago", "12 d ago". */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export interface DayBucket {
  /** Epoch ms of the day's start (UTC). */
  day: number;
  calls: number;
  errors: number;
}

/** Calls and errors per UTC day from `from` to `to`, every day present (zeros included). */
export function dailyBuckets(
  events: Iterable<ActivityEvent>,
  from: number,
  to: number,
): DayBucket[] {
  const first = from - (from % DAY_MS);
  const count = Math.max(1, Math.floor((to - first) / DAY_MS) + 1);
  const buckets: DayBucket[] = Array.from({length: count}, (_, i) => ({
    day: first + i * DAY_MS,
    calls: 0,
    errors: 0,
  }));
  for (const event of events) {
    const index = Math.floor((event.at - first) / DAY_MS);
    const bucket = buckets[index];
    if (!bucket) continue;
    bucket.calls++;
    if (isError(event)) bucket.errors++;
  }
  return buckets;
}
