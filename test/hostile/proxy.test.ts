/**
 * Proxies in the built app (issue #10, defect 1): the bundle's `import('undici')` once exposed only
 * `default`, so every proxied request failed with "EnvHttpProxyAgent is not a constructor", was
 * called a network error and retried for 43 s. Here a real forward proxy on 127.0.0.1 records what
 * it carried while `dist/cli.js` runs status, login and the app through it.
 */
import {rm} from 'node:fs/promises';
import {dirname} from 'node:path';
import type {Server} from 'node:http';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {TmuxSession} from '../helpers/tmux.js';
import {
  CLI,
  RecordingProxy,
  STACK_LINE,
  closeServer,
  runCli,
  throwawayCertificate,
  tlsFront,
  tempHomes,
} from './support.js';

let emu: Emulator;
let proxy: RecordingProxy;
let tls: ReturnType<typeof throwawayCertificate>;
let front: {server: Server; origin: string};
const {home, removeHomes} = tempHomes();
const sessions: TmuxSession[] = [];

beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
  proxy = await new RecordingProxy().start();
  tls = throwawayCertificate();
  front = await tlsFront(emu.zones.nam.api, tls);
});
afterAll(async () => {
  await proxy?.close();
  await closeServer(front?.server);
  await emu?.close();
  if (tls) await rm(dirname(tls.certPath), {recursive: true, force: true});
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
  await removeHomes();
  proxy.seen.length = 0;
});

describe('through a proxy, the built binary', () => {
  it('status over HTTPS tunnels through HTTPS_PROXY with CONNECT', async () => {
    const result = await runCli(CLI, ['status', '--no-keychain', '--api-url', front.origin], {
      home: home(),
      env: {
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: tls.certPath,
        FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam,
      },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/works:\s+yes, user \d+/);
    const host = new URL(front.origin).host;
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT ${host}`]));
  });

  it('status over HTTP goes through HTTP_PROXY in absolute form', async () => {
    const api = emu.zones.nam.api;
    const result = await runCli(CLI, ['status', '--no-keychain', '--api-url', api], {
      home: home(),
      env: {HTTP_PROXY: proxy.url, FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam},
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(proxy.seen).toContain(`POST ${api}/oidc/token`);
    expect(proxy.seen).toContain(`GET ${api}/iam/v1/refresh-tokens`);
  });

  it('login --with-token checks the token through the proxy', async () => {
    const result = await runCli(
      CLI,
      ['login', '--with-token', '--no-keychain', '--api-url', front.origin],
      {
        home: home(),
        stdin: emu.refreshTokens.nam,
        env: {HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certPath},
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('The token works');
    expect(proxy.seen).toContain(`CONNECT ${new URL(front.origin).host}`);
  });

  it('NO_PROXY is honoured: a listed host is reached directly', async () => {
    const result = await runCli(CLI, ['status', '--no-keychain', '--api-url', front.origin], {
      home: home(),
      env: {
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
        NO_PROXY: 'localhost,127.0.0.1',
        NODE_EXTRA_CA_CERTS: tls.certPath,
        FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam,
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.seen).toEqual([]);
  });

  it('a proxy setting the client cannot use fails at once, without retries or "network error"', async () => {
    const started = Date.now();
    const result = await runCli(CLI, ['status', '--no-keychain', '--api-url', front.origin], {
      home: home(),
      env: {HTTPS_PROXY: 'http://[::1', FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam},
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toMatch(/network error|retry/i);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('the app signs in and lists orgs through the proxy', async () => {
    const api = emu.zones.nam.api;
    const session = new TmuxSession({
      columns: 100,
      rows: 30,
      env: {
        HTTP_PROXY: proxy.url,
        HTTPS_PROXY: '',
        NO_PROXY: '',
        FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam,
        HOME: home().dir,
      },
    });
    sessions.push(session);
    await session.start(['node', CLI, '--api-url', api, '--no-keychain']);
    await session.waitFor('Acme Corp');
    expect(proxy.seen).toContain(`POST ${api}/oidc/token`);
    expect(proxy.seen.some((line) => line.startsWith(`GET ${api}/iam/v1/users/`))).toBe(true);
    await session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('--sandbox never sends its in-process emulator traffic to the proxy', async () => {
    const session = new TmuxSession({
      columns: 100,
      rows: 30,
      env: {HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '', HOME: home().dir},
    });
    sessions.push(session);
    await session.start(['node', CLI, '--sandbox']);
    await session.waitFor('Acme Corp');
    expect(proxy.seen).toEqual([]);
    await session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });
});
