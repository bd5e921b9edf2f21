/**
 * Every generated curl command, run for real (/bin/sh -c + curl) against the emulator, does what
 * the app would do. Secrets reach the child only through its environment; no command holds one.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {projectRef, serviceAccountRef} from '../../source/api/refs.js';
import {ZONES, type Endpoints} from '../../source/api/zones.js';
import {
  curlClientSecret,
  curlClientCredentialsExchange,
  curlCreateServiceAccount,
  curlDeleteClient,
  curlDeleteServiceAccount,
  curlFor,
  curlGrantRole,
  curlListAccessRules,
  curlListRoles,
  curlListServiceAccounts,
  curlShowServiceAccount,
  curlListUserOrgs,
  curlMintClient,
  curlRefreshTokenExchange,
  curlRevokeRole,
  curlUpdateServiceAccount,
  curlVerifyCall,
  type CurlCommand,
} from '../../source/curl/index.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {parseIncluded, sh} from './shell.js';

const HOSTILE_NAME = `O'Brien's "deploy" bot $HOME $(id) \`whoami\` \\ ~ * ü 日本 🚀`;
const HOSTILE_DESCRIPTION = `line one\nline two\twith 'quotes', "doubles", $PATH and \`date\``;
const RENAMED = `renamed: it's $(echo) 'n' "ok" ✓`;

interface SaSummary {
  id: number;
  name: string;
  description?: string;
}
interface Rule {
  role: {name: string};
  subject: {ref: string};
  scope: {ref: string; kind: string};
}

let emu: Emulator;
let endpoints: Endpoints;
let orgId: number;
/** Every command generated in this file, for the final no-secret check. */
const generated: CurlCommand[] = [];
/** Every secret seen: refresh token, access tokens, client secrets. */
const secrets: string[] = [];
let accessToken = '';

function track(command: CurlCommand): CurlCommand {
  generated.push(command);
  for (const secret of secrets) expect(command.command).not.toContain(secret);
  return command;
}

async function run(command: CurlCommand, vars: Record<string, string> = {}) {
  track(command);
  const env: Record<string, string> = {...vars};
  if (command.variables.includes('ACCESS_TOKEN') && env.ACCESS_TOKEN === undefined) {
    env.ACCESS_TOKEN = accessToken;
  }
  for (const name of command.variables) expect(env[name], name).toBeTruthy();
  const result = await sh(command.command, env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

async function runJson<T>(command: CurlCommand, vars: Record<string, string> = {}): Promise<T> {
  return JSON.parse(await run(command, vars)) as T;
}

async function listAccounts(): Promise<SaSummary[]> {
  return runJson<SaSummary[]>(curlListServiceAccounts(endpoints, orgId));
}

async function rulesFor(subjectRef: string, scopeRef?: string): Promise<Rule[]> {
  const list = await runJson<{values: Rule[]}>(
    curlListAccessRules(endpoints, orgId, {subjectRef, ...(scopeRef ? {scopeRef} : {})}),
  );
  return list.values;
}

beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
  endpoints = {zone: 'nam', api: emu.zones.nam.api, login: emu.zones.nam.login, custom: true};
  orgId = emu.seed.orgIds.primary;
  secrets.push(emu.refreshTokens.nam);
});

afterAll(async () => {
  await emu?.close();
});

