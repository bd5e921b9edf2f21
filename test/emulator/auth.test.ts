import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {
  call,
  clientToken,
  expectGoa,
  manualClock,
  seededAccount,
  start,
  userToken,
} from './helpers.js';

describe('API authentication and privileges', () => {
  let emu: Emulator;
  let nam: string;
  let demo: string;
  const clock = manualClock();

  beforeAll(async () => {
    emu = await start({clock: clock.now});
    nam = emu.zones.nam.api;
    demo = await userToken(emu);
  });
  afterAll(() => emu.close());

  it('answers 401 "access token is invalid" without, with a malformed or with a tampered token', async () => {
    const path = '/iam/v1/orgs/1105';
    for (const token of [undefined, 'garbage', `${demo.slice(0, -4)}AAAA`]) {
      const answer = await call(nam, path, {token});
      expectGoa(answer, 401, 'unauthorized');
      expect((answer.body as {message: string}).message).toBe('access token is invalid');
    }
    expect((await call(nam, path, {token: demo})).status).toBe(200);
  });

  it('refuses a token minted in another zone (401), as production does', async () => {
    const euToken = await userToken(emu, 'eu');
    expectGoa(await call(nam, '/iam/v1/orgs/1105', {token: euToken}), 401, 'unauthorized');
    expectGoa(
      await call(emu.zones.eu.api, `/iam/v1/orgs/${emu.seed.orgIds.eu}`, {token: demo}),
      401,
      'unauthorized',
    );
    expect(
      (await call(emu.zones.eu.api, `/iam/v1/orgs/${emu.seed.orgIds.eu}`, {token: euToken})).status,
    ).toBe(200);
    const apacToken = await userToken(emu, 'apac');
    expect(
      (await call(emu.zones.apac.api, `/iam/v1/orgs/${emu.seed.orgIds.apac}`, {token: apacToken}))
        .status,
    ).toBe(200);
  });

  it('expires access tokens on the injected clock', async () => {
    const token = await userToken(emu);
    const startedAt = clock.now();
    try {
      clock.advance(3599_000);
      expect((await call(nam, '/iam/v1/orgs/1105', {token})).status).toBe(200);
      clock.advance(1_000);
      expectGoa(await call(nam, '/iam/v1/orgs/1105', {token}), 401, 'unauthorized');
    } finally {
      clock.set(startedAt);
    }
  });

  it('kills access tokens of a revoked refresh token at once', async () => {
    const refresh = emu.issueRefreshToken('nam', emu.seed.demoUser.nam.id);
    const token = await userToken(emu, 'nam', refresh);
    expect((await call(nam, '/iam/v1/orgs/1105', {token})).status).toBe(200);
    emu.revokeRefreshToken(refresh);
    expectGoa(await call(nam, '/iam/v1/orgs/1105', {token}), 401, 'unauthorized');
  });

  it('gives the viewer the org and roles, and 403 forbidden for the rest', async () => {
    const viewer = await userToken(emu, 'nam', emu.seed.viewer.refreshToken);
    expect((await call(nam, '/iam/v1/orgs/1105', {token: viewer})).status).toBe(200);
    expect((await call(nam, '/iam/v1/orgs/1105/roles', {token: viewer})).status).toBe(200);
    for (const path of [
      'service-accounts',
      'users',
      'access-rules',
      'projects',
      'service-accounts/2257/clients',
    ]) {
      expectGoa(await call(nam, `/iam/v1/orgs/1105/${path}`, {token: viewer}), 403, 'forbidden');
    }
    const grant = await call(nam, '/iam/v1/orgs/1105/access-rules/grant', {
      method: 'PUT',
      token: viewer,
      body: {role: {name: 'iam_admin'}, subject: {ref: `ref::::iam:user:${emu.seed.viewer.id}`}},
    });
    expectGoa(grant, 403, 'forbidden');
    expect((grant.body as {message: string}).message).toContain('iam:access_rule:grant');
  });

  it('follows the demo user roles per org: owner, iam_admin, read-only, non-member', async () => {
    const {primary, admin, readOnly, eu} = emu.seed.orgIds;
    expect(
      (await call(nam, `/iam/v1/orgs/${primary}/service-accounts`, {token: demo})).status,
    ).toBe(200);
    expect((await call(nam, `/iam/v1/orgs/${admin}/service-accounts`, {token: demo})).status).toBe(
      200,
    );
    expect((await call(nam, `/iam/v1/orgs/${admin}/users`, {token: demo})).status).toBe(200);
    expect((await call(nam, `/iam/v1/orgs/${readOnly}`, {token: demo})).status).toBe(200);
    expectGoa(
      await call(nam, `/iam/v1/orgs/${readOnly}/service-accounts`, {token: demo}),
      403,
      'forbidden',
    );
    // [I] An org the caller has no role in (here one of another zone) answers 403.
    expectGoa(await call(nam, `/iam/v1/orgs/${eu}`, {token: demo}), 403, 'forbidden');
  });

  it('turns 403 into 200 when iam_admin is granted to a service account, and back on revoke', async () => {
    const created = await call(nam, '/iam/v1/orgs/1105/service-accounts', {
      method: 'POST',
      token: demo,
      body: {name: 'grant-test'},
    });
    const id = Number(created.headers.get('location')!.split('/').pop());
    const client = await call<{clientId: string; clientSecret: string}>(
      nam,
      `/iam/v1/orgs/1105/service-accounts/${id}/clients`,
      {
        method: 'POST',
        token: demo,
      },
    );
    const saToken = await clientToken(emu, client.body.clientId, client.body.clientSecret);
    expectGoa(await call(nam, '/iam/v1/orgs/1105/users', {token: saToken}), 403, 'forbidden');
    const rule = {role: {name: 'iam_admin'}, subject: {ref: `ref::::iam:service-account:${id}`}};
    expect(
      (
        await call(nam, '/iam/v1/orgs/1105/access-rules/grant', {
          method: 'PUT',
          token: demo,
          body: rule,
        })
      ).status,
    ).toBe(204);
    expect((await call(nam, '/iam/v1/orgs/1105/users', {token: saToken})).status).toBe(200);
    expect(
      (
        await call(nam, '/iam/v1/orgs/1105/access-rules/revoke', {
          method: 'PUT',
          token: demo,
          body: rule,
        })
      ).status,
    ).toBe(204);
    expectGoa(await call(nam, '/iam/v1/orgs/1105/users', {token: saToken}), 403, 'forbidden');
  });

  it('keeps a service account in its own org and off user-scoped endpoints', async () => {
    const terraform = seededAccount(emu, 2260); // iam_admin in 1105
    const saToken = await clientToken(
      emu,
      terraform.clients[0]!.clientId,
      terraform.clients[0]!.clientSecret,
    );
    expect((await call(nam, '/iam/v1/orgs/1105/service-accounts', {token: saToken})).status).toBe(
      200,
    );
    expectGoa(
      await call(nam, '/iam/v1/orgs/1180/service-accounts', {token: saToken}),
      403,
      'forbidden',
    );
    expectGoa(await call(nam, '/iam/v1/orgs/1180', {token: saToken}), 403, 'forbidden');
    expectGoa(
      await call(nam, `/iam/v1/users/${emu.seed.demoUser.nam.id}/orgs`, {token: saToken}),
      403,
      'forbidden',
    );
    expectGoa(await call(nam, '/iam/v1/refresh-tokens', {token: saToken}), 403, 'forbidden');
    expectGoa(await call(nam, '/iam/v1/users/me', {token: saToken}), 403, 'forbidden');
  });

  it('refuses another user id on users/{id}/orgs', async () => {
    expectGoa(
      await call(nam, `/iam/v1/users/${emu.seed.viewer.id}/orgs`, {token: demo}),
      403,
      'forbidden',
    );
  });

  it('answers 404 for unknown paths, 405 for a wrong method, 400 for a non-integer id', async () => {
    expectGoa(await call(nam, '/iam/v1/nothing-here', {token: demo}), 404, 'not_found');
    expectGoa(await call(nam, '/iam/v1/nothing-here'), 404, 'not_found');
    const wrong = await call(nam, '/iam/v1/orgs/1105/service-accounts', {
      method: 'PUT',
      token: demo,
      body: {},
    });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    expectGoa(
      await call(nam, '/iam/v1/orgs/abc/service-accounts', {token: demo}),
      400,
      'bad_request',
    );
    expectGoa(await call(nam, '/iam/v1/orgs/0', {token: demo}), 400, 'bad_request');
  });
});
