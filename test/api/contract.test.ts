/** Every endpoint of the client against the real emulator over HTTP. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {orgRef, parseRef, sameRef, serviceAccountRef, userRef} from '../../source/api/refs.js';
import {verifyClientCredentials} from '../../source/api/verify.js';
import {clientFor, endpointsOf, start, takeOrg, type Emu} from './support.js';

let emu: Emu;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  emu = await start({seed: {extraOrgs: 6}});
  client = clientFor(emu);
});

afterAll(async () => {
  await client?.close();
  await emu?.close();
});

async function expectApiError(promise: Promise<unknown>, status: number): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).status).toBe(status);
  return error as ApiError;
}

describe('identity and orgs', () => {
  it('reads the user id from the token and lists the orgs, 1105 first', async () => {
    const identity = await client.identity();
    expect(identity).toMatchObject({kind: 'user', userId: emu.seed.demoUser.nam.id});
    if (identity.kind !== 'user') throw new Error('unreachable');
    const orgs = await client.listUserOrgs(identity.userId);
    expect(orgs[0]).toMatchObject({id: emu.seed.orgIds.primary});
    expect(orgs.map((o) => o.id)).toEqual(
      expect.arrayContaining([emu.seed.orgIds.admin, emu.seed.orgIds.readOnly]),
    );
    for (const org of orgs) expect(sameRef(org.ref ?? '', orgRef(org.id))).toBe(true);
  });

  it('shows an org', async () => {
    const org = await client.getOrg(emu.seed.orgIds.primary);
    const seeded = emu.seed.orgs.find((o) => o.id === emu.seed.orgIds.primary);
    expect(org).toMatchObject({id: emu.seed.orgIds.primary, name: seeded?.name});
  });

  it('answers 404 for an unknown org and 403 without a role, with the Goa body parsed', async () => {
    const notFound = await client.getOrg(999_999).then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    // An org the caller is not in may be 403 or 404; both are refusals with a Goa body.
    expect(notFound).toBeInstanceOf(ApiError);
    expect([403, 404]).toContain(notFound?.status);
    expect(notFound?.goaName).toMatch(/^(forbidden|not_found)$/);
    expect(notFound?.requestId).toBeTruthy();
    expect(notFound?.temporary).toBe(false);

    const forbidden = await expectApiError(
      client.listServiceAccounts(emu.seed.orgIds.readOnly),
      403,
    );
    expect(forbidden.goaName).toBe('forbidden');
    expect(forbidden.requiredPrivilege).toBe('iam:service_account:index||common:org:own');
    expect(forbidden.message).toContain('iam:service_account:index or org owner');
  });
});

describe('service accounts', () => {
  it('lists and shows the seeded accounts with their legacy refs', async () => {
    const orgId = emu.seed.orgIds.primary;
    const accounts = await client.listServiceAccounts(orgId);
    const seeded = emu.seed.serviceAccounts.filter((sa) => sa.zone === 'nam' && sa.orgId === orgId);
    expect(accounts.map((a) => a.id).sort()).toEqual(seeded.map((s) => s.id).sort());
    const first = seeded[0]!;
    const shown = await client.getServiceAccount(orgId, first.id);
    expect(shown).toMatchObject({id: first.id, name: first.name, kind: 'iam#service-account'});
    expect(shown.ref).toBe(`iam#service-account:${first.id}`);
    expect(sameRef(shown.ref!, serviceAccountRef(first.id))).toBe(true);
  });

  it('creates (id from Location, then a GET), updates (204) and deletes (204)', async () => {
    const orgId = takeOrg(emu);
    const created = await client.createServiceAccount(orgId, {
      name: 'contract app',
      description: 'reads data',
    });
    expect(created).toMatchObject({
      name: 'contract app',
      description: 'reads data',
      createdBy: emu.seed.demoUser.nam.id,
    });
    expect(created.createdAt).toBeTruthy();

    await client.updateServiceAccount(orgId, created.id, {name: 'renamed app'});
    expect((await client.getServiceAccount(orgId, created.id)).name).toBe('renamed app');

    await client.deleteServiceAccount(orgId, created.id);
    await expectApiError(client.getServiceAccount(orgId, created.id), 404);
    await expectApiError(client.deleteServiceAccount(orgId, created.id), 404);
  });

  it('refuses an invalid name with a parsed 400', async () => {
    const error = await expectApiError(client.createServiceAccount(takeOrg(emu), {name: ''}), 400);
    expect(error.goaName).toBe('bad_request');
    expect(error.serverMessage.length).toBeGreaterThan(0);
  });
});

describe('clients', () => {
  it('mints, lists without the secret, shows, verifies, deletes; the old secret stops working', async () => {
    const orgId = takeOrg(emu);
    const sa = await client.createServiceAccount(orgId, {name: 'client test'});
    const {client: minted, clientSecret} = await client.createClient(orgId, sa.id);
    expect(clientSecret.length).toBeGreaterThan(0);
    expect(minted).toMatchObject({
      kind: 'iam#service-account-client',
      createdBy: emu.seed.demoUser.nam.id,
    });
    expect(JSON.stringify(minted)).not.toContain(clientSecret);

    const listed = await client.listClients(orgId, sa.id);
    expect(listed.map((c) => c.clientId)).toEqual([minted.clientId]);
    expect(JSON.stringify(listed)).not.toContain(clientSecret);
    const shown = await client.getClient(orgId, sa.id, minted.clientId);
    expect(shown.clientId).toBe(minted.clientId);

    // No role yet: the token exchange works, the call is refused.
    const before = await verifyClientCredentials(endpointsOf(emu), minted.clientId, clientSecret, {
      orgId,
      env: {},
    });
    expect(before.steps.map((s) => [s.step, s.ok])).toEqual([
      ['token', true],
      ['call', false],
    ]);
    expect(before.steps[1]?.status).toBe(403);
    expect(before.identity).toMatchObject({kind: 'service-account', serviceAccountId: sa.id});

    await client.deleteClient(orgId, sa.id, minted.clientId);
    expect(await client.listClients(orgId, sa.id)).toEqual([]);
    await expectApiError(client.getClient(orgId, sa.id, minted.clientId), 404);
    const after = await verifyClientCredentials(endpointsOf(emu), minted.clientId, clientSecret, {
      orgId,
      env: {},
    });
    expect(after.ok).toBe(false);
    expect(after.steps).toHaveLength(1);
    expect(after.steps[0]).toMatchObject({step: 'token', ok: false});
    expect([400, 401]).toContain(after.steps[0]?.status);
    expect(after.steps[0]?.error?.message).not.toContain(clientSecret);
  });

  it('answers 404 when minting for a missing account', async () => {
    await expectApiError(client.createClient(emu.seed.orgIds.primary, 987_654), 404);
  });
});

describe('roles and access rules', () => {
  it('lists and shows roles', async () => {
    const orgId = emu.seed.orgIds.primary;
    const roles = await client.listRoles(orgId);
    const names = roles.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['org_owner', 'iam_admin', 'policy_viewer']));
    const iamAdmin = roles.find((r) => r.name === 'iam_admin')!;
    expect(iamAdmin.id).toBe(emu.seed.roleIds.iam_admin);
    const shown = await client.getRole(orgId, iamAdmin.id);
    expect(shown).toMatchObject({id: iamAdmin.id, name: 'iam_admin', kind: 'iam#role'});
    await expectApiError(client.getRole(orgId, 1), 404);
  });

  it('grants by name and by id, filters, revokes one and then all', async () => {
    const orgId = takeOrg(emu);
    const sa = await client.createServiceAccount(orgId, {name: 'rules test'});
    const subjectRef = serviceAccountRef(sa.id);
    await client.grantRole(orgId, {role: {name: 'policy_viewer'}, subjectRef});
    await client.grantRole(orgId, {role: {name: 'policy_viewer'}, subjectRef}); // idempotent
    await client.grantRole(orgId, {role: {id: emu.seed.roleIds.observer!}, subjectRef});

    const rules = await client.listAccessRules(orgId, {subjectRef});
    expect(rules.map((r) => r.role.name).sort()).toEqual(['observer', 'policy_viewer']);
    for (const rule of rules) {
      expect(sameRef(rule.subject.ref, subjectRef)).toBe(true);
      expect(parseRef(rule.scope!.ref)).toMatchObject({type: 'org', id: String(orgId)});
    }
    const byRole = await client.listAccessRules(orgId, {
      subjectRef,
      roleName: 'observer',
      scopeRef: orgRef(orgId),
    });
    expect(byRole.map((r) => r.role.name)).toEqual(['observer']);

    await client.revokeRole(orgId, {role: {name: 'observer'}, subjectRef});
    await client.revokeRole(orgId, {role: {name: 'observer'}, subjectRef}); // idempotent
    expect((await client.listAccessRules(orgId, {subjectRef})).map((r) => r.role.name)).toEqual([
      'policy_viewer',
    ]);
    await client.revokeRole(orgId, {role: {all: true}, subjectRef});
    expect(await client.listAccessRules(orgId, {subjectRef})).toEqual([]);
  });

  it('lists all rules of an org with the extended view, and refuses org_owner for an account', async () => {
    const orgId = emu.seed.orgIds.primary;
    const rules = await client.listAccessRules(orgId, {view: 'extended'});
    const demo = rules.find((r) => sameRef(r.subject.ref, userRef(emu.seed.demoUser.nam.id)));
    expect(demo?.role.name).toBe('org_owner');
    expect(demo?.subject.email).toBe(emu.seed.demoUser.nam.email);

    const sa = emu.seed.serviceAccounts.find((s) => s.zone === 'nam' && s.orgId === orgId)!;
    const error = await expectApiError(
      client.grantRole(orgId, {role: {name: 'org_owner'}, subjectRef: serviceAccountRef(sa.id)}),
      400,
    );
    expect(error.goaName).toBe('bad_request');
  });
});

describe('projects, users, refresh tokens', () => {
  it('lists projects', async () => {
    const orgId = emu.seed.orgIds.primary;
    const projects = await client.listProjects(orgId);
    const seeded = emu.seed.projects.filter((p) => p.zone === 'nam' && p.orgId === orgId);
    expect(projects.map((p) => p.id).sort()).toEqual(seeded.map((p) => p.id).sort());
    for (const project of projects) expect(parseRef(project.ref!)).toMatchObject({type: 'project'});
  });

  it('lists all org users across pages, one page at a time too, and shows one', async () => {
    const orgId = emu.seed.orgIds.primary;
    emu.resetRequests();
    const users = await client.listOrgUsers(orgId);
    expect(users).toHaveLength(emu.seed.primaryOrgUserCount);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    const pages = emu.requests.filter((r) => r.path.startsWith(`/iam/v1/orgs/${orgId}/users`));
    expect(pages.length).toBe(Math.ceil(emu.seed.primaryOrgUserCount / emu.seed.usersPageSize));

    const first = await client.listOrgUsersPage(orgId);
    expect(first.users).toHaveLength(emu.seed.usersPageSize);
    expect(first.nextPage).toMatch(/^\/iam\/v1\/orgs\/\d+\/users\?/);
    const second = await client.listOrgUsersPage(orgId, {page: first.nextPage});
    expect(second.users[0]?.id).not.toBe(first.users[0]?.id);

    const demo = await client.getOrgUser(orgId, emu.seed.demoUser.nam.id);
    expect(demo).toMatchObject({email: emu.seed.demoUser.nam.email, kind: 'iam#user'});
    await expectApiError(client.getOrgUser(orgId, 999_999), 404);
  });

  it('filters and orders users', async () => {
    const orgId = emu.seed.orgIds.primary;
    const email = emu.seed.demoUser.nam.email;
    const found = await client.listOrgUsers(orgId, {filter: `email eq '${email}'`});
    expect(found.map((u) => u.email)).toEqual([email]);
    const ordered = await client.listOrgUsers(orgId, {orderBy: 'email desc'});
    const emails = ordered.map((u) => u.email);
    expect(emails).toEqual([...emails].sort().reverse());
  });

  it("lists the caller's refresh tokens", async () => {
    const tokens = await client.listRefreshTokens();
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(token.kind).toBe('iam#refresh-token');
      expect(token.expiresAt).toBeTruthy();
    }
  });
});
