import meow from 'meow';
import {VERSION} from '../version.js';
import {isZoneId, ZONE_IDS, type ZoneId} from '../api/zones.js';

/** The command line: DESIGN.md "The command line" is the contract; this is its one parser. */
export const COMMANDS = ['app', 'login', 'status', 'logout', 'emulator'] as const;
export type Command = (typeof COMMANDS)[number];

export const HELP = `
  Manage Flexera One service accounts from the keyboard.

  Usage
    $ flexera-sa                      the interactive app (needs a terminal)
    $ flexera-sa --sandbox            the app on a built-in emulator with demo data
    $ flexera-sa login --with-token   read a refresh token from stdin, check it, keep it in the keychain
    $ flexera-sa status               zone, endpoints, where the token comes from, whether it works
    $ flexera-sa logout               remove the stored token for the zone
    $ flexera-sa emulator             run the Flexera IAM + login emulator until Ctrl+C

  Options
    --zone nam|eu|apac     Flexera zone (default: the last one used, else nam)
    --api-url URL          custom API origin (alone: login is at the same origin)
    --login-url URL        custom login origin (alone: the API is at the same origin)
    --no-keychain          keep the token in memory only; login validates without storing
    --org ID               open this org (app)
    --sandbox              run on the built-in emulator; touches no keychain and no real config
    --debug[=PATH]         write a debug log (secrets redacted) to PATH or the state directory
    --port N               emulator: NAM on N, EU on N+1, APAC on N+2 (0 = free ports)
    --host H               emulator: address to bind (default 127.0.0.1)
    --json                 emulator: print one JSON line with the origins and demo tokens
    --help, --version

  Environment
    FLEXERA_REFRESH_TOKEN  a refresh token; wins over the keychain (for CI and servers)
    FLEXERA_API_URL, FLEXERA_LOGIN_URL   the env forms of --api-url and --login-url

  Exit codes
    0 ok · 1 Flexera refused · 2 usage · 3 keychain unavailable · 4 network · 5 not signed in · 130 interrupted
`;

export interface Invocation {
  command: Command;
  /** undefined = not given: the caller falls back to the last zone used, then nam. */
  zone?: ZoneId;
  apiUrl?: string;
  loginUrl?: string;
  keychain: boolean;
  sandbox: boolean;
  org?: number;
  /** undefined = off; '' = on, default path. */
  debug?: string;
  withToken: boolean;
  port?: number;
  host?: string;
  json: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Flags that only make sense for some commands; anything else given to them is a usage error. */
const COMMAND_FLAGS: Record<Command, readonly string[]> = {
  app: ['sandbox', 'org'],
  login: ['withToken'],
  status: [],
  logout: [],
  emulator: ['port', 'host', 'json'],
};
const COMMON_FLAGS = ['zone', 'apiUrl', 'loginUrl', 'keychain', 'debug', 'help', 'version'];

const FLAG_NAMES: Record<string, string> = {
  withToken: '--with-token',
  sandbox: '--sandbox',
  org: '--org',
  port: '--port',
  host: '--host',
  json: '--json',
};

/**
 * Parses argv (without node and the script). Unknown flags make meow print its message and exit 2;
 * every other mistake throws UsageError with a message that says what to do.
 */
export function parseArgs(argv: string[], env: Record<string, string | undefined>): Invocation {
  const cli = meow(HELP, {
    importMeta: import.meta,
    argv,
    pkg: {name: 'flexera-sa', version: VERSION},
    allowUnknownFlags: false,
    description: false,
    flags: {
      zone: {type: 'string'},
      apiUrl: {type: 'string'},
      loginUrl: {type: 'string'},
      keychain: {type: 'boolean', default: true},
      sandbox: {type: 'boolean', default: false},
      org: {type: 'string'},
      debug: {type: 'string'},
      withToken: {type: 'boolean', default: false},
      port: {type: 'string'},
      host: {type: 'string'},
      json: {type: 'boolean', default: false},
    },
  });

  const [name, ...extra] = cli.input;
  const command: Command = name === undefined ? 'app' : (name as Command);
  if (name !== undefined && (name === 'app' || !(COMMANDS as readonly string[]).includes(name))) {
    throw new UsageError(`Unknown command "${name}". Run flexera-sa --help for the commands.`);
  }
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument "${extra[0]}". Run flexera-sa --help for usage.`);
  }

  const given = new Set(
    argv
      .filter((arg) => arg.startsWith('--'))
      .map((arg) => arg.slice(2).split('=')[0]!.replace(/^no-/, ''))
      .map((flag) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())),
  );
  for (const flag of given) {
    if (!COMMON_FLAGS.includes(flag) && !COMMAND_FLAGS[command].includes(flag)) {
      const where = command === 'app' ? 'the app' : `"${command}"`;
      throw new UsageError(`${FLAG_NAMES[flag] ?? `--${flag}`} does not apply to ${where}.`);
    }
  }

  const flags = cli.flags;
  let zone: ZoneId | undefined;
  if (flags.zone !== undefined) {
    const value = flags.zone.trim().toLowerCase();
    if (!isZoneId(value)) {
      throw new UsageError(`Unknown zone "${flags.zone}". Use one of: ${ZONE_IDS.join(', ')}.`);
    }
    zone = value;
  }

  let org: number | undefined;
  if (flags.org !== undefined) {
    org = parsePositiveInt(flags.org);
    if (org === undefined) {
      throw new UsageError(`--org takes a numeric org id such as 1105, not "${flags.org}".`);
    }
  }

  let port: number | undefined;
  if (flags.port !== undefined) {
    port = flags.port.trim() === '0' ? 0 : parsePositiveInt(flags.port);
    if (port === undefined || port > 65533) {
      throw new UsageError(
        `--port takes a number from 0 to 65533 (three ports N..N+2 are used), not "${flags.port}".`,
      );
    }
  }

  if (command === 'login' && !flags.withToken) {
    throw new UsageError(
      'login reads the refresh token from stdin: run `flexera-sa login --with-token < token.txt` (never pass it as an argument).',
    );
  }

  return {
    command,
    zone,
    apiUrl: flags.apiUrl ?? (env.FLEXERA_API_URL || undefined),
    loginUrl: flags.loginUrl ?? (env.FLEXERA_LOGIN_URL || undefined),
    keychain: flags.keychain,
    sandbox: flags.sandbox,
    org,
    debug: flags.debug,
    withToken: flags.withToken,
    port,
    host: flags.host,
    json: flags.json,
  };
}

function parsePositiveInt(raw: string): number | undefined {
  const text = raw.trim();
  if (!/^\d{1,15}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}
