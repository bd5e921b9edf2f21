/**
 * One key must not kill the app and lose a shown-once secret (issue #10, defect 3).
 *
 * Ctrl+F1 (ESC[1;5P) crashes Ink 6.8's own key parser (ink #901). The build patches it (ink #902,
 * scripts/build.mjs); here a bundle built WITHOUT that patch proves the top-level catch: with a
 * freshly minted secret on screen, Ctrl+F1 crashes Ink, and the app restores the terminal, says
 * what happened and writes the secret to a new 0600 file the user names. The shipped bundle
 * (dist/cli.js) survives the same key with the secret still on screen.
 */
import {readFileSync, statSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error -- the build script is plain JavaScript without types.
import {buildDist, ROOT} from '../../scripts/build.mjs';
import {TmuxSession} from '../helpers/tmux.js';
import type {TempHome} from './support.js';
import {CLI, sendBytes, sttyIsSane, withSttyAfter, tempHomes} from './support.js';

const UNPATCHED = `node_modules/.cache/flexera-sa-unpatched-${process.pid}`;
const CTRL_F1 = Buffer.from('\u001b[1;5P');
const {home: newHome, removeHomes} = tempHomes();
const sessions: TmuxSession[] = [];

beforeAll(async () => {
  await (buildDist as (o: object) => Promise<unknown>)({
    outdir: UNPATCHED,
    quiet: true,
    patchInkInput: false,
  });
}, 120_000);
afterAll(async () => {
  await rm(join(ROOT as string, UNPATCHED), {recursive: true, force: true});
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
  await removeHomes();
});

/** The sandbox app from `cli`, a client of billing-export just minted (its secret on screen). */
async function withMintedSecret(cli: string): Promise<{session: TmuxSession; home: TempHome}> {
  const home = newHome();
  const session = new TmuxSession({columns: 100, rows: 30, cwd: home.dir, env: {HOME: home.dir}});
  sessions.push(session);
  await session.start(
    withSttyAfter(['node', cli, '--sandbox', '--org', '1105'], join(home.dir, 'stty.txt')),
  );
  await session.waitFor('billing-export');
  await session.send('Enter');
  await session.waitFor('Clients (1 of 2)');
  await session.send('m');
  await session.waitFor('1/2 clients');
  await session.send('m');
  await session.waitFor('New client for');
  return {session, home};
}

describe('a key that crashes Ink', () => {
  it('unpatched Ink: the crash restores the terminal and offers the secret, written 0600', async () => {
    const {session, home} = await withMintedSecret(join(ROOT as string, UNPATCHED, 'cli.js'));
    await sendBytes(session.socket, CTRL_F1);
    await session.waitFor('Type a NEW file name');
    const screen = await session.screen({joinWrapped: true});
    expect(screen).toContain('the app stopped on an internal error');
    expect(screen).toMatch(/the client secret of \w+ was on screen/);
    await session.send('creds.env', true);
    await session.send('Enter');
    await session.waitFor('the credentials were written to');
    expect(await session.waitForExit()).toBe(1);
    const file = join(home.dir, 'creds.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/FLEXERA_CLIENT_SECRET=\S{16,}/);
    expect(sttyIsSane(readFileSync(join(home.dir, 'stty.txt'), 'utf8'))).toBe(true);
  }, 90_000);

  it('the shipped bundle: Ctrl+F1 does nothing, the secret stays on screen', async () => {
    const {session, home} = await withMintedSecret(CLI);
    await sendBytes(session.socket, CTRL_F1);
    // The key is ignored: the next key still works (s reveals the secret) and the app is alive.
    await session.send('s');
    await session.waitFor((screen) => screen.includes('clientSecret') && !screen.includes('•••'));
    expect(await session.exitStatus()).toBeUndefined();
    await session.send('q');
    await session.waitFor('Quit anyway?');
    await session.send('y');
    expect(await session.waitForExit()).toBe(0);
    expect(sttyIsSane(readFileSync(join(home.dir, 'stty.txt'), 'utf8'))).toBe(true);
  }, 90_000);
});
