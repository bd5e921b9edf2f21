/**
 * The --debug log (DESIGN.md, the command line): one JSON object per line, each with a timestamp,
 * every line passed through THE redaction function (source/api/redact.ts) with the session's
 * known secrets, on top of the client's own redaction.
 *
 * Where it goes:
 * - no path (or ''): a new file `debug-<UTC time>.log` in the user's state directory:
 *   $XDG_STATE_HOME/flexera-sa (default ~/.local/state/flexera-sa); macOS ~/Library/Logs/flexera-sa;
 *   Windows %LOCALAPPDATA%\flexera-sa\Logs. The directory is made 0700 if missing.
 * - a path to a directory: the same file name, in that directory.
 * - a path to a file: created 0600 when new. An existing file is appended to only when it is
 *   ours: a regular file (not a symlink, a FIFO or a device; opened non-blocking), with one name
 *   (no hard link), owned by this user, with no group or other permission bits (0600 or
 *   stricter); anything else is refused with a message saying why.
 */
import fs from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import type {HttpLogEvent} from '../api/http.js';
import {redact} from '../api/redact.js';
import {VERSION} from '../version.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Anything else worth a line: `{type: 'screen', name: 'account-list'}`, an error, ... */
interface DebugEvent {
  type: string;
  [key: string]: unknown;
}

export interface DebugLogOptions {
  /** --debug's value: '' or undefined = the default file in the state directory. */
  path?: string;
  env: Env;
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** Relative paths resolve here; default process.cwd(). */
  cwd?: string;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /** Secrets known at start (e.g. the refresh token). */
  knownSecrets?: Iterable<string | undefined>;
}

export interface DebugLog {
  /** Absolute path of the log file. */
  readonly path: string;
  /** True when an existing file of ours is appended to. */
  readonly appended: boolean;
  /** Bound: pass it as FlexeraClientOptions.log. Never throws. */
  log(event: HttpLogEvent | DebugEvent): void;
  /** A free-text line (still redacted). Never throws. */
  write(line: string): void;
  /** A secret learnt later (a minted client secret, a new refresh token): redacted from now on. */
  addKnownSecret(secret: string | undefined): void;
  close(): Promise<void>;
}

export class DebugLogError extends Error {
  override name = 'DebugLogError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const APP_DIR = 'flexera-sa';

function homeOf(env: Env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** The directory default logs go to. */
export function defaultDebugLogDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  const home = homeOf(env);
  if (platform === 'darwin') return path.join(home, 'Library', 'Logs', APP_DIR);
  if (platform === 'win32') {
    return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), APP_DIR, 'Logs');
  }
  // XDG Base Directory spec: a relative XDG_STATE_HOME is invalid and ignored.
  const state = env.XDG_STATE_HOME;
  const base = state && path.isAbsolute(state) ? state : path.join(home, '.local', 'state');
  return path.join(base, APP_DIR);
}

/** `debug-20260314T092653Z.log`: sortable, no characters Windows refuses. */
export function debugLogFileName(at: number): string {
  const stamp = new Date(at)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `debug-${stamp}.log`;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as {code?: unknown} | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(error: unknown): string {
  const code = codeOf(error);
  if (code === 'ENXIO') return 'it is a pipe or a device, not a regular file';
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  if (code === 'ELOOP') return 'it is a symbolic link';
  return code ?? 'unknown error';
}

/** Creates `file` exclusively with mode 0600; undefined when it already exists. */
function createNew(file: string): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(
      file,
      fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL,
      FILE_MODE,
    );
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return undefined;
    throw new DebugLogError(file, `Cannot create the debug log ${file}: ${describe(error)}.`);
  }
  try {
    fs.fchmodSync(fd, FILE_MODE);
  } catch {
    // Windows: no mode bits. Elsewhere open already applied 0600 minus the umask.
  }
  return fd;
}

/** Opens an existing file for appending, only when it is ours (see the file comment). */
function appendToOurs(file: string, platform: NodeJS.Platform): number {
  const noFollow = platform === 'win32' ? 0 : (fs.constants.O_NOFOLLOW ?? 0);
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for writing would otherwise wait, deaf to signals, for a
    // reader (one with no reader fails ENXIO; one with a reader is refused below).
    const nonBlock = platform === 'win32' ? 0 : (fs.constants.O_NONBLOCK ?? 0);
    fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | noFollow | nonBlock);
  } catch (error) {
    throw new DebugLogError(
      file,
      `Cannot append to the debug log ${file}: ${describe(error)}. Pick a new file name.`,
    );
  }
  const info = fs.fstatSync(fd);
  let reason: string | undefined;
  if (!info.isFile()) reason = 'it is not a regular file';
  // A hard link: appending would write to the other name too (another user's file, a config).
  else if (info.nlink > 1) reason = `it has ${info.nlink} names (hard links)`;
  else if (platform !== 'win32') {
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid !== uid) reason = 'it belongs to another user';
    else if ((info.mode & 0o077) !== 0) {
      reason = `others may read it (mode ${(info.mode & 0o777).toString(8)}, not 600)`;
    }
  }
  if (reason) {
    fs.closeSync(fd);
    throw new DebugLogError(
      file,
      `Not writing the debug log to ${file}: it already exists and ${reason}. Pick a new file name.`,
    );
  }
  return fd;
}

