/**
 * The OS keychain backend: service `flexera-sa`, account = the login origin. Every native call
 * runs in a helper process under a timeout (keytar-host.ts). Reads are by exact account only:
 * never findCredentials (it crashes on a locked keyring, notes C3).
 */
import {randomBytes} from 'node:crypto';
import process from 'node:process';
import {
  KeytarCallError,
  KeytarCrashError,
  KeytarLoadError,
  KeytarTimeoutError,
  openKeytarSession,
  type KeytarOp,
  type KeytarSession,
} from './keytar-host.js';
import {classifyKeychainMessage, problemFor} from './problems.js';
import {
  KEYCHAIN_SERVICE,
  KeychainUnavailableError,
  type Env,
  type KeychainProblem,
  type ProbeResult,
  type SecretStore,
} from './types.js';

/** gh and Gemini use 2–3 s: the Secret Service can block (notes C3, C5). */
const DEFAULT_KEYCHAIN_TIMEOUT_MS = 3000;
const DEFAULT_STARTUP_TIMEOUT_MS = 15_000;

export interface KeychainOptions {
  /** Per native call; default 3 s. */
  timeoutMs?: number;
  /** Starting the helper and loading keytar; default 15 s (a busy machine, not the keyring). */
  startupTimeoutMs?: number;
  /** Where D-Bus and HOME are read from; default process.env. */
  env?: Env;
  /** Load this module instead of keytar (tests: a path that does not exist). */
  modulePath?: string;
  /** Service name; default `flexera-sa`. */
  service?: string;
  /** A helper started ahead of time (cli/early-keychain.ts): the first call uses it. */
  session?: Promise<KeytarSession>;
}

/** Starts a keychain helper with the store's defaults, for a call that will come later. */
export function startKeychainSession(options: KeychainOptions = {}): Promise<KeytarSession> {
  return openKeytarSession({
    timeoutMs: options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS,
    startupTimeoutMs: options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
    env: options.env ?? process.env,
    modulePath: options.modulePath,
  });
}

function platformName(): string {
  switch (process.platform) {
    case 'darwin':
      return 'macOS Keychain';
    case 'win32':
      return 'Windows Credential Manager';
    default:
      return 'Secret Service';
  }
}

export class KeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly service: string;
  readonly timeoutMs: number;
  private readonly options: KeychainOptions;
  /** Set once a call timed out: later calls fail at once instead of waiting again. */
  private timedOutProblem: KeychainProblem | undefined;
  /** The helper started ahead of time, until the first call takes it. */
  private early: Promise<KeytarSession> | undefined;

  constructor(options: KeychainOptions = {}) {
    this.options = options;
    this.early = options.session;
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  }

  /** True once a native call did not answer in time (its helper was killed). */
  get timedOut(): boolean {
    return this.timedOutProblem !== undefined;
  }

  describe(): string {
    return `keychain (${platformName()}, service "${this.service}")`;
  }

  async get(account: string): Promise<string | undefined> {
    const [value] = await this.run([{op: 'get', service: this.service, account}]);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  async set(account: string, secret: string): Promise<void> {
    if (secret === '') throw new TypeError('An empty secret cannot be stored.');
    await this.run([{op: 'set', service: this.service, account, secret}]);
  }

  async delete(account: string): Promise<boolean> {
    const [value] = await this.run([{op: 'delete', service: this.service, account}]);
    return value === true;
  }

  /**
   * set → get → delete on a throwaway account, each under the timeout. A null read cannot tell
   * "no token" from "locked" (notes C3); a write can.
   */
  async probe(): Promise<ProbeResult> {
    if (this.timedOutProblem) return {state: 'timed-out', problem: this.timedOutProblem};
    const account = `probe-${randomBytes(8).toString('hex')}`;
    const value = randomBytes(12).toString('hex');
    let session: KeytarSession | undefined;
    try {
      session = await this.open();
      await session.call({op: 'set', service: this.service, account, secret: value});
      const read = await session.call({op: 'get', service: this.service, account});
      await session.call({op: 'delete', service: this.service, account});
      if (read !== value) {
        const problem = problemFor('unknown', {
          cause: 'an entry was written but could not be read back',
        });
        return {state: problem.state, problem};
      }
      return {state: 'works'};
    } catch (error) {
      const problem = this.problemOf(error);
      return {state: problem.state, problem};
    } finally {
      session?.close();
    }
  }

  private async open(): Promise<KeytarSession> {
    const early = this.early;
    this.early = undefined;
    return early ?? startKeychainSession({...this.options, timeoutMs: this.timeoutMs});
  }

  private async run(ops: KeytarOp[]): Promise<Array<string | boolean | null>> {
    if (this.timedOutProblem) throw new KeychainUnavailableError(this.timedOutProblem);
    let session: KeytarSession | undefined;
    try {
      session = await this.open();
      const results: Array<string | boolean | null> = [];
      for (const op of ops) results.push(await session.call(op));
      return results;
    } catch (error) {
      throw new KeychainUnavailableError(this.problemOf(error));
    } finally {
      session?.close();
    }
  }

  private problemOf(error: unknown): KeychainProblem {
    if (error instanceof KeytarTimeoutError) {
      this.timedOutProblem = problemFor('timed-out', {timeoutMs: error.timeoutMs});
      return this.timedOutProblem;
    }
    if (error instanceof KeytarLoadError) {
      return problemFor('missing-library', {cause: error.message});
    }
    if (error instanceof KeytarCallError) return classifyKeychainMessage(error.message);
    if (error instanceof KeytarCrashError) return problemFor('unknown', {cause: error.message});
    return problemFor('unknown', {cause: error instanceof Error ? error.message : String(error)});
  }
}

export function createKeychainStore(options: KeychainOptions = {}): KeychainStore {
  return new KeychainStore(options);
}
