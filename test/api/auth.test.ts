/** Token provider against the emulator: caching, single-flight, expiry, 401 retry, zones. */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {FlexeraClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {identityFromToken} from '../../source/api/auth.js';
import {clientFor, endpointsOf, recordingClock, requestsTo, start, type Emu} from './support.js';

let emu: Emu;
let now = Date.now();

beforeAll(async () => {
  emu = await start({clock: () => now, tokenLifetimeSeconds: 120});
});

afterAll(async () => {
  await emu?.close();
});

const TOKEN_PATH = '/oidc/token';

function statusesOf(emu: Emu): string[] {
  return emu.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
}

describe('token provider', () => {
  it('shares one exchange between concurrent calls, then serves the cached token', async () => {
    const client = clientFor(emu, {clock: recordingClock(() => now)});
    emu.resetRequests();
    const orgId = emu.seed.orgIds.primary;
    await Promise.all([
      client.listRoles(orgId),
      client.listServiceAccounts(orgId),
      client.getOrg(orgId),
      client.listProjects(orgId),
      client.tokens.getAccessToken(),
    ]);
    expect(requestsTo(emu, 'POST', TOKEN_PATH)).toHaveLength(1);
    await client.listRoles(orgId);
    expect(requestsTo(emu, 'POST', TOKEN_PATH)).toHaveLength(1);
    client.tokens.invalidate();
    await client.listRoles(orgId);
    expect(requestsTo(emu, 'POST', TOKEN_PATH)).toHaveLength(2);
    await client.close();
  });

  it('refreshes shortly before expiry, without a 401', async () => {
    const client = clientFor(emu, {clock: recordingClock(() => now)});
    const orgId = emu.seed.orgIds.primary;
    await client.listRoles(orgId);
    const first = await client.tokens.getAccessToken();
    emu.resetRequests();
    now += 100_000; // 120 s lifetime, 30 s margin: due for refresh
    await client.listRoles(orgId);
    expect(statusesOf(emu)).toEqual([
      `POST ${TOKEN_PATH} 200`,
      `GET /iam/v1/orgs/${orgId}/roles 200`,
    ]);
    expect(await client.tokens.getAccessToken()).not.toBe(first);
    await client.close();
  });

  it('after a 401 gets a new token and retries the call once', async () => {
    // The client's clock stands still while the emulator's moves past the token's expiry.
    const frozen = now;
    const client = clientFor(emu, {clock: recordingClock(() => frozen)});
    const orgId = emu.seed.orgIds.primary;
    await client.listRoles(orgId);
    emu.resetRequests();
    now += 200_000;
    const roles = await client.listRoles(orgId);
    expect(roles.length).toBeGreaterThan(0);
    expect(statusesOf(emu)).toEqual([
      `GET /iam/v1/orgs/${orgId}/roles 401`,
      `POST ${TOKEN_PATH} 200`,
      `GET /iam/v1/orgs/${orgId}/roles 200`,
    ]);
    await client.close();
  });

  it('a refused refresh token is an auth failure naming the token exchange, without the token', async () => {
    const token = emu.issueRefreshToken('nam', emu.seed.demoUser.nam.id);
    const client = new FlexeraClient({
      endpoints: endpointsOf(emu),
      credentials: {grant: 'refresh_token', refreshToken: token},
      env: {},
      clock: recordingClock(() => now),
    });
    await client.listRoles(emu.seed.orgIds.primary);
    emu.revokeRefreshToken(token);
    client.tokens.invalidate();
    const error = await client.listRoles(emu.seed.orgIds.primary).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect([400, 401]).toContain(apiError.status);
    expect(apiError.endpoint).toBe('token exchange');
    expect(apiError.path).toBe(TOKEN_PATH);
    expect(apiError.message).not.toContain(token);
    expect(apiError.attempts).toBe(1);
    await client.close();
  });

  it('reads identities: user and service account', async () => {
    const client = clientFor(emu, {clock: recordingClock(() => now)});
    expect(await client.tokens.identity()).toMatchObject({
      kind: 'user',
      userId: emu.seed.demoUser.nam.id,
    });
    const seeded = emu.seed.serviceAccounts.find((s) => s.zone === 'nam' && s.clients.length > 0)!;
    const sa = new FlexeraClient({
      endpoints: endpointsOf(emu),
      credentials: {
        grant: 'client_credentials',
        clientId: seeded.clients[0]!.clientId,
        clientSecret: seeded.clients[0]!.clientSecret,
      },
      env: {},
      clock: recordingClock(() => now),
    });
    expect(await sa.tokens.identity()).toMatchObject({
      kind: 'service-account',
      serviceAccountId: seeded.id,
    });
    await Promise.all([client.close(), sa.close()]);
  });

  it('rejects an aborted caller at once and lets the shared exchange finish for others', async () => {
    const client = clientFor(emu, {clock: recordingClock(() => now)});
    const controller = new AbortController();
    const aborted = client.tokens.getAccessToken({signal: controller.signal});
    const other = client.tokens.getAccessToken();
    controller.abort(new Error('user pressed Esc'));
    await expect(aborted).rejects.toThrow('user pressed Esc');
    await expect(other).resolves.toMatch(/\./);
    await client.close();
  });
});

describe('zones', () => {
  it('a NAM token on the EU API is refused with 401 (after one retry with a new token)', async () => {
    const client = new FlexeraClient({
      endpoints: {zone: 'eu', api: emu.zones.eu.api, login: emu.zones.nam.login, custom: true},
      credentials: {grant: 'refresh_token', refreshToken: emu.refreshTokens.nam},
      env: {},
      clock: recordingClock(() => now),
    });
    emu.resetRequests();
    const error = await client.getOrg(emu.seed.orgIds.eu).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).goaName).toBe('unauthorized');
    expect(requestsTo(emu, 'POST', TOKEN_PATH)).toHaveLength(2);
    expect(emu.requests.filter((r) => r.zone === 'eu').map((r) => r.status)).toEqual([401, 401]);
    await client.close();
  });

  it('a NAM refresh token at the EU login host is refused', async () => {
    const client = new FlexeraClient({
      endpoints: endpointsOf(emu, 'eu'),
      credentials: {grant: 'refresh_token', refreshToken: emu.refreshTokens.nam},
      env: {},
      clock: recordingClock(() => now),
    });
    const error = await client.listRoles(emu.seed.orgIds.eu).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([400, 401]).toContain((error as ApiError).status);
    expect((error as ApiError).endpoint).toBe('token exchange');
    await client.close();
  });

  it('the EU demo user works in EU', async () => {
    const client = clientFor(emu, {zone: 'eu', clock: recordingClock(() => now)});
    expect((await client.getOrg(emu.seed.orgIds.eu)).id).toBe(emu.seed.orgIds.eu);
    await client.close();
  });
});

