import {Command, CommanderError, Option} from 'commander';
import {EndpointError, isZoneId, toOrigin, ZONE_IDS, type ZoneId} from '../api/zones.js';
import {SINCE_VALUE, parseSince, type Since} from '../events/since.js';
import {VERSION} from '../version.js';
import {COMMAND_SPECS, GROUPS, type CommandSpec} from './commands/index.js';
import {COMMON_FLAGS, FLAG_SPECS, dashed, type FlagName} from './flags.js';
import type {Invocation} from './types.js';

/**
 * The command line: DESIGN.md "The command line" is the contract; this is its one parser.
 * commander holds the command tree (commands/index.ts), parses each command's flags and arguments
 * and writes per-command help. Before it, scanFlags checks every flag so each mistake gets one line
 * that says what to do, and no value that may be a secret is ever echoed.
 */

export type {Invocation} from './types.js';

const HELP = `
  Manage Flexera One service accounts from the keyboard, or from scripts.

  Usage
    $ flexera-sa                      the interactive app (needs a terminal)
    $ flexera-sa --sandbox            the app on a built-in emulator with demo data
    $ flexera-sa login --with-token   read a refresh token from stdin, check it, keep it in the keychain
    $ flexera-sa status               zone, endpoints, where the token comes from, whether it works
    $ flexera-sa logout               remove the stored token for the zone
    $ flexera-sa emulator             run the Flexera IAM + login emulator until Ctrl+C
    $ flexera-sa doctor [--org ID]    read-only check of the service against what the app expects

  Every action of the app as a command (--json prints one JSON document; see README "Scripting")
    $ flexera-sa orgs
    $ flexera-sa accounts list|show|create|edit|delete
    $ flexera-sa roles [--privilege P]
    $ flexera-sa grants list|add|revoke [--project ID] ROLE...
    $ flexera-sa clients list|create|delete
    $ flexera-sa verify [--from FILE]
    $ flexera-sa export
    $ flexera-sa events [--since 30d|DATE] [--account ID]
    $ flexera-sa plan -f team.json    what apply would change; apply -f team.json makes it so
    $ flexera-sa completion bash|zsh|fish
    Run flexera-sa COMMAND --help for a command's flags.

  Options
    --zone nam|eu|apac     Flexera zone (default: the last one used, else nam)
    --api-url URL          custom API origin (alone: login is at the same origin)
    --login-url URL        custom login origin (alone: the API is at the same origin)
    --no-keychain          keep the token in memory only; login validates without storing
    --org ID               the org (app: open it; commands: default the last org used)
    --sandbox              run on the built-in emulator; touches no keychain and no real config
    --debug[=PATH]         write a debug log (secrets redacted) to PATH or the state directory
    --port N               emulator: NAM on N, EU on N+1, APAC on N+2 (0 = free ports)
    --host H               emulator: address to bind (default 127.0.0.1)
    --json                 one JSON document on stdout (emulator: one line with origins and tokens)
    --yes                  confirm a deletion, a revoke or a broad role without being asked
    -h, --help, --version

  Environment
    FLEXERA_REFRESH_TOKEN  a refresh token; wins over the keychain (for CI and servers)
    FLEXERA_API_URL, FLEXERA_LOGIN_URL   the env forms of --api-url and --login-url

  Exit codes
    0 ok · 1 Flexera refused · 2 usage · 3 keychain unavailable · 4 network · 5 not signed in · 130 interrupted
`;

