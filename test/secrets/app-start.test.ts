/**
 * The built app's start signed in through a real Secret Service (issue #15), in a real terminal:
 * the keychain helper starts before the app chunk loads, the frame is drawn while the token is
 * read, and filled when it arrives; a keychain that never answers neither blocks the frame nor
 * keeps the app from quitting.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {join} from 'node:path';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {TmuxSession} from '../helpers/tmux.js';
import {REPO, Sandbox, requireKeyring, type Keyring} from './helpers/keyring.js';

const CLI = join(REPO, 'dist', 'cli.js');

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
});
afterAll(async () => {
  await emu.close();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startApp(keyring: Keyring, preStored: Array<{account: string; secret: string}>) {
  const box = new Sandbox();
  cleanups.push(() => box.dispose());
  const session = new TmuxSession({columns: 100, rows: 30, env: box.env()});
  cleanups.push(() => session.stop());
  const app = `exec '${process.execPath}' '${CLI}' --api-url '${emu.zones.nam.api}'`;
  await session.start(box.argv({keyring, shell: app, preStored}));
  return session;
}

describe('the app signed in through the keychain', () => {
  it('shows the orgs with the token from the keychain', async (ctx) => {
    requireKeyring(ctx);
    const session = await startApp('unlocked', [
      {account: emu.zones.nam.login, secret: emu.refreshTokens.nam},
    ]);
    const screen = await session.waitFor('Acme Corp');
    expect(screen).toContain('flexera-sa › Orgs');
    expect(screen).toContain('token: keychain');
    await session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('draws the frame while the keychain does not answer, and quits at once from it', async (ctx) => {
    requireKeyring(ctx);
    const session = await startApp('hanging', []);
    const reading = await session.waitFor('Reading your refresh token from the keychain');
    expect(reading).toContain('flexera-sa › Orgs');
    expect(reading).toContain('reading the keychain');
    // The helper is stuck in a D-Bus call: quitting must not wait for it.
    await session.send('q');
    expect(await session.waitForExit(5_000)).toBe(0);
  });

  it('fills the frame with sign-in when the keychain times out', async (ctx) => {
    requireKeyring(ctx);
    const session = await startApp('hanging', []);
    await session.waitFor('Reading your refresh token from the keychain');
    const signIn = await session.waitFor('did not answer within 3 s');
    expect(signIn).toContain('flexera-sa › Sign in');
    expect(signIn).not.toContain('Reading your refresh token');
  });
});
