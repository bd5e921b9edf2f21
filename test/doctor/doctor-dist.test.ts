/**
 * `flexera-sa doctor` as built (dist/cli.js): its chunk and the emulator chunk it loads for the
 * comparison load from the bundle, and the command answers through the real command line.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {CLI, TempHome, runCli} from '../reliability/support.js';

let emu: Emulator;
let home: TempHome;
beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
  home = new TempHome();
});
afterAll(async () => {
  await emu.close();
  await home.remove();
});

it('runs from the bundle, compares with the bundled emulator, and prints no secret', async () => {
  const result = await runCli(CLI, ['doctor', '--api-url', emu.zones.nam.api, '--no-keychain'], {
    home,
    env: {FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam},
    timeoutMs: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('✓ token');
  expect(result.stdout).toContain('No deviation from what the emulator answers.');
  expect(result.stdout).not.toContain(emu.refreshTokens.nam);
  const json = await runCli(
    CLI,
    ['doctor', '--json', '--org', '1180', '--api-url', emu.zones.nam.api, '--no-keychain'],
    {
      home,
      env: {FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam},
      timeoutMs: 30_000,
    },
  );
  expect(json.code).toBe(0);
  const report = JSON.parse(json.stdout) as {reads: Array<{read: string; status?: number}>};
  expect(report.reads.find((r) => r.read === 'list API events')?.status).toBe(200);
});

it('refuses a flag doctor does not take', async () => {
  const result = await runCli(CLI, ['doctor', '--sandbox'], {home});
  expect(result.code).toBe(2);
});
