/**
 * login / status / logout in this process against the emulator, with a memory store (or a
 * keychain that cannot load) in the keychain's place. The real-keyring runs are in
 * keychain-commands.test.ts.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {mkdtempSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {resolveEndpoints, type Endpoints} from '../../../source/api/zones.js';
import {ApiError} from '../../../source/api/errors.js';
import type {Clock} from '../../../source/api/http.js';
import {runLogin} from '../../../source/cli/commands/login.js';
import {runLogout} from '../../../source/cli/commands/logout.js';
import {checkFailure, type CommandOptions} from '../../../source/cli/commands/shared.js';
import {expiryLine, runStatus} from '../../../source/cli/commands/status.js';
import {openPreferences} from '../../../source/config/index.js';
import {startEmulator, type Emulator} from '../../../source/emulator/index.js';
import {ExitCode} from '../../../source/exit-codes.js';
import {
  createKeychainStore,
  createMemoryStore,
  type MemoryStore,
} from '../../../source/secrets/index.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.faults.clear();
});

/** Retries happen at once: no real waiting in tests. */
const instantClock: Clock = {now: () => Date.now(), sleep: async () => {}};

class Collect {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

interface Harness {
  stdout: Collect;
  stderr: Collect;
  store: MemoryStore;
  factoryCalls: number;
  options: CommandOptions;
}

function harness(overrides: Partial<CommandOptions> = {}, endpoints?: Endpoints): Harness {
  const h = {
    stdout: new Collect(),
    stderr: new Collect(),
    store: createMemoryStore(),
    factoryCalls: 0,
  } as Harness;
  h.options = {
    endpoints: endpoints ?? resolveEndpoints({zone: 'nam', apiUrl: emu.zones.nam.api}),
    stdout: h.stdout,
    stderr: h.stderr,
    env: {},
    storeFactory: () => {
      h.factoryCalls++;
      return h.store;
    },
    client: {clock: instantClock},
    ...overrides,
  };
  return h;
}

function stdin(text: string): Readable {
  return Readable.from([Buffer.from(text, 'utf8')]);
}

const account = () => emu.zones.nam.login;

describe('login --with-token', () => {
  it('checks the token, stores it under the login origin, and never prints it', async () => {
    const h = harness();
    const code = await runLogin({...h.options, stdin: stdin(`  ${emu.refreshTokens.nam}\r\n`)});
    expect(code, h.stderr.text).toBe(ExitCode.ok);
    expect(await h.store.get(account())).toBe(emu.refreshTokens.nam);
    expect(h.stdout.text).toContain(`user ${emu.seed.demoUser.nam.id}`);
    expect(h.stdout.text + h.stderr.text).not.toContain(emu.refreshTokens.nam);
    const exchanges = emu.requests.filter((r) => r.path.startsWith('/oidc/token'));
    expect(exchanges.length).toBeGreaterThan(0);
  });

  it('empty or blank stdin is a usage error; so is more than one word', async () => {
    for (const input of ['', '   \n\n', 'two words']) {
      const h = harness();
      expect(await runLogin({...h.options, stdin: stdin(input)})).toBe(ExitCode.usage);
      expect(h.stderr.text).toMatch(/stdin/);
      expect(h.factoryCalls).toBe(0);
    }
  });

  it('refuses to read the token from a terminal (it would be echoed)', async () => {
    const h = harness();
    const terminal = Object.assign(stdin(emu.refreshTokens.nam), {isTTY: true});
    expect(await runLogin({...h.options, stdin: terminal})).toBe(ExitCode.usage);
    expect(h.stderr.text).toMatch(/not a terminal/);
    expect(await h.store.get(account())).toBeUndefined();
  });

  it('a refused token: exit 1, the zone hint, nothing stored, the stored token unchanged', async () => {
    const h = harness();
    await h.store.set(account(), 'the-token-stored-before');
    const code = await runLogin({...h.options, stdin: stdin('bogus-token-value')});
    expect(code).toBe(ExitCode.refused);
    expect(h.stderr.text).toContain(`refused by NAM (${account()})`);
    expect(h.stderr.text).toMatch(/another zone or another login host/);
    expect(h.stderr.text).not.toContain('bogus-token-value');
    expect(await h.store.get(account())).toBe('the-token-stored-before');
    expect(h.factoryCalls).toBe(0);
  });

  it('a revoked token is refused', async () => {
    const token = emu.issueRefreshToken('nam', emu.seed.demoUser.nam.id);
    emu.revokeRefreshToken(token);
    const h = harness();
    expect(await runLogin({...h.options, stdin: stdin(token)})).toBe(ExitCode.refused);
    expect(await h.store.get(account())).toBeUndefined();
  });

  it('a token of another zone is refused by this one', async () => {
    const h = harness();
    expect(await runLogin({...h.options, stdin: stdin(emu.refreshTokens.eu)})).toBe(
      ExitCode.refused,
    );
    expect(await h.store.get(account())).toBeUndefined();
  });

  it('network failure: exit 4, nothing stored', async () => {
    // A port nothing listens on: the emulator's, after closing a second emulator.
    const gone = await startEmulator({port: 0, rateLimit: false});
    const origin = gone.zones.nam.api;
    await gone.close();
    const h = harness({}, resolveEndpoints({zone: 'nam', apiUrl: origin}));
    expect(await runLogin({...h.options, stdin: stdin(emu.refreshTokens.nam)})).toBe(
      ExitCode.network,
    );
    expect(h.stderr.text).toMatch(/Could not check the token: Could not reach/);
    expect(await h.store.get(origin)).toBeUndefined();
  });

  it('5xx after retries: exit 4', async () => {
    emu.faults.inject({
      zone: 'nam',
      path: '/oidc/token',
      times: Infinity,
      fault: {type: 'status', status: 503},
    });
    const h = harness();
    expect(await runLogin({...h.options, stdin: stdin(emu.refreshTokens.nam)})).toBe(
      ExitCode.network,
    );
    expect(h.stderr.text).toMatch(/had a problem \(503\)/);
    expect(await h.store.get(account())).toBeUndefined();
  });

  it('--no-keychain: validates, says it was not stored, touches no store', async () => {
    const h = harness({noKeychain: true});
    expect(await runLogin({...h.options, stdin: stdin(emu.refreshTokens.nam)})).toBe(ExitCode.ok);
    expect(h.stdout.text).toMatch(/The token works/);
    expect(h.stdout.text).toMatch(/not stored \(--no-keychain\)/);
    expect(h.factoryCalls).toBe(0);
  });

  it('--no-keychain still refuses a bad token', async () => {
    const h = harness({noKeychain: true});
    expect(await runLogin({...h.options, stdin: stdin('bogus')})).toBe(ExitCode.refused);
  });

  it('a keychain that cannot load: exit 3 with the cause; the token is written nowhere', async () => {
    const h = harness({
      storeFactory: () =>
        createKeychainStore({modulePath: join(tmpdir(), 'no-such-keytar-module')}),
    });
    expect(await runLogin({...h.options, stdin: stdin(emu.refreshTokens.nam)})).toBe(
      ExitCode.keychainUnavailable,
    );
    expect(h.stderr.text).toMatch(
      /it was not stored anywhere\. The keychain is unavailable: the keychain library could not be loaded/,
    );
    expect(h.stderr.text).not.toContain(emu.refreshTokens.nam);
  });

  it('remembers the zone on success, and only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flexera-sa-login-prefs-'));
    try {
      const preferences = openPreferences({cwd: dir});
      const eu = resolveEndpoints({zone: 'eu', apiUrl: emu.zones.eu.api});
      const refused = harness({preferences}, eu);
      expect(await runLogin({...refused.options, stdin: stdin('bogus')})).toBe(ExitCode.refused);
      expect(preferences.zone).toBeUndefined();
      const h = harness({preferences}, eu);
      expect(await runLogin({...h.options, stdin: stdin(emu.refreshTokens.eu)})).toBe(ExitCode.ok);
      expect(preferences.zone).toBe('eu');
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('says when FLEXERA_REFRESH_TOKEN will still win', async () => {
    const h = harness({env: {FLEXERA_REFRESH_TOKEN: 'other'}});
    expect(await runLogin({...h.options, stdin: stdin(emu.refreshTokens.nam)})).toBe(ExitCode.ok);
    expect(h.stderr.text).toMatch(/FLEXERA_REFRESH_TOKEN is set, and wins/);
  });
});

describe('status', () => {
  it('a stored token that works: exit 0, zone, endpoints, source, expiry; never the token', async () => {
    const h = harness();
    await h.store.set(account(), emu.refreshTokens.nam);
    const code = await runStatus(h.options);
    expect(code, h.stderr.text).toBe(ExitCode.ok);
    const out = h.stdout.text;
    expect(out).toMatch(/^zone: +NAM \(North America\)$/m);
    expect(out).toContain(`api:      ${emu.zones.nam.api} (custom)`);
    expect(out).toMatch(/^token: +memory \(this session only\), account http:/m);
    expect(out).toMatch(new RegExp(`^works: +yes, user ${emu.seed.demoUser.nam.id}$`, 'm'));
    expect(out).toMatch(/^expires: +\d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+ days\)$/m);
    expect(out + h.stderr.text).not.toContain(emu.refreshTokens.nam);
  });

  it('the env token wins over a stored one', async () => {
    const h = harness({env: {FLEXERA_REFRESH_TOKEN: `\n${emu.refreshTokens.nam}  `}});
    await h.store.set(account(), 'stale-stored-token');
    expect(await runStatus(h.options)).toBe(ExitCode.ok);
    expect(h.stdout.text).toMatch(/^token: +env \(FLEXERA_REFRESH_TOKEN\)$/m);
  });

  it('a refused env token: exit 1', async () => {
    const h = harness({env: {FLEXERA_REFRESH_TOKEN: 'refused-token'}});
    expect(await runStatus(h.options)).toBe(ExitCode.refused);
    expect(h.stdout.text).toMatch(/^works: +no, refused$/m);
    expect(h.stderr.text).toMatch(/refused by NAM/);
  });

  it('no token anywhere: exit 5 and how to sign in', async () => {
    const h = harness();
    expect(await runStatus(h.options)).toBe(ExitCode.notSignedIn);
    expect(h.stdout.text).toMatch(/^token: +none$/m);
    expect(h.stderr.text).toMatch(/login --with-token/);
  });

  it('--no-keychain and no env token: exit 5, the keychain is not touched', async () => {
    const h = harness({noKeychain: true});
    expect(await runStatus(h.options)).toBe(ExitCode.notSignedIn);
    expect(h.stdout.text).toMatch(/^keychain: +not used \(--no-keychain\)$/m);
    expect(h.factoryCalls).toBe(0);
  });

  it('keychain unavailable and no env token: exit 3; with an env token: exit 0', async () => {
    const broken = () => createKeychainStore({modulePath: join(tmpdir(), 'no-such-keytar-module')});
    const h = harness({storeFactory: broken});
    expect(await runStatus(h.options)).toBe(ExitCode.keychainUnavailable);
    expect(h.stdout.text).toMatch(
      /^keychain: +unavailable: the keychain library could not be loaded/m,
    );
    const withEnv = harness({
      storeFactory: broken,
      env: {FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam},
    });
    expect(await runStatus(withEnv.options)).toBe(ExitCode.ok);
    expect(withEnv.stdout.text).toMatch(/^keychain: +unavailable/m);
  });

  it('network failure: exit 4', async () => {
    emu.faults.inject({
      zone: 'nam',
      path: '/oidc/token',
      times: 1,
      fault: {type: 'drop', when: 'before'},
    });
    const h = harness({client: {clock: instantClock, retry: {maxRetries: 0}}});
    await h.store.set(account(), emu.refreshTokens.nam);
    expect(await runStatus(h.options)).toBe(ExitCode.network);
    expect(h.stdout.text).toMatch(/^works: +unknown$/m);
  });

  it('several refresh tokens: the latest expiry, said as such', async () => {
    const later = new Date(Date.now() + 500 * 86_400_000).toISOString();
    const earlier = new Date(Date.now() + 400 * 86_400_000).toISOString();
    const user = emu.seed.demoUser.apac.id;
    const token = emu.issueRefreshToken('apac', user, {expiresAt: earlier});
    emu.issueRefreshToken('apac', user, {expiresAt: later});
    const h = harness(
      {env: {FLEXERA_REFRESH_TOKEN: token}},
      resolveEndpoints({zone: 'apac', apiUrl: emu.zones.apac.api}),
    );
    expect(await runStatus(h.options)).toBe(ExitCode.ok);
    const expires = /^expires: +(.*)$/m.exec(h.stdout.text)?.[1] ?? '';
    expect(expires).toContain(new Date(Date.parse(later)).toISOString().slice(0, 10));
    expect(expires).toMatch(
      /the latest of 3 refresh tokens of this user \(the API does not say which one this is\)/,
    );
  });
});

