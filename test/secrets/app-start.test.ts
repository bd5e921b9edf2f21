/**
 * The built app's start signed in through a real Secret Service (issue #15), in a real terminal:
 * the keychain helper starts before the app chunk loads, the frame is drawn while the token is
 * read and filled when it arrives; a keychain that never answers neither holds back the frame nor
 * keeps the app from quitting.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {TmuxSession} from '../helpers/tmux.js';
import {REPO, Sandbox, requireKeyring, type Keyring} from './helpers/keyring.js';

const CLI = join(REPO, 'dist', 'cli.js');
const READING = 'Reading your refresh token from the keychain';

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

/**
 * Starts the app in tmux inside the keyring situation, with everything it draws recorded from
 * its first byte: the pane waits for a line before it execs the app, and gets it once
 * pipe-pane is on.
 */
async function startApp(keyring: Keyring, preStored: Array<{account: string; secret: string}>) {
  const box = new Sandbox();
  cleanups.push(() => box.dispose());
  const session = new TmuxSession({columns: 100, rows: 30, env: box.env()});
  cleanups.push(() => session.stop());
  const app = `read _; exec '${process.execPath}' '${CLI}' --api-url '${emu.zones.nam.api}'`;
  await session.start(box.argv({keyring, shell: app, preStored}));
  const log = join(box.tmp, 'pane.log');
  await session.record(log);
  await session.send('Enter');
  const drawn = () => (existsSync(log) ? stripVTControlCharacters(readFileSync(log, 'utf8')) : '');
  return {session, drawn};
}

async function until(test: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the app signed in through the keychain', () => {
  it('shows the orgs with the token from the keychain', async (ctx) => {
    requireKeyring(ctx);
    const {session} = await startApp('unlocked', [
      {account: emu.zones.nam.login, secret: emu.refreshTokens.nam},
    ]);
    const screen = await session.waitFor('Acme Corp');
    expect(screen).toContain('flexera-sa › Orgs');
    expect(screen).toContain('token: keychain');
    await session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('draws the frame while the keychain does not answer, then sign-in when it times out', async (ctx) => {
    requireKeyring(ctx);
    const {session, drawn} = await startApp('hanging', []);
    const signIn = await session.waitFor('did not answer within 3 s');
    expect(signIn).toContain('flexera-sa › Sign in');
    expect(signIn).not.toContain(READING);
    // The reading frame came first, with the whole frame around it.
    const all = drawn();
    expect(all.indexOf(READING)).toBeGreaterThan(-1);
    expect(all.indexOf(READING)).toBeLessThan(all.indexOf('did not answer within 3 s'));
    expect(all.slice(0, all.indexOf(READING))).toContain('flexera-sa › Orgs');
    expect(all).toContain('reading the keychain');
  });

  it('Ctrl+C quits from the reading frame while the keychain call hangs', async (ctx) => {
    requireKeyring(ctx);
    const {session, drawn} = await startApp('hanging', []);
    await until(() => drawn().includes(READING), 'the reading frame');
    await session.send('C-c');
    expect(await session.waitForExit(10_000)).toBe(130);
  });
});
