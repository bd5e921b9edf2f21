/**
 * Reading an org's API events (API.md §12.1). One paged read of the org serves every account:
 * callers filter by principal afterwards (the API has no filter but the timestamp).
 *
 * The read always sends an end bound (`timestamp le`) and stops on an empty page too: without an
 * end bound the service keeps answering `nextPage` for polling, so a read that waits for its
 * absence never ends (§12.1).
 */
import {ResponseShapeError} from './errors.js';
import type {HttpResponse} from './http.js';
import {ROUTES} from './endpoints.js';
import {nextPagePath, type ApiCall, type ApiCaller, type CallOptions} from './iam.js';
import {ApiEventPageSchema, ApiEventSchema, parseResponse, type ApiEvent} from './schemas.js';

/** What the app keeps of an event: small, so 100,000 of them fit. */
export interface ActivityEvent {
  /** Epoch ms. */
  at: number;
  method: string;
  /** Absent when the service recorded none (§12.1). */
  path?: string;
  /** Absent when the service recorded no response code (§12.1). */
  status?: number;
  ip?: string;
  userAgent?: string;
  durationMs?: number;
  /** Absent for calls without a valid token. */
  principal?: {
    /** `iam:user` or `iam:service-account` (compared leniently: `iam#user` also seen, §12.2). */
    kind: 'user' | 'service-account' | 'other';
    id?: number;
    name?: string;
    ref?: string;
  };
}

export const EVENTS_PAGE_SIZE = 200;
const MAX_PAGES = 5000;

export interface EventWindow {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, inclusive. */
  to: number;
}

export interface EventPage {
  events: ActivityEvent[];
  /** Items the service sent that were not events (no timestamp): skipped, counted. */
  skipped: number;
  /** Pages read so far, this one included. */
  pages: number;
  /** How far through the window this page reaches, 0..1 (events come oldest first). */
  progress: number;
}

/** `(timestamp ge '…' and timestamp le '…')`, millisecond RFC 3339 as Flexera's own template sends. */
export function eventWindowFilter(window: EventWindow): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  return `(timestamp ge '${iso(window.from)}' and timestamp le '${iso(window.to)}')`;
}

function principalKind(kind: string | undefined): 'user' | 'service-account' | 'other' {
  const type = (kind ?? '').toLowerCase().split(/[:#]/).pop();
  return type === 'user' ? 'user' : type === 'service-account' ? 'service-account' : 'other';
}

function toActivityEvent(event: ApiEvent): ActivityEvent | undefined {
  const at = Date.parse(event.timestamp);
  if (Number.isNaN(at)) return undefined;
  const request = event.request ?? undefined;
  const response = event.response ?? undefined;
  const principal = event.principal ?? undefined;
  const out: ActivityEvent = {at, method: (request?.httpMethod ?? '').toUpperCase() || '?'};
  if (request?.httpPath) out.path = request.httpPath;
  if (typeof response?.httpCode === 'number') out.status = response.httpCode;
  if (request?.ip) out.ip = request.ip;
  if (request?.userAgent?.raw) out.userAgent = request.userAgent.raw;
  if (response?.durationMs !== undefined) out.durationMs = response.durationMs;
  if (principal) {
    out.principal = {
      kind: principalKind(principal.kind),
      ...(principal.id !== undefined ? {id: principal.id} : {}),
      ...(principal.name ? {name: principal.name} : {}),
      ...(principal.ref ? {ref: principal.ref} : {}),
    };
  }
  return out;
}

function parsePage(response: HttpResponse) {
  const page = parseResponse(response, ApiEventPageSchema);
  const events: ActivityEvent[] = [];
  let skipped = 0;
  for (const item of page.values) {
    const parsed = ApiEventSchema.safeParse(item);
    const event = parsed.success ? toActivityEvent(parsed.data) : undefined;
    if (event) events.push(event);
    else skipped++;
  }
  return {events, skipped, nextPage: page.nextPage ?? undefined};
}

/**
 * Every event of the org in the window, oldest first, one page at a time. Cancel with the signal.
 * Ends when a page has no `nextPage`, or is empty, or repeats a `nextPage` already followed.
 */
export async function* readApiEvents(
  api: ApiCaller,
  orgId: number,
  window: EventWindow,
  options: CallOptions & {pageSize?: number} = {},
): AsyncGenerator<EventPage> {
  const limit = String(options.pageSize ?? EVENTS_PAGE_SIZE);
  let call: ApiCall = {
    route: ROUTES.listApiEvents,
    params: {orgId},
    query: {filter: eventWindowFilter(window), limit},
  };
  const seen = new Set<string>();
  const span = Math.max(1, window.to - window.from);
  for (let pages = 1; ; pages++) {
    const response = await api.send(call, {signal: options.signal});
    const {events, skipped, nextPage} = parsePage(response);
    const last = events[events.length - 1];
    const done = !nextPage || (events.length === 0 && skipped === 0);
    const progress = done ? 1 : last ? Math.min(1, Math.max(0, (last.at - window.from) / span)) : 0;
    yield {events, skipped, pages, progress};
    if (done) return;
    const path = nextPagePath(api, nextPage, response);
    if (seen.has(path) || pages >= MAX_PAGES) {
      throw new ResponseShapeError(response.context, response.status, [
        `nextPage: paging did not end (a page repeated, or over ${MAX_PAGES} pages)`,
      ]);
    }
    seen.add(path);
    call = {route: ROUTES.listApiEvents, params: {orgId}, rawPath: path};
  }
}
