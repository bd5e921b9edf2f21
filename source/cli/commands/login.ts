/**
 * `flexera-sa login --with-token`: reads a refresh token from stdin, checks it by exchanging it
 * for an access token, then keeps it in the keychain under the login origin. A refused token is
 * never stored, so it cannot replace a stored one. No plaintext fallback: without a working
 * keychain the token is written nowhere (exit 3).
 */
import {FlexeraClient} from '../../api/client.js';
import type {Identity} from '../../api/auth.js';
import {ExitCode} from '../../exit-codes.js';
import {envToken} from '../../secrets/env.js';
import {keychainAccount} from '../../secrets/session.js';
import {KeychainUnavailableError, TOKEN_ENV_VAR, formatProblem} from '../../secrets/types.js';
import {
  StdinError,
  checkFailure,
  readSecretFromStdin,
  keychainFor,
  whereLabel,
  type CommandOptions,
} from './shared.js';

export interface LoginOptions extends CommandOptions {
  /** The refresh token comes from here, never from argv. */
  stdin: NodeJS.ReadableStream;
}

function who(identity: Identity): string {
  switch (identity.kind) {
    case 'user':
      return `user ${identity.userId}`;
    case 'service-account':
      return `service account ${identity.serviceAccountId ?? identity.subject}`;
    default:
      return 'an unknown principal';
  }
}

export async function runLogin(options: LoginOptions): Promise<ExitCode> {
  const {endpoints, stdout, stderr} = options;
  const say = (text: string) => stderr.write(`flexera-sa: ${text}\n`);

  if ((options.stdin as {isTTY?: boolean}).isTTY) {
    // Typed at a terminal, the token would be echoed and kept in scrollback.
    say(
      'login --with-token reads the token from a pipe or a file, not a terminal: run `flexera-sa login --with-token < token.txt`, or sign in from the app.',
    );
    return ExitCode.usage;
  }
  let token: string;
  try {
    token = await readSecretFromStdin(options.stdin);
  } catch (error) {
    if (error instanceof StdinError) {
      say(error.message);
      return ExitCode.usage;
    }
    throw error;
  }
  if (token === '') {
    say(
      'no token on stdin. Run `flexera-sa login --with-token < token.txt` (the refresh token from Flexera One, User Settings → API Credentials).',
    );
    return ExitCode.usage;
  }
  if (/\s/.test(token)) {
    say('stdin holds more than one word; give only the refresh token.');
    return ExitCode.usage;
  }

  // The login host may hand back another refresh token (API.md §2.2): keep the latest.
  let latest = token;
  const client = new FlexeraClient({
    ...options.client,
    endpoints,
    env: options.env,
    credentials: {grant: 'refresh_token', refreshToken: token},
    onRefreshTokenChanged: (refreshToken) => {
      latest = refreshToken;
    },
  });
  let identity: Identity;
  try {
    await client.tokens.getAccessToken();
    identity = await client.identity();
  } catch (error) {
    const failure = checkFailure(error, endpoints);
    const kept =
      failure.exitCode === ExitCode.refused
        ? ' Nothing was stored; a token stored before is unchanged.'
        : '';
    say(`${failure.message}${kept}`);
    return failure.exitCode;
  } finally {
    await client.close();
  }

  const account = keychainAccount(endpoints);
  const works = `The token works: ${who(identity)} at ${whereLabel(endpoints)}.`;
  if (options.noKeychain) {
    stdout.write(
      `${works}\nIt was not stored (--no-keychain). To use it without the keychain, set ${TOKEN_ENV_VAR}.\n`,
    );
    return ExitCode.ok;
  }

  const keychain = keychainFor(options);
  const notStored = 'The token works, but it was not stored anywhere.';
  if (keychain.probe) {
    const probe = await keychain.probe();
    if (probe.problem) {
      say(`${notStored} ${formatProblem(probe.problem)}`);
      return ExitCode.keychainUnavailable;
    }
  }
  try {
    await keychain.set(account, latest);
    // Read it back: the keychain must really hold it before we say so.
    if ((await keychain.get(account)) !== latest) {
      say(`${notStored} The keychain accepted it but did not give it back.`);
      return ExitCode.keychainUnavailable;
    }
  } catch (error) {
    if (error instanceof KeychainUnavailableError) {
      say(`${notStored} ${error.message}`);
      return ExitCode.keychainUnavailable;
    }
    throw error;
  }

  try {
    options.preferences?.setZone(endpoints.zone);
  } catch (error) {
    say(
      `note: the zone was not remembered: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  stdout.write(
    `Signed in: ${who(identity)} at ${whereLabel(endpoints)}.\nThe token is stored in the ${keychain.describe()}, account ${account}.\n`,
  );
  if (envToken(options.env) !== undefined) {
    say(`note: ${TOKEN_ENV_VAR} is set, and wins over the keychain while it is.`);
  }
  return ExitCode.ok;
}
