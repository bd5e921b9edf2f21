import {mkdtemp, readFile, readdir, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {FlexeraClient} from '../../source/api/client.js';
import type {HttpLogEvent} from '../../source/api/http.js';
import {serviceAccountRef} from '../../source/api/refs.js';
import {verifyClientCredentials} from '../../source/api/verify.js';
import type {Endpoints} from '../../source/api/zones.js';
import {
  DebugLogError,
  debugLogFileName,
  defaultDebugLogDir,
  openDebugLog,
} from '../../source/debug/index.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flexera-sa-debug-'));
});
afterEach(async () => {
  await rm(dir, {recursive: true, force: true});
});

type Line = Record<string, unknown> & {time: string; type: string};

async function lines(file: string): Promise<Line[]> {
  const text = await readFile(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

describe('a real session logged with --debug', () => {
  let emu: Emulator;
  let endpoints: Endpoints;

  beforeAll(async () => {
    emu = await startEmulator({port: 0, rateLimit: false});
    endpoints = {zone: 'nam', api: emu.zones.nam.api, login: emu.zones.nam.login, custom: true};
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('has the requests and none of the secrets', async () => {
    const refreshToken = emu.refreshTokens.nam;
    const debug = openDebugLog({
      path: path.join(dir, 'session.log'),
      env: {},
      knownSecrets: [refreshToken],
    });
    const client = new FlexeraClient({
      endpoints,
      credentials: {grant: 'refresh_token', refreshToken},
      env: {},
      log: debug.log,
    });
    const orgId = emu.seed.orgIds.primary;
    const secrets: string[] = [refreshToken];
    let saClient: FlexeraClient | undefined;
    try {
      // Sign-in, list, create, grant, mint.
      const identity = await client.identity();
      expect(identity.kind).toBe('user');
      secrets.push(await client.tokens.getAccessToken());
      await client.listServiceAccounts(orgId);
      const sa = await client.createServiceAccount(orgId, {name: 'debug log test'});
      await client.grantRole(orgId, {
        role: {name: 'policy_viewer'},
        subjectRef: serviceAccountRef(sa.id),
      });
      const {client: minted, clientSecret} = await client.createClient(orgId, sa.id);
      debug.addKnownSecret(clientSecret);
      secrets.push(clientSecret);

      // The client_credentials exchange, twice: the verify flow, and a client whose token we keep.
      const verified = await verifyClientCredentials(endpoints, minted.clientId, clientSecret, {
        orgId,
        env: {},
        log: debug.log,
      });
      expect(verified.ok).toBe(true);
      saClient = new FlexeraClient({
        endpoints,
        credentials: {grant: 'client_credentials', clientId: minted.clientId, clientSecret},
        env: {},
        log: debug.log,
      });
      await saClient.listRoles(orgId);
      secrets.push(await saClient.tokens.getAccessToken());
      debug.write(`signed in with Bearer ${secrets[1]} and secret ${clientSecret}`);
    } finally {
      await client.close();
      await saClient?.close();
      await debug.close();
    }

    expect((await stat(debug.path)).mode & 0o777).toBe(0o600);
    const text = await readFile(debug.path, 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret);
    // No access token of any client (the verify flow's included) in any form.
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);

    const all = await lines(debug.path);
    for (const line of all) expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    const seen = (type: string, method: string, pathEnd: string) =>
      all.filter(
        (line) =>
          line.type === type &&
          line.method === method &&
          new URL(String(line.url)).pathname.endsWith(pathEnd),
      );
    expect(seen('request', 'POST', '/oidc/token').length).toBeGreaterThanOrEqual(3);
    expect(seen('request', 'GET', `/orgs/${orgId}/service-accounts`)).not.toHaveLength(0);
    expect(
      seen('response', 'POST', `/orgs/${orgId}/service-accounts`).map((l) => l.status),
    ).toEqual([201]);
    expect(seen('response', 'PUT', '/access-rules/grant').map((l) => l.status)).toEqual([204]);
    expect(seen('response', 'POST', '/clients').map((l) => l.status)).toEqual([201]);
    expect(seen('response', 'GET', `/orgs/${orgId}/roles`).map((l) => l.status)).toEqual([
      200, 200,
    ]);
    // The redaction shows where the secrets were.
    const tokenRequest = seen('request', 'POST', '/oidc/token')[0]!;
    expect(tokenRequest.body).toMatchObject({refresh_token: '[REDACTED]'});
    const mint = seen('response', 'POST', '/clients')[0]!;
    expect(mint.body).toMatchObject({clientSecret: '[REDACTED]'});
    const note = all.find((line) => line.type === 'note');
    expect(note?.message).toBe('signed in with Bearer [REDACTED] and secret [REDACTED]');
    expect(all[0]).toMatchObject({type: 'debug-log', event: 'opened'});
    expect(all.at(-1)).toMatchObject({type: 'debug-log', event: 'closed'});
  });
});

describe('hostile events', () => {
  it('redacts secrets in errors, headers, nested objects, forms and free text', async () => {
    const known = 'kn0wn-secret+value/with=signs';
    const later = 'minted-later-secret-0123456789';
    const debug = openDebugLog({
      path: path.join(dir, 'hostile.log'),
      env: {},
      knownSecrets: [known],
    });
    const circular: {type: string; [key: string]: unknown} = {type: 'circular'};
    circular.self = circular;
    debug.log({type: 'error', error: new Error(`request failed: token ${known} refused`)});
    debug.log({
      type: 'request',
      headers: {
        Authorization: 'Bearer opaque-access-token-1',
        'X-Custom': known,
        Cookie: 'session=cookie-1',
      },
    });
    debug.log({
      type: 'nested',
      a: {b: [{clientSecret: 'nested-client-secret-1'}, {refresh_token: 'nested-refresh-1'}]},
      c: 'grant_type=refresh_token&refresh_token=form-refresh-1&x=1',
      d: `payload=${encodeURIComponent(known)}`,
      e: '{"client_secret":"json-in-text-secret-1"}',
      f: {access_token: 'access-field-1', accessToken: 'access-field-2', password: 'pw-field-1'},
    });
    debug.write('curl -H "Authorization: Bearer free-text-token-1" https://api.example');
    debug.log({type: 'weird', big: 10n, fn: () => 1});
    debug.log(circular);
    // A secret where no redaction rule looks (an object key): the whole line is dropped.
    debug.log({type: 'secret-key', [known]: 1});
    debug.log({type: 'before-add', value: later});
    debug.addKnownSecret(later);
    debug.log({type: 'after-add', value: `x ${later} y`} as unknown as HttpLogEvent);
    await debug.close();
    debug.log({type: 'after-close', value: 'nothing'});
    debug.write('nothing either');

    const text = await readFile(debug.path, 'utf8');
    for (const secret of [
      known,
      encodeURIComponent(known),
      'opaque-access-token-1',
      'cookie-1',
      'nested-client-secret-1',
      'nested-refresh-1',
      'form-refresh-1',
      'json-in-text-secret-1',
      'access-field-1',
      'access-field-2',
      'pw-field-1',
      'free-text-token-1',
    ]) {
      expect(text).not.toContain(secret);
    }
    const all = await lines(debug.path);
    const byType = (type: string) => all.find((line) => line.type === type)!;
    expect(byType('error').error).toEqual({
      name: 'Error',
      message: 'request failed: token [REDACTED] refused',
    });
    expect(byType('request').headers).toEqual({
      Authorization: '[REDACTED]',
      'X-Custom': '[REDACTED]',
      Cookie: '[REDACTED]',
    });
    expect(byType('nested').c).toBe('grant_type=refresh_token&refresh_token=[REDACTED]&x=1');
    expect(byType('weird').big).toBe('10');
    expect(all.some((line) => line.type === 'secret-key')).toBe(false);
    expect(byType('dropped').reason).toBe('held a secret');
    expect(byType('circular').self).toBe('[Circular]');
    // A secret learnt later is redacted from then on.
    expect(byType('after-add').value).toBe('x [REDACTED] y');
    expect(byType('before-add').value).toBe(later);
    expect(all.some((line) => line.type === 'after-close')).toBe(false);
    expect(all.at(-1)).toMatchObject({type: 'debug-log', event: 'closed'});
  });
});

describe('where the log goes', () => {
  const fixed = Date.UTC(2026, 2, 14, 9, 26, 53, 120);

  it('defaults to $XDG_STATE_HOME/flexera-sa, a new 0600 file in a 0700 folder', async () => {
    const state = path.join(dir, 'state');
    const debug = openDebugLog({
      env: {XDG_STATE_HOME: state, HOME: dir},
      now: () => fixed,
      platform: 'linux',
    });
    await debug.close();
    expect(debug.path).toBe(path.join(state, 'flexera-sa', 'debug-20260314T092653Z.log'));
    expect((await stat(debug.path)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(debug.path))).mode & 0o777).toBe(0o700);
    // '' is the same as no path (--debug given without a value).
    const again = openDebugLog({
      path: '',
      env: {XDG_STATE_HOME: state},
      now: () => fixed,
      platform: 'linux',
    });
    await again.close();
    expect(again.path).toBe(path.join(state, 'flexera-sa', 'debug-20260314T092653Z-2.log'));
  });

  it('falls back to ~/.local/state (a relative XDG_STATE_HOME is ignored); macOS uses ~/Library/Logs', async () => {
    expect(defaultDebugLogDir({HOME: dir, XDG_STATE_HOME: 'relative'}, 'linux')).toBe(
      path.join(dir, '.local', 'state', 'flexera-sa'),
    );
    expect(defaultDebugLogDir({HOME: dir}, 'darwin')).toBe(
      path.join(dir, 'Library', 'Logs', 'flexera-sa'),
    );
    const debug = openDebugLog({env: {HOME: dir}, now: () => fixed, platform: 'darwin'});
    await debug.close();
    expect(debug.path).toBe(
      path.join(dir, 'Library', 'Logs', 'flexera-sa', debugLogFileName(fixed)),
    );
  });

  it('a directory path gets a new file inside it; a relative path resolves against cwd', async () => {
    const inDir = openDebugLog({path: dir, env: {}, now: () => fixed});
    await inDir.close();
    expect(path.dirname(inDir.path)).toBe(dir);
    const relative = openDebugLog({path: 'rel.log', cwd: dir, env: {}});
    await relative.close();
    expect(relative.path).toBe(path.join(dir, 'rel.log'));
  });

  it('appends to an existing log of ours (0600), keeping what was there', async () => {
    const file = path.join(dir, 'ours.log');
    const first = openDebugLog({path: file, env: {}});
    first.write('first run');
    await first.close();
    const second = openDebugLog({path: file, env: {}});
    second.write('second run');
    await second.close();
    expect(second.appended).toBe(true);
    const messages = (await lines(file)).filter((l) => l.type === 'note').map((l) => l.message);
    expect(messages).toEqual(['first run', 'second run']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses an existing file others may read, a symlink, and a missing folder', async () => {
    const shared = path.join(dir, 'shared.log');
    await writeFile(shared, 'keep\n', {mode: 0o644});
    expect(() => openDebugLog({path: shared, env: {}})).toThrow(DebugLogError);
    expect(() => openDebugLog({path: shared, env: {}})).toThrow(/others may read it \(mode 644/);
    expect(await readFile(shared, 'utf8')).toBe('keep\n');

    const target = path.join(dir, 'target.log');
    await writeFile(target, '', {mode: 0o600});
    await symlink(target, path.join(dir, 'link.log'));
    expect(() =>
      openDebugLog({path: path.join(dir, 'link.log'), env: {}, platform: 'linux'}),
    ).toThrow(/symbolic link/);
    expect(await readFile(target, 'utf8')).toBe('');

    expect(() => openDebugLog({path: path.join(dir, 'no', 'such', 'x.log'), env: {}})).toThrow(
      /folder does not exist/,
    );
    expect((await readdir(dir)).sort()).toEqual(['link.log', 'shared.log', 'target.log']);
  });

  it('is 0600 whatever the umask', async () => {
    const old = process.umask(0);
    try {
      const debug = openDebugLog({path: path.join(dir, 'umask.log'), env: {}});
      await debug.close();
      expect((await stat(debug.path)).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
});
