/**
 * Writes a minted client's credentials to a NEW file the user named: mode 0600, exclusive create
 * (never overwrites, never follows a symlink planted at the path), as `.env` or JSON. The only
 * place in the app where a client secret is written to disk (DESIGN.md, Secrets).
 */
import {constants} from 'node:fs';
import {lstat, open, stat, unlink, type FileHandle} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {ENV_NAMES, destinationOf, type EndpointsInput} from './facts.js';

export type SecretFileFormat = 'env' | 'json';

export interface SecretFileInput {
  /** Where to write; relative to `cwd`; a leading `~/` is the home directory. */
  path: string;
  format: SecretFileFormat;
  /** The session's zone or endpoints: decides the token URL and API URL written. */
  endpoints: EndpointsInput;
  orgId: number;
  serviceAccountId: number;
  clientId: string;
  clientSecret: string;
  /** Default process.cwd(). */
  cwd?: string;
  /** Default $HOME, else os.homedir(). */
  home?: string;
  /** Default process.platform: on win32 there are no mode bits to check. */
  platform?: NodeJS.Platform;
  /** Stamped in the `.env` header comment; default now. */
  now?: Date;
}

export type SecretFileProblem =
  | 'empty-path'
  | 'exists'
  | 'no-directory'
  | 'not-directory'
  | 'permission'
  | 'unrepresentable'
  | 'io';

