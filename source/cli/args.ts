import meow from 'meow';
import {VERSION} from '../version.js';
import {EndpointError, isZoneId, toOrigin, ZONE_IDS, type ZoneId} from '../api/zones.js';

/** The command line: DESIGN.md "The command line" is the contract; this is its one parser. */
export const COMMANDS = ['app', 'login', 'status', 'logout', 'emulator', 'doctor'] as const;
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
    $ flexera-sa doctor [--org ID]    read-only check of the service against what the app expects

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
    --json                 emulator: print one JSON line with the origins and demo tokens;
                           doctor: the report as JSON
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
  doctor: ['org', 'json'],
};
const COMMON_FLAGS = ['zone', 'apiUrl', 'loginUrl', 'keychain', 'debug', 'help', 'version'];

interface FlagSpec {
  type: 'string' | 'boolean';
  /** What the value looks like, for "--x needs a value: …". */
  value?: string;
  /** `--debug` alone is on; a value needs `=` (`--debug=PATH`). */
  optionalValue?: boolean;
}

/** Every flag the command line knows, by meow's camelCase key. */
const FLAG_SPECS: Record<string, FlagSpec> = {
  zone: {type: 'string', value: `one of ${ZONE_IDS.join(', ')}`},
  apiUrl: {type: 'string', value: 'a URL such as https://api.flexera.com'},
  loginUrl: {type: 'string', value: 'a URL such as https://login.flexera.com'},
  keychain: {type: 'boolean'},
  sandbox: {type: 'boolean'},
  org: {type: 'string', value: 'a numeric org id such as 1105'},
  debug: {type: 'string', optionalValue: true},
  withToken: {type: 'boolean'},
  port: {type: 'string', value: 'a number from 0 to 65533'},
  host: {type: 'string', value: 'an address such as 127.0.0.1'},
  json: {type: 'boolean'},
  help: {type: 'boolean'},
  version: {type: 'boolean'},
};

const dashed = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const HELP_HINT = 'Run flexera-sa --help for the options.';

/**
 * An argument as it may appear in a message: short plain words are quoted; anything else could be
 * a pasted token (`flexera-sa login --with-token eyJ…`), so only its length is told.
 */
function shown(arg: string): string {
  return /^[\w.:/@-]{1,24}$/.test(arg)
    ? `"${arg}"`
    : `(an argument of ${arg.length} characters, not shown in case it is a secret)`;
}

function distance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** "Did you mean --zone?" for a near miss (`--Zone`, `--api_url`, `--sandbx`, `-h`). */
function suggestion(name: string): string {
  const wanted = name.toLowerCase().replace(/_/g, '-').replace(/^-+/, '');
  const names = [...Object.keys(FLAG_SPECS).map(dashed), '--no-keychain'];
  const exact = names.find((known) => known.slice(2) === wanted);
  const close = names
    .map((known) => ({known, d: distance(wanted, known.slice(2))}))
    .filter(({d}) => d <= (wanted.length > 4 ? 2 : 1))
    .sort((x, y) => x.d - y.d)[0]?.known;
  const best = exact ?? close ?? (wanted === 'h' ? '--help' : wanted === 'v' ? '--version' : '');
  return best ? ` Did you mean ${best}?` : '';
}

interface Scanned {
  /** argv for meow: `--debug` alone becomes `--debug=` so it never swallows the next word. */
  argv: string[];
  /** camelCase keys of the flags given (before `--`). */
  given: Set<string>;
  help: boolean;
  version: boolean;
  /** The word right after a bare `--debug` (a path meant for it?). */
  afterDebug?: string;
  /** The first mistake found; thrown unless --help or --version was asked for. */
  error?: UsageError;
}

/**
 * Checks every flag before meow sees it, so each mistake gets one line that says what to do
 * (meow would print "Unknown flag\n--bogus", throw on a repeated flag, and silently drop the value
 * of `--with-token=…`). Values are never echoed for flags that take none: they may be secrets.
 */
function scanFlags(argv: readonly string[]): Scanned {
  const out: string[] = [];
  const given = new Set<string>();
  let help = false;
  let version = false;
  let afterDebug: string | undefined;
  let error: UsageError | undefined;
  const fail = (message: string) => {
    error ??= new UsageError(message);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      out.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) {
      // No short flags: `-h`, `-x`, `-abc`.
      const name = arg.split('=')[0]!;
      fail(`Unknown flag ${shown(name).replace(/^"|"$/g, '')}.${suggestion(name)} ${HELP_HINT}`);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq === -1 ? undefined : arg.slice(eq + 1);
    const negated =
      rawName.startsWith('no-') && FLAG_SPECS[camel(rawName.slice(3))]?.type === 'boolean';
    const key = camel(negated ? rawName.slice(3) : rawName);
    const spec = Object.hasOwn(FLAG_SPECS, key) ? FLAG_SPECS[key] : undefined;
    if (!spec) {
      fail(
        `Unknown flag --${shown(rawName).replace(/^"|"$/g, '')}.${suggestion(rawName)} ${HELP_HINT}`,
      );
      continue;
    }
    const flag = negated ? `--no-${dashed(key).slice(2)}` : dashed(key);
    if (key === 'help') help = true;
    if (key === 'version') version = true;
    if (spec.type === 'boolean') {
      if (value !== undefined && !(!negated && (value === 'true' || value === 'false'))) {
        fail(
          key === 'withToken'
            ? '--with-token takes no value: the token is read from stdin, as in `flexera-sa login --with-token < token.txt`.'
            : `${flag} takes no value.`,
        );
      }
      given.add(key);
      out.push(arg);
      continue;
    }
    if (given.has(key)) fail(`${flag} is given more than once; give it once.`);
    given.add(key);
    if (spec.optionalValue) {
      if (value === undefined) afterDebug = argv[i + 1];
      out.push(value === undefined ? `${arg}=` : arg);
      continue;
    }
    if (value !== undefined) {
      if (value.trim() === '') fail(`${flag} needs a value: ${spec.value}.`);
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--') || next.trim() === '') {
      fail(`${flag} needs a value: ${spec.value}.`);
      // Keep meow from reading the next flag as this one's value.
      out.push(`${arg}=`);
      continue;
    }
    out.push(arg, next);
    i++;
  }
  return {argv: out, given, help, version, afterDebug, error};
}

