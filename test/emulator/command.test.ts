import {createServer, type Server} from 'node:net';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runEmulatorCommand} from '../../source/cli/commands/emulator.js';
import {exchangeRefreshToken} from './helpers.js';

function collect(stream: PassThrough): {text: () => string; firstLine: () => Promise<string>} {
  let text = '';
  const waiters: Array<() => void> = [];
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    text: () => text,
    firstLine: async () => {
      while (!text.includes('\n')) await new Promise<void>((resolve) => waiters.push(resolve));
      return text.split('\n')[0]!;
    },
  };
}

describe('flexera-sa emulator (runEmulatorCommand)', () => {
  it('--json prints exactly one parseable line with origins and tokens, serves, and stops on abort', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const abort = new AbortController();
    const running = runEmulatorCommand({port: 0, json: true, stdout, stderr, signal: abort.signal});

    const ready = JSON.parse(await out.firstLine()) as {
      zones: Record<'nam' | 'eu' | 'apac', {api: string; login: string}>;
      refreshTokens: Record<'nam' | 'eu' | 'apac', string>;
    };
    expect(Object.keys(ready.zones)).toEqual(['nam', 'eu', 'apac']);
    const ports = new Set<string>();
    for (const zone of ['nam', 'eu', 'apac'] as const) {
      const {api, login} = ready.zones[zone];
      expect(api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(login).toBe(api);
      ports.add(new URL(api).port);
      expect(typeof ready.refreshTokens[zone]).toBe('string');
      const answer = await exchangeRefreshToken(login, ready.refreshTokens[zone]);
      expect(answer.status).toBe(200);
    }
    expect(ports.size).toBe(3);

    abort.abort();
    expect(await running).toBe(0);
    expect(out.text().split('\n')).toEqual([out.text().split('\n')[0], '']);
    expect(err.text()).toContain('nam POST /oidc/token 200');
    expect(err.text()).not.toContain(ready.refreshTokens.nam);
    await expect(fetch(`${ready.zones.nam.api}/iam/v1/orgs/1105`)).rejects.toThrow();
  });

  it('without --json prints a banner with the origins, the demo data and a sample curl', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    stderr.resume();
    const abort = new AbortController();
    const running = runEmulatorCommand({port: 0, stdout, stderr, signal: abort.signal});
    await out.firstLine();
    abort.abort();
    expect(await running).toBe(0);
    const banner = out.text();
    expect(banner).toMatch(/NAM +http:\/\/127\.0\.0\.1:\d+/);
    expect(banner).toMatch(/EU +http:\/\/127\.0\.0\.1:\d+/);
    expect(banner).toMatch(/APAC +http:\/\/127\.0\.0\.1:\d+/);
    expect(banner).toContain('curl -s -X POST');
    expect(banner).toContain('1105 "Acme Corp"');
    expect(banner).toContain('Ctrl+C');
  });

  it('exits 2 with a clear message when the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as {port: number}).port;
    try {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const out = collect(stdout);
      const err = collect(stderr);
      const code = await runEmulatorCommand({port, stdout, stderr});
      expect(code).toBe(2);
      expect(err.text()).toContain('already in use');
      expect(err.text()).toContain('--port');
      expect(out.text()).toBe('');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('returns 0 at once when the signal is already aborted', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.resume();
    expect(
      await runEmulatorCommand({port: 0, json: true, stdout, stderr, signal: AbortSignal.abort()}),
    ).toBe(0);
  });
});
