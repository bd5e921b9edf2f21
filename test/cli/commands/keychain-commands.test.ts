/**
 * The "Done when" checks of issue 3: login / status / logout as separate processes, each with
 * its own HOME, TMPDIR and XDG dirs, against the emulator and a real gnome-keyring (or none).
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {startEmulator, type Emulator} from '../../../source/emulator/index.js';
import {
  Sandbox,
  requireKeyring,
  type Keyring,
  type RunResult,
} from '../../secrets/helpers/keyring.js';

const RUNNER = 'test/cli/commands/fixtures/run-command.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
});
afterAll(async () => {
  await emu.close();
});

const sandboxes: Sandbox[] = [];
function sandbox(): Sandbox {
  const box = new Sandbox();
  sandboxes.push(box);
  return box;
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((box) => box.dispose()));
});

function command(
  box: Sandbox,
  keyring: Keyring,
  name: 'login' | 'status' | 'logout',
  options: {stdin?: string; origin?: string; env?: Record<string, string>; flags?: string[]} = {},
): Promise<RunResult> {
  return box.run({
    keyring,
    script: RUNNER,
    args: [name, '--api-url', options.origin ?? emu.zones.nam.api, ...(options.flags ?? [])],
    stdin: options.stdin,
    env: options.env,
  });
}

/** What `secret-tool lookup service flexera-sa account <origin>` prints in that HOME. */
async function lookup(box: Sandbox, origin: string): Promise<RunResult> {
  return box.run({
    keyring: 'unlocked',
    shell: `secret-tool lookup service flexera-sa account '${origin}'`,
  });
}

/** Every file under `dir` whose bytes hold `secret` as text, base64 or hex. */
function filesHolding(dir: string, secret: string): string[] {
  const needles = [
    Buffer.from(secret, 'utf8'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64'), 'utf8'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('hex'), 'utf8'),
  ];
  const hits: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path, {throwIfNoEntry: false});
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (stat.isFile()) {
      const bytes = readFileSync(path);
      if (needles.some((needle) => bytes.includes(needle))) hits.push(path);
    }
  };
  walk(dir);
  return hits;
}

function keyringFiles(box: Sandbox): string[] {
  return existsSync(box.keyrings)
    ? readdirSync(box.keyrings).filter((f) => f.endsWith('.keyring'))
    : [];
}