describe('expiryLine', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  it('one token: its expiry exactly', () => {
    expect(expiryLine([{id: 'a', expiresAt: '2026-06-11T00:00:00Z'}], now)).toBe(
      '2026-06-11T00:00:00.000Z (in 10 days)',
    );
  });
  it('none dated: unknown', () => {
    expect(expiryLine([{id: 'a'}], now)).toBe('unknown (the API lists no expiry)');
    expect(expiryLine([], now)).toBe('unknown (the API lists no expiry)');
  });
});

describe('logout', () => {
  it('removes the stored token and says so; a second logout says nothing was there', async () => {
    const h = harness();
    await h.store.set(account(), emu.refreshTokens.nam);
    await h.store.set(emu.zones.eu.login, 'eu-token');
    expect(await runLogout(h.options)).toBe(ExitCode.ok);
    expect(h.stdout.text).toMatch(/the stored token was removed/);
    expect(await h.store.get(account())).toBeUndefined();
    expect(await h.store.get(emu.zones.eu.login)).toBe('eu-token');
    const again = harness({storeFactory: () => h.store});
    expect(await runLogout(again.options)).toBe(ExitCode.ok);
    expect(again.stdout.text).toMatch(/No token was stored for NAM/);
  });

  it('keychain unavailable: exit 3', async () => {
    const h = harness({
      storeFactory: () =>
        createKeychainStore({modulePath: join(tmpdir(), 'no-such-keytar-module')}),
    });
    expect(await runLogout(h.options)).toBe(ExitCode.keychainUnavailable);
    expect(h.stderr.text).toMatch(/could not be loaded.*was not removed/);
  });

  it('--no-keychain: nothing to remove; an env token is mentioned', async () => {
    const h = harness({noKeychain: true, env: {FLEXERA_REFRESH_TOKEN: 'x'}});
    expect(await runLogout(h.options)).toBe(ExitCode.ok);
    expect(h.stdout.text).toMatch(/Nothing to remove/);
    expect(h.stderr.text).toMatch(/FLEXERA_REFRESH_TOKEN is still set/);
    expect(h.factoryCalls).toBe(0);
  });
});

describe('refusal wording', () => {
  it('production zones: names the zone and the other zones to try', () => {
    const context = {
      endpoint: 'token exchange',
      method: 'POST' as const,
      path: '/oidc/token',
      template: '/oidc/token',
      origin: 'https://login.flexera.eu',
    };
    const error = new ApiError(context, {
      status: 401,
      body: {name: 'unauthorized', message: 'invalid token'},
      attempts: 1,
    });
    const failure = checkFailure(error, resolveEndpoints({zone: 'eu'}));
    expect(failure.exitCode).toBe(ExitCode.refused);
    expect(failure.message).toBe(
      'The token was refused by EU (https://login.flexera.eu) (401: invalid token). Is your org in another zone? Try --zone nam or --zone apac.',
    );
    const limited = new ApiError(context, {status: 429, body: {}, attempts: 7});
    expect(checkFailure(limited, resolveEndpoints({zone: 'eu'})).exitCode).toBe(ExitCode.network);
  });
});
