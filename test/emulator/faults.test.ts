import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {call, exchangeRefreshToken, expectGoa, start, userToken} from './helpers.js';

describe('fault injection', () => {
  let emu: Emulator;
  let nam: string;
  let token: string;
  const org = '/iam/v1/orgs/1105';

  beforeAll(async () => {
    emu = await start();
    nam = emu.zones.nam.api;
    token = await userToken(emu);
  });
  afterEach(() => emu.faults.clear());
  afterAll(() => emu.close());

  const accountCount = async () =>
    (await call<unknown[]>(nam, `${org}/service-accounts`, {token})).body.length;

  it('delays an answer by the given latency, once', async () => {
    emu.faults.inject({path: org, fault: {type: 'latency', ms: 150}});
    const started = performance.now();
    expect((await call(nam, org, {token})).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect((await call(nam, '/_emulator/faults')).body).toEqual([]);
  });

  it('answers 429 with Retry-After, then lets the next request through', async () => {
    emu.faults.inject({path: org, fault: {type: 'status', status: 429, retryAfterSeconds: 7}});
    const answer = await call(nam, org, {token});
    expectGoa(answer, 429, 'too_many_requests');
    expect(answer.headers.get('retry-after')).toBe('7');
    expect((await call(nam, org, {token})).status).toBe(200);
  });

  it('answers 500, 502 and 503 with Goa fault bodies', async () => {
    const expected = {
      500: 'internal_error',
      502: 'bad_gateway',
      503: 'service_unavailable',
    } as const;
    for (const status of [500, 502, 503] as const) {
      emu.faults.inject({path: org, fault: {type: 'status', status}});
      const answer = await call(nam, org, {token});
      expectGoa(answer, status, expected[status]);
      expect(answer.body).toMatchObject({temporary: true, fault: true});
    }
  });

  it('counts down times, and Infinity lasts until removed', async () => {
    emu.faults.inject({path: org, times: 2, fault: {type: 'status', status: 502}});
    expect((await call(nam, org, {token})).status).toBe(502);
    expect((await call(nam, org, {token})).status).toBe(502);
    expect((await call(nam, org, {token})).status).toBe(200);
    const remove = emu.faults.inject({
      path: org,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    for (let i = 0; i < 4; i++) expect((await call(nam, org, {token})).status).toBe(500);
    remove();
    expect((await call(nam, org, {token})).status).toBe(200);
  });

  it('matches by zone, method, exact path, prefix and RegExp', async () => {
    emu.faults.inject({zone: 'eu', times: Infinity, fault: {type: 'status', status: 503}});
    expect((await call(nam, org, {token})).status).toBe(200);
    expect((await call(emu.zones.eu.api, '/iam/v1/orgs/7301')).status).toBe(503);
    emu.faults.clear();

    emu.faults.inject({
      method: 'post',
      path: `${org}/*`,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    expect((await call(nam, `${org}/service-accounts`, {token})).status).toBe(200);
    expect(
      (await call(nam, `${org}/service-accounts`, {method: 'POST', token, body: {name: 'x'}}))
        .status,
    ).toBe(500);
    emu.faults.clear();

    emu.faults.inject({path: /\/clients$/, fault: {type: 'status', status: 502}});
    expect((await call(nam, org, {token})).status).toBe(200);
    expect((await call(nam, `${org}/service-accounts/2257/clients`, {token})).status).toBe(502);
    expect((await call(nam, `${org}/service-accounts/2257/clients`, {token})).status).toBe(200);
  });

  it('faults the token endpoint too', async () => {
    emu.faults.inject({path: '/oidc/token', fault: {type: 'status', status: 503}});
    expect((await exchangeRefreshToken(nam, emu.refreshTokens.nam)).status).toBe(503);
    expect((await exchangeRefreshToken(nam, emu.refreshTokens.nam)).status).toBe(200);
  });

  it('drops the connection before the operation: nothing is created', async () => {
    const before = await accountCount();
    emu.faults.inject({
      method: 'POST',
      path: `${org}/service-accounts`,
      fault: {type: 'drop', when: 'before'},
    });
    await expect(
      call(nam, `${org}/service-accounts`, {method: 'POST', token, body: {name: 'lost-before'}}),
    ).rejects.toThrow();
    expect(await accountCount()).toBe(before);
    expect(emu.requests.at(-2)).toMatchObject({method: 'POST', status: 0});
  });

  it('drops the connection after the operation: the create happened, its answer was lost', async () => {
    const before = await accountCount();
    emu.faults.inject({
      method: 'POST',
      path: `${org}/service-accounts`,
      fault: {type: 'drop', when: 'after'},
    });
    await expect(
      call(nam, `${org}/service-accounts`, {method: 'POST', token, body: {name: 'lost-after'}}),
    ).rejects.toThrow();
    const names = (
      await call<Array<{name: string}>>(nam, `${org}/service-accounts`, {token})
    ).body.map((sa) => sa.name);
    expect(names).toHaveLength(before + 1);
    expect(names).toContain('lost-after');
  });

  it('cuts a pending latency short when the emulator closes', async () => {
    const other = await start();
    other.faults.inject({fault: {type: 'latency', ms: 600_000}});
    const pending = call(other.zones.nam.api, org);
    // The rule is used up once the request has reached the server.
    while ((await call<unknown[]>(other.zones.nam.api, '/_emulator/faults')).body.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await other.close();
    // Without the cut this would hang for ten minutes and time the test out.
    await expect(pending).rejects.toThrow();
  });

  it('refuses malformed rules', () => {
    expect(() => emu.faults.inject({fault: {type: 'status', status: 404 as 500}})).toThrow(
      /status/,
    );
    expect(() => emu.faults.inject({times: 0, fault: {type: 'latency', ms: 1}})).toThrow(/times/);
    expect(() => emu.faults.inject({fault: {type: 'drop', when: 'never' as 'before'}})).toThrow(
      /when/,
    );
  });
});
