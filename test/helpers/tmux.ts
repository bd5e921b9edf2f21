import {execFile, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/**
 * A real terminal for end-to-end tests: a tmux server on its own socket (never the user's),
 * one window running the command, send-keys to type, capture-pane to read the screen.
 * CI is removed from the pane's environment so Ink renders as it does for a person.
 */
export class TmuxSession {
  readonly socket = `flexera-sa-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  private started = false;
  // remain-on-exit from the start keeps the pane after the app quits, so its exit status can be read.
  private readonly config = join(tmpdir(), `${this.socket}.conf`);

  constructor(
    private readonly options: {
      columns?: number;
      rows?: number;
      env?: Record<string, string>;
      cwd?: string;
    },
  ) {}

  private tmux(...args: string[]) {
    return run('tmux', ['-L', this.socket, '-f', this.config, ...args], {
      env: {...process.env, CI: undefined, FLEXERA_SA_TEST_CI: undefined, TMUX: undefined},
    });
  }

  /** Starts `command` (argv, no shell) in a fresh pane of the given size. */
  async start(command: string[]): Promise<void> {
    writeFileSync(this.config, 'set -g remain-on-exit on\nset -g status off\n');
    const env = Object.entries(this.options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    await this.tmux(
      'new-session',
      '-d',
      '-x',
      String(this.options.columns ?? 100),
      '-y',
      String(this.options.rows ?? 30),
      ...env,
      ...(this.options.cwd ? ['-c', this.options.cwd] : []),
      'env -u CI ' + command.map(shellQuote).join(' '),
    );
    this.started = true;
  }

  /** Sends keys by tmux name (Enter, Escape, Up, Down, Space, C-c) or literal text with literal=true. */
  async send(keys: string | string[], literal = false): Promise<void> {
    const list = Array.isArray(keys) ? keys : [keys];
    await this.tmux('send-keys', '-t', '0', ...(literal ? ['-l'] : []), ...list);
  }

  /**
   * The visible screen. `joinWrapped`: a line the terminal wrapped comes back as one line (-J).
   * `history`: from the start of the scrollback, not only the visible rows (-S -).
   * `escapes`: with the colours and attributes as escape sequences (-e).
   */
  /** Pastes text into the pane through a tmux buffer fed on stdin: a secret is in no argv. */
  paste(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const load = spawn('tmux', ['-L', this.socket, 'load-buffer', '-'], {
        stdio: ['pipe', 'ignore', 'inherit'],
      });
      load.on('error', reject);
      load.on('exit', (code) => {
        if (code !== 0) return reject(new Error(`tmux load-buffer exited ${code}`));
        spawn('tmux', ['-L', this.socket, 'paste-buffer', '-d', '-t', '0'])
          .on('exit', (c) =>
            c === 0 ? resolve() : reject(new Error(`tmux paste-buffer exited ${c}`)),
          )
          .on('error', reject);
      });
      load.stdin.end(text);
    });
  }

  async screen(
    options: {joinWrapped?: boolean; history?: boolean; escapes?: boolean} = {},
  ): Promise<string> {
    const {stdout} = await this.tmux(
      'capture-pane',
      '-p',
      ...(options.escapes ? ['-e'] : []),
      ...(options.joinWrapped ? ['-J'] : []),
      ...(options.history ? ['-S', '-'] : []),
      '-t',
      '0',
    );
    return stdout;
  }

  /**
   * Appends everything the pane's command writes to `path` from now on (tmux pipe-pane): frames
   * that were replaced before a capture could see them are still there, in order.
   */
  async record(path: string): Promise<void> {
    await this.tmux('pipe-pane', '-t', '0', '-o', `cat >> ${shellQuote(path)}`);
  }

  /** Resizes the window (and so the pane): the app gets SIGWINCH, as when a person drags it. */
  async resize(columns: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', '0', '-x', String(columns), '-y', String(rows));
  }

  /** A tmux format for the pane, e.g. `#{cursor_flag}` (1 = cursor shown), `#{pane_width}`. */
  async format(format: string): Promise<string> {
    const {stdout} = await this.tmux('display-message', '-p', '-t', '0', format);
    return stdout.trim();
  }

  /** Polls the screen until it contains `text` (or the predicate holds); throws with the screen on timeout. */
  async waitFor(
    match: string | ((screen: string) => boolean),
    timeoutMs = 15_000,
  ): Promise<string> {
    const test = typeof match === 'string' ? (s: string) => s.includes(match) : match;
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `Timed out waiting for ${typeof match === 'string' ? JSON.stringify(match) : 'a screen'}; the screen was:\n${last}`,
    );
  }

  /**
   * The exit status of the pane's command once it has exited (128 + n for a signal), else
   * undefined. Now and then (seen with tmux 3.3a, often after resize-window) tmux leaves the exited
   * command an unreaped zombie for seconds, with the pane not dead or dead without a status: then
   * the status is read from /proc (Linux).
   */
  async exitStatus(): Promise<number | undefined> {
    const {stdout} = await this.tmux(
      'display-message',
      '-p',
      '-t',
      '0',
      '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}:#{pane_pid}',
    );
    const [dead, status, signal, pid] = stdout.trim().split(':');
    if (dead === '1') {
      if (status && /^\d+$/.test(status)) return Number(status);
      if (signal && /^\d+$/.test(signal)) return 128 + Number(signal);
    }
    return pid ? zombieExitStatus(Number(pid)) : undefined;
  }

  async waitForExit(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await this.exitStatus();
      if (status !== undefined) return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`The command did not exit; the screen was:\n${await this.screen()}`);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // tmux 3.3 leaves its socket file behind after kill-server: remove it too.
    const socketPath = await this.format('#{socket_path}').catch(() => '');
    await this.tmux('kill-server').catch(() => undefined);
    await rm(this.config, {force: true});
    if (socketPath.endsWith(`/${this.socket}`)) await rm(socketPath, {force: true});
  }
}

/** The exit status of a process that has exited but not been reaped yet (/proc/PID/stat). */
function zombieExitStatus(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after "(comm)": state is the 3rd field of the line, exit_code the 52nd (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] !== 'Z') return undefined;
  const code = Number(fields[49]);
  if (!Number.isInteger(code)) return undefined;
  return code & 0x7f ? 128 + (code & 0x7f) : (code >> 8) & 0xff;
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
