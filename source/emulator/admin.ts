/**
 * Test-control routes. NOT part of the Flexera API: they live under `/_emulator/` on every zone
 * origin, need no token, are never rate limited, faulted or recorded.
 *
 *   GET    /_emulator/state                  this zone: orgs with their members, service accounts
 *                                            (with clients, never secrets), access rules, projects
 *   GET    /_emulator/faults                 the active fault rules
 *   POST   /_emulator/faults                 add a FaultRule (JSON; `path` a string, or `pathRegex`
 *                                            a RegExp source) → 201 {"id": n}
 *   DELETE /_emulator/faults                 remove every fault rule → 204
 *   GET    /_emulator/requests               the recorded requests (all zones)
 *   DELETE /_emulator/requests               forget them → 204
 *   POST   /_emulator/revoke-refresh-token   {"token": "…"} → 204, or 404 when unknown
 *   POST   /_emulator/refresh-tokens         {"userId": n, "expiresAt"?: RFC 3339, "createdAt"?: RFC 3339}
 *                                            → 201 {"refreshToken": "…"} for a user of this zone
 *   PUT    /_emulator/token-lifetime         {"seconds": n} → 204 (access tokens minted from now on)
 *   GET    /_emulator/forms                  the answer forms in use (types.ts EmulatorForms)
 *   PUT    /_emulator/forms                  {"clientSecrets"?: false, "nextPage"?: "absolute", …} → 204
 */
import type {Core, Reply, ZoneRuntime} from './context.js';
import {issueRefreshToken, revokeRefreshToken, setForms, setTokenLifetime} from './control.js';
import {GoaError} from './goa.js';
import {roleById} from './roles.js';
import type {FaultRule} from './types.js';
import {accessRuleView, clientView, orgView, serviceAccountView} from './views.js';

export function isAdminPath(pathname: string): boolean {
  return pathname === '/_emulator' || pathname.startsWith('/_emulator/');
}

function bad(message: string): Reply {
  const error = new GoaError('bad_request', message);
  return {status: error.status, body: error.body(), goa: true};
}

function parse(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(raw.toString('utf8') || '{}') as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function snapshot(zone: ZoneRuntime) {
  const {state} = zone;
  return {
    zone: zone.id,
    origin: zone.origin,
    orgs: [...state.orgs.values()]
      .sort((a, b) => a.id - b.id)
      .map((org) => ({
        ...orgView(org),
        members: [...(state.members.get(org.id)?.keys() ?? [])],
        serviceAccounts: state.serviceAccountsIn(org.id).map((sa) => ({
          ...serviceAccountView(sa),
          clients: state.clientsOf(sa.id).map(clientView),
        })),
        accessRules: state.rulesIn(org.id).map((rule) => ({
          ...accessRuleView(state, rule, false),
          roleName: roleById(rule.roleId)?.name,
        })),
        projects: state.projectsIn(org.id).map((p) => ({id: p.id, name: p.name})),
      })),
  };
}

export async function handleAdmin(
  core: Core,
  zone: ZoneRuntime,
  method: string,
  url: URL,
  raw: Buffer,
): Promise<Reply> {
  const route = `${method} ${url.pathname.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /_emulator/state':
      return {status: 200, body: snapshot(zone)};
    case 'GET /_emulator/faults':
      return {status: 200, body: core.faults.snapshot()};
    case 'POST /_emulator/faults': {
      const body = parse(raw);
      if (!body) return bad('body must be a JSON FaultRule');
      const {pathRegex, ...rest} = body;
      const rule = {...rest} as unknown as FaultRule;
      if (typeof pathRegex === 'string') rule.path = new RegExp(pathRegex);
      if (body.times === 'Infinity' || body.times === null) rule.times = Infinity;
      try {
        core.faults.inject(rule);
      } catch (error) {
        return bad((error as Error).message);
      }
      const list = core.faults.snapshot();
      return {status: 201, body: {id: list[list.length - 1]?.id}};
    }
    case 'DELETE /_emulator/faults':
      core.faults.clear();
      return {status: 204};
    case 'GET /_emulator/requests':
      return {status: 200, body: core.requests};
    case 'DELETE /_emulator/requests':
      core.requests.length = 0;
      return {status: 204};
    case 'POST /_emulator/revoke-refresh-token': {
      const token = parse(raw)?.token;
      if (typeof token !== 'string') return bad('body must be {"token": "…"}');
      if (!revokeRefreshToken(core, token)) {
        const error = new GoaError('not_found', 'no such refresh token');
        return {status: 404, body: error.body(), goa: true};
      }
      return {status: 204};
    }
    case 'POST /_emulator/refresh-tokens': {
      const body = parse(raw);
      if (!body || typeof body.userId !== 'number') return bad('body must be {"userId": n}');
      try {
        const refreshToken = issueRefreshToken(core, zone.id, body.userId, {
          expiresAt: typeof body.expiresAt === 'string' ? body.expiresAt : undefined,
          createdAt: typeof body.createdAt === 'string' ? body.createdAt : undefined,
        });
        return {status: 201, body: {refreshToken}};
      } catch (error) {
        return bad((error as Error).message);
      }
    }
    case 'PUT /_emulator/token-lifetime': {
      const seconds = parse(raw)?.seconds;
      try {
        setTokenLifetime(core, Number(seconds));
      } catch (error) {
        return bad((error as Error).message);
      }
      return {status: 204};
    }
    case 'GET /_emulator/forms':
      return {status: 200, body: core.forms};
    case 'PUT /_emulator/forms': {
      const body = parse(raw);
      if (!body) return bad('body must be a JSON object of forms');
      try {
        setForms(core, body);
      } catch (error) {
        return bad((error as Error).message);
      }
      return {status: 204};
    }
    default: {
      const error = new GoaError('not_found', `unknown emulator control route: ${route}`);
      return {status: 404, body: error.body(), goa: true};
    }
  }
}
