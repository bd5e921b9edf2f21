import {sessionEndedNotice} from '../../source/app.js';
import {createServer} from 'node:net';
import {describe, expect, it} from 'vitest';
import {createMemoryPreferences} from '../../source/config/index.js';
import type {Emulator} from '../../source/emulator/index.js';
import {
  KeychainUnavailableError,
  createMemoryStore,
  problemFor,
  type SecretStore,
} from '../../source/secrets/index.js';
import {renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import type {InkHandle} from '../helpers/ink.js';
import {expectFits, flat, resizeToFit} from '../helpers/frames.js';

/** A keychain that works, kept in a Map: shows the "keychain" path without the OS keychain. */
class MapKeychain implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly entries = new Map<string, string>();
  async get(account: string) {
    return this.entries.get(account);
  }
  async set(account: string, secret: string) {
    this.entries.set(account, secret);
  }
  async delete(account: string) {
    return this.entries.delete(account);
  }
  describe() {
    return 'keychain (test)';
  }
}

/** A keychain that is locked: every write fails the way the real one does. */
class LockedKeychain implements SecretStore {
  readonly kind = 'keychain' as const;
  writes = 0;
  async get(): Promise<string | undefined> {
    throw new KeychainUnavailableError(problemFor('locked'));
  }
  async set(): Promise<void> {
    this.writes += 1;
    throw new KeychainUnavailableError(problemFor('locked'));
  }
  async delete(): Promise<boolean> {
    throw new KeychainUnavailableError(problemFor('locked'));
  }
  describe() {
    return 'keychain (locked)';
  }
}

const tokenExchanges = (emu: Emulator, zone?: string) =>
  emu.requests.filter((r) => r.path === '/oidc/token' && (zone === undefined || r.zone === zone));

/** Splits the token with spaces and line breaks, as a wrapped e-mail or terminal would. */
function messy(token: string): string {
  const third = Math.floor(token.length / 3);
  return `  ${token.slice(0, third)} \n${token.slice(third, 2 * third)}\n  ${token.slice(2 * third)} `;
}

function expectNoTokenInFrames(ui: InkHandle, token: string) {
  for (const frame of [...ui.frames, ...ui.stderr.frames]) expect(frame).not.toContain(token);
}

async function toTokenField(ui: InkHandle) {
  await ui.waitForText('Which zone');
  await ui.press('enter');
  await ui.waitForText('Refresh token');
}

