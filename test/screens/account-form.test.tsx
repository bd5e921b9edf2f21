/**
 * The name + description form as people meet it in the `n` form, the edit form and the guide's
 * first step (issue 12): Esc with typed text asks before dropping it, Esc on an empty or unchanged
 * form just leaves; a name the org already has asks first (the list read fresh, the question names
 * the account's id): y creates exactly one more, n or Esc creates none. Real app, real emulator;
 * what exists is read from the emulator over HTTP.
 */
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {discardQuestion} from '../../source/screens/account-form/account-form.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {flat, resizeToFit} from '../helpers/frames.js';
import type {InkHandle} from '../helpers/ink.js';
import {accountNames, createAccountOverHttp} from './credentials/support.js';

const creates = (emu: Emulator) =>
  emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/service-accounts'));
const named = async (emu: Emulator, name: string) =>
  (await accountNames(emu, emu.seed.orgIds.primary)).filter((n) => n === name);

async function openList(emu: Emulator) {
  const ui = renderApp(testSession(emu), {routes: [{name: 'accounts', org: demoOrg(emu)}]});
  await ui.waitForText('billing-export');
  return ui;
}

async function openGuide(emu: Emulator) {
  const org = demoOrg(emu);
  const ui = renderApp(testSession(emu), {
    routes: [
      {name: 'accounts', org},
      {name: 'guide', org},
    ],
  });
  await ui.waitForText('what is the application?');
  return ui;
}

/** n, the name, Enter, Enter: the form sent with an empty description. */
async function submitNew(ui: InkHandle, name: string) {
  await ui.press('n');
  await ui.waitForText('New service account');
  await ui.type(name);
  await ui.press('enter');
  await ui.waitFor((f) => /Description .*\n› /.test(f), {label: 'description focused'});
  await ui.press('enter');
}

/** The guide up to its review: the name, one role (searched, then Space), Enter. */
async function guideToReview(ui: InkHandle, name: string) {
  await ui.type(name);
  await ui.press('enter');
  await ui.waitFor((f) => /Description .*\n› /.test(f), {label: 'description focused'});
  await ui.press('enter');
  await ui.waitForText('Step 2 of 6');
  await ui.type('view policies');
  await ui.waitForText('policy_viewer');
  await ui.press('enter');
  await ui.waitForText('/ edit');
  await ui.press('space');
  await ui.waitForText('Picked (1)');
  await ui.press('enter');
  await ui.waitForText('Nothing has been sent yet');
}

