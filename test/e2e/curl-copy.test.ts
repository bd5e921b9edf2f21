/**
 * "curl you can paste": the built app in a real terminal shows the curl commands behind a screen
 * (`c`); the test copies them exactly as tmux shows them (capture-pane, wrapped lines NOT joined,
 * as a person's mouse selection gets them) and runs them with bash against the emulator. A line
 * hard-wrapped at the window edge would split a word and the copy would fail.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
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

/** The overlay's script lines, as the screen shows them: between its title and its key line. */
function copiedScript(screen: string): string {
  const lines = screen.split('\n');
  const start = lines.findIndex((line) => line.startsWith('The same with curl'));
  expect(start, screen).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex(
    (line, i) => i > start && /^(Esc close|lines \d|y copy all)/.test(line),
  );
  expect(end, `the whole script is on screen:\n${screen}`).toBeGreaterThan(start);
  expect(lines[end]!.startsWith('lines '), 'no scrolling needed at this size').toBe(false);
  return lines
    .slice(start + 1, end)
    .map((line) => line.trimEnd())
    .join('\n');
}

async function accessToken(login: string, refreshToken: string): Promise<string> {
  const response = await fetch(`${login}/oidc/token`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: refreshToken}),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as {access_token: string}).access_token;
}

async function runCopied(script: string, env: Record<string, string>): Promise<string> {
  const running = execFileAsync('bash', ['-euo', 'pipefail', '-c', script], {
    encoding: 'utf8',
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', ...env},
  });
  running.child.stdin?.end();
  return (await running).stdout;
}

describe('y and w in the curl view, built app in tmux', () => {
  it("y puts the whole script in tmux's buffer and w writes it to a new 0600 file: both run", async () => {
    const emu = await startTestEmulator();
    const {api, login} = emu.zones.nam;
    const refreshToken = emu.refreshTokens.nam;
    const env = {ACCESS_TOKEN: await accessToken(login, refreshToken)};
    const dir = await mkdtemp(path.join(tmpdir(), 'flexera-sa-e2e-script-'));
    dirs.push(dir);
    // 60×16, the smallest size: the account's script is longer than the window.
    const session = new TmuxSession({
      columns: 60,
      rows: 16,
      cwd: dir,
      env: {FLEXERA_REFRESH_TOKEN: refreshToken},
    });
    sessions.push(session);
    await session.start(['node', path.resolve(BIN), '--api-url', api, '--no-keychain']);
    await session.waitFor('Acme Corp');
    await session.send('Enter');
    await session.waitFor('billing');
    await session.send('Enter');
    await session.waitFor('Clients');
    await session.send('c');
    const shown = await session.waitFor((screen) => /lines 1–\d+ of \d+/.test(screen));
    expect(shown).toContain('y copy all');

    await session.send('y');
    await session.waitFor("tmux's paste");
    const {stdout: copied} = await execFileAsync('tmux', ['-L', session.socket, 'show-buffer']);
    const fromBuffer = await runCopied(copied, env);
    expect(fromBuffer).toMatch(/"name":\s*"billing-export"/);
    expect(fromBuffer).toContain('"values"');

    await session.send('w');
    await session.waitFor('› ./flexera-sa-curl.sh');
    await session.send('Enter');
    await session.waitFor('Wrote the whole script');
    const file = path.join(dir, 'flexera-sa-curl.sh');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const written = await readFile(file, 'utf8');
    expect(written).toBe(copied.endsWith('\n') ? copied : `${copied}\n`);
    expect(await runCopied(written, env)).toMatch(/"name":\s*"billing-export"/);
  });
});

describe('curl copied from the screen', () => {
  for (const columns of [80, 60]) {
    it(`runs as copied at ${columns} columns: orgs, accounts, an account`, async () => {
      const emu = await startTestEmulator();
      const {api, login} = emu.zones.nam;
      const refreshToken = emu.refreshTokens.nam;
      const env = {
        REFRESH_TOKEN: refreshToken,
        ACCESS_TOKEN: await accessToken(login, refreshToken),
      };
      const session = new TmuxSession({
        columns,
        rows: 50,
        env: {FLEXERA_REFRESH_TOKEN: refreshToken},
      });
      sessions.push(session);
      await session.start(['node', BIN, '--api-url', api, '--no-keychain']);

      // The org picker: the token exchange, then the org listing.
      await session.waitFor('Acme Corp');
      await session.send('c');
      const orgs = await runCopied(copiedScript(await session.waitFor('The same with curl')), env);
      expect(orgs).toContain('"access_token"');
      expect(orgs).toContain('Acme Corp');

      // The account list of Acme Corp.
      await session.send('Escape');
      await session.waitFor((screen) => !screen.includes('The same with curl'));
      await session.send('Enter');
      // At 60 columns the name column is cut ("billing…"): wait for its start.
      await session.waitFor('billing');
      await session.send('c');
      const accounts = await runCopied(
        copiedScript(await session.waitFor('The same with curl')),
        env,
      );
      expect(accounts).toContain('billing-export');

      // One account: what its screen reads.
      await session.send('Escape');
      await session.waitFor((screen) => !screen.includes('The same with curl'));
      await session.send('Enter');
      await session.waitFor('Clients');
      await session.send('c');
      const account = await runCopied(
        copiedScript(await session.waitFor('The same with curl')),
        env,
      );
      // The account itself (its GET), then its org-scope rules.
      expect(account).toMatch(/"name":\s*"billing-export"/);
      expect(account).toContain('"values"');
    });
  }
});
