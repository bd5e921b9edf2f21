import type {Ctx, Reply} from '../context.js';
import {badRequest, unauthorized} from '../goa.js';
import type {Route} from '../router.js';
import {clientSecretMatches} from '../secrets.js';

/**
 * POST /oidc/token (API.md §2). Form-encoded and JSON bodies are both read, and JSON is recognised
 * by its content even under a form Content-Type.
 *
 * [?] API.md §2.2 / §10: production's error bodies are not published. [I] The emulator's choices,
 * all Goa-shaped: 400 bad_request for a missing or unknown grant_type or a missing parameter;
 * 401 unauthorized for an unknown, revoked or expired refresh token, an unknown client, a wrong
 * secret, or a deleted client or service account. Messages never echo what was sent.
 */

const GRANT_TYPES = ['authorization_code', 'client_credentials', 'refresh_token'];

function tokenParams(ctx: Ctx): Record<string, string> {
  const text = ctx.rawBody.toString('utf8').trim();
  const contentType = String(ctx.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('json') || text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text === '' ? '{}' : text);
    } catch {
      throw badRequest('request body must be valid JSON or application/x-www-form-urlencoded');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest('request body must be a JSON object');
    }
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string') params[key] = value;
      else if (value !== null && value !== undefined) throw badRequest(`${key} must be a string`);
    }
    return params;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function required(params: Record<string, string>, name: string, grant: string): string {
  const value = params[name]?.trim();
  if (!value) throw badRequest(`${name} is required when grant_type is ${grant}`);
  return value;
}

function exchange(ctx: Ctx): Reply {
  const params = tokenParams(ctx);
  const grant = params.grant_type?.trim();
  if (!grant) throw badRequest('grant_type is required');
  if (!GRANT_TYPES.includes(grant))
    throw badRequest(`grant_type must be one of ${GRANT_TYPES.join(', ')}`);
  const {state, tokens} = ctx.zone;
  const lifetime = ctx.core.tokenLifetimeSeconds;

  if (grant === 'refresh_token') {
    const presented = required(params, 'refresh_token', grant);
    const record = tokens.useRefreshToken(presented, ctx.now);
    if (!record) throw unauthorized('refresh token is invalid, expired or revoked');
    const user = state.users.get(record.userId);
    if (user) user.lastAPILogin = state.stamp(ctx.now);
    const accessToken = tokens.mintAccessToken(
      {kind: 'user', userId: record.userId},
      {kind: 'refresh', id: record.id},
      ctx.now,
      lifetime,
    );
    // Echoed back, never rotated (API.md §2.2).
    return tokenReply({
      access_token: accessToken,
      expires_in: lifetime,
      refresh_token: presented,
      token_type: 'Bearer',
    });
  }

  if (grant === 'client_credentials') {
    const clientId = required(params, 'client_id', grant);
    const secret = required(params, 'client_secret', grant);
    const client = state.clients.get(clientId);
    // Any active secret works: a rotation in place keeps the old one until it is deleted (§12.3).
    const secretOk = clientSecretMatches(secret, client?.secrets);
    const sa = client ? state.serviceAccounts.get(client.serviceAccountId) : undefined;
    if (!client || !secretOk || !sa) throw unauthorized('client credentials are invalid');
    const accessToken = tokens.mintAccessToken(
      {kind: 'sa', serviceAccountId: sa.id, orgId: sa.orgId},
      {kind: 'client', clientId},
      ctx.now,
      lifetime,
    );
    return tokenReply({access_token: accessToken, expires_in: lifetime, token_type: 'Bearer'});
  }

  // authorization_code needs the browser sign-in, which the emulator does not have.
  required(params, 'code', grant);
  throw badRequest(
    'grant_type authorization_code is not supported here: use refresh_token or client_credentials',
  );
}

function tokenReply(body: Record<string, unknown>): Reply {
  return {status: 200, body, headers: {'cache-control': 'no-store', pragma: 'no-cache'}};
}

export const tokenRoutes: Route[] = [
  {method: 'POST', path: '/oidc/token', auth: false, handler: exchange},
];
