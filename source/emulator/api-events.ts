import {createHash} from 'node:crypto';
import {STATUS_CODES} from 'node:http';
import type {Ctx} from './context.js';
import {intParam, json} from './context.js';
import {andTerms, parseFilter} from './filter.js';
import {badRequest} from './goa.js';
import {formatRef} from './refs.js';
import type {ZoneState} from './state.js';
import {parseTimestamp, timestamp} from './time.js';

/**
 * API events (API.md §12.1): every call to an org's API is recorded, and
 * `GET /iam/v1/orgs/{orgId}/api-events` reads them back, oldest first.
 *
 * Kept compact (100,000 events per org must fit): the wire object is built on read.
 *
 * The emulator's choices where the sources are silent [I]:
 * - `httpPath` is the path without the query string (§12.1 [?]); calls to /oidc/token belong to
 *   no org and are not recorded, nor are reads of the events (server.ts says why); `prevPage` is
 *   never sent (it is optional).
 * - A recorded time never goes back: if the clock is set back, an event takes its predecessor's
 *   time, so the list stays ordered and `skipToken` can be a position.
 * - A read with an end bound (`timestamp le`) sees the events that existed at its first page:
 *   its own later pages (recorded as events too) never extend it, so it always ends.
 * - `httpStatus` is the status text with "OK" written "Ok", as the SPEC example does.
 */

export interface EventPrincipal {
  kind: 'iam:user' | 'iam:service-account';
  id: number;
  /** The name when the call was made (a deleted account keeps it here). */
  name: string;
  /** The org of a service account (its ref names it). */
  orgId?: number;
}

export interface ApiEventRecord {
  ms: number;
  micros: number;
  principal?: EventPrincipal;
  host: string;
  method: string;
  /** Absent: the real service sends such events (§12.1, PT CHANGELOG v0.2.3). */
  path?: string;
  ip: string;
  userAgent: string;
  requestBytes: number;
  /** Absent: no response code recorded (a dropped connection, or seeded). */
  status?: number;
  durationMs: number;
  responseBytes: number;
}

const EVENTS_DEFAULT_LIMIT = 50;
const EVENTS_MAX_LIMIT = 200;
const EVENT_RETENTION_MONTHS = 3;

/** The oldest time still returned: 3 calendar months before `nowMs` (§12.1 "3 months"). */
function retentionStart(nowMs: number): number {
  const date = new Date(nowMs);
  date.setUTCMonth(date.getUTCMonth() - EVENT_RETENTION_MONTHS);
  return date.getTime();
}

let microsSeq = 0;

/** Appends an event to an org's list, keeping the list in time order. */
export function recordApiEvent(
  state: ZoneState,
  orgId: number,
  event: Omit<ApiEventRecord, 'micros'>,
): void {
  let list = state.apiEvents.get(orgId);
  if (!list) state.apiEvents.set(orgId, (list = []));
  const last = list[list.length - 1];
  microsSeq = (microsSeq + 1) % 1000;
  list.push({...event, ms: last && event.ms < last.ms ? last.ms : event.ms, micros: microsSeq});
}

/** Seeded history: added in bulk, then sorted once. */
export function seedApiEvents(state: ZoneState, orgId: number, events: ApiEventRecord[]): void {
  const list = [...(state.apiEvents.get(orgId) ?? []), ...events];
  list.sort((a, b) => a.ms - b.ms || a.micros - b.micros);
  state.apiEvents.set(orgId, list);
}

/** The IP as the service would write it (IPv4-mapped IPv6 addresses shortened). */
export function clientIp(remoteAddress: string | undefined): string {
  if (!remoteAddress) return '0.0.0.0';
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
}

function statusText(code: number): string {
  const text = STATUS_CODES[code] ?? 'Unknown';
  return text === 'OK' ? 'Ok' : text;
}

/** `browser` and `os` "if applicable" (§12.1): recognised for the common ones only. */
function userAgentView(raw: string) {
  const browser = /Edg\//.test(raw)
    ? 'Edge'
    : /Chrome\//.test(raw)
      ? 'Chrome'
      : /Firefox\//.test(raw)
        ? 'Firefox'
        : /Safari\//.test(raw)
          ? 'Safari'
          : undefined;
  const os = /Mac OS X/.test(raw)
    ? 'Mac OS X'
    : /Windows/.test(raw)
      ? 'Windows'
      : /Linux/.test(raw)
        ? 'Linux'
        : undefined;
  return {raw, ...(browser ? {browser} : {}), ...(os ? {os} : {})};
}

function requestId(state: ZoneState, orgId: number, index: number, event: ApiEventRecord): string {
  return createHash('sha256')
    .update(`${state.zone}:${orgId}:${index}:${event.ms}:${event.micros}`)
    .digest('hex')
    .slice(0, 32);
}

function principalView(state: ZoneState, principal: EventPrincipal) {
  if (principal.kind === 'iam:service-account') {
    return {
      id: principal.id,
      kind: principal.kind,
      ref: formatRef(state.refZone, principal.orgId, principal.kind, principal.id),
      name: principal.name,
    };
  }
  const user = state.users.get(principal.id);
  return {
    id: principal.id,
    kind: principal.kind,
    ref: formatRef(state.refZone, undefined, principal.kind, principal.id),
    name: principal.name,
    ...(user ? {email: user.email, firstName: user.firstName, lastName: user.lastName} : {}),
  };
}

