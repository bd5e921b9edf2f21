import type {IncomingHttpHeaders} from 'node:http';
import type {FaultRegistry} from './faults.js';
import {badRequest, GoaError} from './goa.js';
import type {RateLimiter} from './ratelimit.js';
import type {Principal, ZoneState} from './state.js';
import type {TokenService} from './tokens.js';
import type {EmulatorForms, EmulatorZone, RecordedRequest} from './types.js';

/** What the handlers share: one runtime per zone, one core per emulator. */

export interface ZoneRuntime {
  id: EmulatorZone;
  /** http://host:port, no trailing slash; set once the server listens. */
  origin: string;
  state: ZoneState;
  tokens: TokenService;
}

export interface Core {
  clock: () => number;
  tokenLifetimeSeconds: number;
  zones: Record<EmulatorZone, ZoneRuntime>;
  faults: FaultRegistry;
  limiter: RateLimiter;
  requests: RecordedRequest[];
  forms: EmulatorForms;
  log?: (line: string) => void;
  /** Aborted when the emulator closes. */
  closing: AbortSignal;
}

/** A handler's answer. `body` undefined = no body; `goa` marks an error body. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  goa?: boolean;
}

export interface Ctx {
  core: Core;
  zone: ZoneRuntime;
  state: ZoneState;
  method: string;
  url: URL;
  /** Path parameters; `{name}` ones are already checked to be integers ≥ 1. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Clock time of this request (after any injected latency). */
  now: number;
  principal?: Principal;
}

export const json = (body: unknown, status = 200): Reply => ({status, body});
export const noContent = (): Reply => ({status: 204});

export function intParam(ctx: Ctx, name: string): number {
  return Number(ctx.params[name]);
}

export function principalOf(ctx: Ctx): Principal {
  if (!ctx.principal) throw new GoaError('unauthorized');
  return ctx.principal;
}

/**
 * The request body as JSON, whatever the Content-Type says: the article's `curl -d '{…}'` sends a
 * form type and production still reads JSON (API.md §4.1). Empty body → undefined.
 */
function jsonBody(ctx: Ctx): unknown {
  const text = ctx.rawBody.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('request body must be valid JSON');
  }
}

/** The body as a JSON object (an empty body counts as `{}` only when `allowEmpty`). */
export function objectBody(ctx: Ctx, allowEmpty = false): Record<string, unknown> {
  const body = jsonBody(ctx);
  if (body === undefined && allowEmpty) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/**
 * The user id behind a caller, for `createdBy`. [?] API.md §9 leaves open what happens when a
 * service account creates something; [I] it is recorded as the user who created that account.
 */
export function actingUserId(ctx: Ctx): number {
  const principal = principalOf(ctx);
  if (principal.kind === 'user') return principal.userId;
  return ctx.state.serviceAccounts.get(principal.serviceAccountId)?.createdBy ?? 1;
}

/** Checks a query parameter against its allowed values (Goa answers 400 for others). */
export function enumQuery(ctx: Ctx, name: string, allowed: readonly string[]): string | undefined {
  const value = ctx.url.searchParams.get(name);
  if (value === null) return undefined;
  if (!allowed.includes(value)) {
    throw badRequest(`${name} must be one of ${allowed.map((v) => `"${v}"`).join(', ')}`);
  }
  return value;
}
