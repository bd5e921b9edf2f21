/**
 * The terminal (issue #7): the built binary in a real terminal (tmux on its own socket), or with
 * no terminal at all. No TTY; 80×24; too small, then enlarged; resized mid-screen; Ctrl+C and q at
 * each step leave the terminal as they found it (cooked mode, echo on, cursor shown).
 */
import {spawn} from 'node:child_process';
import {mkdirSync, openSync, closeSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxSession} from '../helpers/tmux.js';
import {CLI, STACK_LINE, TempHome} from './support.js';

const sessions: TmuxSession[] = [];
const homes: TempHome[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
  await Promise.all(homes.splice(0).map((h) => h.remove()));
});

/** A tmux terminal of the given size whose commands see a throwaway HOME. */
function terminal(
  columns: number,
  rows: number,
  envFor: (home: TempHome) => Record<string, string> = () => ({}),
) {
  const home = new TempHome();
  homes.push(home);
  const session = new TmuxSession({columns, rows, cwd: home.dir, env: home.env(envFor(home))});
  sessions.push(session);
  return {session, home};
}

/**
 * Runs the app, then (in the same pane, after it exits) records its exit code and `stty -a`:
 * what the person's shell would get back. The pane then stays alive (a dead pane has no cursor
 * state to read).
 */
async function startRecorded(session: TmuxSession, home: TempHome, args: string[]) {
  const out = join(home.dir, 'out');
  mkdirSync(out);
  const script = `node "$0" ${args.join(' ')}; echo $? > "$1/code"; stty -a > "$1/stty"; echo RECORDED; exec sleep 120`;
  await session.start(['sh', '-c', script, CLI, out]);
  return {
    async finished() {
      await session.waitFor((s) => s.includes('RECORDED'));
      return {
        code: Number(readFileSync(join(out, 'code'), 'utf8').trim()),
        stty: readFileSync(join(out, 'stty'), 'utf8'),
      };
    },
  };
}

/** Cooked mode with echo, as a shell expects; and the cursor visible. */
async function expectTerminalRestored(session: TmuxSession, stty: string) {
  const flags = stty.split(/[\s;]+/);
  for (const on of ['icanon', 'echo', 'isig', 'icrnl', 'opost']) {
    expect(flags, `stty -a:\n${stty}`).toContain(on);
    expect(flags).not.toContain(`-${on}`);
  }
  expect(await session.format('#{cursor_flag}')).toBe('1');
}