describe('login, status, logout with a real keyring', () => {
  it('login stores the token in the keychain and nowhere else; status says keychain; logout removes it', async (ctx) => {
    requireKeyring(ctx);
    const box = sandbox();
    const token = emu.refreshTokens.nam;
    const origin = emu.zones.nam.login;

    const login = await command(box, 'unlocked', 'login', {stdin: `${token}\n`});
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain(`user ${emu.seed.demoUser.nam.id}`);
    expect(login.stdout).toContain(`account ${origin}`);
    expect(`${login.stdout}${login.stderr}`).not.toContain(token);

    const found = await lookup(box, origin);
    expect(found.code).toBe(0);
    expect(found.stdout).toBe(token);

    // Nowhere on disk: not under HOME (config dir included), TMPDIR or the runtime dir, and not
    // in plaintext in the keyring's own file either (it is encrypted).
    expect(keyringFiles(box)).toContain('login.keyring');
    expect(readFileSync(join(box.config, 'flexera-sa', 'config.json'), 'utf8')).toContain('"zone"');
    expect(filesHolding(box.root, token)).toEqual([]);

    const status = await command(box, 'unlocked', 'status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^token: +keychain/m);
    expect(status.stdout).toMatch(/^keychain: +works$/m);
    expect(status.stdout).toMatch(
      new RegExp(`^works: +yes, user ${emu.seed.demoUser.nam.id}$`, 'm'),
    );
    expect(status.stdout).toMatch(/^expires: +\d{4}-\d\d-\d\dT/m);
    expect(`${status.stdout}${status.stderr}`).not.toContain(token);

    const logout = await command(box, 'unlocked', 'logout');
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toMatch(/stored token was removed/);
    const gone = await lookup(box, origin);
    expect(gone.stdout).toBe('');
    expect(gone.code).not.toBe(0);

    const again = await command(box, 'unlocked', 'logout');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/No token was stored/);
    const after = await command(box, 'unlocked', 'status');
    expect(after.code).toBe(5);
    expect(after.stdout).toMatch(/^token: +none$/m);
  });

  it('with no session bus, login exits 3, says why, and writes the token nowhere', async (ctx) => {
    requireKeyring(ctx);
    const box = sandbox();
    const token = emu.refreshTokens.nam;
    const login = await command(box, 'no-bus', 'login', {stdin: token});
    expect(login.code).toBe(3);
    expect(login.stderr).toMatch(/it was not stored anywhere/);
    expect(login.stderr).toMatch(/The keychain is unavailable: there is no D-Bus session bus/);
    expect(login.stderr).toMatch(/FLEXERA_REFRESH_TOKEN/);
    expect(login.stderr).toMatch(/--no-keychain/);
    expect(`${login.stdout}${login.stderr}`).not.toContain(token);
    expect(keyringFiles(box)).toEqual([]);
    expect(filesHolding(box.root, token)).toEqual([]);

    // status: no env token and no keychain → 3, with the same cause.
    const status = await command(box, 'no-bus', 'status');
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/^keychain: +unavailable: there is no D-Bus session bus/m);

    // The env token still works without a keychain.
    const withEnv = await command(box, 'no-bus', 'status', {
      env: {FLEXERA_REFRESH_TOKEN: ` ${token}\n`},
    });
    expect(withEnv.code, withEnv.stderr).toBe(0);
    expect(withEnv.stdout).toMatch(/^token: +env \(FLEXERA_REFRESH_TOKEN\)$/m);
    expect(withEnv.stdout).not.toContain(token);
  });

  it('a locked keyring: login exits 3 (locked), logout does not pretend it removed anything', async (ctx) => {
    requireKeyring(ctx);
    const box = sandbox();
    const login = await command(box, 'locked', 'login', {stdin: emu.refreshTokens.nam});
    expect(login.code).toBe(3);
    expect(login.stderr).toMatch(/the keyring is locked/);
    const logout = await command(box, 'locked', 'logout');
    expect(logout.code).toBe(3);
    expect(logout.stderr).toMatch(/the keyring is locked.*not removed/);
    const status = await command(box, 'locked', 'status');
    expect(status.code).toBe(3);
  });

  it('a keychain that never answers: login exits 3 after the timeout, and the process ends by itself', async (ctx) => {
    requireKeyring(ctx);
    const box = sandbox();
    // The fake Secret Service hangs for 300 s: a hung call left in the command's process would
    // keep it alive far past this test's timeout.
    const login = await command(box, 'hanging', 'login', {
      stdin: emu.refreshTokens.nam,
      env: {RUN_KEYCHAIN_TIMEOUT_MS: '500'},
    });
    expect(login.code).toBe(3);
    expect(login.stderr).toMatch(
      /not stored anywhere\. The keychain is unavailable: the keychain did not answer within 0\.5 s/,
    );
    expect(filesHolding(box.root, emu.refreshTokens.nam)).toEqual([]);
  });

  it('a refused token is not stored and does not replace the stored one', async (ctx) => {
    requireKeyring(ctx);
    const box = sandbox();
    const good = emu.refreshTokens.nam;
    const origin = emu.zones.nam.login;
    expect((await command(box, 'unlocked', 'login', {stdin: good})).code).toBe(0);

    const bogus = 'not-a-real-refresh-token';
    const refused = await command(box, 'unlocked', 'login', {stdin: bogus});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refused by NAM (${origin})`);
    expect(refused.stderr).toMatch(/another zone/);
    expect(refused.stderr).toMatch(/Nothing was stored; a token stored before is unchanged/);
    expect(refused.stderr).not.toContain(bogus);

    // A token of another zone is refused too (orgs and tokens live in one zone).
    const euToken = emu.refreshTokens.eu;
    expect((await command(box, 'unlocked', 'login', {stdin: euToken})).code).toBe(1);

    const stored = await lookup(box, origin);
    expect(stored.stdout).toBe(good);
  });

  it('two login origins keep their own tokens; logout of one leaves the other', async (ctx) => {
    requireKeyring(ctx);
    const box = sandbox();
    const nam = {origin: emu.zones.nam.login, token: emu.refreshTokens.nam};
    const eu = {origin: emu.zones.eu.login, token: emu.refreshTokens.eu};
    expect(
      (await command(box, 'unlocked', 'login', {stdin: nam.token, origin: nam.origin})).code,
    ).toBe(0);
    const euLogin = await command(box, 'unlocked', 'login', {
      stdin: eu.token,
      origin: eu.origin,
      flags: ['--zone', 'eu'],
    });
    expect(euLogin.code, euLogin.stderr).toBe(0);
    expect((await lookup(box, nam.origin)).stdout).toBe(nam.token);
    expect((await lookup(box, eu.origin)).stdout).toBe(eu.token);
    expect((await command(box, 'unlocked', 'logout', {origin: nam.origin})).code).toBe(0);
    expect((await lookup(box, nam.origin)).stdout).toBe('');
    expect((await lookup(box, eu.origin)).stdout).toBe(eu.token);
    // The last zone used is remembered; no token in the config.
    const config = readFileSync(join(box.config, 'flexera-sa', 'config.json'), 'utf8');
    expect(JSON.parse(config)).toMatchObject({schemaVersion: 1, zone: 'eu'});
    expect(config).not.toContain(eu.token);
  });
});
