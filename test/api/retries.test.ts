/** Retries, timeouts and reconciliation, with faults injected into the emulator. */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ApiError, NetworkError, TimeoutError} from '../../source/api/errors.js';
import type {RetryInfo} from '../../source/api/http.js';
import {verifyClientCredentials} from '../../source/api/verify.js';
import {FlexeraClient} from '../../source/api/client.js';
import {
  clientFor,
  endpointsOf,
  recordingClock,
  requestsTo,
  start,
  takeOrg,
  type Emu,
} from './support.js';

let emu: Emu;

beforeAll(async () => {
  emu = await start({seed: {extraOrgs: 12}});
});

afterEach(() => {
  emu.faults.clear();
});

afterAll(async () => {
  await emu?.close();
});

const saPath = (orgId: number) => `/iam/v1/orgs/${orgId}/service-accounts`;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('idempotent calls', () => {
  it('honours Retry-After on a 429 and tells the observer', async () => {
    const retries: RetryInfo[] = [];
    const client = clientFor(emu, {onRetry: (info) => retries.push(info)});
    const orgId = emu.seed.orgIds.primary;
    await client.tokens.getAccessToken();
    emu.faults.inject({
      method: 'GET',
      path: `${saPath(orgId)}`,
      fault: {type: 'status', status: 429, retryAfterSeconds: 7},
    });
    const accounts = await client.listServiceAccounts(orgId);
    expect(accounts.length).toBeGreaterThan(0);
    expect(client.clock.sleeps).toEqual([7000]);
    expect(retries).toEqual([
      expect.objectContaining({
        reason: 'rate-limited',
        status: 429,
        retry: 1,
        maxRetries: 6,
        delayMs: 7000,
        retryAfterSeconds: 7,
        endpoint: 'list service accounts',
      }),
    ]);
    await client.close();
  });

  it('caps Retry-After at 60 s', async () => {
    const client = clientFor(emu);
    await client.tokens.getAccessToken();
    emu.faults.inject({
      path: '/iam/v1/orgs/*',
      fault: {type: 'status', status: 503, retryAfterSeconds: 600},
    });
    await client.listRoles(emu.seed.orgIds.primary);
    expect(client.clock.sleeps).toEqual([60_000]);
    await client.close();
  });

  it('retries a 500 on GET with backoff, and succeeds', async () => {
    const client = clientFor(emu);
    const orgId = emu.seed.orgIds.primary;
    await client.tokens.getAccessToken();
    emu.resetRequests();
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${orgId}/roles`,
      times: 2,
      fault: {type: 'status', status: 500},
    });
    const roles = await client.listRoles(orgId);
    expect(roles.length).toBeGreaterThan(0);
    expect(client.clock.sleeps).toEqual([1000, 2000]);
    expect(emu.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    await client.close();
  });

  it('gives up after 6 retries with the last ApiError', async () => {
    const client = clientFor(emu);
    const orgId = emu.seed.orgIds.primary;
    await client.tokens.getAccessToken();
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${orgId}`,
      times: Infinity,
      fault: {type: 'status', status: 502},
    });
    const error = await failure(client.getOrg(orgId));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({status: 502, attempts: 7, temporary: true});
    expect(client.clock.sleeps).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
    await client.close();
  });

  it('retries a dropped connection on GET', async () => {
    const client = clientFor(emu);
    const orgId = emu.seed.orgIds.primary;
    await client.tokens.getAccessToken();
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${orgId}/projects`,
      fault: {type: 'drop', when: 'before'},
    });
    const retries: RetryInfo[] = [];
    const observed = clientFor(emu, {onRetry: (info) => retries.push(info), clock: client.clock});
    await observed.tokens.getAccessToken();
    await observed.listProjects(orgId);
    expect(retries.map((r) => r.reason)).toEqual(['network']);
    await Promise.all([client.close(), observed.close()]);
  });

  it('retries grant and revoke, which are idempotent', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    const sa = await client.createServiceAccount(orgId, {name: 'grant retry'});
    emu.faults.inject({
      method: 'PUT',
      path: '/iam/v1/orgs/*',
      fault: {type: 'drop', when: 'after'},
    });
    const subjectRef = `ref::::iam:service-account:${sa.id}`;
    await client.grantRole(orgId, {role: {name: 'policy_viewer'}, subjectRef});
    expect((await client.listAccessRules(orgId, {subjectRef})).map((r) => r.role.name)).toEqual([
      'policy_viewer',
    ]);
    expect(client.clock.sleeps).toEqual([1000]);
    await client.close();
  });

  it('treats a 404 on a retried DELETE as done (the first attempt deleted it)', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    const sa = await client.createServiceAccount(orgId, {name: 'delete retry'});
    emu.faults.inject({
      method: 'DELETE',
      path: `${saPath(orgId)}/${sa.id}`,
      fault: {type: 'drop', when: 'after'},
    });
    await client.deleteServiceAccount(orgId, sa.id);
    expect(requestsTo(emu, 'DELETE', `${saPath(orgId)}/${sa.id}`).map((r) => r.status)).toEqual([
      0, 404,
    ]);
    await client.close();
  });

  it('does not retry a refused connection, and reports it as a network error', async () => {
    const closed = await start();
    const origin = closed.zones.nam.api;
    await closed.close();
    const clock = recordingClock();
    const client = new FlexeraClient({
      endpoints: {zone: 'nam', api: origin, login: origin, custom: true},
      credentials: {grant: 'refresh_token', refreshToken: 'unused-because-nothing-listens'},
      env: {},
      clock,
    });
    const error = await failure(client.listRoles(1));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      code: 'ECONNREFUSED',
      endpoint: 'token exchange',
      maybeDelivered: false,
    });
    expect((error as Error).message).not.toContain('unused-because-nothing-listens');
    expect(clock.sleeps).toEqual([]);
    await client.close();
  });

  it('times out a slow answer', async () => {
    const client = clientFor(emu, {timeoutMs: 150});
    const orgId = emu.seed.orgIds.primary;
    await client.tokens.getAccessToken();
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${orgId}`,
      fault: {type: 'latency', ms: 2000},
    });
    const error = await failure(client.getOrg(orgId));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({timeoutMs: 150, endpoint: 'show org', method: 'GET'});
    await client.close();
  });

  it("stops when the caller's signal aborts", async () => {
    const client = clientFor(emu);
    const orgId = emu.seed.orgIds.primary;
    await client.tokens.getAccessToken();
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${orgId}`,
      fault: {type: 'latency', ms: 2000},
    });
    const controller = new AbortController();
    const pending = client.getOrg(orgId, {signal: controller.signal});
    setTimeout(() => controller.abort(new Error('cancelled by test')), 50);
    await expect(pending).rejects.toThrow('cancelled by test');
    await client.close();
  });
});

describe('creates are never re-sent blindly', () => {
  it('a 500 on POST is reported, not re-sent, and nothing was created', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    await client.tokens.getAccessToken();
    const before = await client.listServiceAccounts(orgId);
    emu.resetRequests();
    emu.faults.inject({method: 'POST', path: saPath(orgId), fault: {type: 'status', status: 500}});
    const error = await failure(client.createServiceAccount(orgId, {name: 'never twice'}));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect(requestsTo(emu, 'POST', saPath(orgId))).toHaveLength(1);
    expect(client.clock.sleeps).toEqual([]);
    expect(await client.listServiceAccounts(orgId)).toHaveLength(before.length);
    await client.close();
  });

  it('a 429 on POST was refused without acting: waits Retry-After and sends again', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    emu.faults.inject({
      method: 'POST',
      path: saPath(orgId),
      fault: {type: 'status', status: 429, retryAfterSeconds: 3},
    });
    const sa = await client.createServiceAccount(orgId, {name: 'after 429'});
    expect(client.clock.sleeps).toEqual([3000]);
    expect((await client.listServiceAccounts(orgId)).filter((a) => a.name === 'after 429')).toEqual(
      [expect.objectContaining({id: sa.id})],
    );
    await client.close();
  });

  it('an account whose answer was dropped after the write is found, not created twice', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    await client.tokens.getAccessToken();
    const before = await client.listServiceAccounts(orgId);
    emu.resetRequests();
    emu.faults.inject({method: 'POST', path: saPath(orgId), fault: {type: 'drop', when: 'after'}});
    const sa = await client.createServiceAccount(orgId, {name: 'dropped answer'});
    expect(requestsTo(emu, 'POST', saPath(orgId))).toHaveLength(1);
    const after = await client.listServiceAccounts(orgId);
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((a) => a.name === 'dropped answer').map((a) => a.id)).toEqual([sa.id]);
    await client.close();
  });

  it('a client whose answer was dropped is deleted and minted again once; its secret works', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    const sa = await client.createServiceAccount(orgId, {name: 'dropped client'});
    await client.grantRole(orgId, {
      role: {name: 'policy_viewer'},
      subjectRef: `ref::::iam:service-account:${sa.id}`,
    });
    const clientsPath = `${saPath(orgId)}/${sa.id}/clients`;
    emu.resetRequests();
    emu.faults.inject({method: 'POST', path: clientsPath, fault: {type: 'drop', when: 'after'}});
    const {client: minted, clientSecret} = await client.createClient(orgId, sa.id);
    expect(requestsTo(emu, 'POST', clientsPath).map((r) => r.status)).toEqual([0, 201]);
    expect(requestsTo(emu, 'DELETE', new RegExp(`^${clientsPath}/`))).toHaveLength(1);
    const clients = await client.listClients(orgId, sa.id);
    expect(clients.map((c) => c.clientId)).toEqual([minted.clientId]);
    const verified = await verifyClientCredentials(
      endpointsOf(emu),
      minted.clientId,
      clientSecret,
      {orgId, env: {}},
    );
    expect(verified.ok).toBe(true);
    await client.close();
  });

  it('with the caller’s fresh list it mints without listing first, and still keeps the live client', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    const sa = await client.createServiceAccount(orgId, {name: 'known clients'});
    const live = await client.createClient(orgId, sa.id);
    const clientsPath = `${saPath(orgId)}/${sa.id}/clients`;
    emu.resetRequests();
    emu.faults.inject({method: 'POST', path: clientsPath, fault: {type: 'drop', when: 'after'}});
    const {client: minted} = await client.createClient(orgId, sa.id, {
      knownClientIds: [live.client.clientId],
    });
    // No list before the mint; one after the dropped answer, to find the orphan.
    expect(requestsTo(emu, 'GET', clientsPath)).toHaveLength(1);
    expect(requestsTo(emu, 'DELETE', new RegExp(`^${clientsPath}/`))).toHaveLength(1);
    const clients = (await client.listClients(orgId, sa.id)).map((c) => c.clientId).sort();
    expect(clients).toEqual([live.client.clientId, minted.clientId].sort());
    await client.close();
  });

  it('a client POST that fails with 500 before acting is reported; nothing is deleted', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    const sa = await client.createServiceAccount(orgId, {name: 'client 500'});
    const existing = await client.createClient(orgId, sa.id);
    const clientsPath = `${saPath(orgId)}/${sa.id}/clients`;
    emu.resetRequests();
    emu.faults.inject({method: 'POST', path: clientsPath, fault: {type: 'status', status: 500}});
    const error = await failure(client.createClient(orgId, sa.id));
    expect((error as ApiError).status).toBe(500);
    expect(requestsTo(emu, 'POST', clientsPath)).toHaveLength(1);
    expect(requestsTo(emu, 'DELETE', new RegExp(`^${clientsPath}/`))).toHaveLength(0);
    expect((await client.listClients(orgId, sa.id)).map((c) => c.clientId)).toEqual([
      existing.client.clientId,
    ]);
    await client.close();
  });

  it('a clear 4xx on POST is thrown at once', async () => {
    const client = clientFor(emu);
    const orgId = takeOrg(emu);
    emu.resetRequests();
    const error = await failure(client.createServiceAccount(orgId, {name: 'x'.repeat(513)}));
    expect((error as ApiError).status).toBe(400);
    expect(requestsTo(emu, 'POST', saPath(orgId))).toHaveLength(1);
    expect(requestsTo(emu, 'GET', saPath(orgId))).toHaveLength(0);
    await client.close();
  });
});