/** Polls the screen with wrapped lines joined (so a line too wide for the terminal shows). */
async function waitForJoined(
  session: TmuxSession,
  test: (screen: string) => boolean,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await session.screen({joinWrapped: true});
    if (test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out; the screen (wrapped lines joined) was:\n${last}`);
}

const lines = (screen: string) => screen.split('\n');
const widest = (screen: string) => Math.max(...lines(screen).map((line) => stringWidth(line)));

/** The whole frame is on screen: the breadcrumb on the first row, the footer below it. */
function frameFits(screen: string): boolean {
  const rows = lines(screen);
  return rows[0]!.startsWith('flexera-sa ›') && rows.some((row) => row.includes('SANDBOX'));
}

describe('no terminal', () => {
  function runPiped(args: string[]) {
    const home = new TempHome();
    homes.push(home);
    return new Promise<{code: number | null; stdout: string; stderr: string}>((resolve, reject) => {
      const devNull = openSync('/dev/null', 'r');
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: home.dir,
        env: home.env(),
        stdio: [devNull, 'pipe', 'pipe'],
      });
      closeSync(devNull);
      let stdout = '';
      let stderr = '';
      child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({code, stdout, stderr}));
    });
  }

  it('stdin from /dev/null and stdout a pipe: exit 2 with its own one-line message', async () => {
    for (const args of [[], ['--sandbox'], ['--no-keychain', '--org', '1105']]) {
      const result = await runPiped(args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^flexera-sa: the interactive app needs a terminal on stdin and stdout\. In scripts use `flexera-sa login --with-token`/,
      );
      expect(result.stderr).not.toMatch(/Raw mode/i);
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('in a terminal, but stdin or stdout redirected: the same message, exit 2', async () => {
    const {session, home} = terminal(100, 30);
    const out = join(home.dir, 'out');
    mkdirSync(out);
    await session.start([
      'sh',
      '-c',
      'node "$0" --sandbox < /dev/null; echo $? > "$1/stdin"; { node "$0" --sandbox; echo $? > "$1/stdout"; } | cat > /dev/null; echo RECORDED; exec sleep 120',
      CLI,
      out,
    ]);
    await session.waitFor('RECORDED');
    expect(readFileSync(join(out, 'stdin'), 'utf8').trim()).toBe('2');
    expect(readFileSync(join(out, 'stdout'), 'utf8').trim()).toBe('2');
    const screen = await session.screen({joinWrapped: true, history: true});
    expect(
      screen.match(/^flexera-sa: the interactive app needs a terminal on stdin and stdout\./gm),
    ).toHaveLength(2);
    expect(screen).not.toMatch(/Raw mode/i);
    expect(screen).not.toMatch(STACK_LINE);
  });
});

describe('in a real terminal', () => {
  it('80×24: the org picker shows, no line is wider than 80, the frame fits', async () => {
    const {session} = terminal(80, 24);
    await session.start(['node', CLI, '--sandbox']);
    const screen = await session.waitFor((s) => s.includes('Acme Corp') && s.includes('SANDBOX'));
    const joined = await session.screen({joinWrapped: true});
    expect(widest(joined), joined).toBeLessThanOrEqual(80);
    expect(frameFits(screen), screen).toBe(true);
    expect(lines(screen)[0]).toBe('flexera-sa › Orgs');
    for (const org of ['Acme Corp', 'Globex Corporation', 'Initech Labs'])
      expect(screen).toContain(org);
    await session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('40×10 says it is too small instead of garbling; enlarged to 100×30 it draws normally', async () => {
    const {session} = terminal(40, 10);
    await session.start(['node', CLI, '--sandbox']);
    const small = await session.waitFor('Terminal too small');
    // Ink wraps the sentence at 40 columns: compare it with the line breaks taken out.
    const words = (await session.screen()).replace(/\s+/g, ' ');
    expect(words).toContain('Terminal too small: need 60×16, have 40×10 — enlarge the window');
    expect(small).not.toContain('Acme Corp');
    expect(small).not.toContain('SANDBOX');

    await session.resize(100, 30);
    const big = await session.waitFor((s) => s.includes('Acme Corp') && frameFits(s));
    expect(big).not.toContain('Terminal too small');
    expect(lines(big)[0]).toBe('flexera-sa › Orgs');
    expect(big.match(/flexera-sa ›/g)).toHaveLength(1);
    expect(widest(await session.screen({joinWrapped: true}))).toBeLessThanOrEqual(100);

    // Shrunk below the minimum again: the message comes back.
    await session.resize(50, 12);
    await session.waitFor((s) => s.includes('Terminal too small') && !s.includes('Acme Corp'));
    await session.resize(80, 24);
    await session.waitFor((s) => s.includes('Acme Corp') && frameFits(s));
    await session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('shrunk below the minimum mid-screen and enlarged again: back where it was', async () => {
    const {session} = terminal(80, 24);
    await session.start(['node', CLI, '--sandbox']);
    await session.waitFor((s) => s.includes('Acme Corp') && frameFits(s));
    await session.send('Enter');
    await session.waitFor((s) => lines(s)[0]!.startsWith('flexera-sa › Orgs › Acme Corp'));
    await session.resize(40, 10);
    await session.waitFor('Terminal too small');
    await session.resize(80, 24);
    const back = await session.waitFor((s) => frameFits(s));
    // The navigation (and whatever the screen held) survives a moment of too-small terminal.
    expect(lines(back)[0]).toMatch(/^flexera-sa › Orgs › Acme Corp/);
    await session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('resized mid-screen from 100×30 to 70×20: redraws within the new width', async () => {
    const {session} = terminal(100, 30);
    await session.start(['node', CLI, '--sandbox']);
    await session.waitFor((s) => s.includes('Acme Corp') && frameFits(s));
    // Move off the first row, so the redraw has state to keep.
    await session.send('Down');
    await session.waitFor((s) => /› Globex Corporation/.test(s));

    await session.resize(70, 20);
    const redrawn = await waitForJoined(
      session,
      (joined) => widest(joined) <= 70 && frameFits(joined) && joined.includes('Acme Corp'),
    );
    expect(redrawn).toMatch(/› Globex Corporation/);
    // One frame, not the old one plus the new one.
    expect(redrawn.match(/Acme Corp/g)).toHaveLength(1);
    expect(redrawn.match(/SANDBOX/g)).toHaveLength(1);
    expect(lines(redrawn)[0]).toBe('flexera-sa › Orgs');
    expect(await session.format('#{pane_width}x#{pane_height}')).toBe('70x20');
    await session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('quitting leaves the terminal restored', () => {
  const steps: Array<{
    name: string;
    args?: string[];
    size?: [number, number];
    reach: (session: TmuxSession) => Promise<void>;
  }> = [
    {
      name: 'at the org picker',
      reach: async (session) => {
        await session.waitFor((s) => s.includes('Acme Corp') && frameFits(s));
      },
    },
    {
      name: 'while typing a filter',
      reach: async (session) => {
        await session.waitFor((s) => s.includes('Acme Corp') && frameFits(s));
        await session.send('/');
        await session.waitFor('Esc clear');
        await session.send('gl', true);
        await session.waitFor((s) => s.includes('filtered from 3'));
      },
    },
    {
      name: 'with the help overlay open',
      reach: async (session) => {
        await session.waitFor((s) => s.includes('Acme Corp') && frameFits(s));
        await session.send('?');
        await session.waitFor('Keys — Orgs');
      },
    },
    {
      name: 'inside an org',
      reach: async (session) => {
        await session.waitFor((s) => s.includes('Acme Corp') && frameFits(s));
        await session.send('Enter');
        await session.waitFor((s) => lines(s)[0]!.startsWith('flexera-sa › Orgs › Acme Corp'));
      },
    },
    {
      name: 'while the terminal is too small',
      size: [40, 10],
      reach: async (session) => {
        await session.waitFor('Terminal too small');
      },
    },
    {
      name: 'at sign-in (no token)',
      args: ['--no-keychain'],
      reach: async (session) => {
        await session.waitFor((s) => lines(s)[0]!.startsWith('flexera-sa › Sign in'));
      },
    },
  ];

  for (const step of steps) {
    it(`Ctrl+C ${step.name}: exit 130, cooked mode and echo back, cursor shown`, async () => {
      const {session, home} = terminal(...(step.size ?? [80, 24]));
      const run = await startRecorded(session, home, step.args ?? ['--sandbox']);
      await step.reach(session);
      expect(await session.format('#{cursor_flag}')).toBe('0');
      await session.send('C-c');
      const {code, stty} = await run.finished();
      expect(code).toBe(130);
      await expectTerminalRestored(session, stty);
      expect(await session.screen()).not.toMatch(STACK_LINE);
    });
  }

  it('q at the org picker: exit 0, cooked mode and echo back, cursor shown', async () => {
    const {session, home} = terminal(80, 24);
    const run = await startRecorded(session, home, ['--sandbox']);
    await steps[0]!.reach(session);
    await session.send('q');
    const {code, stty} = await run.finished();
    expect(code).toBe(0);
    await expectTerminalRestored(session, stty);
  });

  it('SIGTERM: exit 130 and the terminal restored', async () => {
    const {session, home} = terminal(80, 24);
    const run = await startRecorded(session, home, ['--sandbox']);
    await steps[0]!.reach(session);
    // The pane runs sh; its one child is the app.
    const shell = await session.format('#{pane_pid}');
    const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8')
      .trim()
      .split(/\s+/);
    expect(children).toHaveLength(1);
    process.kill(Number(children[0]), 'SIGTERM');
    const {code, stty} = await run.finished();
    expect(code).toBe(130);
    await expectTerminalRestored(session, stty);
  });
});

describe('a corrupt config file, in the app', () => {
  it('names the file, exits 2 before drawing, leaves the file unchanged', async () => {
    const configDir = (home: TempHome) => join(home.dir, 'flexera-config');
    const {session, home} = terminal(100, 30, (h) => ({FLEXERA_SA_CONFIG_DIR: configDir(h)}));
    mkdirSync(configDir(home));
    const file = join(configDir(home), 'config.json');
    writeFileSync(file, '{not json');
    await session.start(['node', CLI, '--no-keychain']);
    expect(await session.waitForExit()).toBe(2);
    const screen = await session.screen({joinWrapped: true, history: true});
    expect(screen).toContain(`flexera-sa: The config file ${file} is not valid JSON`);
    expect(screen).toContain('flexera-sa has left it unchanged');
    expect(screen).not.toMatch(STACK_LINE);
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });
});
