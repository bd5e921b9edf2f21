import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import type {Route} from '../../source/navigation.js';
import {ORG_SCOPE, projectScope} from '../../source/roles/index.js';
import {pendingChanges} from '../../source/screens/role-picker/changes.js';
import {pickerLayout} from '../../source/screens/role-picker/layout.js';
import {MISSING_CAPABILITY_FLAG} from '../../source/screens/role-picker/role-list.js';
import {
  initialPickerState,
  isChecked,
  pickerReducer,
} from '../../source/screens/role-picker/state.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {frameLines} from '../helpers/ink.js';
import {expectFits, flat, resizeToFit} from '../helpers/frames.js';
import {focusRole} from './role-picker/support.js';

interface StateRule {
  roleName: string;
  subject: {id: number; kind: string};
  scope: {id: number; kind: string; ref: string};
}

/** The account's grants as the emulator holds them: "role@iam:org:1105", sorted. */
async function grantsInEmulator(emu: Emulator, orgId: number, accountId: number) {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  const state = (await response.json()) as {orgs: {id: number; accessRules: StateRule[]}[]};
  return state.orgs
    .find((org) => org.id === orgId)!
    .accessRules.filter(
      (r) => r.subject.kind === 'iam:service-account' && r.subject.id === accountId,
    )
    .map((r) => `${r.roleName}@${r.scope.kind}:${r.scope.id}`)
    .sort();
}

/** The breadcrumb no longer ends in the picker (the account screen names itself). */
const leftThePicker = (frame: string) =>
  !frame.split('\n')[0]!.trimEnd().endsWith('› Roles') && !frame.includes('scope: org');

const puts = (emu: Emulator) => emu.requests.filter((r) => r.method === 'PUT');

function routesFor(emu: Emulator, accountId: number): Route[] {
  const org = demoOrg(emu);
  return [
    {name: 'account', org, accountId},
    {name: 'roles', org, accountId},
  ];
}

function seedRoles(emu: Emulator, accountId: number): string[] {
  return emu.seed.serviceAccounts.find((sa) => sa.id === accountId)!.roles;
}

/** The role names on lines with a checked box (names as whole words). */
function checkedNames(frame: string, catalogue: readonly string[]): string[] {
  return frameLines(frame)
    .filter((line) => line.includes('[x]'))
    .map((line) => catalogue.find((name) => new RegExp(`(^|\\s)${name}(\\s|$)`).test(line)))
    .filter((name): name is string => name !== undefined)
    .sort();
}

async function rolesFromEmulator(emu: Emulator) {
  const session = testSession(emu);
  try {
    return await session.client!.listRoles(emu.seed.orgIds.primary);
  } finally {
    await session.client!.close();
  }
}

