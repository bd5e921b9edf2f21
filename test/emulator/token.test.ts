import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {
  call,
  decodeJwt,
  exchangeClient,
  exchangeRefreshToken,
  expectGoa,
  manualClock,
  seededAccount,
  start,
  userToken,
} from './helpers.js';

describe('POST /oidc/token', () => {
  let emu: Emulator;
  let nam: string;
  const clock = manualClock();

  beforeAll(async () => {
    emu = await start({clock: clock.now});
    nam = emu.zones.nam.login;
  });
  afterAll(() => emu.close());

  it('exchanges a refresh token sent as a form and echoes it back', async () => {
    const answer = await exchangeRefreshToken(nam, emu.refreshTokens.nam);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(answer.body).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'token_type',
    ]);
    expect(answer.body.expires_in).toBe(3600);
    expect(answer.body.token_type).toBe('Bearer');
    expect(answer.body.refresh_token).toBe(emu.refreshTokens.nam);
  });

  it('mints a JWT-shaped access token with the documented claims', async () => {
    const token = await userToken(emu);
    const {header, claims} = decodeJwt(token);
    expect(token.split('.')).toHaveLength(3);
    expect(header).toEqual({alg: 'HS256', typ: 'JWT'});
    expect(claims.sub).toBe(`u-${emu.seed.demoUser.nam.id}`);
    expect(claims.iss).toBe(`${nam}/oauth2/emulator`);
    expect(claims.iat).toBe(Math.floor(clock.now() / 1000));
    expect(claims.exp).toBe(Math.floor(clock.now() / 1000) + 3600);
    expect(claims.ver).toBe(1);
    expect(String(claims.jti)).toMatch(/^AT\./);
    expect(typeof claims.cid).toBe('string');
  });

  it('accepts JSON bodies, also under a form Content-Type', async () => {
    const body = JSON.stringify({
      grant_type: 'refresh_token',
      refresh_token: emu.refreshTokens.nam,
    });
    for (const contentType of [
      'application/json',
      'application/x-www-form-urlencoded',
      undefined,
    ]) {
      const answer = await call(nam, '/oidc/token', {
        method: 'POST',
        rawBody: body,
        headers: contentType ? {'content-type': contentType} : {},
      });
      expect(answer.status, String(contentType)).toBe(200);
    }
  });

  it('exchanges client credentials without a refresh_token in the answer', async () => {
    const sa = seededAccount(emu, 2257);
    const client = sa.clients[0]!;
    const answer = await exchangeClient(nam, client.clientId, client.clientSecret);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    const {claims} = decodeJwt(answer.body.access_token);
    expect(claims.sub).toBe('sa-2257');
    expect(claims.cid).toBe(client.clientId);
  });

  it('answers 400 bad_request for a missing or unknown grant_type or a missing parameter', async () => {
    const post = (form: Record<string, string>) =>
      call(nam, '/oidc/token', {
        method: 'POST',
        rawBody: new URLSearchParams(form).toString(),
        headers: {'content-type': 'application/x-www-form-urlencoded'},
      });
    expectGoa(await post({}), 400, 'bad_request');
    expectGoa(await post({grant_type: 'password'}), 400, 'bad_request');
    expectGoa(await post({grant_type: 'refresh_token'}), 400, 'bad_request');
    expectGoa(await post({grant_type: 'client_credentials', client_id: 'abc'}), 400, 'bad_request');
    expectGoa(
      await call(nam, '/oidc/token', {
        method: 'POST',
        rawBody: '{not json',
        headers: {'content-type': 'application/json'},
      }),
      400,
      'bad_request',
    );
  });

  it('answers 401 unauthorized for unknown refresh tokens and bad client credentials, without echoing them', async () => {
    const unknown = await exchangeRefreshToken(nam, 'not-a-real-token-value');
    expectGoa(unknown, 401, 'unauthorized');
    expect(unknown.text).not.toContain('not-a-real-token-value');
    const sa = seededAccount(emu, 2257);
    const wrongSecret = await exchangeClient(nam, sa.clients[0]!.clientId, 'wrong-secret-value');
    expectGoa(wrongSecret, 401, 'unauthorized');
    expect(wrongSecret.text).not.toContain('wrong-secret-value');
    expectGoa(
      await exchangeClient(nam, 'no-such-client', sa.clients[0]!.clientSecret),
      401,
      'unauthorized',
    );
  });

  it('refuses a refresh token in another zone', async () => {
    expectGoa(
      await exchangeRefreshToken(emu.zones.eu.login, emu.refreshTokens.nam),
      401,
      'unauthorized',
    );
    expect((await exchangeRefreshToken(emu.zones.eu.login, emu.refreshTokens.eu)).status).toBe(200);
  });

  it('refuses revoked and expired refresh tokens', async () => {
    const userId = emu.seed.demoUser.nam.id;
    const revoked = emu.issueRefreshToken('nam', userId);
    expect((await exchangeRefreshToken(nam, revoked)).status).toBe(200);
    emu.revokeRefreshToken(revoked);
    expectGoa(await exchangeRefreshToken(nam, revoked), 401, 'unauthorized');

    const expired = emu.issueRefreshToken('nam', userId, {
      expiresAt: new Date(clock.now() - 1000).toISOString(),
    });
    expectGoa(await exchangeRefreshToken(nam, expired), 401, 'unauthorized');
  });

  it('keeps a fixed 365-day expiry for tokens created on or after 2026-03-18, and slides older ones', async () => {
    const userId = emu.seed.demoUser.nam.id;
    const listTokens = async (accessToken: string) =>
      (
        await call<Array<{createdAt: string; expiresAt: string}>>(nam, '/iam/v1/refresh-tokens', {
          token: accessToken,
        })
      ).body;

    const fixed = emu.issueRefreshToken('nam', userId, {createdAt: '2026-04-01T00:00:00Z'});
    const older = emu.issueRefreshToken('nam', userId, {createdAt: '2025-12-01T00:00:00Z'});
    const access = await userToken(emu);
    const before = await listTokens(access);
    const fixedBefore = before.find((t) => t.createdAt.startsWith('2026-04-01'))!;
    expect(fixedBefore.expiresAt.startsWith('2027-04-01')).toBe(true);

    clock.advance(10 * 86_400_000);
    expect((await exchangeRefreshToken(nam, fixed)).status).toBe(200);
    expect((await exchangeRefreshToken(nam, older)).status).toBe(200);
    const after = await listTokens(await userToken(emu));
    expect(after.find((t) => t.createdAt.startsWith('2026-04-01'))!.expiresAt).toBe(
      fixedBefore.expiresAt,
    );
    const slid = after.find((t) => t.createdAt.startsWith('2025-12-01'))!;
    expect(Date.parse(slid.expiresAt)).toBe(clock.now() + 365 * 86_400_000);
  });

  it('uses the configured token lifetime, changeable while running', async () => {
    const short = await start({tokenLifetimeSeconds: 60});
    try {
      expect(
        (await exchangeRefreshToken(short.zones.nam.login, short.refreshTokens.nam)).body
          .expires_in,
      ).toBe(60);
      short.setTokenLifetime(5);
      const answer = await exchangeRefreshToken(short.zones.nam.login, short.refreshTokens.nam);
      expect(answer.body.expires_in).toBe(5);
      const {claims} = decodeJwt(answer.body.access_token);
      expect(Number(claims.exp) - Number(claims.iat)).toBe(5);
    } finally {
      await short.close();
    }
  });
});
