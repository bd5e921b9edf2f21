/**
 * Runs a TypeScript script in its own process against a real keyring situation: gnome-keyring in
 * a throwaway HOME under dbus-run-session (libsecret keeps one bus per process, so one process
 * per scenario), or no session bus at all, or a bus without a Secret Service, or one whose
 * Secret Service never answers. Each run gets a fresh HOME, XDG dirs and TMPDIR.
 */
import {execFileSync, spawn} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {inCi} from '../../helpers/ci.js';

export const REPO = resolve(import.meta.dirname, '../../..');

export type Keyring =
  /** gnome-keyring with its login collection unlocked. */
  | 'unlocked'
  /** gnome-keyring with a login collection that is locked (an entry stored before locking). */
  | 'locked'
  /** gnome-keyring auto-started by D-Bus: no login collection, no prompter to create one. */
  | 'no-collection'
  /** no session bus: DBUS_SESSION_BUS_ADDRESS and DISPLAY unset, no dbus-run-session. */
  | 'no-bus'
  /** a session bus with no org.freedesktop.secrets service. */
  | 'no-secret-service'
  /** a session bus whose org.freedesktop.secrets service starts but never answers. */
  | 'hanging';

export interface RunOptions {
  keyring: Keyring;
  /** Script path relative to the repository (run with node --import tsx), or... */
  script?: string;
  /** ...a shell command instead (e.g. secret-tool lookup). */
  shell?: string;
  args?: string[];
  stdin?: string;
  env?: Record<string, string>;
  /** For 'unlocked' and 'locked': entries stored with secret-tool first (before locking). */
  preStored?: Array<{account: string; secret: string}>;
  /** Shell commands run after the script, in the same session (their output is appended). */
  after?: string[];
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const KEYRING_PASSWORD = 'scenario-keyring-password';

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
}

/** Why keyring tests cannot run here, or undefined when they can. */
function keyringUnavailableReason(): string | undefined {
  const missing = ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool', 'dbus-send'].filter(
    (command) => !has(command),
  );
  return missing.length > 0
    ? `needs ${missing.join(', ')} (apt install gnome-keyring dbus dbus-x11 libsecret-tools)`
    : undefined;
}

