import {lstat, readFile, readdir, stat, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {parseEnv} from 'node:util';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
  SecretFileError,
  renderSecretFile,
  suggestFreeSecretFileName,
  suggestSecretFileName,
  writeSecretFile,
  type SecretFileInput,
} from '../../source/handoff/index.js';
import {sh} from '../curl/shell.js';
import {tempDir} from './support.js';

const SECRET = 'sEcReT-0123456789_abcdefghijklmnop';
const CUSTOM = {zone: 'nam' as const, api: 'http://127.0.0.1:4100', login: 'http://127.0.0.1:4101'};

let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({dir, remove} = await tempDir());
});
afterEach(async () => {
  await remove();
});

function input(overrides: Partial<SecretFileInput> = {}): SecretFileInput {
  return {
    path: 'creds.env',
    format: 'env',
    endpoints: CUSTOM,
    orgId: 1105,
    serviceAccountId: 2263,
    clientId: 'client-abc123',
    clientSecret: SECRET,
    cwd: dir,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<SecretFileError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SecretFileError);
    expect((error as Error).message).not.toContain(SECRET);
    return error as SecretFileError;
  }
  throw new Error('expected the write to fail');
}

describe('writeSecretFile', () => {
  it('writes a new .env file with mode 0600 that sh and dotenv readers read alike', async () => {
    const written = await writeSecretFile(input());
    expect(written).toBe(path.join(dir, 'creds.env'));
    expect((await stat(written)).mode & 0o777).toBe(0o600);
    const text = await readFile(written, 'utf8');
    const parsed = parseEnv(text);
    expect(parsed).toEqual({
      FLEXERA_CLIENT_ID: 'client-abc123',
      FLEXERA_CLIENT_SECRET: SECRET,
      FLEXERA_TOKEN_URL: 'http://127.0.0.1:4101/oidc/token',
      FLEXERA_API_URL: 'http://127.0.0.1:4100',
      FLEXERA_ORG_ID: '1105',
    });
    const sourced = await sh(
      `set -a; . ${JSON.stringify(written)}; printf '%s|%s' "$FLEXERA_CLIENT_SECRET" "$FLEXERA_TOKEN_URL"`,
    );
    expect(sourced.stdout).toBe(`${SECRET}|http://127.0.0.1:4101/oidc/token`);
    expect(text).toMatch(/^# .*\n# Service account 2263 in org 1105 \(NAM\)\./);
  });

  it('quotes values that need it, so no reader expands them', async () => {
    const odd = 'a$HOME b`id`"c\\d#e';
    const written = await writeSecretFile(input({clientSecret: odd}));
    expect(parseEnv(await readFile(written, 'utf8')).FLEXERA_CLIENT_SECRET).toBe(odd);
    const sourced = await sh(`. ${JSON.stringify(written)}; printf '%s' "$FLEXERA_CLIENT_SECRET"`);
    expect(sourced.stdout).toBe(odd);
  });

  it('refuses a .env value no reader agrees on, writes nothing, and suggests JSON', async () => {
    const error = await rejection(writeSecretFile(input({clientSecret: "it's-a-secret-value"})));
    expect(error.problem).toBe('unrepresentable');
    expect(error.message).toMatch(/JSON/);
    expect(await readdir(dir)).toEqual([]);
    const json = await writeSecretFile(
      input({path: 'creds.json', format: 'json', clientSecret: "it's-a-secret-value"}),
    );
    expect(JSON.parse(await readFile(json, 'utf8')).clientSecret).toBe("it's-a-secret-value");
  });

  it('writes JSON with the same facts in camelCase, for a zone', async () => {
    const written = await writeSecretFile(input({path: 'c.json', format: 'json', endpoints: 'eu'}));
    expect((await stat(written)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(written, 'utf8'))).toEqual({
      clientId: 'client-abc123',
      clientSecret: SECRET,
      tokenUrl: 'https://login.flexera.eu/oidc/token',
      apiUrl: 'https://api.flexera.eu',
      orgId: 1105,
      serviceAccountId: 2263,
      zone: 'eu',
    });
  });

  it('never overwrites: an existing file is left as it was', async () => {
    const existing = path.join(dir, 'creds.env');
    await writeFile(existing, 'KEEP=me\n', {mode: 0o644});
    const error = await rejection(writeSecretFile(input()));
    expect(error.problem).toBe('exists');
    expect(error.message).toContain(existing);
    expect(error.message).toMatch(/already exists.*pick another/i);
    expect(await readFile(existing, 'utf8')).toBe('KEEP=me\n');
    expect((await stat(existing)).mode & 0o777).toBe(0o644);
  });

  it('does not follow a symlink planted at the path', async () => {
    const target = path.join(dir, 'elsewhere.txt');
    await symlink(target, path.join(dir, 'creds.env'));
    const error = await rejection(writeSecretFile(input()));
    expect(error.problem).toBe('exists');
    await expect(lstat(target)).rejects.toMatchObject({code: 'ENOENT'});
  });

  it('refuses a path in a folder that does not exist, saying so', async () => {
    const error = await rejection(writeSecretFile(input({path: 'no/such/folder/creds.env'})));
    expect(error.problem).toBe('no-directory');
    expect(error.message).toContain(path.join(dir, 'no/such/folder'));
    expect(error.message).toMatch(/does not exist/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a path under a file', async () => {
    await writeFile(path.join(dir, 'plain'), 'x');
    const error = await rejection(writeSecretFile(input({path: 'plain/creds.env'})));
    expect(error.problem).toBe('not-directory');
  });

  it('refuses an empty path', async () => {
    expect((await rejection(writeSecretFile(input({path: '  '})))).problem).toBe('empty-path');
  });

  it('keeps mode 0600 whatever the umask', async () => {
    const old = process.umask(0);
    try {
      const open = await writeSecretFile(input({path: 'open-umask.env'}));
      expect((await stat(open)).mode & 0o777).toBe(0o600);
      // A umask that takes the owner's write bit: the file is still written, and still 0600.
      process.umask(0o277);
      const strict = await writeSecretFile(input({path: 'strict-umask.env'}));
      expect((await stat(strict)).mode & 0o777).toBe(0o600);
      expect(parseEnv(await readFile(strict, 'utf8')).FLEXERA_CLIENT_SECRET).toBe(SECRET);
    } finally {
      process.umask(old);
    }
  });

  it('expands ~/ and returns the absolute path', async () => {
    const written = await writeSecretFile(input({path: '~/from-home.env', home: dir, cwd: '/'}));
    expect(written).toBe(path.join(dir, 'from-home.env'));
    expect((await stat(written)).isFile()).toBe(true);
  });
});

describe('renderSecretFile', () => {
  it('has no secret-bearing surprises: each fact once, in the documented variables', () => {
    const text = renderSecretFile(input());
    expect(text.split(SECRET)).toHaveLength(2);
    expect(text).toContain('FLEXERA_CLIENT_SECRET=');
  });
});

describe('suggested file names', () => {
  it('slugs the account name', () => {
    expect(suggestSecretFileName('My App (prod) ✓ Ünïcode', 'env')).toBe(
      './my-app-prod-unicode-client.env',
    );
    expect(suggestSecretFileName('日本', 'json')).toBe('./flexera-service-account-client.json');
    expect(suggestSecretFileName('$(rm -rf ~)/../x', 'env')).toBe('./rm-rf-x-client.env');
  });

  it('skips names already taken', async () => {
    expect(await suggestFreeSecretFileName('Billing Bot', 'env', dir)).toBe(
      './billing-bot-client.env',
    );
    await writeFile(path.join(dir, 'billing-bot-client.env'), '');
    await symlink(path.join(dir, 'nowhere'), path.join(dir, 'billing-bot-client-2.env'));
    expect(await suggestFreeSecretFileName('Billing Bot', 'env', dir)).toBe(
      './billing-bot-client-3.env',
    );
  });
});
