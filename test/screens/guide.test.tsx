/**
 * The guided onboarding on the real emulator: the whole recipe end to end, failures after
 * something was created (undo and keep), broad and refused roles, the 20-account limit, Esc
 * keeping what was typed, and every step at 80×24 and after a resize.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../source/limits.js';
import {SERVICE_ACCOUNT_REFUSAL} from '../../source/roles/index.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {frameLines, type InkHandle} from '../helpers/ink.js';
import {tempDir} from './credentials/support.js';
import {exchangeClient, tokenRequests} from '../helpers/oidc.js';
import {anyFrameHas, checkSizes, flat} from '../helpers/frames.js';
import {secretViaFile} from '../helpers/handoff.js';

interface StateAccount {
  id: number;
  name: string;
  description?: string;
  clients: Array<{clientId: string}>;
}
interface StateRule {
  roleName?: string;
  subject: {id: number; kind: string};
  scope: {kind: string};
}

/** The primary org as the emulator holds it (admin route: accounts, clients, rules). */
async function orgState(emu: Emulator) {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  const state = (await response.json()) as {
    orgs: Array<{id: number; serviceAccounts: StateAccount[]; accessRules: StateRule[]}>;
  };
  const org = state.orgs.find((o) => o.id === emu.seed.orgIds.primary)!;
  const rolesOf = (id: number) =>
    org.accessRules
      .filter((rule) => rule.subject.kind === 'iam:service-account' && rule.subject.id === id)
      .map((rule) => `${rule.roleName ?? '?'}@${rule.scope.kind}`)
      .sort();
  return {
    accounts: org.serviceAccounts,
    named: (name: string) => org.serviceAccounts.filter((sa) => sa.name === name),
    rolesOf,
    clientCount: org.serviceAccounts.reduce((n, sa) => n + sa.clients.length, 0),
  };
}

/** IAM requests that change something (POST, PUT, PATCH, DELETE), since the last reset. */
function writes(emu: Emulator) {
  return emu.requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/iam/'));
}

/** The app on [account list, guide]: "keep" and leaving land on screens above the list. */
function openGuide(emu: Emulator, size: {columns: number; rows: number} = {columns: 80, rows: 24}) {
  const org = demoOrg(emu);
  return renderApp(testSession(emu), {
    routes: [
      {name: 'accounts', org},
      {name: 'guide', org},
    ],
    ...size,
  });
}

async function fillAbout(ui: InkHandle, name: string, description: string) {
  await ui.waitForText('what is the application?');
  await ui.type(name);
  await ui.press('enter');
  if (description !== '') await ui.type(description);
  await ui.press('enter');
  await ui.waitForText('Step 2 of 6');
}

/** Searches (from the search field or the list), then Space picks the first (narrowest) match. */
async function pick(ui: InkHandle, query: string, roleName: string) {
  if (!ui.lastFrame().includes('Enter pick from the list')) {
    await ui.press('/');
    await ui.waitForText('Enter pick from the list');
  }
  await ui.press('ctrlU');
  await ui.type(query);
  await ui.waitFor((f) => f.includes(`/ ${query}`) && f.includes(roleName));
  await ui.press('enter');
  await ui.waitForText('/ edit');
  await ui.press('space');
  await ui.waitFor((f) => /Picked \(\d+\): .*/.test(f) && f.includes(roleName));
}

/** Runs the flow with a grant fault: stops at the failure panel; returns the fault remover. */
async function failAtGrant(emu: Emulator, ui: InkHandle, name: string) {
  const remove = emu.faults.inject({
    method: 'PUT',
    path: `/iam/v1/orgs/${emu.seed.orgIds.primary}/access-rules/grant`,
    times: Infinity,
    fault: {type: 'status', status: 500},
  });
  await fillAbout(ui, name, 'half made on purpose');
  await pick(ui, 'view policies', 'policy_viewer');
  await ui.press('enter');
  await ui.waitForText('Nothing has been sent yet');
  await ui.press('enter');
  const frame = flat(await ui.waitForText('Stopped: grant policy_viewer failed.'));
  return {remove, frame};
}

