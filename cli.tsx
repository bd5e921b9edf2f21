#!/usr/bin/env node
/**
 * flexera-sa entry: parse the command line, then either the interactive app or one
 * non-interactive command. Rare commands load lazily so the app starts fast (issue #6).
 */
import process from 'node:process';
import {parseArgs, UsageError, type Invocation} from './source/cli/args.js';
import {ExitCode} from './source/exit-codes.js';

// Source maps only for --debug runs: with them on, Node 20 parses the map of every chunk it loads
// (~35 ms CPU and ~37 MiB of each start, issue #6). Set here, before the app's chunks load, so their stack traces
// map back to the sources; NODE_OPTIONS=--enable-source-maps maps everything.
if (process.argv.some((arg) => arg === '--debug' || arg.startsWith('--debug='))) {
  process.setSourceMapsEnabled?.(true);
}

async function main(argv: string[]): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseArgs(argv, process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      // A usage error quotes argv and the environment: written inert (loaded only on this path).
      const {inertLines} = await import('./source/terminal/inert-output.js');
      process.stderr.write(`flexera-sa: ${inertLines(error.message)}\n`);
      return ExitCode.usage;
    }
    throw error;
  }

  switch (invocation.command) {
    case 'emulator': {
      const {runEmulatorCommand} = await import('./source/commands/emulator.js');
      return runEmulatorCommand({
        port: invocation.port,
        host: invocation.host,
        json: invocation.json,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    case 'login':
    case 'status':
    case 'logout': {
      const {runAccountCommand} = await import('./source/cli/account-commands.js');
      return runAccountCommand(invocation);
    }
    case 'app': {
      const {runApp} = await import('./source/cli/run-app.js');
      const code = await runApp(invocation);
      // Exit explicitly: the query cache's garbage-collection timers (and a keychain call that
      // timed out, which cannot be cancelled) would otherwise keep the process alive.
      process.exit(code);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    // Last resort: say what failed without a stack (a stack can carry request details).
    const message = error instanceof Error ? error.message : String(error);
    const {inertLines} = await import('./source/terminal/inert-output.js');
    process.stderr.write(`flexera-sa: unexpected error: ${inertLines(message)}\n`);
    process.exitCode = 1;
  },
);
