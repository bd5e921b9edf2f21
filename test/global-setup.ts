import {execFile} from 'node:child_process';
import {promisify} from 'node:util';

/**
 * Builds dist/ once before any test runs (also when one file is run directly), so tests that
 * spawn the built binary (end to end, terminal, bad input) never run a stale bundle.
 */
export default async function setup(): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], {cwd: process.cwd()});
}
