import {describe, expect, it} from 'vitest';
import {
  MemoryStore,
  ReadOnlyStoreError,
  createEnvStore,
  createMemoryStore,
  envToken,
  formatProblem,
  keychainAccount,
  problemFor,
  classifyKeychainMessage,
  resolveTokenSource,
  type KeychainLike,
  type ProbeResult,
} from '../../source/secrets/index.js';

const NAM = {login: 'https://login.flexera.com'};
const EU = {login: 'https://login.flexera.eu'};

/** A memory store playing the keychain, whose probe answers what the test says. */
class ProbedMemory extends MemoryStore {
  probes = 0;
  constructor(private readonly result: ProbeResult) {
    super();
  }
  async probe(): Promise<ProbeResult> {
    this.probes++;
    return this.result;
  }
}

/** Fails the test if the session touches the keychain at all. */
const untouchable: KeychainLike = {
  kind: 'keychain',
  get: () => Promise.reject(new Error('the keychain was read')),
  set: () => Promise.reject(new Error('the keychain was written')),
  delete: () => Promise.reject(new Error('the keychain was written')),
  describe: () => 'untouchable',
  probe: () => Promise.reject(new Error('the keychain was probed')),
};

describe('env store (FLEXERA_REFRESH_TOKEN)', () => {
  it('reads the trimmed value for any login origin', async () => {
    const store = createEnvStore({FLEXERA_REFRESH_TOKEN: '  abc.def \n'});
    expect(store.kind).toBe('env');
    expect(await store.get(NAM.login)).toBe('abc.def');
    expect(await store.get(EU.login)).toBe('abc.def');
    expect(store.describe()).toMatch(/FLEXERA_REFRESH_TOKEN.*read-only/);
  });

  it('blank or unset is no token', async () => {
    expect(envToken({FLEXERA_REFRESH_TOKEN: ' \n\t'})).toBeUndefined();
    expect(envToken({})).toBeUndefined();
    expect(await createEnvStore({}).get(NAM.login)).toBeUndefined();
  });

  it('is read-only, with a clear error that does not echo the token', async () => {
    const store = createEnvStore({FLEXERA_REFRESH_TOKEN: 'secret-value'});
    await expect(store.set(NAM.login, 'x')).rejects.toThrow(ReadOnlyStoreError);
    await expect(store.set(NAM.login, 'x')).rejects.toThrow(
      /read-only: flexera-sa never writes it/,
    );
    await expect(store.delete(NAM.login)).rejects.toThrow(/Unset it in your environment/);
    const error = (await store.set(NAM.login, 'x').catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('secret-value');
    expect(await store.get(NAM.login)).toBe('secret-value');
  });
});

describe('memory store', () => {
  it('set, get, overwrite, delete per account; one instance per session', async () => {
    const store = createMemoryStore();
    expect(store.kind).toBe('memory');
    await store.set(NAM.login, 'one');
    await store.set(EU.login, 'eu');
    await store.set(NAM.login, 'two');
    expect(await store.get(NAM.login)).toBe('two');
    expect(await store.get(EU.login)).toBe('eu');
    expect(await store.delete(NAM.login)).toBe(true);
    expect(await store.delete(NAM.login)).toBe(false);
    expect(await store.get(NAM.login)).toBeUndefined();
    expect(await createMemoryStore().get(EU.login)).toBeUndefined();
    await expect(store.set(NAM.login, '')).rejects.toThrow(/empty/);
  });
});

describe('resolveTokenSource: env > keychain > none', () => {
  it('the env token wins and the keychain is not touched', async () => {
    const session = await resolveTokenSource({
      endpoints: NAM,
      env: {FLEXERA_REFRESH_TOKEN: ' from-env '},
      keychain: untouchable,
    });
    expect(session).toMatchObject({source: 'env', token: 'from-env', account: NAM.login});
    expect(session.store.kind).toBe('env');
    expect(session.problem).toBeUndefined();
  });

  it('--no-keychain: none, a memory store, the keychain not touched', async () => {
    const session = await resolveTokenSource({
      endpoints: NAM,
      env: {},
      noKeychain: true,
      keychain: untouchable,
    });
    expect(session.source).toBe('none');
    expect(session.store.kind).toBe('memory');
  });

  it('a stored token for this login origin: keychain, without a probe', async () => {
    const keychain = new ProbedMemory({state: 'works'});
    await keychain.set(EU.login, 'eu-token');
    const eu = await resolveTokenSource({endpoints: EU, env: {}, keychain});
    expect(eu).toMatchObject({source: 'keychain', token: 'eu-token', account: EU.login});
    expect(keychain.probes).toBe(0);
    // Another origin's token is not used.
    const nam = await resolveTokenSource({endpoints: NAM, env: {}, keychain});
    expect(nam.source).toBe('none');
    expect(nam.token).toBeUndefined();
    expect(keychain.probes).toBe(1);
  });

  it('nothing found: the probe decides between "not signed in" and "keychain unavailable"', async () => {
    const fine = await resolveTokenSource({
      endpoints: NAM,
      env: {},
      keychain: new ProbedMemory({state: 'works'}),
    });
    expect(fine).toMatchObject({source: 'none', probe: {state: 'works'}});
    expect(fine.problem).toBeUndefined();

    const locked = problemFor('locked');
    const hidden = await resolveTokenSource({
      endpoints: NAM,
      env: {},
      keychain: new ProbedMemory({state: 'locked', problem: locked}),
    });
    expect(hidden).toMatchObject({source: 'none', problem: locked});
    expect(hidden.store.kind).toBe('memory');
  });

  it('the account is the login origin', () => {
    expect(keychainAccount({login: 'http://127.0.0.1:8787'})).toBe('http://127.0.0.1:8787');
  });
});

describe('keychain messages', () => {
  const cases: Array<[string, string]> = [
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-dbus'],
    ['Unknown or unsupported transport “disabled” for address “disabled:”', 'no-dbus'],
    [
      'The name org.freedesktop.secrets was not provided by any .service files',
      'no-secret-service',
    ],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    [
      'libsecret-1.so.0: cannot open shared object file: No such file or directory',
      'missing-library',
    ],
    ['something new', 'unknown'],
  ];
  for (const [message, state] of cases) {
    it(`"${message.slice(0, 40)}…" → ${state}`, () => {
      const problem = classifyKeychainMessage(message);
      expect(problem.state).toBe(state);
      expect(problem.cause).toBe(message);
      expect(formatProblem(problem)).toMatch(
        /^The keychain is unavailable: .+\. .+FLEXERA_REFRESH_TOKEN.+--no-keychain/,
      );
    });
  }
});
