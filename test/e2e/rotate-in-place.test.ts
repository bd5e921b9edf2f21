/**
 * Issue 13's whole path in the BUILT binary in a real terminal (tmux) against the emulator: find
 * the unused account by its mark on the account list, open its activity, then rotate its client in
 * place: `t`, add a second secret, write it to a file, verify, switch, delete the old secret. Then
 * curl (the app's own client_credentials command, secret on stdin) proves the old secret is refused
 * and the new one works with the same client id.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {curlClientCredentialsExchange} from '../../source/curl/index.js';
import {startTestEmulator} from '../helpers/app.js';
import {TmuxSession} from '../helpers/tmux.js';

const BIN = process.env.FLEXERA_SA_TEST_BIN ?? 'dist/cli.js';
const execFileAsync = promisify(execFile);

const sessions: TmuxSession[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.stop()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, {recursive: true, force: true})));
});

/** Runs the curl token exchange with CLIENT_SECRET in the environment; the HTTP status. */
async function curlExchange(login: string, clientId: string, secret: string): Promise<number> {
  const {command} = curlClientCredentialsExchange({api: login, login}, clientId);
  const running = execFileAsync(
    'bash',
    ['-euo', 'pipefail', '-c', `${command.trimEnd()} -o /dev/null -w '%{http_code}'`],
    {encoding: 'utf8', env: {PATH: process.env.PATH ?? '/usr/bin:/bin', CLIENT_SECRET: secret}},
  );
  running.child.stdin?.end();
  return Number((await running).stdout.trim());
}

describe('rotation in place, in a real terminal', () => {
  it('finds the unused account by its mark, shows its activity, rotates it keeping the client id', async () => {
    const emu = await startTestEmulator();
    const {api, login} = emu.zones.nam;
    const dir = await mkdtemp(path.join(tmpdir(), 'flexera-sa-e2e-rotate-'));
    dirs.push(dir);
    const file = path.join(dir, 'rotated.env');

    const session = new TmuxSession({
      columns: 100,
      rows: 30,
      env: {FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam},
    });
    sessions.push(session);
    await session.start(['node', BIN, '--api-url', api, '--no-keychain']);
    await session.waitFor('Acme Corp');
    await session.send('Enter');

    // The account list marks the account nobody has used for 30+ days, once 90 days are read.
    const listed = await session.waitFor((screen) => /! unused \d+ d/.test(screen), 30_000);
    const markedLine = listed.split('\n').find((line) => /! unused \d+ d/.test(line))!;
    const account = emu.seed.serviceAccounts.find(
      (sa) => sa.orgId === emu.seed.orgIds.primary && markedLine.includes(` ${sa.id} `),
    );
    expect(account, markedLine).toBeDefined();
    expect(account!.clients).toHaveLength(1);
    const old = account!.clients[0]!;
    expect(await curlExchange(login, old.clientId, old.clientSecret)).toBe(200);

    // Find the account, open it, rotate.
    await session.send('/');
    await session.send(account!.name, true);
    await session.send('Enter');
    await session.waitFor((screen) => screen.includes('Esc clear') && screen.includes('1 of 1'));
    await session.send('Enter');
    await session.waitFor(old.clientId);

    // Its activity: the calls it made before it went quiet, newest first.
    await session.send('u');
    const activity = await session.waitFor(
      (screen) => screen.includes('› Activity') && /calls?, \d+ errors? in 90 d/.test(screen),
      30_000,
    );
    expect(activity).toContain(`${account!.name} (${account!.id})`);
    expect(activity).toMatch(/last call \d+ d(ays)? ago|last call/);
    await session.send('Escape');
    await session.waitFor(
      (screen) => screen.includes(old.clientId) && !screen.includes('› Activity'),
    );
    await session.send('t');
    await session.waitFor('Step 1 of 5 · Add a second secret to the client');
    await session.send('m');
    await session.waitFor('Step 2 of 5 · Hand off the new secret');

    // Hand off: write a new 0600 file.
    await session.send('w');
    await session.waitFor('-client.env');
    await session.send('C-u');
    // Under load Ctrl+U and the path could arrive as one chunk: type only once the field is empty.
    await session.waitFor((screen) => !screen.includes('-client.env'));
    await session.send(file, true);
    await session.send('Enter');
    await session.waitFor((screen) => screen.includes('Wrote') && screen.includes('rotated.env'));
    const written = await readFile(file, 'utf8');
    expect(written).toContain(old.clientId);
    const secret = /^FLEXERA_CLIENT_SECRET=(.+)$/m.exec(written)![1]!.replace(/^'|'$/g, '');
    expect(secret).not.toBe(old.clientSecret);

    await session.send('Enter');
    await session.waitFor('Verified: these credentials work.');
    await session.send('Enter');
    await session.waitFor('Step 4 of 5');
    await session.send('Enter');
    await session.waitFor(`Delete the old secret of client ${old.clientId}?`);
    await session.send('y');
    const done = await session.waitFor('Rotation complete');
    expect(done.replace(/\s+/g, ' ')).toContain(`client ${old.clientId} with the new secret only`);

    // Same client id: the old secret is refused, the new one works.
    expect(await curlExchange(login, old.clientId, old.clientSecret)).toBe(401);
    expect(await curlExchange(login, old.clientId, secret)).toBe(200);
  });
});
