import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import type {OrgChange} from '../../source/events/changes.js';
import {
  changesReducer,
  initialChangesState,
  selectChanges,
} from '../../source/screens/org-changes/state.js';
import type {Emulator} from '../../source/emulator/index.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';

function fits(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
}

const READ = {timeout: 20_000, label: 'the events read'};
const done = (frame: string) => /\d+ changes in the last 90 days/.test(frame);

async function asDemoUser(emu: Emulator, method: string, path: string, body?: unknown) {
  const token = (await fetch(`${emu.zones.nam.login}/oidc/token`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
  }).then((r) => r.json())) as {access_token: string};
  return fetch(`${emu.zones.nam.api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token.access_token}`,
      'user-agent': 'org-changes-test',
      ...(body ? {'content-type': 'application/json'} : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** The changes screen at 80×24, opened from the org's account list. */
function openChanges(emu: Emulator, org: {id: number; name: string}) {
  return renderApp(testSession(emu), {
    routes: [{name: 'orgs'}, {name: 'accounts', org}, {name: 'org-changes', org}],
    columns: 80,
    rows: 24,
  });
}

describe('org changes state', () => {
  it('cycles the kind of change shown', () => {
    const change = (kind: OrgChange['kind']): OrgChange => ({kind, at: 1});
    const all = [change('account-created'), change('role-granted'), change('secret-added')];
    let state = initialChangesState;
    const kinds: string[] = [];
    for (let i = 0; i < 4; i++) {
      kinds.push(`${state.group}:${selectChanges(all, state.group).length}`);
      state = changesReducer(state, {type: 'cycle-group'});
    }
    expect(kinds).toEqual(['all:3', 'accounts:1', 'roles:1', 'clients and secrets:1']);
    expect(state.group).toBe('all');
    const noticed = changesReducer(state, {type: 'notice', text: 'x'});
    expect(changesReducer(noticed, {type: 'cycle-group'}).notice).toBeUndefined();
  });
});

describe('org changes screen', () => {
  it('h on the account list shows who changed what, newest first, at 80×24', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {
      routes: [{name: 'orgs'}, {name: 'accounts', org}],
      columns: 80,
      rows: 24,
    });
    await ui.waitForText('billing-export');
    await ui.press('h');
    const frame = await ui.waitFor(done, READ);
    fits(frame, 80, 24);
    expect(frame).toContain('Aisha Adeyemi');
    expect(frame).toContain('Alex Morgan');
    expect(frame).toMatch(/revoked a role/);
    expect(frame).toMatch(/granted a role/);
    expect(frame).toContain('edited billing-export (2257)');
    expect(frame).toContain('new client for policy-automation');
    // The refused grant (400) the day before is not a change.
    const lines = frame.split('\n');
    const first = lines.findIndex((line) => /^(?:› | {2})\d\d-\d\d /.test(line));
    expect(lines[first]).toContain('revoked a role');
  });

  it('t shows one kind; a deleted account is named, not linked; Enter opens a live one', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = openChanges(emu, org);
    await ui.waitFor(done, READ);
    await ui.press('t');
    const accounts = await ui.waitForText('showing accounts');
    expect(accounts).not.toContain('granted a role');
    expect(accounts).toContain('deleted account 2200 (gone)');
    expect(accounts).toContain('created an account');
    expect(accounts).toContain('terraform-iam (SA)');
    // Focus the deleted account's row and try to open it.
    await ui.press('/');
    await ui.type('2200');
    await ui.press('enter');
    await ui.waitForText('/ 2200');
    await ui.press('enter');
    expect(await ui.waitForText('Account 2200 no longer exists')).toContain('Changes');
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('/ 2200'));
    await ui.press('/');
    await ui.type('billing');
    await ui.press('enter');
    await ui.waitForText('/ billing');
    await ui.press('enter');
    await ui.waitForText('Clients (');
  });

  it('r reads again and shows a change made since', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = openChanges(emu, org);
    await ui.waitFor(done, READ);
    const created = await asDemoUser(emu, 'POST', `/iam/v1/orgs/${org.id}/service-accounts`, {
      name: 'made-in-test',
    });
    expect(created.status).toBe(201);
    await ui.press('r');
    const frame = await ui.waitFor((f) => done(f) && /^› .*created an account/m.test(f), READ);
    expect(frame.split('\n').find((line) => line.startsWith('› '))).toContain('Alex Morgan');
  });

  it('says which privilege is needed instead of failing', async () => {
    const emu = await startTestEmulator();
    const org = {id: emu.seed.orgIds.readOnly, name: 'Initech Labs'};
    const ui = openChanges(emu, org);
    const frame = await ui.waitForText('Reading API events needs');
    fits(frame, 80, 24);
  });
});