describe('guided onboarding: end to end', () => {
  it('creates, grants exactly the chosen roles, mints one client, hands off and verifies', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir('flexera-sa-guide-');
    const name = 'hr-sync';
    const before = await orgState(emu);
    const ui = openGuide(emu);

    // 1. what the application is
    await ui.waitForText('Step 1 of 6 · What the application is');
    await checkSizes(ui, '6 of 20 service accounts in use');
    await fillAbout(ui, name, 'Syncs people data nightly');

    // 2. what it needs to do: a privilege finds the roles granting it, narrowest first
    await checkSizes(ui, `What must "${name}" be able to do?`);
    await ui.type('governance:incident:index');
    const found = await ui.waitForText('★ suggested');
    const listed = frameLines(found).filter((line) => line.includes('[ ]'));
    expect(listed[0]).toContain('policy_viewer');
    expect(listed[0]).toContain('★ suggested');
    await ui.press('enter');
    await ui.waitForText('/ edit');
    await ui.press('space');
    await ui.waitForText('Picked (1): policy_viewer');
    await pick(ui, 'budget', 'budget_viewer');
    await checkSizes(ui, 'Picked (2): policy_viewer, budget_viewer');
    await ui.press('enter');

    // 3. review: exactly what will happen, and nothing sent yet
    emu.resetRequests();
    const review = flat(await ui.waitForText('Step 3 of 6'));
    expect(review).toContain(`1. Create the service account "${name}" in Acme Corp (1105)`);
    expect(review).toContain('description: Syncs people data nightly');
    expect(review).toContain('2. Grant View policies (policy_viewer) on the whole org');
    expect(review).toContain('3. Grant View budgets (budget_viewer) on the whole org');
    expect(review).toContain('4. Mint one client');
    expect(review).toContain('then list roles');
    await checkSizes(ui, 'Nothing has been sent yet');
    await ui.press('c');
    const curl = flat(await ui.waitForText('The recipe with curl'));
    expect(curl).toContain('$ACCESS_TOKEN');
    expect(curl).toContain('Create a service account');
    await checkSizes(ui, 'The recipe with curl');
    await ui.press('esc');
    await ui.waitForText('Nothing has been sent yet');
    expect(writes(emu)).toEqual([]);

    // 4. create → grant → mint
    await ui.press('enter');
    const run = flat(await ui.waitForText('Everything was created'));
    expect(run).toContain(`✓ create the service account "${name}"`);
    expect(run).toContain('✓ grant policy_viewer');
    expect(run).toContain('✓ grant budget_viewer');
    expect(run).toContain('✓ mint a client');
    await checkSizes(ui, 'Step 4 of 6');
    const after = await orgState(emu);
    const [created] = after.named(name);
    expect(after.named(name)).toHaveLength(1);
    expect(after.accounts).toHaveLength(before.accounts.length + 1);
    expect(created!.description).toBe('Syncs people data nightly');
    expect(after.rolesOf(created!.id)).toEqual(['budget_viewer@iam:org', 'policy_viewer@iam:org']);
    expect(created!.clients).toHaveLength(1);
    const clientId = created!.clients[0]!.clientId;
    expect(run).toContain(clientId);
    expect(writes(emu).map((r) => r.method)).toEqual(['POST', 'PUT', 'PUT', 'POST']);

    // 5. hand-off: masked, a file, the snippet without the secret
    await ui.press('enter');
    const handoff = await ui.waitForText('Step 5 of 6');
    expect(handoff).toContain('••••••••••••••••');
    expect(handoff).toContain(`FLEXERA_CLIENT_ID=${clientId}`);
    expect(handoff).toContain('FLEXERA_CLIENT_SECRET=<the client secret');
    await checkSizes(ui, `Credentials for "${name}"`);
    const secret = await secretViaFile(ui, path.join(dir, 'hr-sync.env'));
    expect(secret.length).toBeGreaterThan(10);
    expect(anyFrameHas(ui.frames, secret)).toBe(false);
    await ui.press('a');
    const snippet = await ui.waitForText('Use these credentials in your application');
    expect(snippet).toContain(`FLEXERA_CLIENT_ID=${clientId}`);
    expect(snippet).not.toContain(secret);
    await ui.press('G');
    await ui.waitForText('roles; token valid for');
    await ui.press('esc');
    await ui.waitForText('Enter verify it');
    expect(anyFrameHas(ui.frames, secret)).toBe(false);
    // s reveals it (only now), s hides it again.
    const hiddenFrames = ui.frames.length;
    await ui.press('s');
    await ui.waitForText(secret);
    await ui.press('s');
    await ui.waitFor((f) => !f.includes(secret));
    expect(anyFrameHas(ui.frames.slice(0, hiddenFrames), secret)).toBe(false);

    // 6. verify, then a summary of what exists
    await ui.press('enter');
    const verified = flat(await ui.waitForText('Verified: these credentials work.'));
    expect(verified).toContain(`list roles in org ${emu.seed.orgIds.primary}`);
    expect(verified).toContain(`service account "${name}" (${created!.id})`);
    expect(verified).toContain('roles (whole org): policy_viewer, budget_viewer');
    expect(verified).toContain(`client: ${clientId}`);
    await checkSizes(ui, 'Step 6 of 6');
    expect(await exchangeClient(emu, clientId, secret)).toBe(200);

    // Finishing asks about the secret, then opens the account.
    await ui.press('enter');
    const leave = flat(await ui.waitForText('Did you save the secret?'));
    expect(leave).toContain('So far it was written to');
    await ui.press('y');
    await ui.waitForText(`id ${created!.id} · ref`);
    // Nothing was created twice along the way.
    expect((await orgState(emu)).named(name)).toHaveLength(1);
  });

  it('shows loading, then a failed roles list in place', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${orgId}/service-accounts`,
      times: 1,
      fault: {type: 'latency', ms: 300},
    });
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${orgId}/roles`,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = openGuide(emu);
    await ui.waitForText('Checking how many service accounts Acme Corp has');
    await fillAbout(ui, 'x-app', '');
    const frame = await ui.waitForText('had a problem (500)');
    expect(frame).not.toMatch(/at \w+ \(/);
    // Esc goes back to step 1 with the name kept.
    await ui.press('esc');
    await ui.waitForText('Step 1 of 6');
    await ui.waitForText('x-app');
  });
});

