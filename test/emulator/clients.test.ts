import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {
  call,
  clientToken,
  exchangeClient,
  expectGoa,
  MICRO_TIMESTAMP,
  seededAccount,
  start,
  userToken,
} from './helpers.js';

interface Client {
  clientId: string;
  clientSecret?: string;
  createdBy: number;
  createdAt: string;
  kind: string;
}

describe('service-account clients', () => {
  let emu: Emulator;
  let nam: string;
  let token: string;
  const clients = (sa: number) => `/iam/v1/orgs/1105/service-accounts/${sa}/clients`;

  beforeEach(async () => {
    emu = await start();
    nam = emu.zones.nam.api;
    token = await userToken(emu);
  });
  afterEach(() => emu.close());

  it('mints a client with POST and no body: 201 with the secret, the only time it is shown', async () => {
    const minted = await call<Client>(nam, clients(2259), {method: 'POST', token});
    expect(minted.status).toBe(201);
    expect(minted.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(minted.body).sort()).toEqual([
      'clientId',
      'clientSecret',
      'createdAt',
      'createdBy',
      'kind',
    ]);
    expect(minted.body.kind).toBe('iam#service-account-client');
    expect(minted.body.createdBy).toBe(emu.seed.demoUser.nam.id);
    expect(minted.body.createdAt).toMatch(MICRO_TIMESTAMP);
    expect(minted.body.clientSecret!.length).toBeGreaterThanOrEqual(32);

    const listed = await call<Client[]>(nam, clients(2259), {token});
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        clientId: minted.body.clientId,
        createdBy: minted.body.createdBy,
        createdAt: minted.body.createdAt,
        kind: 'iam#service-account-client',
      },
    ]);
    const shown = await call<Client>(nam, `${clients(2259)}/${minted.body.clientId}`, {token});
    expect(shown.status).toBe(200);
    expect(shown.body).not.toHaveProperty('clientSecret');
    expect(listed.text).not.toContain(minted.body.clientSecret!);
    expect(shown.text).not.toContain(minted.body.clientSecret!);

    const saToken = await clientToken(emu, minted.body.clientId, minted.body.clientSecret!);
    expect(saToken.split('.')).toHaveLength(3);
  });

  it('ignores a body on POST', async () => {
    expect(
      (await call(nam, clients(2259), {method: 'POST', token, body: {name: 'ignored'}})).status,
    ).toBe(201);
  });

  it('allows at most 2 clients per account (400 on the 3rd)', async () => {
    expect((await call<Client[]>(nam, clients(2260), {token})).body).toHaveLength(2);
    const refused = await call(nam, clients(2260), {method: 'POST', token});
    expectGoa(refused, 400, 'bad_request');
    expect((refused.body as {message: string}).message).toContain('2');
  });

  it('deletes one client (204): its credentials and tokens stop working, the other client goes on', async () => {
    const [first, second] = seededAccount(emu, 2260).clients;
    const firstToken = await clientToken(emu, first!.clientId, first!.clientSecret);
    const deleted = await call(nam, `${clients(2260)}/${first!.clientId}`, {
      method: 'DELETE',
      token,
    });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectGoa(await call(nam, `${clients(2260)}/${first!.clientId}`, {token}), 404, 'not_found');
    expectGoa(await exchangeClient(nam, first!.clientId, first!.clientSecret), 401, 'unauthorized');
    expectGoa(await call(nam, '/iam/v1/orgs/1105/users', {token: firstToken}), 401, 'unauthorized');
    const secondToken = await clientToken(emu, second!.clientId, second!.clientSecret);
    expect((await call(nam, '/iam/v1/orgs/1105/users', {token: secondToken})).status).toBe(200);
    // A place is free again.
    expect((await call(nam, clients(2260), {method: 'POST', token})).status).toBe(201);
  });

  it('answers 404 for an unknown account or a client of another account', async () => {
    expectGoa(await call(nam, clients(999999), {token}), 404, 'not_found');
    expectGoa(await call(nam, clients(999999), {method: 'POST', token}), 404, 'not_found');
    const other = seededAccount(emu, 2257).clients[0]!.clientId;
    expectGoa(await call(nam, `${clients(2258)}/${other}`, {token}), 404, 'not_found');
    expectGoa(
      await call(nam, `${clients(2258)}/${other}`, {method: 'DELETE', token}),
      404,
      'not_found',
    );
  });
});
