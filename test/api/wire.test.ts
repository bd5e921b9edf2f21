/**
 * The client reads leniently, so these tests look at the wire itself (through the log hook) and
 * hold the emulator's answers to the documented forms (API.md §2.2, §4, §5, §6).
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {HttpLogEvent} from '../../source/api/http.js';
import {serviceAccountRef} from '../../source/api/refs.js';
import {clientFor, start, takeOrg, type Emu} from './support.js';

type ResponseEvent = Extract<HttpLogEvent, {type: 'response'}>;

let emu: Emu;
let client: ReturnType<typeof clientFor>;
const events: HttpLogEvent[] = [];

beforeAll(async () => {
  emu = await start({seed: {extraOrgs: 1}});
  client = clientFor(emu, {log: (event) => events.push(event)});
});

afterAll(async () => {
  await client?.close();
  await emu?.close();
});

/** The response event of the last request to `method` + a path matching `path`. */
function lastResponse(method: string, path: RegExp): ResponseEvent {
  const found = events
    .filter((e): e is ResponseEvent => e.type === 'response')
    .filter((e) => e.method === method && path.test(new URL(e.url).pathname))
    .pop();
  if (!found) throw new Error(`no response for ${method} ${path}`);
  return found;
}

it('token exchange: form-encoded request; access_token, expires_in 3600, Bearer, refresh token echoed', async () => {
  await client.tokens.getAccessToken();
  const request = events.find((e) => e.type === 'request' && e.url.endsWith('/oidc/token'));
  expect(request).toMatchObject({
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: {grant_type: 'refresh_token', refresh_token: '[REDACTED]'},
  });
  const response = lastResponse('POST', /^\/oidc\/token$/);
  expect(response.status).toBe(200);
  expect(response.body).toEqual({
    access_token: '[REDACTED]',
    expires_in: 3600,
    refresh_token: '[REDACTED]',
    token_type: 'Bearer',
  });
});

it('list endpoints: bare arrays and envelopes where API.md §4.4 says', async () => {
  const orgId = emu.seed.orgIds.primary;
  await client.listServiceAccounts(orgId);
  await client.listRoles(orgId);
  await client.listProjects(orgId);
  await client.listRefreshTokens();
  await client.listAccessRules(orgId);
  await client.listOrgUsersPage(orgId);
  await client.listUserOrgs(emu.seed.demoUser.nam.id);
  for (const path of [/service-accounts$/, /roles$/, /projects$/, /^\/iam\/v1\/refresh-tokens$/]) {
    expect(Array.isArray(lastResponse('GET', path).body), String(path)).toBe(true);
  }
  expect(lastResponse('GET', /access-rules$/).body).toMatchObject({kind: 'iam:access-rule-list'});
  expect(lastResponse('GET', /\/users$/).body).toMatchObject({kind: 'iam#org-user-list'});
  expect(lastResponse('GET', /\/orgs$/).body).toMatchObject({kind: 'iam:user-org-list'});
});

it('service account create: 201, empty body, relative Location; PATCH and DELETE: 204', async () => {
  const orgId = takeOrg(emu);
  const sa = await client.createServiceAccount(orgId, {name: 'wire'});
  const created = lastResponse('POST', /service-accounts$/);
  expect(created.status).toBe(201);
  expect(created.body).toBeUndefined();
  expect(created.headers.location).toBe(`/iam/v1/orgs/${orgId}/service-accounts/${sa.id}`);

  await client.updateServiceAccount(orgId, sa.id, {description: 'patched'});
  expect(lastResponse('PATCH', /service-accounts\/\d+$/)).toMatchObject({
    status: 204,
    body: undefined,
  });

  await client.createClient(orgId, sa.id);
  const minted = lastResponse('POST', /clients$/);
  expect(minted.status).toBe(201);
  expect(minted.body).toMatchObject({
    clientSecret: '[REDACTED]',
    kind: 'iam#service-account-client',
  });

  await client.grantRole(orgId, {
    role: {name: 'policy_viewer'},
    subjectRef: serviceAccountRef(sa.id),
  });
  expect(lastResponse('PUT', /grant$/)).toMatchObject({status: 204, body: undefined});

  await client.deleteServiceAccount(orgId, sa.id);
  expect(lastResponse('DELETE', /service-accounts\/\d+$/)).toMatchObject({
    status: 204,
    body: undefined,
  });
});

it('errors: Goa body with all six fields and the Goa content type', async () => {
  await client.getServiceAccount(emu.seed.orgIds.primary, 424_242).catch(() => undefined);
  const response = lastResponse('GET', /service-accounts\/424242$/);
  expect(response.status).toBe(404);
  expect(response.headers['content-type']).toMatch(/^application\/vnd\.goa\.error/);
  expect(response.body).toEqual({
    name: 'not_found',
    id: expect.any(String),
    message: expect.any(String),
    temporary: false,
    timeout: false,
    fault: false,
  });
});
