/**
 * Pieces shared by `login`, `status` and `logout`: the options they take, the words for a zone,
 * reading stdin, and turning a failed token check into an exit code and a sentence.
 */
import type {FlexeraClient, FlexeraClientOptions} from '../../api/client.js';
import {
  ApiError,
  NetworkError,
  RequestError,
  ResponseShapeError,
  TimeoutError,
} from '../../api/errors.js';
import {ZONE_IDS, ZONES, type Endpoints} from '../../api/zones.js';
import type {Preferences} from '../../config/preferences.js';
import {describeError} from '../../errors/describe.js';
import {ExitCode} from '../../exit-codes.js';
import {createKeychainStore} from '../../secrets/keychain.js';
import type {Env, KeychainLike} from '../../secrets/types.js';

/** Where a command writes: process.stdout / stderr, or a test's collector. */
export interface Output {
  write(text: string): unknown;
}

export interface CommandOptions {
  endpoints: Endpoints;
  stdout: Output;
  stderr: Output;
  /** FLEXERA_REFRESH_TOKEN and the proxy variables are read here (never process.env directly). */
  env: Env;
  /** --no-keychain: the keychain is not touched. */
  noKeychain?: boolean;
  /** Builds the keychain store; default the OS keychain reached through `env`. */
  storeFactory?: () => KeychainLike;
  /** Per native keychain call; default 3 s. */
  keychainTimeoutMs?: number;
  /** Client tuning (tests: an instant clock, no retries). */
  client?: Pick<
    FlexeraClientOptions,
    'timeoutMs' | 'retry' | 'clock' | 'random' | 'log' | 'onSecret'
  >;
  /** Remembered on success (the last zone used); optional. */
  preferences?: Preferences;
}

export function keychainFor(options: CommandOptions): KeychainLike {
  return options.storeFactory
    ? options.storeFactory()
    : createKeychainStore({env: options.env, timeoutMs: options.keychainTimeoutMs});
}

/** "NAM (https://login.flexera.com)" — the zone and the host the token is checked at. */
export function whereLabel(endpoints: Endpoints): string {
  return `${ZONES[endpoints.zone].label} (${endpoints.login})`;
}

/** The hint after a refusal: orgs live in one zone, and a token only works in its own. */
function otherZonesHint(endpoints: Endpoints): string {
  if (endpoints.custom) {
    return 'Is the token for another zone or another login host (--login-url)?';
  }
  const others = ZONE_IDS.filter((zone) => zone !== endpoints.zone).map((zone) => `--zone ${zone}`);
  return `Is your org in another zone? Try ${others.join(' or ')}.`;
}

const MAX_TOKEN_BYTES = 64 * 1024;

export class StdinError extends Error {
  override name = 'StdinError';
}

/** Reads all of stdin (a refresh token, never argv), trimmed. */
export async function readSecretFromStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_TOKEN_BYTES) {
      throw new StdinError('stdin holds more than 64 KiB: that is not a refresh token.');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

export interface CheckFailure {
  exitCode: ExitCode;
  /** What happened, one or two sentences; no secret. */
  message: string;
}

/** Does the token work? Its exchange, then who it is; a failure as an exit code and words. */
export async function checkToken(
  client: FlexeraClient,
  endpoints: Endpoints,
): Promise<{identity: Awaited<ReturnType<FlexeraClient['identity']>>} | {failure: CheckFailure}> {
  try {
    await client.tokens.getAccessToken();
    return {identity: await client.identity()};
  } catch (error) {
    return {failure: checkFailure(error, endpoints)};
  }
}

/** A failed token check (or a failed call) as an exit code and words. */
export function checkFailure(error: unknown, endpoints: Endpoints): CheckFailure {
  if (error instanceof ApiError && error.status !== 429 && error.status < 500) {
    const server = error.serverMessage ? `: ${error.serverMessage}` : '';
    return {
      exitCode: ExitCode.refused,
      message: `The token was refused by ${whereLabel(endpoints)} (${error.status}${server}). ${otherZonesHint(endpoints)}`,
    };
  }
  if (
    error instanceof ApiError ||
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    error instanceof ResponseShapeError
  ) {
    const words = describeError(error, endpoints);
    // A network failure's detail only names the endpoint; a server's says what it answered.
    const detail =
      error instanceof ApiError || error instanceof ResponseShapeError ? words.detail : undefined;
    return {
      exitCode: ExitCode.network,
      message: `Could not check the token: ${words.title}${detail ? ` (${detail})` : ''}. Check your connection or proxy (HTTPS_PROXY) and try again.`,
    };
  }
  if (error instanceof RequestError) {
    return {exitCode: ExitCode.network, message: `Could not check the token: ${error.message}`};
  }
  throw error;
}
