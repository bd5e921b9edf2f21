/** No token or secret reaches the log hook or an error message. */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {FlexeraClient} from '../../source/api/client.js';
import type {HttpLogEvent} from '../../source/api/http.js';
import {serviceAccountRef} from '../../source/api/refs.js';
import {clientFor, endpointsOf, recordingClock, start, takeOrg, type Emu} from './support.js';

let emu: Emu;

beforeAll(async () => {
  emu = await start({seed: {extraOrgs: 1}});
});

afterAll(async () => {
  await emu?.close();
});

it('logs requests, responses, retries and failures with every secret redacted', async () => {
  const events: HttpLogEvent[] = [];
  const errors: unknown[] = [];
  const log = (event: HttpLogEvent) => events.push(event);
  const admin = clientFor(emu, {log});
  const orgId = takeOrg(emu);

  const sa = await admin.createServiceAccount(orgId, {name: 'logged'});
  await admin.grantRole(orgId, {
    role: {name: 'policy_viewer'},
    subjectRef: serviceAccountRef(sa.id),
  });
  const {client: minted, clientSecret} = await admin.createClient(orgId, sa.id);
  emu.faults.inject({
    method: 'GET',
    path: `/iam/v1/orgs/${orgId}/roles`,
    fault: {type: 'status', status: 429, retryAfterSeconds: 1},
  });
  await admin.listRoles(orgId);
  emu.faults.inject({
    method: 'GET',
    path: `/iam/v1/orgs/${orgId}/projects`,
    fault: {type: 'drop', when: 'before'},
  });
  await admin.listProjects(orgId);
  const userAccessToken = await admin.tokens.getAccessToken();

  const asAccount = new FlexeraClient({
    endpoints: endpointsOf(emu),
    credentials: {grant: 'client_credentials', clientId: minted.clientId, clientSecret},
    env: {},
    clock: recordingClock(),
    log,
  });
  await asAccount.listRoles(orgId);
  const saAccessToken = await asAccount.tokens.getAccessToken();
  // Refused calls: a wrong-zone 401 and a 403, both logged and thrown.
  await asAccount.listOrgUsers(orgId).catch((e: unknown) => errors.push(e));
  const wrongZone = new FlexeraClient({
    endpoints: {zone: 'eu', api: emu.zones.eu.api, login: emu.zones.nam.login, custom: true},
    credentials: {grant: 'refresh_token', refreshToken: emu.refreshTokens.nam},
    env: {},
    clock: recordingClock(),
    log,
  });
  await wrongZone.getOrg(emu.seed.orgIds.eu).catch((e: unknown) => errors.push(e));
  const badSecret = new FlexeraClient({
    endpoints: endpointsOf(emu),
    credentials: {
      grant: 'client_credentials',
      clientId: minted.clientId,
      clientSecret: `${clientSecret}x`,
    },
    env: {},
    clock: recordingClock(),
    log,
  });
  await badSecret.listRoles(orgId).catch((e: unknown) => errors.push(e));

  const types = new Set(events.map((e) => e.type));
  expect([...types].sort()).toEqual(['failure', 'request', 'response', 'retry']);
  expect(errors).toHaveLength(3);
  const serialized =
    JSON.stringify(events) + JSON.stringify(errors.map((e) => [String(e), {...(e as object)}]));
  for (const secret of [emu.refreshTokens.nam, clientSecret, userAccessToken, saAccessToken]) {
    expect(serialized).not.toContain(secret);
  }
  expect(serialized).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  expect(serialized).toContain('[REDACTED]');
  // What is not secret stays readable.
  expect(serialized).toContain(minted.clientId);
  expect(serialized).toContain('/oidc/token');
  await Promise.all([admin.close(), asAccount.close(), wrongZone.close(), badSecret.close()]);
});
