/**
 * What every non-interactive command needs before it runs, decided the same way the app decides
 * it: preferences, endpoints, the debug log; and for the API commands a signed-in client, the
 * org, and one place that turns a failure into words and an exit code.
 */
import {FlexeraClient} from '../api/client.js';
import {
  ApiError,
  NetworkError,
  RequestError,
  ResponseShapeError,
  TimeoutError,
} from '../api/errors.js';
import {EndpointError, resolveEndpoints, type Endpoints} from '../api/zones.js';
import {ConfigError, openPreferences, type Preferences} from '../config/index.js';
import {DebugLogError, openDebugLog, type DebugLog} from '../debug/index.js';
import {describeError} from '../errors/describe.js';
import {ExitCode} from '../exit-codes.js';
import {SecretFileError} from '../handoff/secret-file.js';
import {resolveTokenSource} from '../secrets/session.js';
import {TOKEN_ENV_VAR, formatProblem} from '../secrets/types.js';
import {inert} from '../ui/text.js';
import {runLogin} from './commands/login.js';
import {runLogout} from './commands/logout.js';
import {checkFailure} from './commands/shared.js';
import {runStatus} from './commands/status.js';
import {CommandFailure, say} from './output.js';
import type {CommandIo, CommandRun, Invocation} from './types.js';

export interface Prepared {
  preferences?: Preferences;
  endpoints: Endpoints;
  debugLog?: DebugLog;
}

/**
 * Preferences, endpoints and the debug log, or the exit code of a mistake (already said). A broken
 * config file stops only `needConfig` commands; the others say so and go on without it.
 */
async function prepare(
  invocation: Invocation,
  io: CommandIo,
  needConfig: boolean,
): Promise<Prepared | number> {
  let preferences: Preferences | undefined;
  try {
    preferences = openPreferences({env: io.env});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(io, error.message);
    if (needConfig) return ExitCode.usage;
  }
  let endpoints;
  try {
    endpoints = resolveEndpoints({
      zone: invocation.zone ?? preferences?.zone ?? 'nam',
      apiUrl: invocation.apiUrl,
      loginUrl: invocation.loginUrl,
    });
  } catch (error) {
    if (!(error instanceof EndpointError)) throw error;
    say(io, error.message);
    return ExitCode.usage;
  }
  let debugLog: DebugLog | undefined;
  if (invocation.debug !== undefined) {
    try {
      debugLog = openDebugLog({path: invocation.debug || undefined, env: io.env});
    } catch (error) {
      if (!(error instanceof DebugLogError)) throw error;
      say(io, error.message);
      return ExitCode.usage;
    }
    say(io, `debug log (secrets redacted): ${debugLog.path}`);
  }
  return {preferences, endpoints, debugLog};
}

/** login / status / logout: the session commands for scripts, CI and our tests. */
export function runAccountCommand(command: 'login' | 'status' | 'logout'): CommandRun {
  return async (invocation, io) => {
    const prepared = await prepare(invocation, io, command === 'login');
    if (typeof prepared === 'number') return prepared;
    const {preferences, endpoints, debugLog} = prepared;
    const {stdout, stderr, stdin, env} = io;
    const common = {
      endpoints,
      stdout,
      stderr,
      env,
      noKeychain: !invocation.keychain,
      preferences,
      client: debugLog ? {log: debugLog.log} : undefined,
    };
    try {
      switch (command) {
        case 'login':
          return await runLogin({...common, stdin});
        case 'status':
          return await runStatus(common);
        default:
          return await runLogout(common);
      }
    } finally {
      await debugLog?.close();
    }
  };
}

/** What an API command works with. */
export interface ApiContext {
  client: FlexeraClient;
  endpoints: Endpoints;
  preferences?: Preferences;
  invocation: Invocation;
  io: CommandIo;
  /** --org, else the last org used in this zone; a usage failure when neither is known. */
  orgId(): number;
}

/**
 * Runs a command that needs the endpoints but no sign-in (verify). Whatever it throws becomes one
 * line on stderr and the exit code of the README table.
 */
export async function withEndpoints(
  invocation: Invocation,
  io: CommandIo,
  body: (prepared: Prepared) => Promise<number>,
): Promise<number> {
  const prepared = await prepare(invocation, io, false);
  if (typeof prepared === 'number') return prepared;
  try {
    return await body(prepared);
  } catch (error) {
    return report(io, error, prepared.endpoints);
  } finally {
    await prepared.debugLog?.close();
  }
}

