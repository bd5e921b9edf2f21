import type {IncomingMessage, ServerResponse} from 'node:http';
import {setTimeout as sleep} from 'node:timers/promises';
import {handleAdmin, isAdminPath} from './admin.js';
import {clientIp, recordApiEvent} from './api-events.js';
import type {Core, Ctx, Reply, ZoneRuntime} from './context.js';
import {GOA_CONTENT_TYPE, GoaError, goaBody, goaNameForStatus} from './goa.js';
import {requirePrivilege} from './privileges.js';
import {Router} from './router.js';
import {ROUTES} from './routes/index.js';
import type {Principal} from './state.js';
import {principalSub} from './state.js';
import type {RecordedRequest} from './types.js';

/**
 * One zone's request pipeline: admin routes aside, every request goes through
 * faults → authentication → rate limit → route → privilege → handler, and is recorded.
 */

const router = new Router(ROUTES);
const MAX_BODY = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Query values that could hold a secret are not recorded. */
function recordedPath(url: URL): string {
  if (!url.search) return url.pathname;
  const params = new URLSearchParams(url.search);
  for (const key of [...params.keys()]) {
    if (/^(access_token|refresh_token|id_token|token|code)$|secret|password/i.test(key))
      params.set(key, 'REDACTED');
  }
  return `${url.pathname}?${params.toString()}`;
}

function goaReply(error: GoaError): Reply {
  return {status: error.status, headers: error.headers, body: error.body(), goa: true};
}

function orgIdInPath(pathname: string): number | undefined {
  const match = /\/orgs\/(\d+)(?:\/|$)/.exec(pathname);
  return match ? Number(match[1]) : undefined;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Writes the answer; returns the body's size in bytes. */
function write(res: ServerResponse, reply: Reply): number {
  const headers: Record<string, string> = {...reply.headers};
  if (reply.body === undefined) {
    if (reply.status !== 204) headers['content-length'] = '0';
    res.writeHead(reply.status, headers);
    res.end();
    return 0;
  }
  const payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
  headers['content-type'] = reply.goa ? GOA_CONTENT_TYPE : 'application/json';
  headers['content-length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
  return payload.length;
}

/** The principal an API event names (API.md §12.1): none for a call without a valid token. */
function eventPrincipal(zone: ZoneRuntime, principal: Principal | undefined) {
  if (!principal) return undefined;
  if (principal.kind === 'user') {
    const user = zone.state.users.get(principal.userId);
    return {
      kind: 'iam:user' as const,
      id: principal.userId,
      name: user ? `${user.firstName} ${user.lastName}` : `user ${principal.userId}`,
    };
  }
  const sa = zone.state.serviceAccounts.get(principal.serviceAccountId);
  return {
    kind: 'iam:service-account' as const,
    id: principal.serviceAccountId,
    orgId: principal.orgId,
    name: sa?.name ?? `service account ${principal.serviceAccountId}`,
  };
}

async function route(ctx: Ctx): Promise<Reply> {
  const match = router.match(ctx.method, ctx.url.pathname);
  if (match.kind === 'none') throw new GoaError('not_found');
  // [I] A known path with another method answers 405 with Allow.
  if (match.kind === 'wrong-method') {
    throw new GoaError('method_not_allowed', `${ctx.method} is not allowed here`, {
      allow: match.allow.join(', '),
    });
  }
  const {route: found, params, intParams} = match;
  if (found.present && !found.present(ctx.core)) throw new GoaError('not_found');
  if (found.auth !== false && !ctx.principal) throw new GoaError('unauthorized');
  for (const name of intParams) {
    if (!/^[1-9]\d{0,15}$/.test(params[name] ?? ''))
      throw new GoaError('bad_request', `${name} must be an integer >= 1`);
  }
  ctx.params = params;
  const principal = ctx.principal;
  if (principal) {
    if (found.userOnly && principal.kind !== 'user') {
      throw new GoaError('forbidden', 'service-account tokens cannot call user-scoped endpoints');
    }
    if (found.privilege)
      requirePrivilege(ctx.state, principal, Number(params.orgId), found.privilege);
  }
  return found.handler(ctx);
}

export function zoneHandler(core: Core, zone: ZoneRuntime) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(core, zone, req, res).catch(() => {
      // Only reachable when the socket went away mid-answer; nothing left to tell the client.
      if (!res.headersSent) res.destroy();
    });
  };
}