/** The wire form (SPEC `FlexeraIamAPIEventMedia`). */
function apiEventView(state: ZoneState, orgId: number, index: number, event: ApiEventRecord) {
  return {
    kind: 'iam:api-event',
    eventType: 'api.event',
    timestamp: timestamp(event.ms, event.micros),
    ...(event.principal ? {principal: principalView(state, event.principal)} : {}),
    request: {
      id: requestId(state, orgId, index, event),
      httpHost: event.host,
      httpMethod: event.method,
      ...(event.path !== undefined ? {httpPath: event.path} : {}),
      ip: event.ip,
      bodyBytes: event.requestBytes,
      userAgent: userAgentView(event.userAgent),
    },
    response: {
      ...(event.status !== undefined
        ? {httpCode: event.status, httpStatus: statusText(event.status)}
        : {httpStatus: ''}),
      durationMs: event.durationMs,
      bodyBytes: event.responseBytes,
    },
  };
}

interface Window {
  from: number;
  to?: number;
}

/** `timestamp ge '…' and timestamp le '…'`: only that field, only lowercase ge/le, only `and`. */
function parseWindow(filter: string | null): Window {
  const window: Window = {from: -Infinity};
  if (filter === null || filter.trim() === '') return window;
  for (const term of andTerms(parseFilter(filter))) {
    if (term.field !== 'timestamp')
      throw badRequest(`filter: unknown field "${term.field}" (only timestamp is supported)`);
    if (term.op !== 'ge' && term.op !== 'le')
      throw badRequest(`filter: timestamp supports only the operators ge and le (lowercase)`);
    const at = parseTimestamp(term.value);
    if (Number.isNaN(at)) throw badRequest(`filter: "${term.value}" is not an RFC 3339 timestamp`);
    if (term.op === 'ge') window.from = Math.max(window.from, at);
    else window.to = Math.min(window.to ?? Infinity, at);
  }
  return window;
}

function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return EVENTS_DEFAULT_LIMIT;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1)
    throw badRequest('limit must be an integer between 1 and 200');
  const limit = Number(raw);
  if (limit > EVENTS_MAX_LIMIT) throw badRequest(`limit must be at most ${EVENTS_MAX_LIMIT}`);
  return limit;
}

interface Cursor {
  /** Index of the next event to read. */
  next: number;
  /** End-bound reads: the list length when the read began. */
  horizon?: number;
}

function encodeCursor(cursor: Cursor): string {
  const text = `n${cursor.next}${cursor.horizon !== undefined ? `h${cursor.horizon}` : ''}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeCursor(token: string): Cursor {
  const match = /^n(\d{1,9})(?:h(\d{1,9}))?$/.exec(
    Buffer.from(token, 'base64url').toString('utf8'),
  );
  if (!match) throw badRequest('skipToken is invalid');
  return {next: Number(match[1]), ...(match[2] !== undefined ? {horizon: Number(match[2])} : {})};
}

/** First index whose time is ≥ `ms` (the list is in time order). */
function lowerBound(list: readonly ApiEventRecord[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose time is > `ms`. */
function upperBound(list: readonly ApiEventRecord[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.ms <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The list (§12.1). With an end bound, `nextPage` is left out on the last page; without one it is
 * always there, an empty page meaning "all read for now" (a reader polls with it).
 */
export function listApiEvents(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const params = ctx.url.searchParams;
  const window = parseWindow(params.get('filter'));
  const limit = parseLimit(params.get('limit'));
  const skipToken = params.get('skipToken');
  const cursor = skipToken ? decodeCursor(skipToken) : undefined;

  const list = ctx.state.apiEvents.get(orgId) ?? [];
  const from = Math.max(window.from, retentionStart(ctx.now));
  const start = Math.max(lowerBound(list, from), cursor?.next ?? 0);
  const horizon = window.to === undefined ? undefined : (cursor?.horizon ?? list.length);
  const end =
    window.to === undefined || horizon === undefined
      ? list.length
      : Math.min(upperBound(list, window.to), horizon);
  const stop = Math.min(end, start + limit);
  const values: unknown[] = [];
  for (let index = start; index < stop; index++)
    values.push(apiEventView(ctx.state, orgId, index, list[index]!));

  const body: Record<string, unknown> = {kind: 'iam:api-event-collection', values};
  const more = window.to === undefined || stop < end;
  if (more) {
    const next = new URLSearchParams();
    for (const key of ['filter', 'limit']) {
      const value = params.get(key);
      if (value !== null) next.set(key, value);
    }
    next.set('skipToken', encodeCursor({next: Math.max(stop, start), horizon}));
    const path = `/iam/v1/orgs/${orgId}/api-events?${next.toString()}`;
    body.nextPage = ctx.core.forms.nextPage === 'absolute' ? `${ctx.zone.origin}${path}` : path;
  }
  return json(body);
}