describe('Esc on the account form', () => {
  it('names what Esc would drop', () => {
    expect(discardQuestion(['name'])).toBe('Discard the typed name?');
    expect(discardQuestion(['name', 'description'])).toBe(
      'Discard the typed name and description?',
    );
    expect(discardQuestion([], 'the 2 picked roles')).toBe('Discard the 2 picked roles?');
  });

  it('n form: Esc on the empty form leaves at once, nothing asked', async () => {
    const emu = await startTestEmulator();
    const ui = await openList(emu);
    await ui.press('n');
    await ui.waitForText('New service account');
    await ui.press('esc');
    await ui.waitFor((f) => f.includes('billing-export') && !f.includes('New service account'));
    expect(ui.frames.some((f) => f.includes('Discard'))).toBe(false);
  });

  it('n form: a typed description asks too; n keeps editing with the text kept', async () => {
    const emu = await startTestEmulator();
    const ui = await openList(emu);
    await ui.press('n');
    await ui.waitForText('New service account');
    await ui.press('tab');
    await ui.type('only a description');
    await ui.press('esc');
    await ui.waitForText('Discard the typed description?');
    await ui.press('n');
    await ui.waitFor((f) => f.includes('› only a description') && !f.includes('Discard'));
    expect(creates(emu)).toEqual([]);
  });

  it('edit form: Esc with nothing changed leaves at once; a change asks', async () => {
    const emu = await startTestEmulator();
    const ui = await openList(emu);
    await ui.press('e');
    await ui.waitForText('Only the fields you change are sent.');
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('Only the fields you change are sent.'));
    expect(ui.frames.some((f) => f.includes('Discard'))).toBe(false);
    await ui.press('e');
    await ui.waitForText('Only the fields you change are sent.');
    await ui.type('-2');
    await ui.press('esc');
    await ui.waitForText('Discard the typed name?');
    await ui.press('y');
    await ui.waitFor((f) => !f.includes('Only the fields you change are sent.'));
    expect(emu.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('guide: Esc on the empty first step leaves at once, nothing asked', async () => {
    const emu = await startTestEmulator();
    const ui = await openGuide(emu);
    await ui.press('esc');
    await ui.waitFor((f) => f.includes('billing-export') && !f.includes('Step 1 of 6'));
    expect(ui.frames.some((f) => f.includes('Discard') || f.includes('Leave the'))).toBe(false);
  });
});

describe('a name the org already has', () => {
  it('n form: asks, naming the account made outside the app a moment ago; y creates exactly one more', async () => {
    const emu = await startTestEmulator();
    const ui = await openList(emu);
    // Made by curl after the list was read: the app's cached list does not have it.
    const twin = await createAccountOverHttp(emu, emu.seed.orgIds.primary, 'twin-app');
    emu.resetRequests();
    await submitNew(ui, 'twin-app');
    const asked = flat(await ui.waitForText(`"twin-app" already exists (id ${twin}).`));
    expect(asked).toContain('Create another?');
    expect(asked).toContain('y create another');
    expect(creates(emu)).toEqual([]);
    // The list was read again for the question, after the form was sent.
    expect(
      emu.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/service-accounts')),
    ).not.toEqual([]);
    await ui.press('y');
    await ui.waitForText('Created twin-app');
    expect(creates(emu)).toHaveLength(1);
    expect(await named(emu, 'twin-app')).toHaveLength(2);
  });

  it('n form: n and Esc create nothing and keep the typed name', async () => {
    const emu = await startTestEmulator();
    const ui = await openList(emu);
    const existing = emu.seed.serviceAccounts.find(
      (sa) => sa.zone === 'nam' && sa.orgId === emu.seed.orgIds.primary,
    )!;
    emu.resetRequests();
    await submitNew(ui, existing.name);
    await ui.waitForText(`already exists (id ${existing.id})`);
    await ui.press('n');
    await ui.waitFor((f) => f.includes('New service account') && !f.includes('already exists'));
    await ui.press('enter');
    await ui.waitForText(`already exists (id ${existing.id})`);
    await ui.press('esc');
    await ui.waitFor((f) => f.includes('New service account') && !f.includes('already exists'));
    expect(creates(emu)).toEqual([]);
    expect(await named(emu, existing.name)).toHaveLength(1);
  });

  it('the question and the discard question keep their words and keys at 60×16', async () => {
    const emu = await startTestEmulator();
    const existing = emu.seed.serviceAccounts.find(
      (sa) => sa.zone === 'nam' && sa.orgId === emu.seed.orgIds.primary,
    )!;
    const ui = await openList(emu);
    await submitNew(ui, existing.name);
    await ui.waitForText('already exists');
    const asked = flat(await resizeToFit(ui, 60, 16, 'y create another'));
    expect(asked).toContain(`already exists (id ${existing.id})`);
    expect(asked).toContain('n/Esc back to the form');
    await ui.press('n');
    await ui.waitFor((f) => !f.includes('already exists'));
    await ui.press('esc');
    const discard = flat(await resizeToFit(ui, 60, 16, 'Discard the typed name?'));
    expect(discard).toContain('y discard · n/Esc keep editing');
  });

  it('when the list cannot be read, nothing is created and the form says so; a new form starts clean', async () => {
    const emu = await startTestEmulator();
    const ui = await openList(emu);
    const listPath = `/iam/v1/orgs/${emu.seed.orgIds.primary}/service-accounts`;
    // The list breaks once the form is open (n reads the count first, and that read works).
    await ui.press('n');
    await ui.waitForText('New service account');
    const broken = emu.faults.inject({
      method: 'GET',
      path: listPath,
      times: Infinity,
      fault: {type: 'status', status: 503},
    });
    emu.resetRequests();
    await ui.type('checked-later');
    await ui.press('enter');
    await ui.waitFor((f) => /Description .*\n› /.test(f), {label: 'description focused'});
    await ui.press('enter');
    const failed = flat(await ui.waitForText('Your input is kept'));
    expect(failed).toContain('checked-later');
    expect(creates(emu)).toEqual([]);
    broken();
    // Closed and opened again, the form starts clean.
    await ui.press('esc');
    await ui.waitForText('Discard the typed name?');
    await ui.press('y');
    await ui.waitFor((f) => !f.includes('New service account'));
    await ui.press('n');
    expect(await ui.waitForText('New service account')).not.toContain('Your input is kept');
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('New service account'));
    await submitNew(ui, 'checked-later');
    await ui.waitForText('Created checked-later');
    expect(creates(emu)).toHaveLength(1);
  });

  it('a new name asks nothing and creates once', async () => {
    const emu = await startTestEmulator();
    const ui = await openList(emu);
    emu.resetRequests();
    await submitNew(ui, 'brand-new-name');
    await ui.waitForText('Created brand-new-name');
    expect(ui.frames.some((f) => f.includes('already exists'))).toBe(false);
    expect(creates(emu)).toHaveLength(1);
  });

  it('guide: the create step asks with the fresh list; n goes back to the review, y creates one', async () => {
    const emu = await startTestEmulator();
    const ui = await openGuide(emu);
    const twin = await createAccountOverHttp(emu, emu.seed.orgIds.primary, 'guide-twin');
    await guideToReview(ui, 'guide-twin');
    emu.resetRequests();
    await ui.press('enter');
    await ui.waitForText(`"guide-twin" already exists (id ${twin}).`);
    await ui.press('n');
    await ui.waitFor(
      (f) => f.includes('Nothing has been sent yet') && !f.includes('already exists'),
    );
    expect(creates(emu)).toEqual([]);
    await ui.press('enter');
    await ui.waitForText(`"guide-twin" already exists (id ${twin}).`);
    await ui.press('y');
    await ui.waitForText('Everything was created');
    expect(creates(emu)).toHaveLength(1);
    expect(await named(emu, 'guide-twin')).toHaveLength(2);
  });
});

describe('typed confirmations stay typed', () => {
  it('deleting an account: y is a letter of the name, not an answer', async () => {
    const emu = await startTestEmulator();
    const ui = await openList(emu);
    await ui.press('d');
    await ui.waitForText('Type ');
    await ui.press('y');
    await ui.waitForText('› y');
    expect(ui.lastFrame()).toContain('Delete service account');
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });
});