function openTarget(
  options: DebugLogOptions,
  platform: NodeJS.Platform,
  now: number,
): {file: string; fd: number; appended: boolean} {
  const raw = (options.path ?? '').trim();
  let dir: string;
  if (raw === '') {
    dir = defaultDebugLogDir(options.env, platform);
    try {
      fs.mkdirSync(dir, {recursive: true, mode: DIR_MODE});
    } catch (error) {
      throw new DebugLogError(
        dir,
        `Cannot create the folder ${dir} for the debug log: ${describe(error)}.`,
      );
    }
  } else {
    const home = homeOf(options.env);
    const resolved =
      raw === '~' || raw.startsWith('~/')
        ? path.resolve(home, raw.slice(2))
        : path.resolve(options.cwd ?? process.cwd(), raw);
    let isDir = false;
    try {
      isDir = fs.statSync(resolved).isDirectory();
    } catch {
      // Not there yet: a new file.
    }
    if (!isDir) {
      const fd = createNew(resolved);
      if (fd !== undefined) return {file: resolved, fd, appended: false};
      return {file: resolved, fd: appendToOurs(resolved, platform), appended: true};
    }
    dir = resolved;
  }
  // A fresh name in `dir`; two runs in the same second get -2, -3, ...
  const name = debugLogFileName(now);
  for (let n = 1; n < 100; n++) {
    const file = path.join(dir, n === 1 ? name : name.replace(/\.log$/, `-${n}.log`));
    const fd = createNew(file);
    if (fd !== undefined) return {file, fd, appended: false};
  }
  throw new DebugLogError(dir, `Cannot find a free debug log name in ${dir}.`);
}

function stringify(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return item.toString();
    if (typeof item === 'function' || typeof item === 'symbol') return undefined;
    if (item && typeof item === 'object') {
      if (seen.has(item)) return '[Circular]';
      seen.add(item);
    }
    return item;
  });
}

export function openDebugLog(options: DebugLogOptions): DebugLog {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? Date.now;
  const {file, fd, appended} = openTarget(options, platform, now());
  const known = new Set<string>();
  let open = true;

  const addKnownSecret = (secret: string | undefined) => {
    if (!secret) return;
    known.add(secret);
    // The same secret as it appears URL-encoded (forms, queries) or JSON-escaped.
    known.add(encodeURIComponent(secret));
    known.add(JSON.stringify(secret).slice(1, -1));
  };
  for (const secret of options.knownSecrets ?? []) addKnownSecret(secret);

  const emit = (record: Record<string, unknown>) => {
    if (!open) return;
    try {
      const secrets = [...known];
      // Belt and braces: redact, serialise, read back exactly what would be written and redact
      // that again (text rules run on unescaped strings, so JSON escapes are never mangled).
      const written = JSON.parse(stringify(redact(record, secrets))) as Record<string, unknown>;
      let line = stringify({time: new Date(now()).toISOString(), ...redact(written, secrets)});
      // Last guard: a known secret that survived in any form drops the whole line.
      if (secrets.some((secret) => secret.length >= 8 && line.includes(secret))) {
        line = stringify({
          time: new Date(now()).toISOString(),
          type: 'dropped',
          reason: 'held a secret',
        });
      }
      fs.writeSync(fd, `${line}\n`);
    } catch {
      // A failing log must not break the app.
    }
  };

  const log = (event: HttpLogEvent | DebugEvent) => {
    if (event && typeof event === 'object' && !Array.isArray(event)) {
      emit(event as unknown as Record<string, unknown>);
    } else {
      emit({type: 'note', message: String(event)});
    }
  };

  const write = (line: string) => emit({type: 'note', message: String(line)});

  emit({
    type: 'debug-log',
    event: appended ? 'appended' : 'opened',
    version: VERSION,
    node: process.version,
    platform,
    pid: process.pid,
  });

  const close = async () => {
    if (!open) return;
    emit({type: 'debug-log', event: 'closed'});
    open = false;
    await new Promise<void>((resolve) => fs.close(fd, () => resolve()));
  };

  return {path: file, appended, log, write, addKnownSecret, close};
}
