// A real terminal for the bench: util-linux `script` gives the command a pty and streams what it
// draws straight to us, so the time to a frame is read from the stream (no screen polling, unlike
// tmux's capture-pane). The pane is sized with stty, then the shell waits for a go-ahead line and
// `exec`s the command: the clock starts at the go-ahead, so script's and the shell's start-up are
// outside the measured time, and the measured process is the command itself (exec keeps its pid).
import {spawn, spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {stripVTControlCharacters} from 'node:util';

const READY = 'bench-pty-ready';

export function ptyAvailable() {
  const probe = spawnSync('script', ['--version'], {encoding: 'utf8'});
  return probe.status === 0 && /util-linux/.test(probe.stdout + probe.stderr);
}

function shellQuote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The environment of a person's terminal: no CI (Ink would draw only the last frame). */
export function terminalEnv(extra = {}) {
  const env = {...process.env, TERM: 'xterm-256color', SHELL: '/bin/sh'};
  for (const name of [
    'CI',
    'FLEXERA_SA_TEST_CI',
    'TMUX',
    'NODE_OPTIONS',
    'FORCE_COLOR',
    'NO_COLOR',
  ])
    delete env[name];
  Object.assign(env, extra);
  return env;
}

export class PtyRun {
  /** Output since the go-ahead, control sequences removed. */
  text = '';
  /** Time (performance.now) of the go-ahead; undefined until go(). */
  startedAt;
  /** Time of the last output chunk. */
  lastOutputAt = 0;
  #child;
  #raw = '';
  #waiters = new Set();
  #exited;

  constructor(argv, {columns = 100, rows = 30, env = {}} = {}) {
    const inner =
      `stty cols ${columns} rows ${rows}; printf '%s\\n' '${READY}'; read _go; exec ` +
      argv.map(shellQuote).join(' ');
    this.#child = spawn('script', ['-qfec', inner, '/dev/null'], {
      env: terminalEnv(env),
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    this.#exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.stdout.on('data', (chunk) => this.#onData(chunk));
  }

  #onData(chunk) {
    const now = performance.now();
    this.lastOutputAt = now;
    if (this.startedAt === undefined) {
      this.#raw += chunk.toString('utf8');
      return;
    }
    this.text += stripVTControlCharacters(chunk.toString('utf8'));
    for (const waiter of this.#waiters) {
      if (waiter.test(this.text)) {
        this.#waiters.delete(waiter);
        waiter.resolve(now);
      }
    }
  }

  /** Resolves once the pane is sized and the shell waits for the go-ahead. */
  async ready(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.#raw.includes(READY)) {
      if (Date.now() > deadline)
        throw new Error('the pty did not start (is util-linux script installed?)');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** Starts the command; the clock starts now. */
  go() {
    this.startedAt = performance.now();
    this.#child.stdin.write('\n');
  }

  /**
   * Milliseconds from the go-ahead to the output chunk that first made `match` true (a string to
   * find in the output, or a predicate over all of it); throws with the last output on timeout.
   */
  waitFor(match, timeoutMs = 15_000) {
    const test = typeof match === 'string' ? (text) => text.includes(match) : match;
    if (test(this.text)) return Promise.resolve(this.lastOutputAt - this.startedAt);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at - this.startedAt);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`timed out; the terminal showed:\n${this.text.slice(-1500)}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Resolves when nothing has been drawn for `quietMs` (at most `timeoutMs`). */
  async settle(quietMs = 250, timeoutMs = 5_000) {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() - this.lastOutputAt < quietMs && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  send(bytes) {
    this.#child.stdin.write(bytes);
  }

  /** The pid of the command (script's child: the shell exec'd it). */
  commandPid() {
    const pid = this.#child.pid;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    const child = Number(children[0]);
    if (!Number.isInteger(child) || child <= 0) throw new Error('the command is not running');
    return child;
  }

  /** CPU time the command has used so far, all threads (scheduler nanoseconds), in ms. */
  cpuMs() {
    const pid = this.commandPid();
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  }

  /** Peak resident memory of the command so far (VmHWM), in bytes. */
  peakRss() {
    const status = readFileSync(`/proc/${this.commandPid()}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    if (!match) throw new Error('no VmHWM in /proc/<pid>/status');
    return Number(match[1]) * 1024;
  }

  /** Ends the command (SIGTERM: the app unmounts and restores the terminal), then the pty. */
  async stop() {
    try {
      process.kill(this.commandPid(), 'SIGTERM');
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-this.#child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 2_000);
    await this.#exited;
    clearTimeout(timer);
  }
}

/** Starts `argv` in a fresh pty and waits until it is ready for the go-ahead. */
export async function openPty(argv, options) {
  const run = new PtyRun(argv, options);
  await run.ready();
  return run;
}