async function handle(
  core: Core,
  zone: ZoneRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const at = core.clock();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', zone.origin);

  let rawBody: Buffer;
  try {
    rawBody = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      write(res, goaReply(new GoaError('payload_too_large')));
      req.destroy();
      return;
    }
    throw error;
  }

  if (isAdminPath(url.pathname)) {
    write(res, await handleAdmin(core, zone, method, url, rawBody));
    return;
  }

  const contentType = req.headers['content-type'];
  const record: RecordedRequest = {
    zone: zone.id,
    method,
    path: recordedPath(url),
    status: 0,
    at,
    ...(contentType ? {contentType} : {}),
  };
  let principal: Principal | undefined = undefined;
  const finish = (reply: Reply | 'dropped') => {
    record.status = reply === 'dropped' ? 0 : reply.status;
    core.requests.push(record);
    core.log?.(
      `${zone.id} ${method} ${url.pathname} ${reply === 'dropped' ? 'dropped' : reply.status}`,
    );
    let responseBytes = 0;
    if (reply === 'dropped') res.destroy();
    else responseBytes = write(res, reply);
    // Every call to an org of this zone becomes an API event (API.md §12.1), except [I] reads of
    // the events themselves: recorded, a reader polling without an end bound would never reach
    // the empty page that §12.1 says ends a read.
    const orgId = orgIdInPath(url.pathname);
    if (
      orgId !== undefined &&
      zone.state.orgs.has(orgId) &&
      !url.pathname.endsWith('/api-events')
    ) {
      const token = principal ? undefined : bearerToken(req);
      const who = principal ?? (token ? zone.tokens.verifyAccessToken(token, at) : undefined);
      const userAgent = req.headers['user-agent'];
      recordApiEvent(zone.state, orgId, {
        ms: at,
        principal: eventPrincipal(zone, who),
        host: req.headers.host ?? new URL(zone.origin).host,
        method,
        path: url.pathname,
        ip: clientIp(req.socket.remoteAddress),
        userAgent: typeof userAgent === 'string' ? userAgent : '',
        requestBytes: rawBody.length,
        ...(reply === 'dropped' ? {} : {status: reply.status}),
        durationMs: Math.max(0, core.clock() - at),
        responseBytes,
      });
    }
  };

  let dropAfter = false;
  for (const fault of core.faults.take(zone.id, method, url.pathname)) {
    if (fault.type === 'latency') {
      // Cut short when the emulator closes, so a long injected latency never holds the process.
      await sleep(fault.ms, undefined, {signal: core.closing});
    } else if (fault.type === 'drop') {
      if (fault.when === 'before') return finish('dropped');
      dropAfter = true;
    } else {
      const headers: Record<string, string> = {};
      const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
      if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
      return finish({
        status: fault.status,
        headers,
        body: goaBody(goaNameForStatus(fault.status)),
        goa: true,
      });
    }
  }

  const now = core.clock();
  const token = bearerToken(req);
  principal = token ? zone.tokens.verifyAccessToken(token, now) : undefined;
  if (principal) record.principal = principalSub(principal);

  const decision = core.limiter.check(
    zone.id,
    orgIdInPath(url.pathname),
    principal ? principalSub(principal) : `addr:${req.socket.remoteAddress ?? '?'}`,
    now,
  );
  if (decision && !decision.allowed) {
    return finish({
      ...goaReply(new GoaError('too_many_requests')),
      headers: {'retry-after': String(decision.retryAfterSeconds)},
    });
  }

  const ctx: Ctx = {
    core,
    zone,
    state: zone.state,
    method,
    url,
    params: {},
    headers: req.headers,
    rawBody,
    now,
    principal,
  };
  let reply: Reply;
  try {
    reply = await route(ctx);
  } catch (error) {
    if (!(error instanceof GoaError))
      core.log?.(`${zone.id} internal error: ${(error as Error).message}`);
    reply = goaReply(error instanceof GoaError ? error : new GoaError('internal_error'));
  }
  if (decision)
    reply = {
      ...reply,
      headers: {...reply.headers, 'x-ratelimit-remaining': String(decision.remaining)},
    };
  finish(dropAfter ? 'dropped' : reply);
}
