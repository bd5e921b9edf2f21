/**
 * No token over plain HTTP (issue #10, defect 4): the built binary accepts https:// endpoints, and
 * http:// only for loopback (the emulator). Anything else is a usage error (exit 2) saying why,
 * before a single request: a listening server on a non-loopback address must see nothing.
 */
import {createServer} from 'node:http';
import {networkInterfaces} from 'node:os';
import {afterEach, describe, expect, it} from 'vitest';
import {ExitCode} from '../../source/exit-codes.js';
import {expectUsageLine} from '../reliability/support.js';
import {CLI, closeServer, runCli, tempHomes} from './support.js';

const {home, removeHomes} = tempHomes();
afterEach(async () => {
  await removeHomes();
});

const WHY = /must be an https:\/\/ URL: over http:\/\/ the token would be sent in clear text/;

/** A non-loopback address of this machine, when it has one. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await closeServer(server);
  return port;
}

describe('plain http:// endpoints', () => {
  it('--api-url http:// to another host: exit 2, says why, the token is not sent', async () => {
    const result = await runCli(CLI, ['status', '--api-url', 'http://api.example.com'], {
      home: home(),
      env: {FLEXERA_REFRESH_TOKEN: 'rt-not-to-be-sent'},
    });
    expectUsageLine(result, ExitCode.usage, WHY);
    expect(result.stderr).toContain('--api-url');
  });

  it('the env forms and --login-url are held to the same rule', async () => {
    expectUsageLine(
      await runCli(CLI, ['status'], {home: home(), env: {FLEXERA_API_URL: 'http://10.1.2.3:8080'}}),
      ExitCode.usage,
      WHY,
    );
    expectUsageLine(
      await runCli(
        CLI,
        ['login', '--with-token', '--login-url', 'http://login.example.com', '--no-keychain'],
        {home: home(), stdin: 'rt-not-to-be-sent'},
      ),
      ExitCode.usage,
      WHY,
    );
    expectUsageLine(
      await runCli(CLI, ['--api-url', 'http://api.example.com'], {home: home()}),
      ExitCode.usage,
      WHY,
    );
  });

  it('a server on a non-loopback address over http:// receives nothing', async () => {
    const address = lanAddress();
    // CI machines have a network interface; a sealed sandbox may not.
    if (!address) return;
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    const {port} = server.address() as {port: number};
    try {
      const result = await runCli(CLI, ['status', '--api-url', `http://${address}:${port}`], {
        home: home(),
        env: {FLEXERA_REFRESH_TOKEN: 'rt-not-to-be-sent'},
      });
      expectUsageLine(result, ExitCode.usage, WHY);
      expect(hits).toEqual([]);
    } finally {
      await closeServer(server);
    }
  });

  it('loopback over http:// is accepted (127.0.0.0/8, ::1, localhost)', async () => {
    const port = await freePort();
    for (const url of [
      `http://127.0.0.2:${port}`,
      `http://localhost:${port}`,
      `http://[::1]:${port}`,
    ]) {
      const result = await runCli(CLI, ['status', '--no-keychain', '--api-url', url], {
        home: home(),
        env: {FLEXERA_REFRESH_TOKEN: 'rt-x'},
      });
      // Nothing listens there: a network failure (4), not a usage error (2).
      expect(result.code, `${url}: ${result.stderr}`).toBe(ExitCode.network);
    }
  });
});