describe('a login host that rotates refresh tokens', () => {
  let server: Server;
  let origin: string;
  const seen: string[] = [];
  let issued = 0;

  function jwt(claims: Record<string, unknown>): string {
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    return `${part({alg: 'none'})}.${part(claims)}.`;
  }

  beforeAll(async () => {
    // Flexera echoes the refresh token (API.md §2.2); this host returns a new one each time,
    // which the client must keep (GOCLIENT oauth2.go).
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push(new URLSearchParams(body).get('refresh_token') ?? '');
        issued += 1;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            access_token: jwt({sub: 'u-77', exp: 0}),
            expires_in: 3600,
            token_type: 'Bearer',
            refresh_token: `rotated-refresh-token-${issued}`,
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps the new refresh token and reports it', async () => {
    const changes: string[] = [];
    const client = new FlexeraClient({
      endpoints: {zone: 'nam', api: origin, login: origin, custom: true},
      credentials: {grant: 'refresh_token', refreshToken: 'original-refresh-token'},
      env: {},
      onRefreshTokenChanged: (token) => changes.push(token),
    });
    const first = await client.tokens.getAccessToken();
    expect(identityFromToken(first)).toMatchObject({kind: 'user', userId: 77});
    client.tokens.invalidate();
    await client.tokens.getAccessToken();
    expect(seen).toEqual(['original-refresh-token', 'rotated-refresh-token-1']);
    expect(changes).toEqual(['rotated-refresh-token-1', 'rotated-refresh-token-2']);
    await client.close();
  });
});

describe('identityFromToken', () => {
  const jwt = (claims: Record<string, unknown>) =>
    `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.y`;

  it('reads u-, sa-, the legacy user claim, and gives up politely', () => {
    expect(identityFromToken(jwt({sub: 'u-123'}))).toEqual({
      kind: 'user',
      userId: 123,
      subject: 'u-123',
    });
    expect(identityFromToken(jwt({sub: 'sa-2263'}))).toEqual({
      kind: 'service-account',
      serviceAccountId: 2263,
      subject: 'sa-2263',
    });
    expect(identityFromToken(jwt({sub: 'sa-abc'}))).toMatchObject({serviceAccountId: undefined});
    expect(identityFromToken(jwt({sub: '00uabc', user: 55}))).toMatchObject({
      kind: 'user',
      userId: 55,
    });
    expect(identityFromToken('not-a-jwt')).toEqual({kind: 'unknown', subject: undefined});
  });
});
