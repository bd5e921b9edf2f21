/**
 * The compile cache (issue #15): on a Node that has `module.enableCompileCache()` (22.1+) the
 * built app keeps its compiled code under $XDG_CACHE_HOME/flexera-sa/compile-cache, and deleting
 * that directory only means it is written again; on Node 20 nothing is written. CI runs the suite
 * on both.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync} from 'node:fs';
import module from 'node:module';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {compileCacheDir} from '../../source/cli/compile-cache.js';
import {REPO} from '../secrets/helpers/keyring.js';

const CLI = join(REPO, 'dist', 'cli.js');
const nodeHasIt =
  typeof (module as {enableCompileCache?: unknown}).enableCompileCache === 'function';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, {recursive: true, force: true})));
});

/** `status --no-keychain` with no token: loads a lazy chunk, draws nothing, exits 5. */
function status(env: Record<string, string>): Promise<{code: number; stdout: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'status', '--no-keychain'], {env}, (error, stdout) =>
      resolve({code: error ? Number(error.code) : 0, stdout}),
    );
  });
}

describe('the compile cache', () => {
  it('follows XDG: $XDG_CACHE_HOME, else ~/.cache; a relative XDG_CACHE_HOME is ignored', () => {
    expect(compileCacheDir({HOME: '/home/a', XDG_CACHE_HOME: '/var/c'}, 'linux')).toBe(
      '/var/c/flexera-sa/compile-cache',
    );
    expect(compileCacheDir({HOME: '/home/a'}, 'linux')).toBe(
      '/home/a/.cache/flexera-sa/compile-cache',
    );
    expect(compileCacheDir({HOME: '/home/a', XDG_CACHE_HOME: 'rel'}, 'linux')).toBe(
      '/home/a/.cache/flexera-sa/compile-cache',
    );
  });

  it(`is written where Node has it (here: ${nodeHasIt ? 'yes' : 'no'}, ${process.version}), and is safe to delete`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'flexera-sa-compile-cache-'));
    roots.push(root);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: join(root, 'home'),
      XDG_CACHE_HOME: join(root, 'cache'),
    };
    const dir = join(root, 'cache', 'flexera-sa', 'compile-cache');

    const first = await status(env);
    expect(first.code).toBe(5);
    expect(first.stdout).toMatch(/^token: +none$/m);
    if (!nodeHasIt) {
      expect(existsSync(join(root, 'cache'))).toBe(false);
      return;
    }
    const entries = readdirSync(dir, {recursive: true});
    expect(entries.length).toBeGreaterThan(1);

    await rm(dir, {recursive: true});
    const again = await status(env);
    expect(again.code).toBe(5);
    expect(again.stdout).toBe(first.stdout);
    expect(readdirSync(dir, {recursive: true}).length).toBeGreaterThan(1);
  });
});
