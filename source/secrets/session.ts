/**
 * Which refresh token a session uses: FLEXERA_REFRESH_TOKEN (wins) > the keychain > none.
 * The app (at start, for the footer) and `status` both decide here.
 */
import type {Endpoints} from '../api/zones.js';
import {createEnvStore, envToken} from './env.js';
import {createKeychainStore} from './keychain.js';
import {createMemoryStore} from './memory.js';
import {
  KeychainUnavailableError,
  type Env,
  type KeychainLike,
  type KeychainProblem,
  type ProbeResult,
  type SecretStore,
} from './types.js';

type TokenSource = 'env' | 'keychain' | 'none';

export interface TokenSession {
  source: TokenSource;
  /** The refresh token, when one was found. Never print it. */
  token?: string;
  /**
   * Where this session's token lives and where a sign-in will keep one: the env store (read-only),
   * the keychain, or memory (--no-keychain). With `problem` set it is the keychain that failed:
   * nothing falls back silently; the caller says so and may offer memory for this run.
   */
  store: SecretStore;
  /** The keychain account: the login origin the token belongs to. */
  account: string;
  /** Why the keychain could not be used. */
  problem?: KeychainProblem;
  /** What the probe found, when it ran (only after a keychain miss or failure). */
  probe?: ProbeResult;
}

export interface ResolveTokenOptions {
  endpoints: Pick<Endpoints, 'login'>;
  env: Env;
  /** --no-keychain or the sandbox: memory only, the keychain is not touched. */
  noKeychain?: boolean;
  /** The keychain to use (tests: timeouts); default the OS keychain reached through `env`. */
  keychain?: KeychainLike;
}

/** The keychain account a token is stored under: its login origin, so zones never mix. */
export function keychainAccount(endpoints: Pick<Endpoints, 'login'>): string {
  return endpoints.login;
}

/**
 * Policy (issue 3): read the exact entry; only when that read fails or finds nothing, probe, so
 * a locked keyring (which reads as "no token") is told apart from an empty one.
 */
export async function resolveTokenSource(options: ResolveTokenOptions): Promise<TokenSession> {
  const account = keychainAccount(options.endpoints);
  const fromEnv = envToken(options.env);
  if (fromEnv !== undefined) {
    return {source: 'env', token: fromEnv, store: createEnvStore(options.env), account};
  }
  if (options.noKeychain) {
    return {source: 'none', store: createMemoryStore(), account};
  }

  const keychain = options.keychain ?? createKeychainStore({env: options.env});
  try {
    const token = await keychain.get(account);
    if (token !== undefined) return {source: 'keychain', token, store: keychain, account};
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    const {problem} = error;
    // Probing again would only wait again or fail the same way.
    if (problem.state === 'timed-out' || problem.state === 'missing-library') {
      return {
        source: 'none',
        store: keychain,
        account,
        problem,
        probe: {state: problem.state, problem},
      };
    }
  }
  if (!keychain.probe) return {source: 'none', store: keychain, account};
  const probe = await keychain.probe();
  return {source: 'none', store: keychain, account, problem: probe.problem, probe};
}