describe('curl commands against the emulator', () => {
  let saId = 0;
  let clientId = '';
  let clientSecret = '';
  let saToken = '';

  it('exchanges the refresh token (given on stdin) for an access token', async () => {
    const body = await runJson<{access_token: string; token_type: string; expires_in: number}>(
      curlRefreshTokenExchange(endpoints),
      {REFRESH_TOKEN: emu.refreshTokens.nam},
    );
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeGreaterThan(0);
    accessToken = body.access_token;
    expect(accessToken).toMatch(/^ey/);
    secrets.push(accessToken);
    // The exchange really used the refresh token: a wrong one is refused.
    const refused = await run(curlRefreshTokenExchange(endpoints), {
      REFRESH_TOKEN: 'not-a-token-at-all',
    });
    expect(refused).not.toContain('access_token');
  });

  it("lists the user's orgs", async () => {
    const orgs = await runJson<{values: Array<{id: number}>}>(
      curlListUserOrgs(endpoints, emu.seed.demoUser.nam.id),
    );
    expect(orgs.values.map((org) => org.id)).toContain(orgId);
  });

  it('creates a service account with a hostile name and description, exactly as typed', async () => {
    const before = await listAccounts();
    const answer = parseIncluded(
      await run(
        curlCreateServiceAccount(endpoints, orgId, {
          name: HOSTILE_NAME,
          description: HOSTILE_DESCRIPTION,
        }),
      ),
    );
    expect(answer.status).toBe(201);
    saId = Number(/\/(\d+)$/.exec(answer.headers.location ?? '')?.[1]);
    expect(saId).toBe(emu.seed.nextServiceAccountId);
    const after = await listAccounts();
    expect(after).toHaveLength(before.length + 1);
    const created = after.find((sa) => sa.id === saId);
    expect(created?.name).toBe(HOSTILE_NAME);
    expect(created?.description).toBe(HOSTILE_DESCRIPTION);
  });

  it('updates it', async () => {
    const answer = parseIncluded(
      await run(curlUpdateServiceAccount(endpoints, orgId, saId, {name: RENAMED, description: ''})),
    );
    expect(answer.status).toBe(204);
    const updated = (await listAccounts()).find((sa) => sa.id === saId);
    expect(updated?.name).toBe(RENAMED);
    expect(updated?.description ?? '').toBe('');
  });

  it('shows that one account (the account screen shows this)', async () => {
    const shown = await runJson<{id: number; name: string}>(
      curlShowServiceAccount(endpoints, orgId, saId),
    );
    expect(shown).toMatchObject({id: saId, name: RENAMED});
  });

  it('lists roles', async () => {
    const roles = await runJson<Array<{name: string}>>(curlListRoles(endpoints, orgId));
    expect(roles.map((role) => role.name)).toEqual(
      expect.arrayContaining(['iam_admin', 'policy_viewer']),
    );
  });

  it('grants and revokes a role at org scope: the rule appears, then goes', async () => {
    const subjectRef = serviceAccountRef(saId);
    expect(await rulesFor(subjectRef)).toEqual([]);
    const granted = parseIncluded(
      await run(curlGrantRole(endpoints, orgId, {role: {name: 'iam_admin'}, subjectRef})),
    );
    expect(granted.status).toBe(204);
    expect((await rulesFor(subjectRef)).map((rule) => rule.role.name)).toEqual(['iam_admin']);

    const revoked = parseIncluded(
      await run(curlRevokeRole(endpoints, orgId, {role: {name: 'iam_admin'}, subjectRef})),
    );
    expect(revoked.status).toBe(204);
    expect(await rulesFor(subjectRef)).toEqual([]);
  });

  it('grants and revokes at a project scope', async () => {
    const project = emu.seed.projects.find((p) => p.zone === 'nam' && p.orgId === orgId);
    expect(project).toBeDefined();
    const scopeRef = projectRef(orgId, project!.id);
    const subjectRef = serviceAccountRef(saId);
    await run(
      curlGrantRole(endpoints, orgId, {role: {name: 'policy_viewer'}, subjectRef, scopeRef}),
    );
    const rules = await rulesFor(subjectRef, scopeRef);
    expect(rules.map((rule) => [rule.role.name, rule.scope.kind])).toEqual([
      ['policy_viewer', 'iam:project'],
    ]);
    // Nothing was granted at org scope.
    expect((await rulesFor(subjectRef)).filter((rule) => rule.scope.kind === 'iam:org')).toEqual(
      [],
    );
    await run(
      curlRevokeRole(endpoints, orgId, {role: {name: 'policy_viewer'}, subjectRef, scopeRef}),
    );
    expect(await rulesFor(subjectRef, scopeRef)).toEqual([]);
  });

  it('mints a client whose secret works in the client_credentials exchange (secret on stdin)', async () => {
    await run(
      curlGrantRole(endpoints, orgId, {
        role: {name: 'policy_viewer'},
        subjectRef: serviceAccountRef(saId),
      }),
    );
    const minted = await runJson<{clientId: string; clientSecret: string}>(
      curlMintClient(endpoints, orgId, saId),
    );
    expect(minted.clientSecret).toBeTruthy();
    clientId = minted.clientId;
    clientSecret = minted.clientSecret;
    secrets.push(clientSecret);

    const token = await runJson<{access_token: string; refresh_token?: string}>(
      curlClientCredentialsExchange(endpoints, clientId),
      {CLIENT_SECRET: clientSecret},
    );
    expect(token.access_token).toMatch(/^ey/);
    expect(token.refresh_token).toBeUndefined();
    saToken = token.access_token;
    secrets.push(saToken);
  });

  it("verifies: the client's token makes the call its role allows", async () => {
    const roles = await runJson<Array<{name: string}>>(curlVerifyCall(endpoints, orgId, 'roles'), {
      ACCESS_TOKEN: saToken,
    });
    expect(roles.length).toBeGreaterThan(0);
    // policy_viewer does not allow listing service accounts: the emulator says 403.
    const refused = await runJson<{name: string}>(
      curlVerifyCall(endpoints, orgId, 'service-accounts'),
      {ACCESS_TOKEN: saToken},
    );
    expect(refused.name).toBe('forbidden');
  });

  it('rotates the secret in place: the old one is refused, the new one works, same client id', async () => {
    const exchange = async (secret: string) =>
      JSON.parse(
        await run(curlClientCredentialsExchange(endpoints, clientId), {CLIENT_SECRET: secret}),
      ) as {access_token?: string; name?: string};
    const added = await runJson<{clientId: string; clientSecret: string}>(
      curlClientSecret(endpoints, 'add-client-secret', {orgId, serviceAccountId: saId, clientId}),
    );
    secrets.push(added.clientSecret);
    expect(added.clientId).toBe(clientId);
    expect(added.clientSecret).not.toBe(clientSecret);
    const listed = await runJson<{values: Array<{maskedClientSecret: string}>}>(
      curlClientSecret(endpoints, 'list-client-secrets', {orgId, serviceAccountId: saId, clientId}),
    );
    expect(listed.values).toHaveLength(2);
    expect((await exchange(clientSecret)).access_token).toMatch(/^ey/);

    const answer = parseIncluded(
      await run(
        curlClientSecret(endpoints, 'delete-old-client-secret', {
          orgId,
          serviceAccountId: saId,
          clientId,
        }),
      ),
    );
    expect(answer.status).toBe(204);
    expect((await exchange(clientSecret)).name).toBe('unauthorized');
    expect((await exchange(added.clientSecret)).access_token).toMatch(/^ey/);
    clientSecret = added.clientSecret;
  });

  it('deletes the client: its credentials are refused afterwards', async () => {
    const answer = parseIncluded(await run(curlDeleteClient(endpoints, orgId, saId, clientId)));
    expect(answer.status).toBe(204);
    const after = JSON.parse(
      await run(curlClientCredentialsExchange(endpoints, clientId), {CLIENT_SECRET: clientSecret}),
    ) as {access_token?: string; name?: string};
    expect(after.access_token).toBeUndefined();
    expect(after.name).toBe('unauthorized');
  });

  it('deletes the service account: it leaves the list', async () => {
    const answer = parseIncluded(await run(curlDeleteServiceAccount(endpoints, orgId, saId)));
    expect(answer.status).toBe(204);
    expect((await listAccounts()).map((sa) => sa.id)).not.toContain(saId);
  });

  it('the dispatcher gives the same commands as the functions', () => {
    const ref = serviceAccountRef(7);
    const pairs: Array<[CurlCommand, CurlCommand]> = [
      [curlFor(endpoints, {kind: 'refresh-token-exchange'}), curlRefreshTokenExchange(endpoints)],
      [curlFor(endpoints, {kind: 'list-orgs', userId: 5}), curlListUserOrgs(endpoints, 5)],
      [
        curlFor(endpoints, {kind: 'list-service-accounts', orgId: 1}),
        curlListServiceAccounts(endpoints, 1),
      ],
      [
        curlFor(endpoints, {kind: 'create-service-account', orgId: 1, name: 'a', description: 'b'}),
        curlCreateServiceAccount(endpoints, 1, {name: 'a', description: 'b'}),
      ],
      [
        curlFor(endpoints, {
          kind: 'update-service-account',
          orgId: 1,
          serviceAccountId: 7,
          name: 'n',
        }),
        curlUpdateServiceAccount(endpoints, 1, 7, {name: 'n'}),
      ],
      [
        curlFor(endpoints, {kind: 'delete-service-account', orgId: 1, serviceAccountId: 7}),
        curlDeleteServiceAccount(endpoints, 1, 7),
      ],
      [curlFor(endpoints, {kind: 'list-roles', orgId: 1}), curlListRoles(endpoints, 1)],
      [
        curlFor(endpoints, {kind: 'list-access-rules', orgId: 1, subjectRef: ref}),
        curlListAccessRules(endpoints, 1, {subjectRef: ref}),
      ],
      [
        curlFor(endpoints, {kind: 'grant-role', orgId: 1, role: {name: 'x'}, subjectRef: ref}),
        curlGrantRole(endpoints, 1, {role: {name: 'x'}, subjectRef: ref}),
      ],
      [
        curlFor(endpoints, {kind: 'revoke-role', orgId: 1, role: {all: true}, subjectRef: ref}),
        curlRevokeRole(endpoints, 1, {role: {all: true}, subjectRef: ref}),
      ],
      [
        curlFor(endpoints, {kind: 'mint-client', orgId: 1, serviceAccountId: 7}),
        curlMintClient(endpoints, 1, 7),
      ],
      [
        curlFor(endpoints, {kind: 'delete-client', orgId: 1, serviceAccountId: 7, clientId: 'c'}),
        curlDeleteClient(endpoints, 1, 7, 'c'),
      ],
      [
        curlFor(endpoints, {kind: 'client-credentials-exchange', clientId: 'c'}),
        curlClientCredentialsExchange(endpoints, 'c'),
      ],
      [curlFor(endpoints, {kind: 'verify', orgId: 1}), curlVerifyCall(endpoints, 1)],
      [
        curlFor(endpoints, {
          kind: 'add-client-secret',
          orgId: 1,
          serviceAccountId: 7,
          clientId: 'c',
        }),
        curlClientSecret(endpoints, 'add-client-secret', {
          orgId: 1,
          serviceAccountId: 7,
          clientId: 'c',
        }),
      ],
      [
        curlFor(endpoints, {
          kind: 'delete-old-client-secret',
          orgId: 1,
          serviceAccountId: 7,
          clientId: 'c',
        }),
        curlClientSecret(endpoints, 'delete-old-client-secret', {
          orgId: 1,
          serviceAccountId: 7,
          clientId: 'c',
        }),
      ],
      [
        curlFor(endpoints, {
          kind: 'list-client-secrets',
          orgId: 1,
          serviceAccountId: 7,
          clientId: 'c',
        }),
        curlClientSecret(endpoints, 'list-client-secrets', {
          orgId: 1,
          serviceAccountId: 7,
          clientId: 'c',
        }),
      ],
    ];
    for (const [viaDispatcher, direct] of pairs)
      expect(track(viaDispatcher)).toEqual(track(direct));
  });

  it('no command ever held a secret; secrets only ever appear as variables', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    expect(generated.length).toBeGreaterThan(20);
    for (const command of generated) {
      for (const secret of secrets) expect(command.command).not.toContain(secret);
      expect(command.command).not.toMatch(/Bearer (?!\$ACCESS_TOKEN)/);
    }
  });
});

