/**
 * `flexera-sa status`: zone, endpoints, where the token comes from, whether the keychain works,
 * whether the token works, and when it expires. Never the token itself.
 */
import {FlexeraClient} from '../../api/client.js';
import type {RefreshToken} from '../../api/schemas.js';
import {ZONES} from '../../api/zones.js';
import {describeError} from '../../errors/describe.js';
import {ExitCode} from '../../exit-codes.js';
import {resolveTokenSource, type TokenSession} from '../../secrets/session.js';
import {TOKEN_ENV_VAR, formatProblem, type ProbeResult} from '../../secrets/types.js';
import {checkToken, keychainFor, type CommandOptions} from './shared.js';

export interface StatusOptions extends CommandOptions {
  /** For "in N days"; default Date.now. */
  now?: () => number;
}

const DAY_MS = 86_400_000;

function line(label: string, value: string): string {
  return `${`${label}:`.padEnd(10)}${value}\n`;
}

function tokenLine(session: TokenSession): string {
  switch (session.source) {
    case 'env':
      return `env (${TOKEN_ENV_VAR})`;
    case 'keychain':
      return `${session.store.describe()}, account ${session.account}`;
    case 'none':
      return 'none';
  }
}

function keychainLine(probe: ProbeResult | undefined, noKeychain: boolean | undefined): string {
  if (noKeychain) return 'not used (--no-keychain)';
  if (!probe) return 'not checked';
  if (!probe.problem) return 'works';
  return `unavailable: ${probe.problem.reason}`;
}

function when(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const days = Math.round((at - now) / DAY_MS);
  const relative = days > 0 ? `in ${days} days` : days === 0 ? 'today' : `${-days} days ago`;
  return `${new Date(at).toISOString()} (${relative})`;
}

/**
 * [I] GET /iam/v1/refresh-tokens lists the caller's tokens (API.md §6.10) but nothing links a
 * record to the token that made the call: the id is not derivable from the token. So: one
 * record → its expiry, exactly; several → the latest expiresAt, said as such. Under the sliding
 * rule (tokens before 2026-03-18, §2.3) the token just used is the one with the latest expiry.
 */
export function expiryLine(tokens: readonly RefreshToken[], now: number): string {
  const dated = tokens
    .map((token) => token.expiresAt)
    .filter((at): at is string => typeof at === 'string' && !Number.isNaN(Date.parse(at)))
    .sort((a, b) => Date.parse(b) - Date.parse(a));
  const latest = dated[0];
  if (latest === undefined) return 'unknown (the API lists no expiry)';
  if (tokens.length === 1) return when(latest, now);
  return `${when(latest, now)}, the latest of ${tokens.length} refresh tokens of this user (the API does not say which one this is)`;
}

export async function runStatus(options: StatusOptions): Promise<ExitCode> {
  const {endpoints, stdout, stderr} = options;
  const now = options.now ?? Date.now;
  const say = (text: string) => stderr.write(`flexera-sa: ${text}\n`);
  const zone = ZONES[endpoints.zone];

  const keychain = options.noKeychain ? undefined : keychainFor(options);
  const session = await resolveTokenSource({
    endpoints,
    env: options.env,
    noKeychain: options.noKeychain,
    keychain,
  });
  // Policy (issue 3): status always tells whether the keychain works.
  const probe = session.probe ?? (keychain?.probe ? await keychain.probe() : undefined);

  stdout.write(line('zone', `${zone.label} (${zone.region})`));
  stdout.write(line('api', `${endpoints.api}${endpoints.custom ? ' (custom)' : ''}`));
  stdout.write(line('login', `${endpoints.login}${endpoints.custom ? ' (custom)' : ''}`));
  stdout.write(line('token', tokenLine(session)));
  stdout.write(line('keychain', keychainLine(probe, options.noKeychain)));

  if (session.token === undefined) {
    const problem = session.problem ?? probe?.problem;
    if (problem) {
      stdout.write(line('works', 'no token: the keychain cannot be read'));
      say(
        `${formatProblem(problem)} (A locked or unreachable keychain cannot say whether a token is stored.)`,
      );
      return ExitCode.keychainUnavailable;
    }
    stdout.write(line('works', 'not signed in'));
    say(
      `not signed in. Run \`flexera-sa login --with-token < token.txt\`, or set ${TOKEN_ENV_VAR}.`,
    );
    return ExitCode.notSignedIn;
  }

  const client = new FlexeraClient({
    ...options.client,
    endpoints,
    env: options.env,
    credentials: {grant: 'refresh_token', refreshToken: session.token},
  });
  try {
    const checked = await checkToken(client, endpoints);
    if ('failure' in checked) {
      const {failure} = checked;
      stdout.write(
        line('works', failure.exitCode === ExitCode.refused ? 'no, refused' : 'unknown'),
      );
      say(failure.message);
      return failure.exitCode;
    }
    const {identity} = checked;
    const principal =
      identity.kind === 'user'
        ? `user ${identity.userId}`
        : identity.kind === 'service-account'
          ? `service account ${identity.serviceAccountId ?? identity.subject}`
          : 'unknown principal';
    stdout.write(line('works', `yes, ${principal}`));
    try {
      stdout.write(line('expires', expiryLine(await client.listRefreshTokens(), now())));
    } catch (error) {
      stdout.write(line('expires', `unknown (${describeError(error, endpoints).title})`));
    }
    return ExitCode.ok;
  } finally {
    await client.close();
  }
}