describe('guided onboarding: roles', () => {
  it('a broad role needs the second confirmation; org_owner is refused with the reason', async () => {
    const emu = await startTestEmulator();
    const name = 'iam-bot';
    const ui = openGuide(emu);
    await fillAbout(ui, name, '');

    // org_owner: refused, not picked.
    await ui.type('org_owner');
    await ui.waitFor((f) => f.includes('/ org_owner') && f.includes('refused'));
    await ui.press('enter');
    await ui.waitForText('/ edit');
    await ui.press('space');
    const refused = flat(await ui.waitForText('cannot be granted'));
    expect(refused).toContain(SERVICE_ACCOUNT_REFUSAL.slice(0, 40));
    expect(refused).toContain('Nothing picked yet');

    // user:index finds iam_admin; picking it says it is broad and what grants less.
    await pick(ui, 'user:index', 'iam_admin');
    const broad = flat(ui.lastFrame());
    expect(broad).toContain('iam_admin is broad');
    expect(broad).toContain('you confirm it again before anything is sent');
    await ui.press('enter');
    const review = flat(await ui.waitForText('Step 3 of 6'));
    expect(review).toContain('! broad');
    expect(review).toContain('after Enter you type "grant" to confirm');
    expect(review).toContain('then list users');

    // First confirm (Enter): a dialog, nothing sent.
    emu.resetRequests();
    await ui.press('enter');
    await ui.waitForText('Grant 1 broad role to "iam-bot"?');
    await checkSizes(ui, 'Type grant to create it all');
    expect(writes(emu)).toEqual([]);
    // A wrong word is refused; Esc goes back to the review; still nothing sent.
    await ui.type('yes');
    await ui.press('enter');
    await ui.waitForText('That is not "grant"');
    await ui.press('esc');
    await ui.waitForText('Nothing has been sent yet');
    expect(writes(emu)).toEqual([]);
    expect((await orgState(emu)).named(name)).toHaveLength(0);

    // Second confirmation: typing "grant" sends it.
    await ui.press('enter');
    await ui.waitForText('Type grant');
    await ui.type('grant');
    await ui.press('enter');
    await ui.waitForText('Everything was created');
    const state = await orgState(emu);
    const [created] = state.named(name);
    expect(state.rolesOf(created!.id)).toEqual(['iam_admin@iam:org']);
  });

  it('Space picks the focused role while no search text is typed; with text it is a space', async () => {
    const emu = await startTestEmulator();
    const ui = openGuide(emu);
    await fillAbout(ui, 'space-test', '');
    const start = await ui.waitForText('Space picks the focused role, or type to search.');
    expect(start).toContain('Enter pick from the list');
    // The arrows move the list while the search has the keys: org_owner, iam_admin, policy_viewer.
    await ui.press('down', 2);
    await ui.press('space');
    await ui.waitForText('Picked (1): policy_viewer');
    await ui.press('space');
    await ui.waitForText('Nothing picked yet');
    await ui.type('view');
    await ui.waitForText('Enter ends the search, then Space picks the focused role.');
    await ui.press('space');
    await ui.waitForText('/ view ');
    expect(ui.lastFrame()).toContain('Nothing picked yet');
    await ui.press('enter');
    await ui.waitForText('Nothing picked yet: Space picks the focused role.');
    await ui.press('space');
    await ui.waitForText('Picked (1): ');
  });

  it('Esc goes back a step and keeps what was typed and picked', async () => {
    const emu = await startTestEmulator();
    const ui = openGuide(emu);
    await fillAbout(ui, 'keep-me', 'typed once');
    await pick(ui, 'view policies', 'policy_viewer');
    await ui.press('enter');
    await ui.waitForText('Step 3 of 6');
    await ui.press('esc');
    await ui.waitForText('Picked (1): policy_viewer');
    // Esc clears the search first, then goes back to step 1.
    await ui.press('esc');
    await ui.waitFor((f) => f.includes('/ search by name') && f.includes('Picked (1)'));
    await ui.press('esc');
    const about = await ui.waitForText('Step 1 of 6');
    expect(about).toContain('keep-me');
    expect(about).toContain('typed once');
    // Esc on step 1 asks before dropping what was typed and picked; staying keeps the input.
    await ui.press('esc');
    await ui.waitForText('Discard the typed name and description and the 1 picked role?');
    await ui.press('esc');
    await ui.waitForText('keep-me');
    // Forward again: the picks are still there.
    await ui.press('enter');
    await ui.press('enter');
    await ui.waitForText('Picked (1): policy_viewer');
    expect(writes(emu)).toEqual([]);
  });

  it('at the 20-account limit step 1 explains it, offers nothing and sends nothing', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    const token = await userToken(emu);
    const existing = (await orgState(emu)).accounts.length;
    for (let n = existing; n < MAX_SERVICE_ACCOUNTS_PER_ORG; n++) {
      const response = await fetch(`${emu.zones.nam.api}/iam/v1/orgs/${orgId}/service-accounts`, {
        method: 'POST',
        headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
        body: JSON.stringify({name: `filler-${n}`}),
      });
      expect(response.status).toBe(201);
    }
    emu.resetRequests();
    const ui = openGuide(emu);
    const frame = flat(await ui.waitForText('already has 20 of 20 service accounts'));
    expect(frame).toContain('an org may hold at');
    expect(frame).toContain('Nothing was sent');
    expect(frame).not.toContain('Name');
    await checkSizes(ui, 'already has 20 of 20');
    await ui.type('abc');
    await ui.press('enter');
    expect(writes(emu)).toEqual([]);
    await ui.press('esc');
    await ui.waitForText('Acme Corp');
    await ui.waitFor((f) => !f.includes('New integration'));
  });

  it('opened from the list, step 1 counts the accounts again: filled elsewhere meanwhile, it refuses', async () => {
    const emu = await startTestEmulator();
    const orgId = emu.seed.orgIds.primary;
    const ui = renderApp(testSession(emu), {
      routes: [{name: 'orgs'}, {name: 'accounts', org: demoOrg(emu)}],
    });
    await ui.waitForText('6 of 20 service accounts');
    const token = await userToken(emu);
    for (let n = 6; n < MAX_SERVICE_ACCOUNTS_PER_ORG; n++) {
      const response = await fetch(`${emu.zones.nam.api}/iam/v1/orgs/${orgId}/service-accounts`, {
        method: 'POST',
        headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
        body: JSON.stringify({name: `filler-${n}`}),
      });
      expect(response.status).toBe(201);
    }
    // The list's cached count says 6; the guide reads again before offering step 1.
    await ui.press('o');
    const frame = flat(await ui.waitForText('already has 20 of 20 service accounts'));
    expect(frame).not.toContain('what is the application?');
    expect(ui.frames.some((f) => f.includes('6 of 20 service accounts in use'))).toBe(false);
  });
});

