/** Shared by the client-minting and credentials tests: temp dirs, emulator state, HTTP checks. */
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import type {Emulator} from '../../../source/emulator/index.js';

const dirs = new Set<string>();
afterEach(async () => {
  await Promise.all([...dirs].map((dir) => rm(dir, {recursive: true, force: true})));
  dirs.clear();
});

/** A temp dir removed after the test. */
export async function tempDir(prefix = 'flexera-sa-mint-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

/** A fake clipboard tool: records argv and stdin in `<name>.argv` / `<name>.stdin`, exits 0. */
export async function fakeTool(dir: string, name: string): Promise<void> {
  const file = path.join(dir, name);
  await writeFile(
    file,
    [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > '${file}.argv'`,
      `/bin/cat > '${file}.stdin'`,
      'exit 0',
      '',
    ].join('\n'),
  );
  await chmod(file, 0o755);
}

interface StateClient {
  clientId: string;
  createdBy?: number;
}

/** The clients the emulator holds for one service account (over its admin route). */
export async function clientsOf(
  emu: Emulator,
  orgId: number,
  saId: number,
): Promise<StateClient[]> {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  const state = (await response.json()) as {
    orgs: Array<{id: number; serviceAccounts: Array<{id: number; clients: StateClient[]}>}>;
  };
  const account = state.orgs
    .find((org) => org.id === orgId)
    ?.serviceAccounts.find((sa) => sa.id === saId);
  if (!account) throw new Error(`no service account ${saId} in org ${orgId}`);
  return account.clients;
}

/** An access token of the NAM demo user (the refresh-token exchange, over HTTP). */
async function demoAccessToken(emu: Emulator): Promise<string> {
  const token = await fetch(`${emu.zones.nam.login}/oidc/token`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
  });
  return ((await token.json()) as {access_token: string}).access_token;
}

/** Grants a role (org scope) to a service account as the NAM demo user, over HTTP. */
export async function grantRole(emu: Emulator, orgId: number, saId: number, role: string) {
  const accessToken = await demoAccessToken(emu);
  const response = await fetch(`${emu.zones.nam.api}/iam/v1/orgs/${orgId}/access-rules/grant`, {
    method: 'PUT',
    headers: {authorization: `Bearer ${accessToken}`, 'content-type': 'application/json'},
    body: JSON.stringify({
      role: {name: role},
      subject: {ref: `ref::::iam:service-account:${saId}`},
    }),
  });
  await response.arrayBuffer();
  if (response.status !== 204) throw new Error(`grant answered ${response.status}`);
}

/** Mints a client over HTTP as the demo user (for tests of the reusable parts). */
export async function mintOverHttp(
  emu: Emulator,
  orgId: number,
  saId: number,
): Promise<{clientId: string; clientSecret: string}> {
  const accessToken = await demoAccessToken(emu);
  const response = await fetch(
    `${emu.zones.nam.api}/iam/v1/orgs/${orgId}/service-accounts/${saId}/clients`,
    {method: 'POST', headers: {authorization: `Bearer ${accessToken}`}},
  );
  if (response.status !== 201) throw new Error(`mint answered ${response.status}`);
  return (await response.json()) as {clientId: string; clientSecret: string};
}

/** A demo account in the primary org matching `test` (ids from the seed, not literals). */
export function seedAccount(
  emu: Emulator,
  test: (sa: Emulator['seed']['serviceAccounts'][number]) => boolean,
) {
  const account = emu.seed.serviceAccounts.find(
    (sa) => sa.zone === 'nam' && sa.orgId === emu.seed.orgIds.primary && test(sa),
  );
  if (!account) throw new Error('no such demo account');
  return account;
}

/** Creates a service account over HTTP as the demo user (as curl would, outside the app). */
export async function createAccountOverHttp(
  emu: Emulator,
  orgId: number,
  name: string,
): Promise<number> {
  const accessToken = await demoAccessToken(emu);
  const response = await fetch(`${emu.zones.nam.api}/iam/v1/orgs/${orgId}/service-accounts`, {
    method: 'POST',
    headers: {authorization: `Bearer ${accessToken}`, 'content-type': 'application/json'},
    body: JSON.stringify({name}),
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`create answered ${response.status}`);
  return Number(response.headers.get('location')!.split('/').pop());
}

/** The names of the service accounts the emulator holds in `orgId` (over its admin route). */
export async function accountNames(emu: Emulator, orgId: number): Promise<string[]> {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  const state = (await response.json()) as {
    orgs: Array<{id: number; serviceAccounts: Array<{name: string}>}>;
  };
  return (state.orgs.find((org) => org.id === orgId)?.serviceAccounts ?? []).map((sa) => sa.name);
}
