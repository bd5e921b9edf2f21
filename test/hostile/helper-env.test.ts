/**
 * The keytar helper process inherits no FLEXERA_* variable and no NODE_OPTIONS (issue #10,
 * defect 6). The built `status` probes the keychain in a helper; its D-Bus address points at a
 * socket that accepts and never answers, so the helper waits long enough for this test to read
 * /proc/<pid>/environ while it runs.
 */
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {createServer, type Socket} from 'node:net';
import {join} from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {CLI, tempHomes} from './support.js';

const {home: newHome, removeHomes} = tempHomes();
afterEach(async () => {
  await removeHomes();
});

/** Processes whose parent is `ppid` (from /proc/<pid>/stat). */
function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) out.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function environOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

it('the keychain helper runs without FLEXERA_* or NODE_OPTIONS in its environment', async () => {
  const home = newHome();
  const socketPath = join(home.dir, 'bus');
  const held: Socket[] = [];
  const bus = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => bus.listen(socketPath, resolve));
  const token = 'rt-must-not-reach-the-helper-0123456789';
  const cli = spawn(process.execPath, [CLI, 'status', '--api-url', 'http://127.0.0.1:1'], {
    cwd: home.dir,
    env: home.env({
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${socketPath}`,
      FLEXERA_REFRESH_TOKEN: token,
      FLEXERA_SA_MARKER: 'inherited',
      NODE_OPTIONS: '--max-old-space-size=300',
    }),
    stdio: 'ignore',
  });
  try {
    let environ: string[] | undefined;
    const deadline = Date.now() + 20_000;
    while (!environ && Date.now() < deadline && cli.exitCode === null) {
      for (const pid of childrenOf(cli.pid!)) {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmdline.includes('keytar')) environ = environOf(pid);
      }
      if (!environ) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(environ, 'the keychain helper was never seen running').toBeDefined();
    // The right process: it got the D-Bus address it needs.
    expect(environ).toContain(`DBUS_SESSION_BUS_ADDRESS=unix:path=${socketPath}`);
    expect(environ!.filter((entry) => /^(FLEXERA_|NODE_OPTIONS=)/i.test(entry))).toEqual([]);
    expect(environ!.join('\n')).not.toContain(token);
  } finally {
    cli.kill('SIGKILL');
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => bus.close(resolve));
  }
});