describe('guided onboarding: a failure after something was created', () => {
  it('says what exists; undo deletes the account and leaves nothing behind', async () => {
    const emu = await startTestEmulator();
    const name = 'undo-me';
    const before = await orgState(emu);
    const ui = openGuide(emu);
    const {frame} = await failAtGrant(emu, ui, name);
    const [created] = (await orgState(emu)).named(name);
    expect(created).toBeDefined();
    expect(frame).toContain(`Exists now: the service account "${name}" (${created!.id})`);
    expect(frame).toContain('with no role granted yet');
    expect(frame).toContain('and no client yet');
    expect(frame).toContain('u undo');
    await checkSizes(ui, 'Stopped: grant policy_viewer failed.');
    // q asks first while the account exists half-made.
    await ui.press('q');
    await ui.waitForText('exists half-made. Quit anyway?');
    await ui.press('esc');
    await ui.waitForText('Stopped: grant policy_viewer failed.');

    await ui.press('u');
    await ui.waitForText(`Delete "${name}" (${created!.id})?`);
    await checkSizes(ui, 'Its roles and clients go with it');
    await ui.press('y');
    const undone = flat(await ui.waitForText('Undone:'));
    expect(undone).toContain('nothing is left');
    // Back on the review with every choice kept.
    expect(undone).toContain(`Create the service account "${name}"`);
    expect(undone).toContain('policy_viewer');

    const after = await orgState(emu);
    expect(after.named(name)).toEqual([]);
    expect(after.accounts.map((sa) => sa.id)).toEqual(before.accounts.map((sa) => sa.id));
    expect(after.rolesOf(created!.id)).toEqual([]);
    expect(after.clientCount).toBe(before.clientCount);
    expect(emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/clients'))).toEqual(
      [],
    );
  });

  it('keep leaves the account and opens its detail screen', async () => {
    const emu = await startTestEmulator();
    const name = 'keep-it';
    const ui = openGuide(emu);
    await failAtGrant(emu, ui, name);
    const [created] = (await orgState(emu)).named(name);
    await ui.press('o');
    await ui.waitForText(`id ${created!.id} · ref`);
    expect(ui.lastFrame()).not.toContain('New integration');
    const state = await orgState(emu);
    expect(state.named(name)).toHaveLength(1);
    expect(state.rolesOf(created!.id)).toEqual([]);
    expect(created!.clients).toEqual([]);
  });

  it('retrying the grant resumes there: no second account, then the rest of the recipe', async () => {
    const emu = await startTestEmulator();
    const name = 'retry-me';
    const ui = openGuide(emu);
    const {remove} = await failAtGrant(emu, ui, name);
    // Still failing: r tries the grant again, not the create.
    await ui.press('r');
    await ui.waitForText('Stopped: grant policy_viewer failed.');
    remove();
    await ui.press('r');
    await ui.waitForText('Everything was created');
    const state = await orgState(emu);
    const accounts = state.named(name);
    expect(accounts).toHaveLength(1);
    expect(state.rolesOf(accounts[0]!.id)).toEqual(['policy_viewer@iam:org']);
    expect(accounts[0]!.clients).toHaveLength(1);
    const creates = emu.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/service-accounts'),
    );
    expect(creates).toHaveLength(1);
  });
});

