/**
 * One verification everywhere (issue 12): the Clients screen's `v`, the guided setup's last step
 * and rotation's verify step run the same two steps for the same roles: the client_credentials
 * exchange, then the most telling call the account's org roles allow (list users with iam_admin,
 * list roles with a role that only reads policies), and name that call on screen. The real app
 * against the emulator; which call ran is read from the emulator's own record of requests.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {flat} from '../helpers/frames.js';
import {nameAndPick, openGuideAt80} from '../helpers/guide.js';
import {secretViaFile} from '../helpers/handoff.js';
import type {InkHandle} from '../helpers/ink.js';
import {grantRole, mintOverHttp, seedAccount, tempDir} from './credentials/support.js';

const primary = (emu: Emulator) => emu.seed.orgIds.primary;

/** An account with no roles and no clients (legacy-reporting in the seed). */
const fresh = (emu: Emulator) =>
  seedAccount(emu, (sa) => sa.roles.length === 0 && sa.clients.length === 0);

/** What a service account's token was used for since the last reset ("GET /path"; pages once). */
function callsBy(emu: Emulator, accountId: number): string[] {
  const calls = emu.requests
    .filter((r) => r.principal === `sa-${accountId}`)
    .map((r) => `${r.method} ${r.path.split('?')[0]}`);
  return [...new Set(calls)];
}

const EXPECTED = {
  iam_admin: {words: 'list users', path: (org: number) => `GET /iam/v1/orgs/${org}/users`},
  policy_viewer: {words: 'list roles', path: (org: number) => `GET /iam/v1/orgs/${org}/roles`},
} as const;
type Granted = keyof typeof EXPECTED;

/** Waits for the verified panel; checks the named call and the one call the client made. */
async function expectVerified(
  emu: Emulator,
  ui: InkHandle,
  accountId: number,
  role: Granted,
): Promise<void> {
  const {words, path: callPath} = EXPECTED[role];
  const frame = flat(await ui.waitForText('Verified: these credentials work.'));
  expect(frame).toMatch(new RegExp(`✓ ${words} in org ${primary(emu)} \\(\\d+ returned\\)`));
  expect(callsBy(emu, accountId)).toEqual([callPath(primary(emu))]);
}

async function verifyOnClients(emu: Emulator, role: Granted) {
  const account = fresh(emu);
  await grantRole(emu, primary(emu), account.id, role);
  const ui = renderApp(testSession(emu), {
    routes: [{name: 'orgs'}, {name: 'clients', org: demoOrg(emu), accountId: account.id}],
  });
  await ui.waitForText('No clients yet');
  await ui.press('m');
  // Before it runs, the panel says which call it will make.
  const idle = flat(await ui.waitForText('v verify: exchange these credentials'));
  expect(idle).toContain(`then ${EXPECTED[role].words} in org ${primary(emu)}.`);
  emu.resetRequests();
  await ui.press('v');
  // Nothing was handed off yet: the gate asks first.
  await ui.waitForText('Did you save the new secret elsewhere?');
  await ui.press('y');
  await expectVerified(emu, ui, account.id, role);
}

async function verifyInRotation(emu: Emulator, role: Granted) {
  const account = fresh(emu);
  await grantRole(emu, primary(emu), account.id, role);
  await mintOverHttp(emu, primary(emu), account.id);
  const org = demoOrg(emu);
  const ui = renderApp(testSession(emu), {
    routes: [
      {name: 'account', org, accountId: account.id},
      {name: 'rotate', org, accountId: account.id},
    ],
    columns: 80,
    rows: 24,
  });
  await ui.waitForText('Step 1 of 5');
  await ui.press('m');
  await ui.waitForText('Step 2 of 5');
  await secretViaFile(ui, path.join(await tempDir('flexera-sa-verify-'), 'rotated.env'));
  emu.resetRequests();
  await ui.press('enter');
  await expectVerified(emu, ui, account.id, role);
}

async function verifyInGuide(emu: Emulator) {
  const ui = openGuideAt80(emu);
  await nameAndPick(ui, 'verify-bot', 'user:index', 'iam_admin');
  await ui.press('enter');
  const review = flat(await ui.waitForText('Step 3 of 6'));
  expect(review).toContain(`then ${EXPECTED.iam_admin.words}`);
  await ui.press('enter');
  await ui.waitForText('Type grant');
  await ui.type('grant');
  await ui.press('enter');
  await ui.waitForText('Everything was created');
  await ui.press('enter');
  await ui.waitForText('Step 5 of 6');
  await secretViaFile(ui, path.join(await tempDir('flexera-sa-verify-'), 'guide.env'));
  const created = emu.requests.find(
    (r) => r.method === 'POST' && r.path.endsWith('/service-accounts') && r.status === 201,
  );
  expect(created).toBeDefined();
  const account = await createdId(emu, 'verify-bot');
  emu.resetRequests();
  await ui.press('enter');
  await expectVerified(emu, ui, account, 'iam_admin');
}

async function createdId(emu: Emulator, name: string): Promise<number> {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  const state = (await response.json()) as {
    orgs: Array<{id: number; serviceAccounts: Array<{id: number; name: string}>}>;
  };
  const org = state.orgs.find((o) => o.id === primary(emu))!;
  return org.serviceAccounts.find((sa) => sa.name === name)!.id;
}

describe('one verification everywhere', () => {
  it('with iam_admin, the Clients screen lists users, and names it', async () => {
    await verifyOnClients(await startTestEmulator(), 'iam_admin');
  });

  it('with iam_admin, rotation lists users, and names it', async () => {
    await verifyInRotation(await startTestEmulator(), 'iam_admin');
  });

  it('with iam_admin, the guided setup lists users, and names it', async () => {
    await verifyInGuide(await startTestEmulator());
  });

  it('with policy_viewer only, the Clients screen and rotation list roles', async () => {
    const emu = await startTestEmulator();
    await verifyOnClients(emu, 'policy_viewer');
    await verifyInRotation(await startTestEmulator(), 'policy_viewer');
  });
});
