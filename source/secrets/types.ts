/**
 * Where the refresh token lives (DESIGN.md "Secrets"): the OS keychain, FLEXERA_REFRESH_TOKEN
 * (read-only), or memory for one session. Never conf, a log, argv or an error message.
 */

type SecretStoreKind = 'keychain' | 'env' | 'memory';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** The secret stored for `account` (a login origin), or undefined when there is none. */
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  /** True when an entry was there and is gone now. */
  delete(account: string): Promise<boolean>;
  /** Where secrets go, in words ("keychain (Secret Service, service flexera-sa)"). */
  describe(): string;
}

/** The keychain service name; the account is the login origin the token belongs to. */
export const KEYCHAIN_SERVICE = 'flexera-sa';

/** The env var whose (trimmed) value wins over the keychain. */
export const TOKEN_ENV_VAR = 'FLEXERA_REFRESH_TOKEN';

export type Env = Readonly<Record<string, string | undefined>>;

/** What the keychain probe found. */
type ProbeState =
  | 'works'
  | 'no-dbus'
  | 'no-secret-service'
  /** Locked, or no default ("login") collection to store into. */
  | 'locked'
  | 'missing-library'
  | 'timed-out'
  | 'unknown';

/** Why the keychain cannot be used, and what to do about it. Carries no secret. */
export interface KeychainProblem {
  state: Exclude<ProbeState, 'works'>;
  /** One sentence: why. */
  reason: string;
  /** One sentence: what to do. */
  action: string;
  /** The keychain library's own words, when it said something. */
  cause?: string;
}

export interface ProbeResult {
  state: ProbeState;
  /** Set unless state is 'works'. */
  problem?: KeychainProblem;
}

/** The keychain, or a store standing in for it; the real keychain can also probe. */
export type KeychainLike = SecretStore & {probe?: () => Promise<ProbeResult>};

/** "The keychain is unavailable: <reason>. <action>" */
export function formatProblem(problem: KeychainProblem): string {
  return `The keychain is unavailable: ${problem.reason}. ${problem.action}`;
}

/** A keychain call failed; `problem` says why and what to do. */
export class KeychainUnavailableError extends Error {
  override name = 'KeychainUnavailableError';
  readonly problem: KeychainProblem;

  constructor(problem: KeychainProblem) {
    super(formatProblem(problem));
    this.problem = problem;
  }
}

/** A write to a store that cannot be written (FLEXERA_REFRESH_TOKEN). */
export class ReadOnlyStoreError extends Error {
  override name = 'ReadOnlyStoreError';
}
