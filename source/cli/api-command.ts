/**
 * The API commands' frame: a client signed in as the stored (or env) refresh token, the org, and
 * one place that turns a failure into words (errors/describe.ts) and an exit code.
 */
import {FlexeraClient} from '../api/client.js';
import {
  ApiError,
  NetworkError,
  RequestError,
  ResponseShapeError,
  TimeoutError,
} from '../api/errors.js';
import type {Endpoints} from '../api/zones.js';
import type {Preferences} from '../config/index.js';
import {describeError} from '../errors/describe.js';
import {ExitCode} from '../exit-codes.js';
import {SecretFileError} from '../handoff/secret-file.js';
import {resolveTokenSource} from '../secrets/session.js';
import {TOKEN_ENV_VAR, formatProblem} from '../secrets/types.js';
import {inert} from '../ui/text.js';
import {checkFailure} from './commands/shared.js';
import {CommandFailure, say} from './output.js';
import {prepare, type Prepared} from './prepare.js';
import type {CommandIo, Invocation} from './types.js';

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
      // Every secret the transport sees (tokens, a minted secret) is redacted from the log.
      onSecret: debugLog?.addKnownSecret,
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
  const detail = words.detail ? ` (${words.detail.replace(/\.$/, '')})` : '';
  return `${words.title}${detail}. ${words.action ?? ''}`.trim();
}

/** A failure as one line on stderr (inert: server words may hold control characters). */
function report(io: CommandIo, error: unknown, endpoints: Endpoints): number {
  if (error instanceof CommandFailure || error instanceof SecretFileError) {
    say(io, inert(error.message));
    return error instanceof CommandFailure ? error.exitCode : ExitCode.usage;
  }
  const code = exitCodeOf(error);
  if (code === undefined) throw error;
  say(io, inert(failureWords(error, endpoints)));
  return code;
}
