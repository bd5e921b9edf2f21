import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {call, exchangeRefreshToken, expectGoa, manualClock, start, userToken} from './helpers.js';

describe('emulator control routes (/_emulator/…) and the request record', () => {
  let emu: Emulator;
  let nam: string;
  let token: string;
  const logs: string[] = [];
  const clock = manualClock();

  beforeAll(async () => {
    emu = await start({clock: clock.now, log: (line) => logs.push(line)});
    nam = emu.zones.nam.api;
    token = await userToken(emu);
  });
  afterAll(() => emu.close());

  it('snapshots a zone without secrets', async () => {
    const state = await call<{
      zone: string;
      orgs: Array<{
        id: number;
        serviceAccounts: Array<{id: number; clients: Array<{clientId: string}>}>;
        accessRules: unknown[];
        members: number[];
      }>;
    }>(nam, '/_emulator/state');
    expect(state.status).toBe(200);
    expect(state.body.zone).toBe('nam');
    const acme = state.body.orgs.find((org) => org.id === 1105)!;
    expect(acme.serviceAccounts.map((sa) => sa.id)).toEqual([2257, 2258, 2259, 2260, 2261, 2262]);
    expect(acme.serviceAccounts.find((sa) => sa.id === 2260)!.clients).toHaveLength(2);
    expect(acme.members).toHaveLength(emu.seed.primaryOrgUserCount);
    expect(acme.accessRules.length).toBeGreaterThan(0);
    for (const sa of emu.seed.serviceAccounts)
      for (const client of sa.clients) expect(state.text).not.toContain(client.clientSecret);
    expect(state.text).not.toContain(emu.refreshTokens.nam);
    const eu = await call<{zone: string; orgs: Array<{id: number}>}>(
      emu.zones.eu.api,
      '/_emulator/state',
    );
    expect(eu.body.orgs.map((org) => org.id)).toEqual([emu.seed.orgIds.eu]);
  });

  it('adds, lists and clears faults over HTTP', async () => {
    const added = await call<{id: number}>(nam, '/_emulator/faults', {
      method: 'POST',
      body: {path: '/iam/v1/orgs/1105', times: 'Infinity', fault: {type: 'status', status: 503}},
    });
    expect(added.status).toBe(201);
    expect((await call(nam, '/iam/v1/orgs/1105', {token})).status).toBe(503);
    expect((await call<unknown[]>(nam, '/_emulator/faults')).body).toHaveLength(1);
    expect((await call(nam, '/_emulator/faults', {method: 'DELETE'})).status).toBe(204);
    expect((await call(nam, '/iam/v1/orgs/1105', {token})).status).toBe(200);
    expect(
      (
        await call(nam, '/_emulator/faults', {
          method: 'POST',
          body: {pathRegex: 'roles$', fault: {type: 'status', status: 502}},
        })
      ).status,
    ).toBe(201);
    expect((await call(nam, '/iam/v1/orgs/1105/roles', {token})).status).toBe(502);
    expectGoa(
      await call(nam, '/_emulator/faults', {
        method: 'POST',
        body: {fault: {type: 'status', status: 418}},
      }),
      400,
      'bad_request',
    );
  });

  it('revokes and issues refresh tokens, and sets the token lifetime', async () => {
    const issued = await call<{refreshToken: string}>(nam, '/_emulator/refresh-tokens', {
      method: 'POST',
      body: {userId: emu.seed.viewer.id},
    });
    expect(issued.status).toBe(201);
    expect((await exchangeRefreshToken(nam, issued.body.refreshToken)).status).toBe(200);
    expect(
      (
        await call(nam, '/_emulator/revoke-refresh-token', {
          method: 'POST',
          body: {token: issued.body.refreshToken},
        })
      ).status,
    ).toBe(204);
    expectGoa(await exchangeRefreshToken(nam, issued.body.refreshToken), 401, 'unauthorized');
    expectGoa(
      await call(nam, '/_emulator/revoke-refresh-token', {
        method: 'POST',
        body: {token: 'unknown'},
      }),
      404,
      'not_found',
    );
    expectGoa(
      await call(nam, '/_emulator/refresh-tokens', {method: 'POST', body: {userId: 1}}),
      400,
      'bad_request',
    );

    expect(
      (await call(nam, '/_emulator/token-lifetime', {method: 'PUT', body: {seconds: 30}})).status,
    ).toBe(204);
    expect((await exchangeRefreshToken(nam, emu.refreshTokens.nam)).body.expires_in).toBe(30);
    emu.setTokenLifetime(3600);
    expectGoa(
      await call(nam, '/_emulator/token-lifetime', {method: 'PUT', body: {seconds: 0}}),
      400,
      'bad_request',
    );
  });

  it('records Flexera requests (not control ones) with zone, principal, status and clock time', async () => {
    emu.resetRequests();
    clock.advance(1234);
    await call(nam, '/iam/v1/orgs/1105/users?filter=x&skipToken=abc', {token});
    await call(emu.zones.eu.api, '/iam/v1/orgs/7301');
    await call(nam, '/_emulator/state');
    await call(nam, '/oidc/token?refresh_token=leak', {
      method: 'POST',
      rawBody: 'grant_type=refresh_token',
      headers: {'content-type': 'application/x-www-form-urlencoded'},
    });
    expect(emu.requests).toEqual([
      {
        zone: 'nam',
        method: 'GET',
        path: '/iam/v1/orgs/1105/users?filter=x&skipToken=abc',
        status: 400,
        principal: `u-${emu.seed.demoUser.nam.id}`,
        at: clock.now(),
      },
      {zone: 'eu', method: 'GET', path: '/iam/v1/orgs/7301', status: 401, at: clock.now()},
      {
        zone: 'nam',
        method: 'POST',
        path: '/oidc/token?refresh_token=REDACTED',
        status: 400,
        at: clock.now(),
        contentType: 'application/x-www-form-urlencoded',
      },
    ]);
    expect((await call<unknown[]>(nam, '/_emulator/requests')).body).toHaveLength(3);
    expect((await call(nam, '/_emulator/requests', {method: 'DELETE'})).status).toBe(204);
    expect(emu.requests).toHaveLength(0);
  });

  it('logs method, path and status, never a token', () => {
    expect(logs).toContain('nam GET /iam/v1/orgs/1105 503');
    const joined = logs.join('\n');
    expect(joined).not.toContain(emu.refreshTokens.nam);
    expect(joined).not.toContain(token);
    expect(joined).not.toContain('leak');
  });

  it('answers 404 for unknown control routes', async () => {
    expectGoa(await call(nam, '/_emulator/nothing'), 404, 'not_found');
  });
});
