/**
 * API events for the screens (API.md §12.1): ONE paged read of the org's events per window,
 * cached under queryKeys.apiEvents, serves the account list's "last used", every account's
 * activity and the org's changes. Rows appear as pages land (a streamed query); leaving the
 * screens cancels the read (the query's signal reaches the HTTP request).
 */
import {experimental_streamedQuery as streamedQuery, useQuery} from '@tanstack/react-query';
import {useMemo} from 'react';
import type {ActivityEvent, EventPage, EventWindow} from '../api/api-events.js';
import {eventsPrivilegeNeeded} from '../events/access.js';
import {orgChanges} from '../events/changes.js';
import {DAY_MS, EVENT_WINDOW_DAYS, isServiceAccountEvent, usageByAccount} from '../events/usage.js';
import {useFlexeraClient} from './api-provider.js';
import {queryKeys} from './query-keys.js';

interface EventsRead {
  window?: EventWindow;
  pages: EventPage[];
  /**
   * The read reached its end. A read cancelled when its last screen closed keeps the pages it had
   * (TanStack keeps a streamed query's data) but not this, so the next screen reads again.
   */
  done?: boolean;
}

type EventsChunk = {window: EventWindow; page: EventPage} | {window: EventWindow; done: true};

const NOTHING_YET: EventsRead = {pages: []};

/** The org's events of the last `days` days, as far as they have been read. */
function useOrgEvents(orgId: number, options: {days?: number; enabled?: boolean} = {}) {
  const client = useFlexeraClient();
  const days = options.days ?? EVENT_WINDOW_DAYS;
  const query = useQuery<EventsRead>({
    queryKey: queryKeys.apiEvents(orgId, days),
    queryFn: streamedQuery({
      streamFn: async function* ({signal}) {
        const to = Date.now();
        const window = {from: to - days * DAY_MS, to};
        for await (const page of client.readApiEvents(orgId, window, {signal}))
          yield {window, page};
        if (!signal.aborted) yield {window, done: true as const};
      },
      reducer: (read: EventsRead, chunk: EventsChunk): EventsRead =>
        'done' in chunk
          ? {...read, window: chunk.window, done: true}
          : {window: chunk.window, pages: [...read.pages, chunk.page]},
      initialValue: NOTHING_YET,
    }),
    // A read left unfinished (cancelled) is read again by the next screen that needs it.
    refetchOnMount: (q) => (q.state.data?.done ? true : 'always'),
    enabled: options.enabled ?? true,
  });
  const read = query.data ?? NOTHING_YET;
  const events = useMemo(() => read.pages.flatMap((page) => page.events), [read]);
  const last = read.pages[read.pages.length - 1];
  const complete = query.isSuccess && !query.isFetching && read.done === true;
  return {
    query,
    events,
    window: read.window,
    pagesRead: read.pages.length,
    skipped: read.pages.reduce((sum, page) => sum + page.skipped, 0),
    progress: complete ? 1 : (last?.progress ?? 0),
    complete,
    error: query.error,
    /** Set when the caller may not read events: what they would need, in words. */
    needs: eventsPrivilegeNeeded(query.error),
    refetch: () => query.refetch().then(() => undefined),
  };
}

/**
 * Per-account last use, calls and errors from the org's one read (the account list's column).
 * `complete` false: a lower bound so far (events come oldest first).
 */
export function useLastUsed(orgId: number, options: {enabled?: boolean} = {}) {
  const read = useOrgEvents(orgId, options);
  const usage = useMemo(() => usageByAccount(read.events), [read.events]);
  return {
    usage,
    now: read.window?.to,
    complete: read.complete,
    progress: read.progress,
    isPending: read.query.isPending,
    error: read.error,
    needs: read.needs,
    refetch: read.refetch,
  };
}

/** One account's calls, newest first, from the org's read. */
export function useAccountActivity(orgId: number, serviceAccountId: number) {
  const read = useOrgEvents(orgId);
  const calls = useMemo(() => {
    const mine: ActivityEvent[] = read.events.filter((event) =>
      isServiceAccountEvent(event, serviceAccountId),
    );
    return mine.reverse();
  }, [read.events, serviceAccountId]);
  return {...read, calls};
}

/** The org's changes in the window, newest first. */
export function useOrgChanges(orgId: number) {
  const read = useOrgEvents(orgId);
  const changes = useMemo(() => orgChanges(read.events), [read.events]);
  return {...read, changes};
}
