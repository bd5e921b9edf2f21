/**
 * `npm run bench` is a report, not a test, and no figure of it is asserted here (no timed
 * assertions). This smoke run only checks that the bench still works against the app as it is:
 * its in-process harness builds, drives the real screens through the article's recipe to the end,
 * and prints its table. Start and memory need dist/ and a pty; they run in `npm run bench`.
 */
import {spawn} from 'node:child_process';
import {resolve} from 'node:path';
import {describe, expect, it} from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');

function runBench(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['scripts/bench.mjs', ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => done({code, stdout, stderr}));
  });
}

describe('npm run bench -- --quick (smoke)', () => {
  it(
    'drives the app through keys and the recipe and prints the table',
    {timeout: 180_000},
    async () => {
      const {code, stdout, stderr} = await runBench([
        '--quick',
        '--only',
        'keys,requests,lastused',
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain('| Measure | Result | Baseline (same run) | Target | Verdict |');
      for (const row of [
        'Keys: ↑/↓ in the org picker, 2,003 orgs',
        'Keys: filter keystrokes on the 2,003',
        'Keys: ↑/↓ in the role picker',
        "Requests: the article's recipe through the app",
        'Requests: org picker ↔ account list ↔ account detail while fresh',
        'Last used: 20 accounts, 20,000 API events (useLastUsed)',
      ]) {
        expect(stdout).toContain(row);
      }
      // The recipe reached its last step (verify), and each key drew a frame.
      expect(stdout).not.toContain('stopped at');
      expect(stdout).toMatch(/recipe, verify it: \d+/);
      expect(stdout).not.toMatch(/drew no new frame/);
      expect(stdout).not.toMatch(/\| n\/a \|/);
      // One paged read of 100 pages served the 20 accounts.
      expect(stdout).toMatch(/\d+ requests \(100 pages of one read\)/);
    },
  );

  it('refuses an unknown argument', async () => {
    const {code, stderr} = await runBench(['--fast']);
    expect(code).toBe(1);
    expect(stderr).toContain('unknown argument --fast');
  });
});