/** Says what went wrong and what to do. Carries the path, never the secret. */
export class SecretFileError extends Error {
  override name = 'SecretFileError';
  constructor(
    readonly problem: SecretFileProblem,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const FILE_MODE = 0o600;

// Bare values are read the same by sh, dotenv and `docker run --env-file` (which keeps quotes).
const BARE = /^[A-Za-z0-9_.:/@%+=,-]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * One `.env` value. Bare when every reader agrees on it; otherwise single quotes (no expansion in
 * sh or dotenv). A single quote or a control character has no spelling all readers agree on, so
 * it is refused (the caller offers JSON instead).
 */
function envValue(name: string, value: string, target: string): string {
  if (value !== '' && BARE.test(value)) return value;
  if (value.includes("'") || CONTROL.test(value)) {
    throw new SecretFileError(
      'unrepresentable',
      target,
      `${name} contains a character a .env file cannot hold safely (a quote or a control ` +
        `character). Nothing was written. Save it as JSON instead.`,
    );
  }
  return `'${value}'`;
}

/** The file's text (pure). Throws SecretFileError('unrepresentable') for an unsafe .env value. */
export function renderSecretFile(
  input: Omit<SecretFileInput, 'path' | 'cwd' | 'home' | 'platform'>,
  target = '',
): string {
  const dest = destinationOf(input.endpoints);
  if (input.format === 'json') {
    const json = {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      tokenUrl: dest.tokenUrl,
      apiUrl: dest.apiUrl,
      orgId: input.orgId,
      serviceAccountId: input.serviceAccountId,
      zone: dest.zone,
    };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  const stamp = (input.now ?? new Date()).toISOString();
  const pairs: Array<[string, string]> = [
    [ENV_NAMES.clientId, input.clientId],
    [ENV_NAMES.clientSecret, input.clientSecret],
    [ENV_NAMES.tokenUrl, dest.tokenUrl],
    [ENV_NAMES.apiUrl, dest.apiUrl],
    [ENV_NAMES.orgId, String(input.orgId)],
  ];
  return [
    `# Flexera One service-account client, written by flexera-sa at ${stamp}`,
    `# Service account ${input.serviceAccountId} in org ${input.orgId} (${dest.zoneLabel}).`,
    '# Keep this file private: do not commit it, share it, or paste it into a chat.',
    ...pairs.map(([name, value]) => `${name}=${envValue(name, value, target)}`),
    '',
  ].join('\n');
}

/** The absolute path `raw` names (`~/` expanded). */
export function resolveSecretPath(raw: string, cwd: string, home: string): string {
  const trimmed = raw.trim();
  if (trimmed === '~' || trimmed.startsWith('~/') || trimmed.startsWith('~\\')) {
    return path.resolve(home, trimmed.slice(2));
  }
  return path.resolve(cwd, trimmed);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as {code?: unknown} | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function checkDirectory(dir: string, target: string): Promise<void> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) {
      throw new SecretFileError(
        'not-directory',
        target,
        `${dir} is not a folder. Nothing was written.`,
      );
    }
  } catch (error) {
    if (error instanceof SecretFileError) throw error;
    if (codeOf(error) === 'ENOENT') {
      throw new SecretFileError(
        'no-directory',
        target,
        `The folder ${dir} does not exist. Nothing was written: create it first or pick another path.`,
      );
    }
    if (codeOf(error) === 'ENOTDIR') {
      throw new SecretFileError(
        'not-directory',
        target,
        `${dir} is not a folder. Nothing was written.`,
      );
    }
    throw error;
  }
}

function openError(error: unknown, target: string): Error {
  switch (codeOf(error)) {
    case 'EEXIST':
      return new SecretFileError(
        'exists',
        target,
        `${target} already exists. It was not overwritten: pick another file name.`,
      );
    case 'ENOENT':
      return new SecretFileError(
        'no-directory',
        target,
        `The folder ${path.dirname(target)} does not exist. Nothing was written.`,
      );
    case 'ENOTDIR':
      return new SecretFileError('not-directory', target, `A part of ${target} is not a folder.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new SecretFileError(
        'permission',
        target,
        `Cannot create ${target}: permission denied. Pick a folder you can write to.`,
      );
    default:
      return new SecretFileError(
        'io',
        target,
        `Cannot create ${target} (${codeOf(error) ?? 'unknown error'}).`,
      );
  }
}

/**
 * Checks, before a client is minted, that `raw` names a new file in an existing folder: so the
 * command line never mints a secret it then cannot write. writeSecretFile still creates the file
 * exclusively (the check and the write are not atomic). Returns the absolute path.
 */
export async function checkSecretFileTarget(
  raw: string,
  cwd = process.cwd(),
  home = process.env.HOME ?? homedir(),
): Promise<string> {
  if (raw.trim() === '') {
    throw new SecretFileError('empty-path', '', 'Type a file name to write the credentials to.');
  }
  const target = resolveSecretPath(raw, cwd, home);
  await checkDirectory(path.dirname(target), target);
  const exists = await lstat(target).then(
    () => true,
    () => false,
  );
  if (exists) throw openError(Object.assign(new Error('exists'), {code: 'EEXIST'}), target);
  return target;
}

/**
 * Creates the file (exclusive, 0600), writes the credentials, flushes them to disk and checks the
 * mode. Returns the absolute path. On any failure after the file was created, it is removed, so
 * no half-written secret file is left behind.
 */
export async function writeSecretFile(input: SecretFileInput): Promise<string> {
  if (input.path.trim() === '') {
    throw new SecretFileError('empty-path', '', 'Type a file name to write the credentials to.');
  }
  const home = input.home ?? process.env.HOME ?? homedir();
  const target = resolveSecretPath(input.path, input.cwd ?? process.cwd(), home);
  const text = renderSecretFile(input, target);
  return createPrivateFile(target, text, input.platform);
}

/**
 * Writes `text` to a NEW file at the absolute path `target`: exclusive create with mode 0600
 * (never overwrites, never follows a symlink planted there), flushed, the mode checked. On any
 * failure after the file was created it is removed. Errors are SecretFileErrors that name the
 * path, never the text.
 */
export async function createPrivateFile(
  target: string,
  text: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  await checkDirectory(path.dirname(target), target);

  let handle: FileHandle;
  try {
    // 'wx' = O_CREAT|O_EXCL: fails on any existing entry, including a symlink (no follow).
    handle = await open(
      target,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      FILE_MODE,
    );
  } catch (error) {
    throw openError(error, target);
  }
  try {
    // umask can only narrow the mode given to open; set it exactly anyway, then check.
    await handle.chmod(FILE_MODE);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    if (platform !== 'win32') {
      const mode = (await handle.stat()).mode & 0o777;
      if (mode !== FILE_MODE) {
        throw new SecretFileError(
          'permission',
          target,
          `${target} got mode ${mode.toString(8)} instead of 600; it was removed.`,
        );
      }
    }
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(target).catch(() => undefined);
    if (error instanceof SecretFileError) throw error;
    throw new SecretFileError(
      'io',
      target,
      `Writing ${target} failed (${codeOf(error) ?? 'unknown error'}); the file was removed.`,
    );
  }
  return target;
}

/** `my-app` from "My App (prod) ✓": lower case, ASCII letters and digits joined by `-`. */
function slugify(name: string, maxLength = 40): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || 'flexera-service-account';
}

/** The default file name offered: `./<account-name-slug>-client.env` (or `.json`). */
export function suggestSecretFileName(accountName: string, format: SecretFileFormat): string {
  return `./${slugify(accountName)}-client.${format === 'json' ? 'json' : 'env'}`;
}

/**
 * Like suggestSecretFileName, but the first name not taken in `cwd`: `…-client.env`, then
 * `…-client-2.env`, `…-client-3.env`, ... (the write itself still refuses to overwrite).
 */
export function suggestFreeSecretFileName(
  accountName: string,
  format: SecretFileFormat,
  cwd: string = process.cwd(),
): Promise<string> {
  return freeFileName(`${slugify(accountName)}-client`, format === 'json' ? 'json' : 'env', cwd);
}

/** `./<base>.<ext>`, else `./<base>-2.<ext>`, ...: the first name not taken in `cwd`. */
export async function freeFileName(base: string, ext: string, cwd: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const name = `./${base}${n === 1 ? '' : `-${n}`}.${ext}`;
    try {
      await lstat(path.resolve(cwd, name));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return name;
    }
  }
  return `./${base}-${Date.now()}.${ext}`;
}
