/**
 * --debug=PATH on things that are not a new regular file (issue #10, defect 8): a FIFO once blocked
 * the built binary forever, deaf to SIGTERM and SIGINT; a hard link had the log appended to the
 * other name. Now the open is non-blocking and such a path is refused (exit 2, saying why).
 */
import {execFileSync, spawn} from 'node:child_process';
import {
  chmodSync,
  constants,
  linkSync,
  openSync,
  closeSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import type {Server} from 'node:http';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ExitCode} from '../../source/exit-codes.js';
import {expectUsageLine} from '../reliability/support.js';
import {CLI, closeServer, hostileServer, runCli, tempHomes} from './support.js';

const {home, removeHomes} = tempHomes();
let silent: {server: Server; origin: string; seen: string[]};

beforeAll(async () => {
  // Never answers: the command waits on it until a signal comes.
  silent = await hostileServer(() => undefined);
});
afterAll(async () => {
  await closeServer(silent?.server);
});
afterEach(async () => {
  await removeHomes();
});

describe('--debug=PATH that is not a new regular file', () => {
  it('a FIFO with no reader: refused at once, exit 2', async () => {
    const h = home();
    const fifo = join(h.dir, 'log.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = await runCli(CLI, ['status', '--no-keychain', `--debug=${fifo}`], {
      home: h,
      timeoutMs: 10_000,
    });
    expectUsageLine(result, ExitCode.usage, /not a regular file/);
  });

  it('a FIFO with a reader: refused, nothing written to it', async () => {
    const h = home();
    const fifo = join(h.dir, 'log.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const result = await runCli(CLI, ['status', '--no-keychain', `--debug=${fifo}`], {
        home: h,
        timeoutMs: 10_000,
      });
      expectUsageLine(result, ExitCode.usage, /not a regular file/);
    } finally {
      closeSync(reader);
    }
  });

  it('a hard link to another file: refused, the other name untouched', async () => {
    const h = home();
    const other = join(h.dir, 'precious.conf');
    writeFileSync(other, 'keep me\n');
    chmodSync(other, 0o600);
    const link = join(h.dir, 'debug.log');
    linkSync(other, link);
    const result = await runCli(CLI, ['status', '--no-keychain', `--debug=${link}`], {home: h});
    expectUsageLine(result, ExitCode.usage, /hard links/);
    expect(readFileSync(other, 'utf8')).toBe('keep me\n');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} ends a command that logs with --debug while it waits on the server`, async () => {
      const h = home();
      const log = join(h.dir, 'debug.log');
      const child = spawn(
        process.execPath,
        [CLI, 'status', '--no-keychain', `--debug=${log}`, '--api-url', silent.origin],
        {
          cwd: h.dir,
          env: h.env({FLEXERA_REFRESH_TOKEN: 'rt-x'}),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const deadline = Date.now() + 15_000;
      while (!stderr.includes('debug log') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Waiting on the token exchange now (the server never answers).
      while (silent.seen.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const sentAt = Date.now();
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      expect(Date.now() - sentAt).toBeLessThan(5_000);
      expect(child.signalCode === signal || child.exitCode !== null).toBe(true);
      silent.seen.length = 0;
    });
  }
});
