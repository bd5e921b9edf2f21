import {afterEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {call, exchangeClient, expectGoa, seededAccount, start, userToken} from './helpers.js';

/** Client secrets (API.md §12.3), capabilities (§12.5) and the access-rule forms (§12.7). */

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

interface SecretList {
  kind: string;
  values: Array<{kind: string; createdAt: string; maskedClientSecret: string; status: string}>;
}

const clientPath = (clientId: string) =>
  `/iam/v1/orgs/1105/service-accounts/2257/clients/${clientId}`;

describe('client secrets', () => {
  it('rotates in place: a second secret on the same client id, then the old one deleted', async () => {
    emu = await start();
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    const {clientId, clientSecret: oldSecret} = seededAccount(emu, 2257).clients[0]!;
    const path = clientPath(clientId);

    const listed = await call<SecretList>(nam, `${path}/client-secrets`, {token});
    expect(listed.status).toBe(200);
    expect(listed.body.kind).toBe('iam:service-account-client-secret-list');
    expect(listed.body.values).toEqual([
      {
        kind: 'iam:service-account-client-secret',
        createdAt: expect.any(String),
        maskedClientSecret: `****${oldSecret.slice(-4)}`,
        status: 'active',
      },
    ]);

    const rotated = await call<{clientId: string; clientSecret: string; kind: string}>(
      nam,
      `${path}/client-secret`,
      {method: 'POST', token},
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.clientId).toBe(clientId);
    expect(rotated.body.kind).toBe('iam#service-account-client');
    const newSecret = rotated.body.clientSecret;
    expect(newSecret).not.toBe(oldSecret);

    // Both secrets work until the old one is deleted.
    expect((await exchangeClient(nam, clientId, oldSecret)).status).toBe(200);
    expect((await exchangeClient(nam, clientId, newSecret)).status).toBe(200);
    const two = await call<SecretList>(nam, `${path}/client-secrets`, {token});
    expect(two.body.values.map((s) => s.maskedClientSecret)).toEqual([
      `****${oldSecret.slice(-4)}`,
      `****${newSecret.slice(-4)}`,
    ]);
    expect(two.text).not.toContain(newSecret);

    // A third secret is refused [I]; deleting the old one leaves the new one.
    expectGoa(
      await call(nam, `${path}/client-secret`, {method: 'POST', token}),
      400,
      'bad_request',
    );
    const deleted = await call(nam, `${path}/client-secret`, {method: 'DELETE', token});
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await exchangeClient(nam, clientId, oldSecret)).status).toBe(401);
    expect((await exchangeClient(nam, clientId, newSecret)).status).toBe(200);
    const one = await call<SecretList>(nam, `${path}/client-secrets`, {token});
    expect(one.body.values.map((s) => s.maskedClientSecret)).toEqual([
      `****${newSecret.slice(-4)}`,
    ]);
    // The last secret cannot be deleted [I].
    expectGoa(
      await call(nam, `${path}/client-secret`, {method: 'DELETE', token}),
      400,
      'bad_request',
    );
  });

  it('answers 404 for an unknown client, and for every secret route when switched off', async () => {
    emu = await start();
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    expectGoa(await call(nam, `${clientPath('nope')}/client-secrets`, {token}), 404, 'not_found');
    const {clientId} = seededAccount(emu, 2257).clients[0]!;
    emu.setForms({clientSecrets: false});
    expectGoa(await call(nam, `${clientPath(clientId)}/client-secrets`, {token}), 404, 'not_found');
    for (const method of ['POST', 'DELETE'])
      expectGoa(
        await call(nam, `${clientPath(clientId)}/client-secret`, {method, token}),
        404,
        'not_found',
      );
    // The switch through the control route, as a running `flexera-sa emulator` takes it.
    const put = await call(nam, '/_emulator/forms', {method: 'PUT', body: {clientSecrets: true}});
    expect(put.status).toBe(204);
    expect((await call(nam, `${clientPath(clientId)}/client-secrets`, {token})).status).toBe(200);
    expect(
      (await call(nam, '/_emulator/forms', {method: 'PUT', body: {nextPage: 'sideways'}})).status,
    ).toBe(400);
  });

  it('needs the client privileges: a policy viewer gets 403', async () => {
    emu = await start();
    const viewer = await userToken(emu, 'nam', emu.seed.viewer.refreshToken);
    const {clientId} = seededAccount(emu, 2257).clients[0]!;
    expectGoa(
      await call(emu.zones.nam.api, `${clientPath(clientId)}/client-secret`, {
        method: 'POST',
        token: viewer,
      }),
      403,
      'forbidden',
    );
  });
});