describe('guided onboarding: the hand-off gate', () => {
  it('step 5 does not go on to verify until the secret went somewhere or the user says so', async () => {
    const emu = await startTestEmulator();
    const ui = openGuide(emu);
    await fillAbout(ui, 'gate-me', '');
    await pick(ui, 'view policies', 'policy_viewer');
    await ui.press('enter');
    await ui.waitForText('Nothing has been sent yet');
    await ui.press('enter');
    await ui.waitForText('Everything was created');
    await ui.press('enter');
    await ui.waitForText('Step 5 of 6');
    const before = tokenRequests(emu);
    await ui.press('enter');
    const asked = flat(await ui.waitForText('Did you save the new secret elsewhere?'));
    expect(asked).toContain('y I saved it elsewhere, go on to verify');
    await ui.press('n');
    await ui.waitForText('Step 5 of 6');
    await ui.press('enter');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await ui.press('esc');
    await ui.waitForText('Step 5 of 6');
    expect(ui.lastFrame()).not.toContain('Step 6 of 6');
    expect(tokenRequests(emu)).toBe(before);
    await ui.press('enter');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await ui.press('y');
    await ui.waitForText('Verified: these credentials work.');
    expect(ui.lastFrame()).toContain('Step 6 of 6');
    // Finishing names what the user said.
    await ui.press('enter');
    await ui.waitForText('saved elsewhere (you said so)');
  });
});