const COMMAND_FOOTER = `
Sign in first: flexera-sa login --with-token < token.txt (or set FLEXERA_REFRESH_TOKEN).
Exit codes: 0 ok · 1 Flexera refused · 2 usage · 3 keychain unavailable · 4 network · 5 not signed in · 130 interrupted
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The flags of the app itself (no command). */
const APP_FLAGS: readonly FlagName[] = ['sandbox', 'org'];
const HELP_HINT = 'Run flexera-sa --help for the options.';
const isFlag = (key: string): key is FlagName => Object.hasOwn(FLAG_SPECS, key);
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const SHORT_FLAGS = new Map<string, FlagName>(
  (Object.keys(FLAG_SPECS) as FlagName[]).flatMap((key) => {
    const short = (FLAG_SPECS[key] as {short?: string}).short;
    return short ? [[short, key] as const] : [];
  }),
);

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
  /** Flags and their values, in order, for commander: `--debug` alone becomes `--debug=`. */
  flags: string[];
  /** Words that are not flags or flag values (the command's words, then its arguments). */
  words: string[];
  /** camelCase keys of the flags given (before `--`). */
  given: Set<FlagName>;
  help: boolean;
  version: boolean;
  /** The word right after a bare `--debug` (a path meant for it?). */
  afterDebug?: string;
  /** The first mistake found; thrown unless --help or --version was asked for. */
  error?: UsageError;
}

/**
 * Checks every flag before commander sees it, so each mistake gets one line that says what to do
 * (repeated flags, `--with-token=…`, a value that is the next flag). Values are never echoed for
 * flags that take none: they may be secrets.
 */
function scanFlags(argv: readonly string[]): Scanned {
  const flags: string[] = [];
  const words: string[] = [];
  const given = new Set<FlagName>();
  let help = false;
  let version = false;
  let afterDebug: string | undefined;
  let error: UsageError | undefined;
  const fail = (message: string) => {
    error ??= new UsageError(message);
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      words.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) {
      // Short flags: only the declared aliases (-f, -h); `-x`, `-abc` are unknown.
      const name = arg.split('=')[0]!;
      const long = SHORT_FLAGS.get(name.slice(1));
      if (!long) {
        fail(`Unknown flag ${shown(name).replace(/^"|"$/g, '')}.${suggestion(name)} ${HELP_HINT}`);
        continue;
      }
      arg = `${dashed(long)}${arg.slice(name.length)}`;
    }
    const eq = arg.indexOf('=');
    const rawName = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq === -1 ? undefined : arg.slice(eq + 1);
    const negatedKey = camel(rawName.slice(3));
    const negated =
      rawName.startsWith('no-') && isFlag(negatedKey) && FLAG_SPECS[negatedKey].type === 'boolean';
    const key = camel(negated ? rawName.slice(3) : rawName);
    if (!isFlag(key)) {
      fail(
        `Unknown flag --${shown(rawName).replace(/^"|"$/g, '')}.${suggestion(rawName)} ${HELP_HINT}`,
      );
      continue;
    }
    const spec: {type: string; value?: string; optionalValue?: boolean} = FLAG_SPECS[key];
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
      // commander knows each boolean in one form (--json, --no-keychain): pass only a change from
      // the default; `--x=false` is the flag left off.
      const on = key === 'keychain' ? negated : !negated && value !== 'false';
      if (on) flags.push(flag);
      continue;
    }
    if (given.has(key)) fail(`${flag} is given more than once; give it once.`);
    given.add(key);
    if (spec.optionalValue) {
      if (value === undefined) afterDebug = argv[i + 1];
      flags.push(value === undefined ? `${arg}=` : arg);
      continue;
    }
    if (value !== undefined) {
      // --description= is an empty description; every other value must say something.
      if (value.trim() === '' && key !== 'description')
        fail(`${flag} needs a value: ${spec.value}.`);
      flags.push(`${flag}=${value}`);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--') || next.trim() === '') {
      fail(`${flag} needs a value: ${spec.value}.`);
      continue;
    }
    flags.push(`${flag}=${next}`);
    i++;
  }
  return {flags, words, given, help, version, afterDebug, error};
}

const TOP_WORDS = [
  ...new Set(COMMAND_SPECS.map((spec) => spec.path.split(' ')[0]!)),
] as readonly string[];

interface Resolved {
  spec?: CommandSpec;
  /** A group word given alone (`accounts`). */
  group?: string;
  /** How many words name the command. */
  used: number;
}

/** Which command the words name; throws UsageError for an unknown one. */
function resolveCommand(words: readonly string[], afterDebug: string | undefined): Resolved {
  const [first, second] = words;
  if (first === undefined) return {used: 0};
  if (Object.hasOwn(GROUPS, first)) {
    const subcommands = COMMAND_SPECS.filter((s) => s.path.startsWith(`${first} `));
    if (second === undefined) return {group: first, used: 1};
    const spec = subcommands.find((s) => s.path === `${first} ${second}`);
    if (spec) return {spec, used: 2};
    const names = subcommands.map((s) => s.path.split(' ')[1]).join(', ');
    throw new UsageError(
      `Unknown command "${first}" ${shown(second)}. The ${first} commands are ${names}; run flexera-sa ${first} --help for more.`,
    );
  }
  const spec = COMMAND_SPECS.find((s) => s.path === first);
  if (spec) return {spec, used: 1};
  const debugPath = first === afterDebug ? ' To give --debug a path, write --debug=PATH.' : '';
  throw new UsageError(
    `Unknown command ${shown(first)}.${debugPath} The commands are ${TOP_WORDS.join(', ')}; run flexera-sa --help for more.`,
  );
}

function optionFor(key: FlagName): Option {
  const spec: {type: string; arg?: string; optionalValue?: boolean; short?: string} =
    FLAG_SPECS[key];
  const long = key === 'keychain' ? '--no-keychain' : dashed(key);
  const value =
    spec.type === 'boolean' ? '' : spec.optionalValue ? ` [${spec.arg}]` : ` <${spec.arg}>`;
  const short = spec.short ? `-${spec.short}, ` : '';
  return new Option(`${short}${long}${value}`, FLAG_SPECS[key].description);
}

/** Settings every command of the tree shares: errors come back to us, nothing prints by itself. */
function quiet(command: Command): Command {
  return command
    .exitOverride()
    .helpOption(false)
    .allowExcessArguments(false)
    .showSuggestionAfterError(false)
    .configureOutput({writeOut: () => undefined, writeErr: () => undefined})
    .configureHelp({sortOptions: false});
}

const flagsOf = (spec: CommandSpec | undefined): readonly FlagName[] =>
  spec ? [...spec.flags, ...COMMON_FLAGS] : [...APP_FLAGS, ...COMMON_FLAGS];

/** The command tree, from commands/index.ts. `picked` hears which command commander chose. */
function buildProgram(picked?: (spec: CommandSpec | undefined, cmd: Command) => void) {
  const program = quiet(new Command('flexera-sa'))
    .description('Manage Flexera One service accounts from the keyboard, or from scripts.')
    .enablePositionalOptions();
  for (const key of flagsOf(undefined)) program.addOption(optionFor(key));
  program.action((_options, cmd: Command) => picked?.(undefined, cmd));
  const groups = new Map<string, Command>();
  for (const spec of COMMAND_SPECS) {
    const [first, second] = spec.path.split(' ') as [string, string?];
    let parent = program;
    if (second !== undefined) {
      let group = groups.get(first);
      if (!group) {
        group = program.command(first).description(GROUPS[first] ?? '');
        groups.set(first, group);
      }
      parent = group;
    }
    const command = parent.command(second ?? first).description(spec.summary);
    for (const argument of spec.args ?? []) {
      const name = `${argument.name}${argument.variadic ? '...' : ''}`;
      command.argument(argument.required ? `<${name}>` : `[${name}]`, argument.description);
    }
    for (const key of flagsOf(spec)) command.addOption(optionFor(key));
    command.addHelpText('after', COMMAND_FOOTER);
    command.action((...params: unknown[]) => picked?.(spec, params.at(-1) as Command));
  }
  return program;
}

/** commander's own words for a mistake scanFlags let through, in ours. */
function usageFromCommander(error: CommanderError, spec: CommandSpec | undefined, extra: string[]) {
  const path = spec?.path ?? 'the app';
  switch (error.code) {
    case 'commander.excessArguments': {
      if (spec?.path === 'login') {
        return new UsageError(
          'login takes no arguments: it reads the refresh token from stdin, as in `flexera-sa login --with-token < token.txt` (never pass it as an argument).',
        );
      }
      const first = extra[0];
      return new UsageError(
        `Unexpected argument ${first ? shown(first) : ''}. Run flexera-sa ${spec?.path ?? ''} --help for usage.`.replace(
          /\s+/g,
          ' ',
        ),
      );
    }
    case 'commander.missingArgument': {
      const argument = spec?.args?.find((a) => a.required);
      return new UsageError(
        `${path} needs ${argument ? `${argument.name.toUpperCase()}${argument.variadic ? '...' : ''} (${argument.description})` : 'an argument'}. Run flexera-sa ${path} --help for usage.`,
      );
    }
    default:
      return new UsageError(`${error.message.replace(/^error: /, '')}. ${HELP_HINT}`);
  }
}

/**
 * Parses argv (without node and the script). `--help` and `--version` come back as `output` (exit
 * 0); every mistake throws UsageError with one line that says what to do.
 */
export function parseArgs(argv: string[], env: Record<string, string | undefined>): Invocation {
  const scanned = scanFlags(argv);
  if (scanned.version) return {...defaults('version'), output: `${VERSION}\n`};
  let resolved: Resolved;
  try {
    resolved = resolveCommand(scanned.words, scanned.afterDebug);
  } catch (error) {
    if (scanned.help) return {...defaults('help'), output: HELP};
    throw scanned.error ?? error;
  }
  if (scanned.help) return {...defaults('help'), output: helpFor(resolved)};
  if (scanned.error) throw scanned.error;
  if (resolved.group) {
    const names = COMMAND_SPECS.filter((s) => s.path.startsWith(`${resolved.group} `))
      .map((s) => s.path.split(' ')[1])
      .join(', ');
    throw new UsageError(
      `${resolved.group} needs a command: ${names}. Run flexera-sa ${resolved.group} --help for more.`,
    );
  }
  const {spec} = resolved;

  for (const flag of scanned.given) {
    if (!flagsOf(spec).includes(flag)) {
      const where = spec ? `"${spec.path}"` : 'the app';
      throw new UsageError(`${dashed(flag)} does not apply to ${where}. ${HELP_HINT}`);
    }
  }
  for (const flag of spec?.required ?? []) {
    if (!scanned.given.has(flag)) {
      throw new UsageError(
        `${spec!.path} needs ${dashed(flag)}: ${(FLAG_SPECS[flag] as {value?: string}).value}. Run flexera-sa ${spec!.path} --help for usage.`,
      );
    }
  }

  let cmd: Command | undefined;
  const program = buildProgram((_spec, chosen) => (cmd = chosen));
  const words = scanned.words.slice(0, resolved.used);
  const operands = scanned.words.slice(resolved.used);
  try {
    // Command words first, then the flags, then `--` and the arguments (a role cannot be a flag).
    program.parse([...words, ...scanned.flags, '--', ...operands], {from: 'user'});
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    const allowed = spec?.args?.some((a) => a.variadic) ? Infinity : (spec?.args?.length ?? 0);
    throw usageFromCommander(error, spec, operands.slice(allowed));
  }
  if (spec?.path === 'login' && !scanned.given.has('withToken')) {
    throw new UsageError(
      'login reads the refresh token from stdin: run `flexera-sa login --with-token < token.txt` (never pass it as an argument).',
    );
  }
  const options = (cmd?.opts() ?? {}) as Record<string, string | boolean | undefined>;
  const args = ((cmd?.processedArgs ?? []) as unknown[]).flatMap((a) =>
    Array.isArray(a) ? (a as string[]) : a === undefined ? [] : [String(a)],
  );
  return toInvocation(spec?.path ?? 'app', args, options, env);
}

function defaults(command: string): Invocation {
  return {
    command,
    args: [],
    keychain: true,
    sandbox: false,
    withToken: false,
    json: false,
    yes: false,
    reveal: false,
    prune: false,
  };
}

function helpFor(resolved: Resolved): string {
  if (!resolved.spec && !resolved.group) return HELP;
  const program = buildProgram();
  const words = resolved.spec ? resolved.spec.path.split(' ') : [resolved.group!];
  let command: Command = program;
  for (const word of words) command = command.commands.find((c) => c.name() === word)!;
  // helpInformation() leaves out the addHelpText footer; outputHelp() writes both.
  let text = '';
  command.configureOutput({writeOut: (chunk) => (text += chunk)});
  command.outputHelp();
  return text;
}

function choice<T extends string>(
  raw: string | undefined,
  flag: string,
  choices: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} takes one of ${choices.join(', ')}, not ${shown(raw)}.`);
}