describe('capabilities', () => {
  it('lists an org capabilities; demo orgs lack some, and their roles cannot be granted', async () => {
    emu = await start();
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    const list = await call<Array<Record<string, unknown>>>(nam, '/iam/v1/orgs/1105/capabilities', {
      token,
    });
    expect(list.status).toBe(200);
    const names = list.body.map((c) => c.capabilityName);
    expect(names).toContain('iam');
    expect(names).toContain('policy');
    expect(names).not.toContain('sbom');
    expect(list.body[0]).toMatchObject({kind: 'iam#capability', orgId: 1105});
    const index = await call<Array<Record<string, unknown>>>(
      nam,
      '/iam/v1/orgs/1105/capabilities?view=index',
      {token},
    );
    expect(Object.keys(index.body[0]!).sort()).toEqual(
      ['capabilityName', 'createdAt', 'kind', 'orgId', 'updatedAt'].sort(),
    );
    const one = await call(nam, '/iam/v1/orgs/1105/capabilities/policy', {token});
    expect(one.status).toBe(200);
    expectGoa(await call(nam, '/iam/v1/orgs/1105/capabilities/sbom', {token}), 404, 'not_found');

    const grant = (role: string) =>
      call(nam, '/iam/v1/orgs/1105/access-rules/grant', {
        method: 'PUT',
        token,
        body: {role: {name: role}, subject: {ref: 'ref::::iam:service-account:2261'}},
      });
    const refused = await grant('sbom_viewer');
    expectGoa(refused, 400, 'bad_request');
    expect((refused.body as {message: string}).message).toContain('"sbom"');
    expect((await grant('policy_viewer')).status).toBe(204);
    // Any member may read them: the policy viewer too.
    const viewer = await userToken(emu, 'nam', emu.seed.viewer.refreshToken);
    expect((await call(nam, '/iam/v1/orgs/1105/capabilities', {token: viewer})).status).toBe(200);
  });
});

describe('access-rule list forms (API.md §12.7)', () => {
  type Rules = {
    values: Array<{
      role: {id: unknown; name: string};
      scope: {id: unknown; kind: string; ref: string};
      subject: {id: unknown; ref: string};
    }>;
  };

  it('by default lists org rules only, with integer ids and ref: refs', async () => {
    emu = await start();
    const token = await userToken(emu);
    const rules = await call<Rules>(emu.zones.nam.api, '/iam/v1/orgs/1105/access-rules', {token});
    expect(rules.body.values.every((r) => r.scope.kind === 'iam:org')).toBe(true);
    expect(rules.body.values.every((r) => typeof r.subject.id === 'number')).toBe(true);
    expect(rules.body.values.every((r) => r.subject.ref.startsWith('ref:'))).toBe(true);
  });

  it('answers as the SPEC example when asked: project rules included, string ids, no ref:', async () => {
    emu = await start({forms: {projectRulesInList: true, specExampleRules: true}});
    const token = await userToken(emu);
    const rules = await call<Rules>(emu.zones.nam.api, '/iam/v1/orgs/1105/access-rules', {token});
    const project = rules.body.values.find((r) => r.scope.kind === 'iam:project');
    expect(project).toMatchObject({
      role: {id: expect.any(String), name: 'policy_manager'},
      scope: {id: '2346', ref: 'nam:1105::iam:project:2346'},
      subject: {id: '121465', ref: 'nam:::iam:user:121465'},
    });
    expect(rules.body.values.every((r) => !r.subject.ref.startsWith('ref:'))).toBe(true);
  });
});
