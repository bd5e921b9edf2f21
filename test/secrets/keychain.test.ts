/**
 * The keychain backend against a real gnome-keyring (and real failure situations), one process
 * per scenario. Skips outside CI when there is no Secret Service here; fails in CI.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {join} from 'node:path';
import {createKeychainStore, resolveTokenSource} from '../../source/secrets/index.js';
import {REPO, Sandbox, lastJson, requireKeyring, type Keyring} from './helpers/keyring.js';

const SCENARIO = 'test/secrets/fixtures/keychain-scenario.ts';
const NAM = 'https://login.flexera.com';
const EMULATOR = 'http://127.0.0.1:48123';

interface Problem {
  state: string;
  reason: string;
  action: string;
  cause?: string;
}

interface Inspection {
  read: {value?: string; problem?: Problem};
  write: {problem?: Problem};
  probe: {state: string; problem?: Problem};
  session: {source: string; hasToken: boolean; storeKind: string; problem?: Problem};
  timedOut: boolean;
}

const sandboxes: Sandbox[] = [];
function sandbox(): Sandbox {
  const box = new Sandbox();
  sandboxes.push(box);
  return box;
}

afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((box) => box.dispose()));
});

async function inspect(keyring: Keyring, extra: Partial<Parameters<Sandbox['run']>[0]> = {}) {
  const result = await sandbox().run({keyring, script: SCENARIO, args: ['inspect', NAM], ...extra});
  expect(result.code, result.stderr).toBe(0);
  return lastJson<Inspection>(result);
}

/** Every problem says what to do, including the two ways around the keychain. */
function expectActionable(problem: Problem | undefined, state: string): void {
  expect(problem?.state).toBe(state);
  expect(problem?.action).toContain('FLEXERA_REFRESH_TOKEN');
  expect(problem?.action).toContain('--no-keychain');
}