/**
 * Parses argv (without node and the script). `--help` and `--version` print and exit (meow);
 * every mistake throws UsageError with one line that says what to do.
 */
export function parseArgs(argv: string[], env: Record<string, string | undefined>): Invocation {
  const scanned = scanFlags(argv);
  let cli;
  try {
    cli = meow(HELP, {
      importMeta: import.meta,
      argv: scanned.argv,
      pkg: {name: 'flexera-sa', version: VERSION},
      // Checked by scanFlags, with better words.
      allowUnknownFlags: true,
      // meow answers --help only when it is the sole argument; here it wins wherever it is.
      autoHelp: false,
      autoVersion: false,
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
        help: {type: 'boolean', default: false},
        version: {type: 'boolean', default: false},
      },
    });
  } catch (error) {
    throw scanned.error ?? new UsageError(`${(error as Error).message} ${HELP_HINT}`);
  }
  if (scanned.help) cli.showHelp(0);
  if (scanned.version) cli.showVersion();
  if (scanned.error) throw scanned.error;

  const [name, ...extra] = cli.input;
  const command: Command = name === undefined ? 'app' : (name as Command);
  if (name !== undefined && (name === 'app' || !(COMMANDS as readonly string[]).includes(name))) {
    const commands = COMMANDS.filter((c) => c !== 'app').join(', ');
    const debugPath =
      name === scanned.afterDebug ? ' To give --debug a path, write --debug=PATH.' : '';
    throw new UsageError(
      `Unknown command ${shown(name)}.${debugPath} The commands are ${commands}; run flexera-sa --help for more.`,
    );
  }
  if (extra.length > 0) {
    throw new UsageError(
      command === 'login'
        ? 'login takes no arguments: it reads the refresh token from stdin, as in `flexera-sa login --with-token < token.txt` (never pass it as an argument).'
        : `Unexpected argument ${shown(extra[0]!)}. Run flexera-sa --help for usage.`,
    );
  }

  for (const flag of scanned.given) {
    if (!COMMON_FLAGS.includes(flag) && !COMMAND_FLAGS[command].includes(flag)) {
      const where = command === 'app' ? 'the app' : `"${command}"`;
      throw new UsageError(`${dashed(flag)} does not apply to ${where}. ${HELP_HINT}`);
    }
  }

  const flags = cli.flags;
  let zone: ZoneId | undefined;
  if (flags.zone !== undefined) {
    const value = flags.zone.trim().toLowerCase();
    if (!isZoneId(value)) {
      throw new UsageError(
        `Unknown zone ${shown(flags.zone)}. Use one of: ${ZONE_IDS.join(', ')}.`,
      );
    }
    zone = value;
  }

  let org: number | undefined;
  if (flags.org !== undefined) {
    org = parsePositiveInt(flags.org);
    if (org === undefined) {
      throw new UsageError(`--org takes a numeric org id such as 1105, not ${shown(flags.org)}.`);
    }
  }

  let port: number | undefined;
  if (flags.port !== undefined) {
    port = flags.port.trim() === '0' ? 0 : parsePositiveInt(flags.port);
    if (port === undefined || port > 65533) {
      throw new UsageError(
        `--port takes a number from 0 to 65533 (three ports N..N+2 are used), not ${shown(flags.port)}.`,
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
    apiUrl: checkedUrl(flags.apiUrl, '--api-url', env.FLEXERA_API_URL, 'FLEXERA_API_URL'),
    loginUrl: checkedUrl(flags.loginUrl, '--login-url', env.FLEXERA_LOGIN_URL, 'FLEXERA_LOGIN_URL'),
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

/** The flag wins over the env var; a bad URL is named by where it came from. */
function checkedUrl(
  flag: string | undefined,
  flagName: string,
  fromEnv: string | undefined,
  envName: string,
): string | undefined {
  const [value, name] = flag !== undefined ? [flag, flagName] : [fromEnv || undefined, envName];
  if (value === undefined) return undefined;
  try {
    toOrigin(value, name);
  } catch (error) {
    if (error instanceof EndpointError) throw new UsageError(error.message);
    throw error;
  }
  return value;
}

function parsePositiveInt(raw: string): number | undefined {
  const text = raw.trim();
  if (!/^\d{1,15}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}