/**
 * Runs an API command with a client signed in as the stored (or env) refresh token. Whatever it
 * throws becomes one line on stderr and the exit code of the README table.
 */
export function withApi(
  invocation: Invocation,
  io: CommandIo,
  body: (context: ApiContext) => Promise<number>,
): Promise<number> {
  return withEndpoints(invocation, io, async ({preferences, endpoints, debugLog}) => {
    const session = await resolveTokenSource({
      endpoints,
      env: io.env,
      noKeychain: !invocation.keychain,
    });
    if (session.token === undefined) {
      if (session.problem) {
        say(io, formatProblem(session.problem));
        return ExitCode.keychainUnavailable;
      }
      say(
        io,
        `not signed in. Run \`flexera-sa login --with-token < token.txt\`, or set ${TOKEN_ENV_VAR}.`,
      );
      return ExitCode.notSignedIn;
    }
    const client = new FlexeraClient({
      endpoints,
      env: io.env,
      log: debugLog?.log,
      credentials: {grant: 'refresh_token', refreshToken: session.token},
      // A rotated refresh token replaces the stored one, as in the app.
      onRefreshTokenChanged:
        session.source === 'keychain'
          ? (token) => void session.store.set(session.account, token).catch(() => undefined)
          : undefined,
    });
    if (debugLog) for (const secret of client.tokens.secrets()) debugLog.addKnownSecret(secret);
    const lastOrg = preferences?.lastOrg(endpoints.zone);
    const context: ApiContext = {
      client,
      endpoints,
      preferences,
      invocation,
      io,
      orgId: () => {
        const id = invocation.org ?? lastOrg?.id;
        if (id === undefined) {
          throw new CommandFailure(
            'Name the org with --org ID (flexera-sa orgs lists yours); next time the last one used is the default.',
          );
        }
        return id;
      },
    };
    try {
      const code = await body(context);
      if (code === ExitCode.ok) await rememberOrg(context, lastOrg?.id);
      return code;
    } finally {
      await client.close();
    }
  });
}

/** --org becomes the last org used (the app's picker does the same), so the next run may omit it. */
async function rememberOrg(context: ApiContext, lastOrgId: number | undefined): Promise<void> {
  const {invocation, preferences, client, endpoints} = context;
  if (!preferences || invocation.org === undefined || invocation.org === lastOrgId) return;
  try {
    const org = await client.getOrg(invocation.org);
    preferences.rememberOrg(endpoints.zone, {id: org.id, name: org.name.slice(0, 200)});
  } catch {
    // Only a default for next time: a failure here changes nothing that was done.
  }
}

/** The exit code of the README table for a failed request (or undefined: not a request's). */
export function exitCodeOf(error: unknown): number | undefined {
  if (error instanceof ApiError) {
    return error.status === 429 || error.status >= 500 ? ExitCode.network : ExitCode.refused;
  }
  if (error instanceof RequestError) return ExitCode.network;
  return undefined;
}

/** A failed request in the words of errors/describe.ts (no stack, no secret). */
export function failureWords(error: unknown, endpoints: Endpoints): string {
  if (error instanceof ApiError && (error.status === 401 || error.template === '/oidc/token')) {
    return checkFailure(error, endpoints).message;
  }
  if (
    error instanceof RequestError &&
    !(
      error instanceof ApiError ||
      error instanceof NetworkError ||
      error instanceof TimeoutError ||
      error instanceof ResponseShapeError
    )
  ) {
    return error.message;
  }
  const words = describeError(error, endpoints, 'command');
  const detail = words.detail ? ` (${words.detail})` : '';
  return `${words.title}${detail}. ${words.action ?? ''}`.trim();
}

/** A failure as one line on stderr (inert: server words may hold control characters). */
export function report(io: CommandIo, error: unknown, endpoints: Endpoints): number {
  if (error instanceof CommandFailure || error instanceof SecretFileError) {
    say(io, inert(error.message));
    return error instanceof CommandFailure ? error.exitCode : ExitCode.usage;
  }
  const code = exitCodeOf(error);
  if (code === undefined) throw error;
  say(io, inert(failureWords(error, endpoints)));
  return code;
}
