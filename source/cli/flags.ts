/**
 * Every flag the command line knows (camelCase key → how it is written and read). The parser,
 * help and completion read this table; which command takes which flag is in commands/index.ts.
 */
import {ZONE_IDS} from '../api/zones.js';
import {SINCE_VALUE} from '../events/since.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** The value's name in help: `--org <id>`. */
  arg?: string;
  description: string;
  /** What the value looks like, for "--x needs a value: …" and help. */
  value?: string;
  /** `--debug` alone is on; a value needs `=` (`--debug=PATH`). */
  optionalValue?: boolean;
  /** A one-letter alias (`-f`); every other short flag is unknown. */
  short?: string;
  choices?: readonly string[];
}

export const FLAG_SPECS = {
  zone: {
    type: 'string',
    arg: 'zone',
    value: `one of ${ZONE_IDS.join(', ')}`,
    choices: ZONE_IDS,
    description: 'Flexera zone (default: the last one used, else nam)',
  },
  apiUrl: {
    type: 'string',
    arg: 'url',
    value: 'a URL such as https://api.flexera.com',
    description: 'custom API origin (alone: login is at the same origin)',
  },
  loginUrl: {
    type: 'string',
    arg: 'url',
    value: 'a URL such as https://login.flexera.com',
    description: 'custom login origin (alone: the API is at the same origin)',
  },
  keychain: {
    type: 'boolean',
    description: 'keep the token in memory only (--no-keychain); login validates without storing',
  },
  debug: {
    type: 'string',
    arg: 'path',
    optionalValue: true,
    description: 'write a debug log (secrets redacted) to PATH or the state directory',
  },
  help: {type: 'boolean', short: 'h', description: 'show help'},
  version: {type: 'boolean', description: 'show the version'},
  sandbox: {
    type: 'boolean',
    description: 'run on the built-in emulator; touches no keychain and no real config',
  },
  org: {
    type: 'string',
    arg: 'id',
    value: 'a numeric org id such as 1105',
    description: 'the org (default: the last org used in this zone)',
  },
  withToken: {type: 'boolean', description: 'read the refresh token from stdin'},
  port: {
    type: 'string',
    arg: 'n',
    value: 'a number from 0 to 65533',
    description: 'emulator: NAM on N, EU on N+1, APAC on N+2 (0 = free ports)',
  },
  host: {
    type: 'string',
    arg: 'address',
    value: 'an address such as 127.0.0.1',
    description: 'emulator: address to bind (default 127.0.0.1)',
  },
  json: {type: 'boolean', description: 'print one JSON document on stdout'},
  yes: {
    type: 'boolean',
    description: 'confirm a deletion, a revoke or a broad role without being asked',
  },
  name: {
    type: 'string',
    arg: 'name',
    value: 'a service account name',
    description: 'service account name',
  },
  description: {
    type: 'string',
    arg: 'text',
    value: 'a text (may be empty: --description=)',
    description: 'service account description',
  },
  account: {
    type: 'string',
    arg: 'id',
    value: 'a numeric service account id such as 2001',
    description: 'the service account (its id; accounts list shows them)',
  },
  project: {
    type: 'string',
    arg: 'id',
    value: 'a numeric project id',
    description: 'grant or revoke on this project instead of the whole org',
  },
  privilege: {
    type: 'string',
    arg: 'privilege',
    value: 'a privilege or words such as "iam:user:index" or "users"',
    description: 'only the roles that grant this privilege (words search it)',
  },
  out: {
    type: 'string',
    arg: 'file',
    value: 'a new file name, or - for stdout',
    description: 'where the client secret goes: a NEW file (mode 0600) or - (stdout)',
  },
  format: {
    type: 'string',
    arg: 'format',
    value: 'env or json',
    choices: ['env', 'json'],
    description: 'the secret file format (default: json for *.json, else env)',
  },
  reveal: {type: 'boolean', description: 'allow --out - to print the secret to a terminal'},
  clientId: {
    type: 'string',
    arg: 'id',
    value: 'a client id',
    description: 'the client (its id; clients list shows them)',
  },
  from: {
    type: 'string',
    arg: 'file',
    value: 'a file written by clients create --out',
    description:
      'read the client id and secret from this file (else: --client-id, secret on stdin)',
  },
  call: {
    type: 'string',
    arg: 'call',
    value: 'roles, users or service-accounts',
    choices: ['roles', 'users', 'service-accounts'],
    description: 'the call that proves the roles work (default roles)',
  },
  file: {
    type: 'string',
    arg: 'file',
    short: 'f',
    value: 'a team file such as team.json',
    description: 'the team file: the service accounts an org should have',
  },
  plan: {
    type: 'string',
    arg: 'file',
    value: 'a file saved from plan --json',
    description: 'apply this saved plan (refused if the org changed since)',
  },
  prune: {
    type: 'boolean',
    description: 'also delete the service accounts the file does not name',
  },
  since: {
    type: 'string',
    arg: 'when',
    value: SINCE_VALUE,
    description: 'events: from this long ago (30d, 12h) or this date (default 7d); up to now',
  },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAG_SPECS;

/** Flags every command takes. */
export const COMMON_FLAGS: readonly FlagName[] = [
  'zone',
  'apiUrl',
  'loginUrl',
  'keychain',
  'debug',
  'help',
  'version',
];

/** `apiUrl` → `--api-url`. */
export const dashed = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