describe('role picker', () => {
  it('pre-checks exactly the roles the account holds in the org', async () => {
    const emu = await startTestEmulator();
    const catalogue = (await rolesFromEmulator(emu)).map((role) => role.name);
    for (const accountId of [2258, 2261]) {
      const ui = renderApp(testSession(emu), {
        routes: routesFor(emu, accountId),
        columns: 100,
        rows: 90,
      });
      await ui.waitForText('Loading');
      const frame = await ui.waitForText(`showing 1–${catalogue.length} of ${catalogue.length}`);
      expect(checkedNames(frame, catalogue)).toEqual([...seedRoles(emu, accountId)].sort());
      expect(frame).toContain('Platform Administration'); // grouped by category
      ui.unmount();
    }
    expect(seedRoles(emu, 2261)).toEqual([]); // the empty case was covered too
  });

  it('previews + and − lines, then applies one PUT per change, leaving exactly the new set', async () => {
    const emu = await startTestEmulator();
    const accountId = 2262; // billing_center_viewer, budget_viewer
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, accountId)});
    await ui.waitForText('showing 1–');
    await focusRole(ui, 'budget_viewer');
    await ui.press('space');
    await ui.waitForText('1 change');
    await ui.press('esc'); // clears the filter first
    await focusRole(ui, 'observer');
    await ui.press('space');
    await ui.waitForText('2 changes');
    await ui.press('esc');
    await ui.waitFor((frame) => !frame.includes('/ observer'));
    await ui.press('enter');
    const preview = await ui.waitForText('Review 2 changes');
    expect(preview).toContain('+ grant observer (View cloud) on org 1105');
    expect(preview).toContain('− revoke budget_viewer (View budgets) on org 1105');
    expect(preview.indexOf('+ grant')).toBeLessThan(preview.indexOf('− revoke'));
    expect(puts(emu)).toHaveLength(0);

    // Esc in the preview keeps the checks.
    await ui.press('esc');
    await ui.waitForText('2 changes');
    await ui.press('enter');
    await ui.waitForText('Review 2 changes');
    emu.resetRequests();
    await ui.press('enter');
    await ui.waitForText('All 2 changes were applied');
    expect(ui.lastFrame()).toContain('✓ + grant observer');
    expect(ui.lastFrame()).toContain('✓ − revoke budget_viewer');
    expect(puts(emu).map((r) => r.path)).toEqual([
      '/iam/v1/orgs/1105/access-rules/grant',
      '/iam/v1/orgs/1105/access-rules/revoke',
    ]);
    expect(await grantsInEmulator(emu, 1105, accountId)).toEqual([
      'billing_center_viewer@iam:org:1105',
      'observer@iam:org:1105',
    ]);

    // The hook invalidated the access rules: they are read again after the PUTs.
    await ui.waitFor(() =>
      emu.requests.some(
        (r) => r.method === 'GET' && r.path.startsWith('/iam/v1/orgs/1105/access-rules'),
      ),
    );
    // Esc returns to the account screen.
    await ui.press('esc');
    await ui.waitFor(leftThePicker, {label: 'back on the account screen'});
  });

  it('refuses org_owner for a service account with the reason and sends nothing', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2258), columns: 80, rows: 24});
    await ui.waitForText('Manage organization');
    await focusRole(ui, 'org_owner');
    await ui.press('space');
    const frame = await ui.waitForText('cannot be granted org_owner');
    expect(frame).toContain('superuser-type role');
    const row = frameLines(frame).find((line) => line.includes('org_owner') && line.includes('['));
    expect(row).toContain('[ ]');
    await ui.press('enter');
    await ui.waitForText('No changes');
    expect(puts(emu)).toHaveLength(0);
    expect(await grantsInEmulator(emu, 1105, 2258)).not.toContain('org_owner@iam:org:1105');
  });

  it('marks roles of a capability the org lacks and refuses to grant them, saying why', async () => {
    const emu = await startTestEmulator();
    // Acme Corp lacks sbom and sdl (the emulator's seed, API.md §12.5).
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2258), columns: 80, rows: 24});
    await ui.waitForText('Manage organization');
    await focusRole(ui, 'sbom');
    const marked = await ui.waitForText(MISSING_CAPABILITY_FLAG);
    const row = frameLines(marked).find((line) => line.includes('sbom_viewer'));
    expect(row).toContain(MISSING_CAPABILITY_FLAG);
    expect(marked).toContain('needs the sbom capability, which this org lacks');
    expectFits(marked, 80, 24);
    await ui.press('space');
    const frame = await ui.waitFor((f) =>
      flat(f).includes(
        'sbom_viewer cannot be granted: it needs the sbom capability, which Acme Corp does not have.',
      ),
    );
    expect(frameLines(frame).find((line) => line.includes('sbom_'))).toContain('[ ]');
    expectFits(frame, 80, 24);
    await ui.press('enter');
    await ui.waitForText('No changes');
    expect(puts(emu)).toHaveLength(0);
    // A role of a capability the org holds carries no such mark.
    await ui.press('esc');
    await focusRole(ui, 'policy_viewer');
    const held = await ui.waitFor((f) => frameLines(f).some((l) => l.includes('policy_viewer')));
    expect(frameLines(held).find((line) => line.includes('policy_viewer'))).not.toContain(
      MISSING_CAPABILITY_FLAG,
    );
  });

  it('asks for a second confirmation before granting a broad role', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2261)});
    await ui.waitForText('Administer organization');
    await focusRole(ui, 'iam_admin');
    await ui.press('space');
    await ui.waitForText('1 change');
    await ui.press('enter');
    const preview = await ui.waitForText('Review 1 change');
    expect(preview).toMatch(/\+ grant iam_admin \(Administer organization\) on org 1105\s+! broad/);
    await ui.press('enter'); // the first confirmation
    await ui.waitForText('Type grant');
    expect(puts(emu)).toHaveLength(0);
    await ui.type('gran');
    await ui.press('enter');
    await ui.waitForText('That is not "grant"');
    expect(puts(emu)).toHaveLength(0);
    await ui.press('esc'); // back to the review, nothing sent
    await ui.waitForText('Review 1 change');
    expect(puts(emu)).toHaveLength(0);
    await ui.press('enter');
    await ui.waitForText('Type grant');
    await ui.type('grant');
    await ui.press('enter');
    await ui.waitForText('The change was applied');
    expect(puts(emu)).toHaveLength(1);
    expect(await grantsInEmulator(emu, 1105, 2261)).toEqual(['iam_admin@iam:org:1105']);
  });

  it('finds by privilege: user:index shows exactly the roles granting iam:user:index', async () => {
    const emu = await startTestEmulator();
    const roles = await rolesFromEmulator(emu);
    const expected = roles
      .filter((role) => (role.privileges ?? []).includes('iam:user:index'))
      .map((role) => role.name)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2258), columns: 100, rows: 40});
    await ui.waitForText('Manage organization');
    await ui.press('/');
    await ui.type('q'); // typed into the filter: it does not quit
    await ui.waitForText('/ q');
    expect(ui.hasExited()).toBe(false);
    await ui.press('backspace');
    await ui.type('user:index');
    const frame = await ui.waitForText(`${expected.length} of ${roles.length} roles`);
    const shown = roles
      .map((role) => role.name)
      .filter((name) =>
        frameLines(frame).some(
          (line) => line.includes('[') && new RegExp(`(^|\\s)${name}(\\s|$)`).test(line),
        ),
      )
      .sort();
    expect(shown).toEqual(expected);
    expect(frame).toContain('matches iam:user:index');
    // Esc clears the filter (the screen stays).
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('/ user:index') && f.includes('Manage policies'));
  });

  it('grants in a project scope with the project ref and pre-checks it there', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2258)});
    await ui.waitForText('Manage policies');
    await ui.press('o');
    await ui.waitForText('Grant in which scope?');
    await ui.waitForText('Project Staging');
    await ui.press('down', 2);
    await ui.press('enter');
    await ui.waitForText('scope: project Staging (2346)');
    // Nothing is held in that project: the org-scope grants are not checked here.
    await ui.waitFor((frame) => frame.includes('showing 1–') && !frame.includes('[x]'), {
      label: 'nothing checked in Staging',
    });
    await focusRole(ui, 'policy_approver');
    await ui.press('space');
    await ui.press('enter');
    await ui.waitForText('+ grant policy_approver (Approve policies) on project Staging (2346)');
    await ui.press('c');
    const curl = await ui.waitForText('access-rules/grant');
    expect(curl).toContain('$ACCESS_TOKEN');
    expect(curl).toContain('iam:project:2346');
    expect(curl).not.toContain(emu.refreshTokens.nam);
    await ui.press('esc');
    await ui.waitForText('Review 1 change');
    await ui.press('enter');
    await ui.waitForText('The change was applied');
    expect(await grantsInEmulator(emu, 1105, 2258)).toEqual([
      'policy_approver@iam:project:2346',
      'policy_manager@iam:org:1105',
      'policy_viewer@iam:org:1105',
    ]);
    const put = puts(emu);
    expect(put).toHaveLength(1);
    // Back to the roles, still in Staging (filter kept): the new grant is pre-checked there.
    await ui.press('enter');
    await ui.waitForText('scope: project Staging (2346)');
    await ui.waitFor((frame) => /\[x\]\s+Approve policies/.test(frame), {
      label: 'policy_approver checked in Staging',
    });
  });

  it('shows a failed grant with its wording while the other changes still apply', async () => {
    const emu = await startTestEmulator();
    emu.faults.inject({
      method: 'PUT',
      path: '/iam/v1/orgs/1105/access-rules/grant',
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2258)});
    await ui.waitForText('Manage policies');
    await focusRole(ui, 'observer');
    await ui.press('space');
    await ui.press('esc');
    await focusRole(ui, 'policy_viewer');
    await ui.press('space');
    await ui.waitForText('2 changes');
    await ui.press('enter');
    await ui.waitForText('Review 2 changes');
    await ui.press('enter');
    const frame = await ui.waitForText('1 of 2 changes applied; 1 failed');
    expect(frame).toContain('✗ + grant observer');
    expect(frame).toContain('had a problem (500)');
    expect(frame).toContain('✓ − revoke policy_viewer');
    expect(frame).not.toMatch(/at \w+ \(/);
    expect(await grantsInEmulator(emu, 1105, 2258)).toEqual(['policy_manager@iam:org:1105']);

    // The failed grant stays checked: once the server recovers, it can be sent again.
    await ui.press('enter');
    await ui.waitForText('1 change');
    emu.faults.clear();
    emu.resetRequests();
    await ui.press('enter');
    const retry = await ui.waitForText('Review 1 change');
    expect(retry).toContain('+ grant observer (View cloud) on org 1105');
    await ui.press('enter');
    await ui.waitForText('The change was applied');
    expect(puts(emu)).toHaveLength(1);
    expect(await grantsInEmulator(emu, 1105, 2258)).toEqual([
      'observer@iam:org:1105',
      'policy_manager@iam:org:1105',
    ]);
  });

  it('shows a scope whose grants cannot be read in place, and keeps the edits made elsewhere', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2258)});
    await ui.waitForText('Manage policies');
    await focusRole(ui, 'observer');
    await ui.press('space');
    await ui.waitForText('1 change');
    await ui.press('esc'); // clears the filter
    await ui.waitFor((f) => !f.includes('/ observer'));
    emu.faults.inject({
      method: 'GET',
      path: '/iam/v1/orgs/1105/access-rules',
      times: Infinity,
      fault: {type: 'status', status: 503},
    });
    await ui.press('o');
    await ui.waitForText('Project Production');
    await ui.press('down');
    await ui.press('enter');
    const frame = await ui.waitForText('had a problem (503)');
    expect(frame).toContain('scope: project Production (2345)');
    expect(frame).toContain('o picks another scope');
    await ui.press('esc'); // an edit is pending: Esc asks instead of leaving
    await ui.waitForText('Discard 1 change?');
    await ui.press('esc');
    await ui.waitForText('o picks another scope');
    await ui.press('o');
    await ui.waitForText('Grant in which scope?');
    await ui.press('g'); // the org, first in the list (the current scope is focused)
    await ui.press('enter');
    await ui.waitFor((f) => f.includes('scope: org Acme Corp (1105)') && f.includes('1 change'));
    expect(puts(emu)).toHaveLength(0);
  });

  it('says what is missing when the caller may not read access rules (403)', async () => {
    const emu = await startTestEmulator();
    const session = testSession(emu, {refreshToken: emu.seed.viewer.refreshToken});
    const ui = renderApp(session, {routes: routesFor(emu, 2258), columns: 80, rows: 24});
    const frame = await ui.waitForText('Not allowed');
    expect(frame).toContain('iam:access_rule:index');
    expectFits(frame, 80, 24);
  });

  it('asks before discarding changes on Esc, and keeps them when told to', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2258)});
    await ui.waitForText('Manage policies');
    await ui.press('down', 2); // policy_viewer (held)
    await ui.press('space');
    await ui.waitForText('1 change');
    await ui.press('esc');
    await ui.waitForText('Discard 1 change?');
    await ui.press('esc'); // closes the dialog only
    await ui.waitFor((frame) => frame.includes('1 change') && !frame.includes('Discard'));
    await ui.press('esc');
    await ui.waitForText('Discard 1 change?');
    await ui.press('y');
    await ui.waitFor(leftThePicker, {label: 'back on the account screen'});
    expect(puts(emu)).toHaveLength(0);
  });

  it('fits 80×24 with all roles windowed, and a resize', async () => {
    const emu = await startTestEmulator();
    const roles = await rolesFromEmulator(emu);
    const ui = renderApp(testSession(emu), {routes: routesFor(emu, 2258), columns: 80, rows: 24});
    let frame = await ui.waitForText(`of ${roles.length}`);
    expectFits(frame, 80, 24);
    await ui.press('G'); // the last role, far below the first window
    frame = await ui.waitForText(roles[roles.length - 1]!.name);
    expect(frame).toContain(`of ${roles.length}`);
    expectFits(frame, 80, 24);
    await ui.press('p'); // privileges shown: the list gives way, the frame does not grow
    await ui.press('g');
    frame = await ui.waitForText('Privileges (');
    expectFits(frame, 80, 24);
    await ui.press('space'); // org_owner: the refusal notice takes lines too
    frame = await ui.waitForText('cannot be granted org_owner');
    expectFits(frame, 80, 24);
    await resizeToFit(ui, 70, 20, 'Manage organization');
    await ui.press('down');
    await ui.press('space');
    await ui.press('enter');
    frame = await ui.waitForText('Review 1 change');
    expectFits(frame, 70, 20);
  });
});