/** Skips with the reason outside CI; in CI a missing keyring is a failure, not a skip. */
export function requireKeyring(ctx: {skip: (note?: string) => void}): void {
  const reason = keyringUnavailableReason();
  if (reason === undefined) return;
  if (inCi()) throw new Error(`keyring tests must run in CI, but this machine ${reason}`);
  ctx.skip(`no real Secret Service here: ${reason}`);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** One throwaway root per run: home, XDG dirs, TMPDIR. */
export class Sandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'flexera-sa-keyring-'));
  readonly home = join(this.root, 'home');
  readonly tmp = join(this.root, 'tmp');
  readonly runtime = join(this.root, 'run');
  readonly config = join(this.home, '.config');
  readonly data = join(this.home, '.local', 'share');
  readonly cache = join(this.home, '.cache');
  private readonly pidFiles: string[] = [];

  constructor() {
    for (const dir of [this.home, this.tmp, this.runtime, this.config, this.data, this.cache]) {
      mkdirSync(dir, {recursive: true});
    }
    chmodSync(this.runtime, 0o700);
  }

  get keyrings(): string {
    return join(this.data, 'keyrings');
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      HOME: this.home,
      TMPDIR: this.tmp,
      XDG_CONFIG_HOME: this.config,
      XDG_DATA_HOME: this.data,
      XDG_CACHE_HOME: this.cache,
      XDG_RUNTIME_DIR: this.runtime,
      ...extra,
    };
  }

  /** A bus config of our own: no service files, or a secrets service that never answers. */
  private busConfig(kind: 'no-secret-service' | 'hanging'): string {
    const dir = join(this.root, 'bus');
    const services = join(dir, 'services');
    mkdirSync(services, {recursive: true});
    if (kind === 'hanging') {
      const pidFile = join(dir, 'hung-service.pid');
      this.pidFiles.push(pidFile);
      // Claims to provide org.freedesktop.secrets, then never registers: calls wait until D-Bus
      // gives up (service_start_timeout below), far longer than any test. Its stdio must not hold
      // our pipes open, or the run would only end with it.
      writeFileSync(
        join(services, 'org.freedesktop.secrets.service'),
        `[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh -c 'echo $$ > ${pidFile}; exec sleep 300 </dev/null >/dev/null 2>&1'\n`,
      );
    }
    const config = join(dir, 'session.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${services}</servicedir>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
  <limit name="service_start_timeout">300000</limit>
</busconfig>
`,
    );
    return config;
  }

  /** Runs `node --import tsx <script>` (or a shell command) in the given keyring situation. */
  run(options: RunOptions): Promise<RunResult> {
    const command = this.argv(options);
    return new Promise((resolvePromise, reject) => {
      const child = spawn(command[0]!, command.slice(1), {
        cwd: REPO,
        env: this.env(options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code, signal) => resolvePromise({code, signal, stdout, stderr}));
      child.stdin.end(options.stdin ?? '');
    });
  }

  /**
   * The command line that runs the script or shell command in the keyring situation (for a
   * terminal of its own: run it with `env()`).
   */
  argv(options: Omit<RunOptions, 'stdin' | 'env'>): string[] {
    const node =
      options.shell ??
      [
        shellQuote(process.execPath),
        '--import',
        'tsx',
        shellQuote(join(REPO, options.script ?? '')),
        ...(options.args ?? []).map(shellQuote),
      ].join(' ');
    const after = (options.after ?? []).map((command) => `; ${command}`).join('');
    const unlock = `echo -n ${shellQuote(KEYRING_PASSWORD)} | gnome-keyring-daemon --unlock --components=secrets >/dev/null`;
    // keytar looks entries up with xdg:schema org.freedesktop.Secret.Generic; secret-tool only
    // sets that attribute when asked.
    const store = (options.preStored ?? [])
      .map(
        ({account, secret}) =>
          ` && printf %s ${shellQuote(secret)} | secret-tool store --label=flexera-sa xdg:schema org.freedesktop.Secret.Generic service flexera-sa account ${shellQuote(account)}`,
      )
      .join('');
    let command: string[];
    switch (options.keyring) {
      case 'unlocked':
        command = [
          'dbus-run-session',
          '--',
          'bash',
          '-c',
          `${unlock}${store} && { ${node}${after}; }`,
        ];
        break;
      case 'locked': {
        const lock =
          'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null';
        command = [
          'dbus-run-session',
          '--',
          'bash',
          '-c',
          `${unlock}${store} && ${lock} && { ${node}${after}; }`,
        ];
        break;
      }
      case 'no-collection':
        command = ['dbus-run-session', '--', 'bash', '-c', `${node}${after}`];
        break;
      case 'no-bus':
        command = ['bash', '-c', `${node}${after}`];
        break;
      case 'no-secret-service':
      case 'hanging':
        command = [
          'dbus-run-session',
          `--config-file=${this.busConfig(options.keyring)}`,
          '--',
          'bash',
          '-c',
          `${node}${after}`,
        ];
        break;
    }
    return command;
  }

  /** Removes the root; ends a hung fake service this sandbox started (by its pid). */
  async dispose(): Promise<void> {
    for (const file of this.pidFiles) {
      try {
        const pid = Number(readFileSync(file, 'utf8').trim());
        if (pid > 0) process.kill(pid, 'SIGKILL');
      } catch {
        // never started, or already gone
      }
    }
    await rm(this.root, {recursive: true, force: true});
  }
}

/** The last line of stdout parsed as JSON (scenario scripts print one JSON line). */
export function lastJson<T>(result: RunResult): T {
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(
      `expected a JSON line; exit ${result.code}${result.signal ? ` (${result.signal})` : ''}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}
