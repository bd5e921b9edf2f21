import {describe, expect, it} from 'vitest';
import {createMemoryPreferences} from '../../source/config/index.js';
import {orderByRecent} from '../../source/screens/org-picker/org-picker.js';
import {renderApp, startTestEmulator, testSession} from '../helpers/app.js';

describe('org picker', () => {
  it('lists the demo user’s orgs with 1105 first and opens one with Enter', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: [{name: 'orgs'}]});
    await ui.waitForText('Loading your orgs');
    const frame = await ui.waitForText('1105');
    const primary = emu.seed.orgs.find((org) => org.id === 1105)!;
    expect(frame).toContain(primary.name);
    const lines = frame.split('\n');
    const first = lines.findIndex((line) => line.startsWith('› '));
    expect(lines[first]).toContain('1105');
    await ui.press('enter');
    await ui.waitFor((f) => f.includes(`${primary.name} (1105)`), {
      label: 'the footer names the org',
    });
  });

  it('puts recently opened orgs first', async () => {
    const emu = await startTestEmulator();
    const preferences = createMemoryPreferences();
    const readOnly = emu.seed.orgs.find((org) => org.id === emu.seed.orgIds.readOnly)!;
    preferences.rememberOrg('nam', {id: readOnly.id, name: readOnly.name});
    const ui = renderApp(testSession(emu, {preferences}), {routes: [{name: 'orgs'}]});
    const frame = await ui.waitForText('recent');
    const rows = frame.split('\n').filter((line) => /\d{3,}/.test(line));
    expect(rows[0]).toContain(String(readOnly.id));
  });

  it('filters with / and opens an org typed by id with i', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: [{name: 'orgs'}]});
    await ui.waitForText('1105');
    await ui.press('i');
    await ui.waitForText('Org id');
    await ui.type('abc');
    await ui.press('enter');
    await ui.waitForText('An org id is a number');
    await ui.press('backspace', 3);
    await ui.type(String(emu.seed.orgIds.admin));
    await ui.press('enter');
    await ui.waitForText(`(${emu.seed.orgIds.admin})`);
  });

  it('says what failed and how to go on when the orgs cannot be listed', async () => {
    const emu = await startTestEmulator();
    emu.faults.inject({
      path: '/iam/v1/users/*',
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = renderApp(testSession(emu), {routes: [{name: 'orgs'}]});
    const frame = await ui.waitForText('had a problem (500)');
    expect(frame).toContain('Press i to open an org by its id');
    expect(frame).not.toMatch(/at \w+ \(/); // no stack trace
  });

  it('c shows the token exchange and the org listing as curl, with the token as a variable', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: [{name: 'orgs'}]});
    await ui.waitForText('1105');
    await ui.press('c');
    const frame = await ui.waitForText(`/iam/v1/users/${emu.seed.demoUser.nam.id}/orgs`);
    expect(frame).toContain('/oidc/token');
    expect(frame).toContain('$REFRESH_TOKEN');
    expect(ui.frames.join('')).not.toContain(emu.refreshTokens.nam);
    await ui.press('esc');
    await ui.waitForText('Your orgs in NAM');
  });

  it('--org opens that org at start, named as last seen', async () => {
    const emu = await startTestEmulator();
    const preferences = createMemoryPreferences();
    preferences.rememberOrg('nam', {id: 1105, name: 'Acme Corp'});
    const ui = renderApp(testSession(emu, {preferences, initialOrgId: 1105}));
    const frame = await ui.waitForText('billing-export');
    expect(frame.split('\n')[0]).toContain('Orgs › Acme Corp');
    await ui.press('esc');
    await ui.waitForText('Your orgs in NAM');
  });

  it('orders by recency without losing the server order of the rest', () => {
    const orgs = [1, 2, 3, 4].map((id) => ({id, name: `o${id}`}));
    expect(orderByRecent(orgs, [{id: 3}, {id: 1}]).map((o) => o.id)).toEqual([3, 1, 2, 4]);
  });
});

describe('breadcrumb', () => {
  it('keeps the title a screen gave itself when moving on (the account name, not its id)', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: [{name: 'orgs'}]});
    await ui.waitForText('1105');
    await ui.press('enter');
    await ui.waitForText('billing-export');
    await ui.press('enter');
    await ui.waitForText('Nightly cloud cost export');
    await ui.press('a');
    const frame = await ui.waitForText('scope: org');
    expect(frame.split('\n')[0]).toContain('Acme Corp › billing-export › Roles');
  });
});
