#!/usr/bin/env node
/**
 * flexera-sa entry: parse the command line, then either the interactive app or one
 * non-interactive command. Rare commands load lazily so the app starts fast (issue #6).
 */
import process from 'node:process';
import {parseArgs, UsageError, type Invocation} from './source/cli/args.js';
import {ExitCode} from './source/exit-codes.js';
import {enableCompileCache} from './source/cli/compile-cache.js';

// Before any chunk loads: Node 22.1+ keeps their compiled code between runs (compile-cache.ts).
enableCompileCache(process.env);

// Source maps only for --debug runs: with them on, Node 20 parses the map of every chunk it loads
// (~35 ms CPU and ~37 MiB of each start, issue #6). Set here, before the app's chunks load, so their stack traces
// map back to the sources; NODE_OPTIONS=--enable-source-maps maps everything.
if (process.argv.some((arg) => arg === '--debug' || arg.startsWith('--debug='))) {
  process.setSourceMapsEnabled?.(true);
}

async function main(argv: string[]): Promise<number> {
  // The process names itself: `ps` and /proc then show "flexera-sa", not argv (a --debug path,
  // a file name). meow used to do this as it parsed.
  process.title = 'flexera-sa';
  // The shell asks for completions while a word is typed (`flexera-sa completion SHELL` wires it).
  if (argv[0] === 'complete' && argv[1] === '--') {
    const {complete} = await import('./source/cli/commands/completion.js');
    complete(argv.slice(2), process.stdout);
    return ExitCode.ok;
  }
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

  if (invocation.output !== undefined) {
    process.stdout.write(invocation.output);
    return ExitCode.ok;
  }
  if (invocation.command === 'app') {
    // The keychain helper starts first and loads beside the app chunk (issue #15).
    const early = import('./source/cli/early-keychain.js').then(({startKeychainEarly}) => ({
      keychain: startKeychainEarly(invocation, process.env),
    }));
    const {runApp} = await import('./source/cli/run-app.js');
    const code = await runApp(invocation, await early);
    // Exit explicitly: the query cache's garbage-collection timers (and a keychain call that
    // timed out, which cannot be cancelled) would otherwise keep the process alive.
    process.exit(code);
  }
  const {COMMAND_SPECS} = await import('./source/cli/commands/index.js');
  const spec = COMMAND_SPECS.find((candidate) => candidate.path === invocation.command)!;
  const run = await spec.load();
  const {stdin, stdout, stderr, env} = process;
  return run(invocation, {stdin, stdout, stderr, env});
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