describe('sign-in screen', () => {
  it('picks a zone, takes a pasted token with spaces and newlines, signs in and keeps it', async () => {
    const emu = await startTestEmulator();
    const store = createMemoryStore();
    const preferences = createMemoryPreferences();
    const ui = renderApp(testSession(emu, {refreshToken: null, store, preferences}));
    const picker = await ui.waitForText('Which zone');
    expect(picker).toContain('North America');
    expect(picker).toContain(emu.zones.eu.api.replace('http://', ''));
    expect(picker).toContain('not signed in');
    expect(picker).toMatch(/› NAM/);
    await ui.press('down');
    await ui.waitFor((f) => /› EU/.test(f), {label: 'cursor on EU'});
    await ui.press('up');
    await ui.waitFor((f) => /› NAM/.test(f), {label: 'cursor back on NAM'});
    await ui.press('enter');
    const field = flat(await ui.waitForText('Refresh token'));
    expect(field).toContain('for this session only');
    expect(field).toContain('User settings → API Credentials');

    const token = emu.refreshTokens.nam;
    await ui.type(messy(token));
    await ui.waitForText(`(${token.length} characters)`); // the field's value: newlines are spaces
    await ui.press('enter');
    const primary = emu.seed.orgs.find((org) => org.id === emu.seed.orgIds.primary)!;
    const orgs = await ui.waitForText(primary.name);
    expect(orgs).toContain('token: session');
    expect(orgs).not.toContain('Sign in to Flexera One');

    expect(await store.get(emu.zones.nam.login)).toBe(token);
    expect(preferences.zone).toBe('nam');
    expect(tokenExchanges(emu, 'nam').some((r) => r.status === 200)).toBe(true);
    expectNoTokenInFrames(ui, token);
    expect(ui.frames.some((f) => f.includes('Checking the token with'))).toBe(true);
  });

  it('keeps the token in the keychain store under the zone’s login origin', async () => {
    const emu = await startTestEmulator();
    const store = new MapKeychain();
    const ui = renderApp(testSession(emu, {refreshToken: null, store}));
    const field = await ui.waitForText('Which zone');
    expect(flat(field)).toContain('kept in the OS keychain');
    await toTokenField(ui);
    await ui.type(emu.refreshTokens.nam);
    await ui.press('enter');
    await ui.waitForText('token: keychain');
    expect([...store.entries]).toEqual([[emu.zones.nam.login, emu.refreshTokens.nam]]);
  });

  it('says so when the token is empty or only whitespace, and sends nothing', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu, {refreshToken: null}));
    await toTokenField(ui);
    await ui.press('enter');
    await ui.waitForText('Paste your refresh token first');
    await ui.type('   \n \t ');
    await ui.waitFor((f) => !f.includes('Paste your refresh token first'), {
      label: 'typing clears the message',
    });
    await ui.press('enter');
    await ui.waitForText('Paste your refresh token first');
    expect(tokenExchanges(emu)).toHaveLength(0);
  });

  it('says a wrong token was refused and stores nothing', async () => {
    const emu = await startTestEmulator();
    const store = createMemoryStore();
    const ui = renderApp(testSession(emu, {refreshToken: null, store}));
    await toTokenField(ui);
    await ui.type('not-a-real-token');
    await ui.press('enter');
    const frame = await ui.waitForText('The token was refused by NAM');
    expect(frame).toContain('z try it at the other zones');
    expect(frame).toContain('not signed in');
    expect(await store.get(emu.zones.nam.login)).toBeUndefined();
    expect(tokenExchanges(emu, 'nam').map((r) => r.status)).toEqual([401]);
    // Esc: back to an empty field.
    await ui.press('esc');
    const field = await ui.waitForText('Refresh token');
    expect(field).not.toContain('characters)');
  });

  it('finds the zone of a token from another zone and signs in there', async () => {
    const emu = await startTestEmulator();
    const store = createMemoryStore();
    const preferences = createMemoryPreferences();
    emu.faults.inject({
      zone: 'apac',
      path: '/oidc/token',
      times: Infinity,
      fault: {type: 'drop', when: 'before'},
    });
    const ui = renderApp(testSession(emu, {refreshToken: null, store, preferences}));
    await toTokenField(ui);
    const token = emu.refreshTokens.eu;
    await ui.type(token);
    await ui.press('enter');
    await ui.waitForText('The token was refused by NAM');
    await ui.press('z');
    await ui.waitForText('It works in EU');
    // APAC's connection drops: the client retries, then the row says so.
    const results = await ui.waitFor((f) => /APAC.*unreachable/.test(f), {label: 'APAC settled'});
    expect(results).toMatch(/NAM.*refused/);
    expect(results).toMatch(/› EU.*works/);
    expect(results).toMatch(/APAC.*unreachable/);
    await ui.press('enter');
    const euOrg = emu.seed.orgs.find((org) => org.id === emu.seed.orgIds.eu)!;
    const signedIn = await ui.waitForText(euOrg.name);
    const footer = signedIn.split('\n').at(-1)!;
    expect(footer).toMatch(/^EU /);
    expect(await store.get(emu.zones.eu.login)).toBe(token);
    expect(await store.get(emu.zones.nam.login)).toBeUndefined();
    expect(preferences.zone).toBe('eu');
    expectNoTokenInFrames(ui, token);
  });

  it('says where the token was refused everywhere', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu, {refreshToken: null}));
    await toTokenField(ui);
    await ui.type('revoked-or-mistyped');
    await ui.press('enter');
    await ui.waitForText('The token was refused by NAM');
    await ui.press('z');
    await ui.waitForText('Every zone refused it');
    await ui.press('enter'); // nothing to switch to
    await ui.press('esc');
    await ui.waitForText('Refresh token');
    expect(tokenExchanges(emu).map((r) => r.status)).toEqual([401, 401, 401]);
  });

  it('asks before keeping a token in memory when the keychain is locked', async () => {
    const emu = await startTestEmulator();
    const store = new LockedKeychain();
    const ui = renderApp(testSession(emu, {refreshToken: null, store}));
    await toTokenField(ui);
    const token = emu.refreshTokens.nam;
    await ui.type(token);
    await ui.press('enter');
    const dialog = await ui.waitForText('could not be kept');
    expect(dialog).toContain('the keyring is locked');
    expect(dialog).toContain('Use it for this session only');
    expect(dialog).toContain('not signed in');
    // Cancel: nothing is kept, back to the field.
    await ui.press('esc');
    await ui.waitForText('Refresh token');
    expect(ui.lastFrame()).toContain('not signed in');
    // Again, and this time agree.
    await ui.type(token);
    await ui.press('enter');
    await ui.waitForText('could not be kept');
    await ui.press('y');
    const primary = emu.seed.orgs.find((org) => org.id === emu.seed.orgIds.primary)!;
    const frame = await ui.waitForText(primary.name);
    expect(frame).toContain('token: session');
    expect(store.writes).toBe(2);
    expectNoTokenInFrames(ui, token);
  });

  it('keeps the keychain question readable on the smallest terminal', async () => {
    const emu = await startTestEmulator();
    const notice = 'Your refresh token was refused by NAM (revoked or expired). Sign in again.';
    const ui = renderApp(
      testSession(emu, {refreshToken: null, notice, store: new LockedKeychain()}),
      {
        columns: 60,
        rows: 16,
      },
    );
    await toTokenField(ui);
    await ui.type(emu.refreshTokens.nam);
    await ui.press('enter');
    const frame = await ui.waitForText('could not be kept');
    expectFits(frame, 60, 16);
    expect(frame).toContain('[ Cancel ]');
    expect(frame).toContain('[ Use it for this session only ]');
    expect(frame).toContain('the keyring is locked');
  });

  it('shows a server failure in place and retries with r', async () => {
    const emu = await startTestEmulator();
    emu.faults.inject({path: '/oidc/token', times: Infinity, fault: {type: 'status', status: 500}});
    const ui = renderApp(testSession(emu, {refreshToken: null}));
    await toTokenField(ui);
    await ui.type(emu.refreshTokens.nam);
    await ui.press('enter');
    const frame = await ui.waitForText('had a problem (500)');
    expect(frame).toContain('r retry');
    expect(frame).not.toMatch(/at \w+ \(/);
    emu.faults.clear();
    await ui.press('r');
    const primary = emu.seed.orgs.find((org) => org.id === emu.seed.orgIds.primary)!;
    await ui.waitForText(primary.name);
  });

  it('uses custom origins without a picker and says when they cannot be reached', async () => {
    const emu = await startTestEmulator();
    const port = await closedPort();
    const origin = `http://127.0.0.1:${port}`;
    const base = testSession(emu, {refreshToken: null});
    const session = {
      ...base,
      endpoints: {zone: 'nam' as const, api: origin, login: origin, custom: true},
      endpointsFor: () => undefined,
    };
    const ui = renderApp(session);
    const field = await ui.waitForText('Refresh token');
    expect(field).not.toContain('Which zone');
    expect(field).toContain(origin);
    await ui.type('some-token');
    await ui.press('enter');
    const frame = await ui.waitForText('Could not reach');
    expect(frame).toContain('ECONNREFUSED');
    expect(frame).toContain('r retry');
    await ui.press('esc');
    await ui.waitForText('Refresh token');
  });

  it('stops checking on Esc and ignores the late answer', async () => {
    const emu = await startTestEmulator();
    const store = createMemoryStore();
    emu.faults.inject({path: '/oidc/token', fault: {type: 'latency', ms: 300}});
    const ui = renderApp(testSession(emu, {refreshToken: null, store}));
    await toTokenField(ui);
    await ui.type(emu.refreshTokens.nam);
    await ui.press('enter');
    await ui.waitForText('Checking the token with');
    await ui.press('esc');
    await ui.waitForText('Refresh token');
    await ui.waitFor(() => tokenExchanges(emu).length === 1, {label: 'the slow answer came'});
    expect(ui.lastFrame()).toContain('not signed in');
    expect(await store.get(emu.zones.nam.login)).toBeUndefined();
  });

  it('shows why the last session ended, after a refresh token is revoked mid-session', async () => {
    const emu = await startTestEmulator();
    emu.revokeRefreshToken(emu.refreshTokens.nam);
    const ui = renderApp(testSession(emu), {routes: [{name: 'orgs'}]});
    const frame = await ui.waitForText('Sign in to Flexera One');
    expect(frame).toContain('Your refresh token was refused by NAM');
    await ui.press('enter');
    await ui.waitForText('Refresh token');
    await ui.type(emu.issueRefreshToken('nam', emu.seed.demoUser.nam.id));
    await ui.press('enter');
    const primary = emu.seed.orgs.find((org) => org.id === emu.seed.orgIds.primary)!;
    const after = await ui.waitForText(primary.name);
    expect(after).not.toContain('was refused');
  });

  it('q quits at the zone picker but is text in the token field; Esc goes back', async () => {
    const emu = await startTestEmulator();
    let code: number | undefined;
    const ui = renderApp(testSession(emu, {refreshToken: null}), {onExit: (c) => (code = c)});
    await toTokenField(ui);
    await ui.press('q');
    await ui.waitForText('(1 characters)');
    expect(ui.hasExited()).toBe(false);
    await ui.press('esc');
    const picker = await ui.waitForText('Which zone');
    expect(picker).not.toContain('characters)');
    await ui.press('esc'); // nothing to go back to
    expect(ui.lastFrame()).toContain('Which zone');
    await ui.press('q');
    await ui.waitForExit();
    expect(code).toBe(0);
  });

  it('fits 80×24 at every step and follows a resize', async () => {
    const emu = await startTestEmulator();
    const notice = sessionEndedNotice('NAM');
    const ui = renderApp(testSession(emu, {refreshToken: null, notice}), {columns: 80, rows: 24});
    expectFits(await ui.waitForText('Which zone'), 80, 24);
    expect(ui.lastFrame()).toContain('what failed was not done');
    await ui.press('enter');
    expectFits(await ui.waitForText('Refresh token'), 80, 24);
    await ui.type('wrong-token');
    await ui.press('enter');
    expectFits(await ui.waitForText('The token was refused by NAM'), 80, 24);
    await ui.press('z');
    expectFits(await ui.waitForText('Every zone refused it'), 80, 24);
    await resizeToFit(ui, 70, 20, 'Every zone');
    await ui.press('esc');
    expectFits(await ui.waitForText('Refresh token'), 70, 20);
    await resizeToFit(ui, 60, 16, 'Refresh token');
  });
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
