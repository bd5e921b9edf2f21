/**
 * Shared by the reliability tests: the built binary, a throwaway HOME per run of it, and checks on
 * what it says.
 */
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, openSync, closeSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {createServer} from 'node:net';
import {join, resolve} from 'node:path';
import {expect} from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
/** The built entry point: test/global-setup.ts builds dist/ once before any test runs. */
export const CLI = join(REPO, 'dist', 'cli.js');

/** A throwaway HOME with its own TMPDIR and XDG directories; `env()` is the whole environment. */
export class TempHome {
  readonly dir = mkdtempSync(join(tmpdir(), 'flexera-sa-rel-'));
  readonly tmp = join(this.dir, 'tmp');
  readonly config = join(this.dir, 'config');

  constructor() {
    mkdirSync(this.tmp);
  }

  /** No DBUS/DISPLAY (no keychain unless a test brings one), no proxy, no FLEXERA_* from outside. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      HOME: this.dir,
      TMPDIR: this.tmp,
      XDG_CONFIG_HOME: this.config,
      XDG_STATE_HOME: join(this.dir, 'state'),
      XDG_CACHE_HOME: join(this.dir, 'cache'),
      ...extra,
    };
  }

  async remove(): Promise<void> {
    await rm(this.dir, {recursive: true, force: true});
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <cli> ...args` (cli: CLI) with pipes for stdout and stderr. stdin is /dev/null unless a
 * string is given (then a pipe holding it). Never a TTY.
 */
export function runCli(
  cli: string,
  args: string[],
  options: {home: TempHome; stdin?: string; env?: Record<string, string>; timeoutMs?: number},
): Promise<CliResult> {
  return runProcess(process.execPath, [cli, ...args], options);
}

/** Runs any program the way runCli runs the binary (a script's shell, for one). */
export function runProcess(
  command: string,
  args: string[],
  options: {home: TempHome; stdin?: string; env?: Record<string, string>; timeoutMs?: number},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const devNull = options.stdin === undefined ? openSync('/dev/null', 'r') : undefined;
    const child = spawn(command, args, {
      cwd: options.home.dir,
      env: options.home.env(options.env),
      stdio: [devNull ?? 'pipe', 'pipe', 'pipe'],
    });
    if (devNull !== undefined) closeSync(devNull);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not exit; stderr so far:\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({code, stdout, stderr});
    });
    if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  });
}

/** Lines that look like a JavaScript stack frame. */
export const STACK_LINE = /^\s+at\s/m;

/**
 * A refused input: the exit code, no stack, nothing on stdout, and one `flexera-sa: …` line on
 * stderr matching `says` (a sentence that says what to do).
 */
export function expectUsageLine(result: CliResult, code: number, says: RegExp): string {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toMatch(/unexpected error|TypeError|ReferenceError|\bError:/);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^flexera-sa: \S/);
  expect(lines[0]).toMatch(says);
  return lines[0]!;
}

/** A port with nothing listening: bind an ephemeral one, then close it. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