describe('role picker state', () => {
  it('toggles against what is held, and a toggle back is no change', () => {
    let state = pickerReducer(initialPickerState, {type: 'toggle', roleName: 'a', held: true});
    expect(isChecked(state, 'a', true)).toBe(false);
    expect(state.edits.size).toBe(1);
    state = pickerReducer(state, {type: 'toggle', roleName: 'a', held: true});
    expect(isChecked(state, 'a', true)).toBe(true);
    expect(state.edits.size).toBe(0);
  });

  it('refuses to check a refused role and says why, but lets it be unchecked', () => {
    let state = pickerReducer(initialPickerState, {
      type: 'toggle',
      roleName: 'org_owner',
      held: false,
      refusal: 'no',
    });
    expect(state.edits.size).toBe(0);
    expect(state.notice).toEqual({text: 'no', tone: 'warning'});
    state = pickerReducer(state, {
      type: 'toggle',
      roleName: 'org_owner',
      held: true,
      refusal: 'no',
    });
    expect(isChecked(state, 'org_owner', true)).toBe(false);
  });

  it('keeps only the edits of failed changes once applied', () => {
    let state = pickerReducer(initialPickerState, {type: 'toggle', roleName: 'a', held: false});
    state = pickerReducer(state, {type: 'toggle', roleName: 'b', held: true});
    state = pickerReducer(state, {type: 'applied', keep: ['org/b']});
    expect([...state.edits.keys()]).toEqual(['org/b']);
  });

  it('keeps edits per scope and diffs them all', () => {
    let state = pickerReducer(initialPickerState, {type: 'toggle', roleName: 'b', held: false});
    state = pickerReducer(state, {type: 'scope', scope: projectScope(7)});
    state = pickerReducer(state, {type: 'toggle', roleName: 'a', held: true});
    expect(isChecked(state, 'b', false)).toBe(false); // b was checked in the org, not here
    const catalogue = [
      {id: 1, name: 'a'},
      {id: 2, name: 'b'},
    ] as never;
    const changes = pendingChanges(
      state,
      [
        {scope: projectScope(7), names: ['a']},
        {scope: ORG_SCOPE, names: undefined}, // not loaded: derived from the edit
      ],
      catalogue,
      1105,
    );
    expect(changes).toEqual([
      {action: 'grant', roleName: 'b'},
      {action: 'revoke', roleName: 'a', scopeRef: 'ref::1105::iam:project:7'},
    ]);
  });
});

describe('role picker layout', () => {
  it('never gives the parts more rows than the body has', () => {
    for (const rows of [13, 16, 21, 30, 60]) {
      for (const showPrivileges of [false, true]) {
        for (const noticeLines of [0, 2]) {
          const layout = pickerLayout({rows, filterLine: true, noticeLines, showPrivileges});
          expect(1 + 1 + noticeLines + layout.listRows + layout.detailRows).toBeLessThanOrEqual(
            rows,
          );
          expect(layout.listRows).toBeGreaterThanOrEqual(4);
        }
      }
    }
  });
});