function numericId(raw: string | undefined, flag: string, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const id = parsePositiveInt(raw);
  if (id === undefined) throw new UsageError(`${flag} takes ${what}, not ${shown(raw)}.`);
  return id;
}

function toInvocation(
  command: string,
  args: string[],
  flags: Record<string, string | boolean | undefined>,
  env: Record<string, string | undefined>,
): Invocation {
  const text = (key: string) => flags[key] as string | undefined;
  let zone: ZoneId | undefined;
  const rawZone = text('zone');
  if (rawZone !== undefined) {
    const value = rawZone.trim().toLowerCase();
    if (!isZoneId(value)) {
      throw new UsageError(`Unknown zone ${shown(rawZone)}. Use one of: ${ZONE_IDS.join(', ')}.`);
    }
    zone = value;
  }
  let port: number | undefined;
  const rawPort = text('port');
  if (rawPort !== undefined) {
    port = rawPort.trim() === '0' ? 0 : parsePositiveInt(rawPort);
    if (port === undefined || port > 65533) {
      throw new UsageError(
        `--port takes a number from 0 to 65533 (three ports N..N+2 are used), not ${shown(rawPort)}.`,
      );
    }
  }
  const name = text('name');
  if (name !== undefined && name.trim() === '') {
    throw new UsageError('--name needs a value: a service account name.');
  }
  return {
    ...defaults(command),
    args,
    zone,
    apiUrl: checkedUrl(text('apiUrl'), '--api-url', env.FLEXERA_API_URL, 'FLEXERA_API_URL'),
    loginUrl: checkedUrl(
      text('loginUrl'),
      '--login-url',
      env.FLEXERA_LOGIN_URL,
      'FLEXERA_LOGIN_URL',
    ),
    keychain: flags.keychain !== false,
    sandbox: flags.sandbox === true,
    org: numericId(text('org'), '--org', 'a numeric org id such as 1105'),
    debug: text('debug'),
    withToken: flags.withToken === true,
    port,
    host: text('host'),
    json: flags.json === true,
    yes: flags.yes === true,
    name,
    description: text('description'),
    account: numericId(text('account'), '--account', 'a numeric service account id such as 2001'),
    project: numericId(text('project'), '--project', 'a numeric project id'),
    privilege: text('privilege'),
    out: text('out'),
    format: choice(text('format'), '--format', ['env', 'json'] as const),
    reveal: flags.reveal === true,
    clientId: text('clientId')?.trim(),
    from: text('from'),
    call: choice(text('call'), '--call', ['roles', 'users', 'service-accounts'] as const),
    file: text('file'),
    plan: text('plan'),
    prune: flags.prune === true,
    since: since(text('since')),
  };
}

function since(raw: string | undefined): Since | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseSince(raw);
  if (!parsed) throw new UsageError(`--since takes ${SINCE_VALUE}, not ${shown(raw)}.`);
  return parsed;
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
