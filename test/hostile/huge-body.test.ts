/**
 * Unbounded response bodies (issue #10, defect 7): a 200 MB answer once cost the built app 714 MB
 * of memory (700 MB: 1.5 GB, then ERR_STRING_TOO_LONG retried for 84 s). Bodies are now read with
 * a cap (8 MB), stopped as soon as it is passed, reported as "the server sent more than 8 MB" and
 * not retried; the debug log records at most 64 K characters of a body.
 */
import {spawn} from 'node:child_process';
import {readFileSync, statSync} from 'node:fs';
import type {Server} from 'node:http';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {CLI, closeServer, hostileServer, type CliResult, tempHomes} from './support.js';

const TOTAL = 200 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

let huge: {server: Server; origin: string; seen: string[]};
let written = 0;
const {home, removeHomes} = tempHomes();

beforeAll(async () => {
  huge = await hostileServer((_req, res) => {
    // Chunked: no Content-Length announces the size.
    res.writeHead(200, {'content-type': 'application/json'});
    // Writes as fast as the client reads, until the client hangs up or 200 MB are sent.
    const pump = () => {
      while (written < TOTAL && !res.destroyed) {
        written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
});
afterAll(async () => {
  await closeServer(huge?.server);
});
afterEach(async () => {
  await removeHomes();
});

/** Runs the built CLI, sampling its peak memory (VmHWM) while it runs. */
function runMeasured(
  args: string[],
  env: Record<string, string>,
): Promise<CliResult & {peakKb: number; ms: number}> {
  const h = home();
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: h.dir,
      env: h.env(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const sample = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // Gone.
      }
    }, 10);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      clearTimeout(timer);
      resolve({code, stdout, stderr, peakKb, ms: Date.now() - started});
    });
  });
}

describe('a 200 MB answer, to the built binary', () => {
  it('status stops reading past 8 MB, says so, does not retry, stays small', async () => {
    written = 0;
    huge.seen.length = 0;
    const result = await runMeasured(['status', '--no-keychain', '--api-url', huge.origin], {
      FLEXERA_REFRESH_TOKEN: 'rt-x',
    });
    expect(result.stderr).toContain('the server sent more than 8 MB');
    expect(result.code).toBe(4);
    expect(huge.seen).toEqual(['POST /oidc/token']);
    // Stopped early: the server wrote a fraction of the 200 MB (socket buffers included).
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(result.peakKb).toBeLessThan(200 * 1024);
    expect(result.ms).toBeLessThan(20_000);
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    huge.seen.length = 0;
    const token = await hostileServer((req, res) => {
      if (req.url === '/oidc/token') {
        res.writeHead(200, {'content-type': 'application/json'});
        res.end(JSON.stringify({access_token: 'at-x', expires_in: 3600}));
        return;
      }
      res.writeHead(200, {'content-length': String(TOTAL)});
      res.write(CHUNK);
    });
    try {
      const result = await runMeasured(['status', '--no-keychain', '--api-url', token.origin], {
        FLEXERA_REFRESH_TOKEN: 'rt-x',
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/expires:\s+unknown \(Unexpected answer/);
      expect(token.seen.filter((line) => line.startsWith('GET'))).toHaveLength(1);
    } finally {
      await closeServer(token.server);
    }
  });

  it('the debug log records at most 64 K characters of a body', async () => {
    const description = 'x'.repeat(5_000_000);
    const refusing = await hostileServer((_req, res) => {
      res.writeHead(401, {'content-type': 'application/json'});
      res.end(JSON.stringify({error: 'invalid_grant', error_description: description}));
    });
    const h = home();
    const log = join(h.dir, 'debug.log');
    try {
      const result = await runMeasured(
        ['status', '--no-keychain', `--debug=${log}`, '--api-url', refusing.origin],
        {FLEXERA_REFRESH_TOKEN: 'rt-x'},
      );
      expect(result.code, result.stderr).toBe(1);
      expect(statSync(log).size).toBeLessThan(256 * 1024);
      expect(result.stderr.length).toBeLessThan(4096);
    } finally {
      await closeServer(refusing.server);
    }
  });
});
