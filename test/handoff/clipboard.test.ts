/**
 * The clipboard tools are real programs: small shell scripts put first (and alone) on the PATH the
 * session's env gives, recording what they were handed. Nothing is mocked.
 */
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmod, readFile, writeFile} from 'node:fs/promises';
import {promisify} from 'node:util';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {clipboardTools, copyToClipboard, osc52Sequence} from '../../source/handoff/index.js';
import {tempDir} from './support.js';

const execFileAsync = promisify(execFile);
const SECRET = 'cl1ent-s3cret/with+symbols=and ünïcode';
// Generous, so a busy machine never falls through to the next method by accident.
const timeoutMs = 15_000;

let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({dir, remove} = await tempDir());
});
afterEach(async () => {
  await remove();
});

/** A fake tool: records argv, stdin and env in `<name>.argv|stdin|env`, then exits with `code`. */
async function tool(name: string, body = 'exit 0'): Promise<void> {
  const file = path.join(dir, name);
  const out = path.join(dir, name);
  await writeFile(
    file,
    [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > '${out}.argv'`,
      `/bin/cat > '${out}.stdin'`,
      `/usr/bin/env > '${out}.env'`,
      body,
      '',
    ].join('\n'),
  );
  await chmod(file, 0o755);
}

class FakeTty {
  isTTY = true;
  written = '';
  write(chunk: string) {
    this.written += chunk;
    return true;
  }
}

function decodeOsc52(written: string): string {
  // OSC 52: ESC ] 52 ; c ; <base64> BEL
  const start = written.indexOf('\x1b]52;c;');
  const end = written.indexOf('\x07', start);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const payload = written.slice(start + '\x1b]52;c;'.length, end);
  expect(payload).toMatch(/^[A-Za-z0-9+/=]*$/);
  return Buffer.from(payload, 'base64').toString('utf8');
}

describe('copyToClipboard with a platform tool', () => {
  it('X11: xclip gets the text on stdin, never in argv, and no FLEXERA_ variables', async () => {
    await tool('xclip');
    const stdout = new FakeTty();
    const result = await copyToClipboard(SECRET, {
      env: {PATH: dir, DISPLAY: ':0', FLEXERA_REFRESH_TOKEN: 'refresh-token-value-xyz'},
      stdout,
      platform: 'linux',
      timeoutMs,
    });
    expect(result).toMatchObject({method: 'xclip', certain: true});
    expect(result.message).not.toContain(SECRET);
    expect(await readFile(path.join(dir, 'xclip.stdin'), 'utf8')).toBe(SECRET);
    const argv = await readFile(path.join(dir, 'xclip.argv'), 'utf8');
    expect(argv).toBe('-selection\nclipboard\n-in\n');
    expect(await readFile(path.join(dir, 'xclip.env'), 'utf8')).not.toContain(
      'refresh-token-value-xyz',
    );
    expect(stdout.written).toBe('');
  });

  it('X11: when xclip fails, xsel is tried', async () => {
    await tool('xclip', 'exit 1');
    await tool('xsel');
    const result = await copyToClipboard(SECRET, {
      env: {PATH: dir, DISPLAY: ':0'},
      stdout: new FakeTty(),
      platform: 'linux',
      timeoutMs,
    });
    expect(result).toMatchObject({method: 'xsel', certain: true});
    expect(await readFile(path.join(dir, 'xsel.stdin'), 'utf8')).toBe(SECRET);
    expect(await readFile(path.join(dir, 'xsel.argv'), 'utf8')).toBe('--clipboard\n--input\n');
  });

  it('Wayland: wl-copy first', async () => {
    await tool('wl-copy');
    await tool('xclip');
    const result = await copyToClipboard(SECRET, {
      env: {PATH: dir, WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0'},
      stdout: new FakeTty(),
      platform: 'linux',
      timeoutMs,
    });
    expect(result.method).toBe('wl-copy');
    expect(await readFile(path.join(dir, 'wl-copy.stdin'), 'utf8')).toBe(SECRET);
  });

  it('macOS: pbcopy', async () => {
    await tool('pbcopy');
    const result = await copyToClipboard(SECRET, {
      env: {PATH: dir},
      stdout: new FakeTty(),
      platform: 'darwin',
      timeoutMs,
    });
    expect(result).toMatchObject({method: 'pbcopy', certain: true});
    expect(await readFile(path.join(dir, 'pbcopy.stdin'), 'utf8')).toBe(SECRET);
  });

  it('a tool that hangs is stopped and the next method is used', async () => {
    await tool('xclip', 'exec /bin/sleep 30');
    const stdout = new FakeTty();
    const result = await copyToClipboard(SECRET, {
      env: {PATH: dir, DISPLAY: ':0'},
      stdout,
      platform: 'linux',
      timeoutMs: 300,
    });
    expect(result.method).toBe('osc52');
    expect(decodeOsc52(stdout.written)).toBe(SECRET);
  });
});

describe('copyToClipboard without a tool', () => {
  it('falls back to OSC 52 on the terminal and says it is not certain', async () => {
    const stdout = new FakeTty();
    const result = await copyToClipboard(SECRET, {
      env: {PATH: dir, DISPLAY: ':0'},
      stdout,
      platform: 'linux',
    });
    expect(result).toMatchObject({method: 'osc52', certain: false});
    expect(result.message).toMatch(
      /OSC 52.*If nothing arrives, your terminal does not accept OSC 52/,
    );
    expect(result.message).not.toContain(SECRET);
    expect(stdout.written.startsWith('\x1b]52;c;')).toBe(true);
    expect(decodeOsc52(stdout.written)).toBe(SECRET);
    // The secret itself is never written in clear.
    expect(stdout.written).not.toContain(SECRET);
  });

  it('inside tmux with no reachable tmux, wraps the sequence for passthrough', async () => {
    const stdout = new FakeTty();
    const result = await copyToClipboard(SECRET, {
      env: {PATH: dir, TMUX: '/tmp/tmux-1000/default,1,0'},
      stdout,
      platform: 'linux',
    });
    expect(result.method).toBe('osc52');
    expect(result.message).toMatch(/tmux/);
    expect(stdout.written.startsWith('\x1bPtmux;\x1b\x1b]52;c;')).toBe(true);
    expect(stdout.written.endsWith('\x07\x1b\\')).toBe(true);
    expect(decodeOsc52(stdout.written)).toBe(SECRET);
  });

  it('over SSH on a Mac, skips pbcopy (it would fill the remote clipboard)', async () => {
    await tool('pbcopy');
    const stdout = new FakeTty();
    const result = await copyToClipboard(SECRET, {
      env: {PATH: dir, SSH_TTY: '/dev/ttys001'},
      stdout,
      platform: 'darwin',
    });
    expect(result.method).toBe('osc52');
    await expect(readFile(path.join(dir, 'pbcopy.stdin'), 'utf8')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('when the output is not a terminal, copies nothing and says so', async () => {
    const stdout = new FakeTty();
    stdout.isTTY = false;
    const result = await copyToClipboard(SECRET, {env: {PATH: dir}, stdout, platform: 'linux'});
    expect(result).toMatchObject({method: 'none', certain: false});
    expect(result.message).toMatch(/nothing was copied/);
    expect(stdout.written).toBe('');
  });
});

describe('copyToClipboard inside tmux', () => {
  const socket = `flexera-sa-clip-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmux = (...args: string[]) =>
    execFileAsync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});

  afterEach(async () => {
    await tmux('kill-server').catch(() => undefined);
  });

  it("hands the secret to tmux's buffer through stdin and says where it went", async () => {
    await tmux('new-session', '-d', '-x', '80', '-y', '24');
    const {stdout: where} = await tmux('display-message', '-p', '#{socket_path},#{pid},0');
    const stdout = new FakeTty();
    const result = await copyToClipboard(SECRET, {
      // The real tmux, found on the PATH, talks to the server named by $TMUX.
      env: {PATH: process.env.PATH, TMUX: where.trim()},
      stdout,
      platform: 'linux',
      timeoutMs,
    });
    expect(result).toMatchObject({method: 'tmux', certain: true});
    expect(result.message).toMatch(/tmux's paste buffer/);
    expect(result.message).not.toContain(SECRET);
    // Nothing went to the terminal: no OSC 52 for tmux to drop.
    expect(stdout.written).toBe('');
    const {stdout: buffer} = await tmux('show-buffer');
    expect(buffer).toBe(SECRET);
  });
});

describe('clipboardTools', () => {
  it('follows the platform and display variables', () => {
    expect(clipboardTools({}, 'linux')).toEqual([]);
    expect(clipboardTools({DISPLAY: ':1'}, 'linux').map((t) => t.method)).toEqual([
      'xclip',
      'xsel',
    ]);
    expect(clipboardTools({WSL_DISTRO_NAME: 'Ubuntu'}, 'linux').map((t) => t.method)).toEqual([
      'clip',
    ]);
    expect(clipboardTools({}, 'win32').map((t) => t.command)).toEqual(['clip.exe']);
    expect(osc52Sequence('x', {})).toBe('\x1b]52;c;eA==\x07');
  });
});