describe('curl commands for a zone', () => {
  it('use the zone hosts: API for IAM calls, login for the token', () => {
    const eu = ZONES.eu;
    expect(curlListRoles(eu, 9).command).toContain(`'https://api.flexera.eu/iam/v1/orgs/9/roles'`);
    expect(curlRefreshTokenExchange(eu).command).toContain(`'https://login.flexera.eu/oidc/token'`);
    expect(curlClientCredentialsExchange(ZONES.apac, 'id').command).toContain(
      'https://login.flexera.au/oidc/token',
    );
  });

  it('encode path values through the route table', () => {
    const command = curlDeleteClient(ZONES.nam, 1, 2, 'a/b c').command;
    expect(command).toContain('/iam/v1/orgs/1/service-accounts/2/clients/a%2Fb%20c');
    expect(command).toMatch(/^curl -sSi -X DELETE /);
  });

  it('are multi-line with continuations and name the variables they read', () => {
    const exchange = curlRefreshTokenExchange(ZONES.nam);
    expect(exchange.variables).toEqual(['REFRESH_TOKEN']);
    expect(exchange.command.split('\n').length).toBeGreaterThan(2);
    expect(exchange.command.startsWith(`printf '%s' "$REFRESH_TOKEN" |`)).toBe(true);
    const create = curlCreateServiceAccount(ZONES.nam, 1, {name: 'x'});
    expect(create.variables).toEqual(['ACCESS_TOKEN']);
    for (const line of create.command.split('\n').slice(0, -1))
      expect(line.endsWith(' \\')).toBe(true);
    expect(curlClientCredentialsExchange(ZONES.nam, 'id').variables).toEqual(['CLIENT_SECRET']);
    expect(curlMintClient(ZONES.nam, 1, 2).title).toBe('Mint a client');
  });
});
