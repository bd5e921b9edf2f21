/**
 * Shared by the scripting command tests: one emulator per test file, a fresh HOME per run of the
 * built binary, signed in through FLEXERA_REFRESH_TOKEN on the emulator's NAM origin.
 */
import {afterAll, afterEach, beforeAll, expect} from 'vitest';
import {startEmulator, type Emulator} from '../../../source/emulator/index.js';
import {CLI, TempHome, runCli} from '../../reliability/support.js';

export function commandHarness() {
  let emulator: Emulator | undefined;
  const homes: TempHome[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({port: 0, rateLimit: false});
  });
  afterAll(async () => {
    await emulator?.close();
  });
  afterEach(async () => {
    emulator?.faults.clear();
    await Promise.all(homes.splice(0).map((h) => h.remove()));
  });
  const emu = () => emulator!;
  /** A HOME removed after the test. */
  const home = () => {
    const created = new TempHome();
    homes.push(created);
    return created;
  };
  const signedIn = () => ({
    FLEXERA_REFRESH_TOKEN: emu().refreshTokens.nam,
    FLEXERA_API_URL: emu().zones.nam.api,
  });
  /** `flexera-sa ARGS`, signed in; a new HOME unless one is given. */
  const cli = (args: string[], options: {home?: TempHome; stdin?: string} = {}) =>
    runCli(CLI, args, {home: options.home ?? home(), stdin: options.stdin, env: signedIn()});
  /** Runs a --json command that must succeed, and parses its one document. */
  const json = async <T = Record<string, unknown>>(args: string[], h?: TempHome): Promise<T> => {
    const result = await cli([...args, '--json'], {home: h});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as T;
  };
  let counter = 0;
  /** A new account in 1105 with a unique name, made through the command; its id. */
  const newAccount = async (prefix = 'acct', h?: TempHome) => {
    const name = `${prefix}-${process.pid}-${++counter}`;
    const doc = await json<{serviceAccount: {id: number}}>(
      ['accounts', 'create', '--org', '1105', '--name', name],
      h,
    );
    return {id: doc.serviceAccount.id, name};
  };
  /** What `flexera-sa complete -- WORDS` offers the shell (the values only). */
  const completions = async (...words: string[]) => {
    const result = await cli(['complete', '--', ...words]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout
      .split('\n')
      .filter((line) => line && !line.startsWith(':'))
      .map((line) => line.split('\t')[0]);
  };
  return {emu, home, signedIn, cli, json, newAccount, completions};
}