describe('keychain on a real Secret Service', () => {
  it('unlocked: set, get, overwrite, delete; two login origins are independent', async (ctx) => {
    requireKeyring(ctx);
    const result = await sandbox().run({
      keyring: 'unlocked',
      script: SCENARIO,
      args: ['roundtrip', NAM, EMULATOR],
    });
    expect(result.code, result.stderr).toBe(0);
    const steps = lastJson<Record<string, unknown>>(result);
    expect(steps.probe).toEqual({state: 'works'});
    expect(steps.emptyGet).toBeUndefined();
    expect(steps.getA1).toBe('token-a-1');
    expect(steps.getA2).toBe('token-a-2');
    expect(steps.getB).toBe('token-b-1');
    expect(steps.getAAfterB).toBe('token-a-2');
    // Stored under service flexera-sa, account = the login origin, as secret-tool sees it.
    expect(steps.secretToolA).toBe('token-a-2');
    expect(steps.secretToolB).toBe('token-b-1');
    expect(steps.deleteA).toBe(true);
    expect(steps.getAAfterDelete).toBeUndefined();
    expect(steps.getBAfterDeleteA).toBe('token-b-1');
    expect(steps.deleteAAgain).toBe(false);
    expect(steps.deleteB).toBe(true);
    expect(steps.secretToolBAfterDelete).toBeNull();
    expect(steps.describe).toContain('flexera-sa');
  });

  it('unlocked: the token source is the keychain when an entry is there', async (ctx) => {
    requireKeyring(ctx);
    const seen = await inspect('unlocked', {
      preStored: [{account: NAM, secret: 'stored-by-secret-tool'}],
    });
    expect(seen.read).toEqual({value: 'stored-by-secret-tool'});
    expect(seen.probe.state).toBe('works');
    expect(seen.session).toEqual({source: 'keychain', hasToken: true, storeKind: 'keychain'});
  });

  it('unlocked and empty: no token, no problem (the probe tells it from a locked keyring)', async (ctx) => {
    requireKeyring(ctx);
    const seen = await inspect('unlocked');
    expect(seen.read).toEqual({});
    expect(seen.session).toEqual({source: 'none', hasToken: false, storeKind: 'keychain'});
  });

  it('locked: a stored token reads as nothing; the probe says locked and what to do', async (ctx) => {
    requireKeyring(ctx);
    const seen = await inspect('locked', {
      preStored: [{account: NAM, secret: 'stored-before-lock'}],
    });
    // The trap (notes C3): the entry exists, yet the read finds nothing and does not fail.
    expect(seen.read).toEqual({});
    expect(seen.write.problem?.state).toBe('locked');
    expect(seen.probe.state).toBe('locked');
    expectActionable(seen.probe.problem, 'locked');
    expect(seen.probe.problem?.reason).toMatch(/locked/);
    expect(seen.probe.problem?.action).toMatch(/Unlock/);
    // So the session reports the problem instead of "not signed in".
    expect(seen.session.source).toBe('none');
    expect(seen.session.problem?.state).toBe('locked');
  });

  it('no login collection: the probe says so and how to create one', async (ctx) => {
    requireKeyring(ctx);
    const seen = await inspect('no-collection');
    expect(seen.read).toEqual({});
    expect(seen.probe.state).toBe('locked');
    expectActionable(seen.probe.problem, 'locked');
    expect(seen.probe.problem?.reason).toMatch(/no default \("login"\) collection/);
    expect(seen.probe.problem?.cause).toMatch(/collection\/login/);
    expect(seen.session.problem?.state).toBe('locked');
  });

  it('no session bus: every call fails with "no D-Bus session"', async (ctx) => {
    requireKeyring(ctx);
    const seen = await inspect('no-bus');
    expect(seen.read.problem?.state).toBe('no-dbus');
    expect(seen.write.problem?.state).toBe('no-dbus');
    expect(seen.probe.state).toBe('no-dbus');
    expectActionable(seen.probe.problem, 'no-dbus');
    expect(seen.probe.problem?.reason).toMatch(/no D-Bus session bus/);
    expect(seen.probe.problem?.action).toMatch(/gnome-keyring/);
    expect(seen.session).toMatchObject({
      source: 'none',
      hasToken: false,
      problem: {state: 'no-dbus'},
    });
  });

  it('a bus without a Secret Service: "no Secret Service", install a keyring', async (ctx) => {
    requireKeyring(ctx);
    const seen = await inspect('no-secret-service');
    expect(seen.probe.state).toBe('no-secret-service');
    expectActionable(seen.probe.problem, 'no-secret-service');
    expect(seen.probe.problem?.action).toMatch(
      /install and start a keyring such as gnome-keyring/i,
    );
    expect(seen.session.problem?.state).toBe('no-secret-service');
  });

  it('a Secret Service that never answers: timed out, later calls fail at once, the process still ends by itself', async (ctx) => {
    requireKeyring(ctx);
    // The fake service hangs for 300 s; if the hung call were left in this process, it could not
    // end before the test times out.
    const result = await sandbox().run({
      keyring: 'hanging',
      script: SCENARIO,
      args: ['probe-timeout'],
      env: {SCENARIO_TIMEOUT_MS: '500'},
    });
    expect(result.code, result.stderr).toBe(0);
    const seen = lastJson<{
      probe: {state: string; problem?: Problem};
      read: {problem?: Problem};
      timedOut: boolean;
    }>(result);
    expect(seen.probe.state).toBe('timed-out');
    expectActionable(seen.probe.problem, 'timed-out');
    expect(seen.probe.problem?.reason).toBe('the keychain did not answer within 0.5 s');
    expect(seen.read.problem?.state).toBe('timed-out');
    expect(seen.timedOut).toBe(true);
  });
});

describe('keychain library trouble (no Secret Service needed)', () => {
  it('a missing library is "missing library", at call time, never at import', async () => {
    const store = createKeychainStore({modulePath: join(REPO, 'node_modules', 'no-such-keytar')});
    const probe = await store.probe();
    expect(probe.state).toBe('missing-library');
    expect(probe.problem?.reason).toMatch(/could not be loaded/);
    expect(probe.problem?.action).toMatch(/libsecret/);
    await expect(store.get(NAM)).rejects.toMatchObject({
      name: 'KeychainUnavailableError',
      problem: {state: 'missing-library'},
    });
    const session = await resolveTokenSource({endpoints: {login: NAM}, env: {}, keychain: store});
    expect(session).toMatchObject({source: 'none', problem: {state: 'missing-library'}});
  });

  it('a crash inside the library stays in the helper process', async () => {
    const store = createKeychainStore({
      modulePath: join(REPO, 'test/secrets/fixtures/crashing-keytar.cjs'),
    });
    const probe = await store.probe();
    expect(probe.state).toBe('unknown');
    expect(probe.problem?.cause).toMatch(/crashed \(SIGSEGV\)/);
    await expect(store.set(NAM, 'x')).rejects.toMatchObject({problem: {state: 'unknown'}});
  });
});
