/** What a command receives: the parsed command line and where it reads and writes. */
import type {VerifyCall} from '../api/verify.js';
import type {ZoneId} from '../api/zones.js';
import type {Since} from '../events/since.js';
import type {SecretFileFormat} from '../handoff/secret-file.js';
import type {Env} from '../secrets/types.js';

export type {FlagName} from './flags.js';

export interface Invocation {
  /** 'app', or the words of a command ('status', 'accounts create'). */
  command: string;
  /** Positional arguments after the command's words (`grants add … ROLE...`). */
  args: string[];
  /** --help / --version: print this and exit 0. */
  output?: string;
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
  yes: boolean;
  name?: string;
  description?: string;
  account?: number;
  project?: number;
  privilege?: string;
  out?: string;
  format?: SecretFileFormat;
  reveal: boolean;
  clientId?: string;
  from?: string;
  call?: VerifyCall;
  file?: string;
  plan?: string;
  prune: boolean;
  since?: Since;
}

/** Where a command writes: process.stdout / stderr, or a test's collector. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CommandIo {
  stdin: NodeJS.ReadableStream & {isTTY?: boolean};
  stdout: Output;
  stderr: Output;
  env: Env;
}

/** A command's entry: returns the exit code (source/exit-codes.ts). */
export type CommandRun = (invocation: Invocation, io: CommandIo) => Promise<number>;