describe('guided onboarding: a failure before anything exists', () => {
  it('a refused create says nothing was created; r tries again and creates once', async () => {
    const emu = await startTestEmulator();
    const name = 'second-try';
    const orgId = emu.seed.orgIds.primary;
    const remove = emu.faults.inject({
      method: 'POST',
      path: `/iam/v1/orgs/${orgId}/service-accounts`,
      times: Infinity,
      fault: {type: 'status', status: 503},
    });
    const ui = openGuide(emu);
    await fillAbout(ui, name, '');
    await pick(ui, 'view policies', 'policy_viewer');
    await ui.press('enter');
    await ui.waitForText('Nothing has been sent yet');
    await ui.press('enter');
    const failed = flat(
      await ui.waitForText(`Stopped: create the service account "${name}" failed.`),
    );
    expect(failed).toContain('Nothing was created: the org is as it was.');
    expect(failed).toContain('r try again');
    expect(failed).not.toContain('u undo');
    expect((await orgState(emu)).named(name)).toEqual([]);
    remove();
    await ui.press('r');
    await ui.waitForText('Everything was created');
    const state = await orgState(emu);
    expect(state.named(name)).toHaveLength(1);
    expect(state.rolesOf(state.named(name)[0]!.id)).toEqual(['policy_viewer@iam:org']);
  });
});

async function userToken(emu: Emulator): Promise<string> {
  const response = await fetch(`${emu.zones.nam.login}/oidc/token`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
  });
  return ((await response.json()) as {access_token: string}).access_token;
}
