import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {
  call,
  clientToken,
  exchangeClient,
  expectGoa,
  manualClock,
  MICRO_TIMESTAMP,
  seededAccount,
  start,
  userToken,
} from './helpers.js';

interface Account {
  id: number;
  name: string;
  description?: string;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  kind: string;
  ref: string;
}

describe('service accounts', () => {
  let emu: Emulator;
  let nam: string;
  let token: string;
  const clock = manualClock();
  const base = '/iam/v1/orgs/1105/service-accounts';

  beforeEach(async () => {
    emu = await start({clock: clock.now});
    nam = emu.zones.nam.api;
    token = await userToken(emu);
  });
  afterEach(() => emu.close());

  const create = (body: unknown) => call(nam, base, {method: 'POST', token, body});
  const list = async () => (await call<Account[]>(nam, base, {token})).body;

  it('lists the org accounts as a bare array, by id', async () => {
    const answer = await call<Account[]>(nam, base, {token});
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(Array.isArray(answer.body)).toBe(true);
    expect(answer.body.map((sa) => sa.id)).toEqual([2257, 2258, 2259, 2260, 2261, 2262]);
    expect(answer.body.map((sa) => sa.name)).toEqual(
      emu.seed.serviceAccounts.filter((sa) => sa.orgId === 1105).map((sa) => sa.name),
    );
    expect((await call(nam, `${base}?view=index`, {token})).status).toBe(200);
    expectGoa(await call(nam, `${base}?view=extended`, {token}), 400, 'bad_request');
  });

  it('creates with 201, an empty body and a relative Location, then shows it as the article does', async () => {
    const now = clock.now();
    const created = await create({
      name: 'my application',
      description: 'Reads data from Flexera One APIs',
    });
    expect(created.status).toBe(201);
    expect(created.text).toBe('');
    expect(created.headers.get('location')).toBe(
      `/iam/v1/orgs/1105/service-accounts/${emu.seed.nextServiceAccountId}`,
    );
    const shown = await call<Account>(nam, created.headers.get('location')!, {token});
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({
      id: 2263,
      name: 'my application',
      description: 'Reads data from Flexera One APIs',
      createdBy: emu.seed.demoUser.nam.id,
      createdAt: shown.body.createdAt,
      updatedAt: shown.body.createdAt,
      kind: 'iam#service-account',
      ref: 'iam#service-account:2263',
    });
    expect(shown.body.createdAt).toMatch(MICRO_TIMESTAMP);
    expect(shown.body.createdAt.slice(0, 23)).toBe(new Date(now).toISOString().slice(0, 23));
  });

  it('tolerates unknown fields and does not require unique names', async () => {
    expect((await create({name: 'twin', color: 'blue'})).status).toBe(201);
    expect((await create({name: 'twin'})).status).toBe(201);
    expect((await list()).filter((sa) => sa.name === 'twin')).toHaveLength(2);
  });

  it('validates name (1..512, not blank) and description (up to 4096)', async () => {
    for (const body of [
      {},
      {name: ''},
      {name: '   '},
      {name: 'x'.repeat(513)},
      {name: 42},
      {name: 'ok', description: 'd'.repeat(4097)},
      {name: 'ok', description: 7},
      [],
    ]) {
      expectGoa(await create(body), 400, 'bad_request');
    }
    expectGoa(
      await call(nam, base, {method: 'POST', token, rawBody: '{"name": '}),
      400,
      'bad_request',
    );
    expectGoa(await call(nam, base, {method: 'POST', token}), 400, 'bad_request');
    expect((await create({name: 'n'.repeat(512), description: 'd'.repeat(4096)})).status).toBe(201);
    expect((await create({name: 'é'.repeat(512)})).status).toBe(201);
  });

  it('allows at most 20 accounts per org (400 on the 21st) and frees a place on delete', async () => {
    const existing = (await list()).length;
    for (let i = existing; i < 20; i++)
      expect((await create({name: `fill-${i}`})).status).toBe(201);
    const refused = await create({name: 'one too many'});
    expectGoa(refused, 400, 'bad_request');
    expect((refused.body as {message: string}).message).toContain('20');
    expect(await list()).toHaveLength(20);
    expect((await call(nam, `${base}/2261`, {method: 'DELETE', token})).status).toBe(204);
    expect((await create({name: 'fits again'})).status).toBe(201);
  });

  it('shows 404 for unknown accounts and for accounts of another org', async () => {
    expectGoa(await call(nam, `${base}/999999`, {token}), 404, 'not_found');
    expectGoa(await call(nam, `${base}/2241`, {token}), 404, 'not_found'); // 2241 lives in org 1180
    expect((await call(nam, '/iam/v1/orgs/1180/service-accounts/2241', {token})).status).toBe(200);
  });

  it('updates with PATCH (204, no body) and moves updatedAt', async () => {
    const before = (await call<Account>(nam, `${base}/2261`, {token})).body;
    clock.advance(5_000);
    const patched = await call(nam, `${base}/2261`, {
      method: 'PATCH',
      token,
      body: {name: 'reporting', description: 'New text', extra: 1},
    });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    const after = (await call<Account>(nam, `${base}/2261`, {token})).body;
    expect(after).toMatchObject({
      name: 'reporting',
      description: 'New text',
      createdAt: before.createdAt,
    });
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(
      (await call(nam, `${base}/2261`, {method: 'PATCH', token, body: {description: 'only this'}}))
        .status,
    ).toBe(204);
    expect((await call<Account>(nam, `${base}/2261`, {token})).body.name).toBe('reporting');
    expectGoa(
      await call(nam, `${base}/2261`, {method: 'PATCH', token, body: {name: ''}}),
      400,
      'bad_request',
    );
    expectGoa(
      await call(nam, `${base}/999999`, {method: 'PATCH', token, body: {name: 'x'}}),
      404,
      'not_found',
    );
  });

  it('deletes with 204, taking its clients, access rules and credentials along', async () => {
    const terraform = seededAccount(emu, 2260);
    const saToken = await clientToken(
      emu,
      terraform.clients[0]!.clientId,
      terraform.clients[0]!.clientSecret,
    );
    const filter = encodeURIComponent("subjectRef eq 'ref::::iam:service-account:2260'");
    expect(
      (
        await call<{values: unknown[]}>(nam, `/iam/v1/orgs/1105/access-rules?filter=${filter}`, {
          token,
        })
      ).body.values,
    ).toHaveLength(1);

    const deleted = await call(nam, `${base}/2260`, {method: 'DELETE', token});
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectGoa(await call(nam, `${base}/2260`, {token}), 404, 'not_found');
    expectGoa(await call(nam, `${base}/2260/clients`, {token}), 404, 'not_found');
    expect(
      (
        await call<{values: unknown[]}>(nam, `/iam/v1/orgs/1105/access-rules?filter=${filter}`, {
          token,
        })
      ).body.values,
    ).toEqual([]);
    for (const client of terraform.clients) {
      expectGoa(
        await exchangeClient(nam, client.clientId, client.clientSecret),
        401,
        'unauthorized',
      );
    }
    expectGoa(await call(nam, base, {token: saToken}), 401, 'unauthorized');
    expectGoa(await call(nam, `${base}/2260`, {method: 'DELETE', token}), 404, 'not_found');
  });

  it('records the creating user as createdBy, also when a service account creates one [I]', async () => {
    const terraform = seededAccount(emu, 2260);
    const saToken = await clientToken(
      emu,
      terraform.clients[0]!.clientId,
      terraform.clients[0]!.clientSecret,
    );
    const created = await call(nam, base, {
      method: 'POST',
      token: saToken,
      body: {name: 'made by terraform'},
    });
    expect(created.status).toBe(201);
    const shown = await call<Account>(nam, created.headers.get('location')!, {token});
    expect(shown.body.createdBy).toBe(emu.seed.demoUser.nam.id);
  });
});
