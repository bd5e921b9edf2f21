/**
 * Shell completion through @bomb.sh/tab: `completion SHELL` prints a script for bash, zsh or fish;
 * that script runs `flexera-sa complete -- WORDS…` at each Tab and prints what fits. The tree is
 * commands/index.ts and flags.ts, so completion never drifts from the parser.
 */
import tab from '@bomb.sh/tab';
import {ExitCode} from '../../exit-codes.js';
import {FLAG_SPECS, COMMON_FLAGS, dashed, type FlagName} from '../flags.js';
import type {CommandRun, Output} from '../types.js';
import {COMMAND_SPECS, GROUPS} from './index.js';

type TabCommand = ReturnType<typeof tab.command>;

function addFlags(command: TabCommand, flags: readonly FlagName[]) {
  for (const key of flags) {
    if (key === 'help' || key === 'version') continue;
    const spec: {type: string; description: string; short?: string; choices?: readonly string[]} =
      FLAG_SPECS[key];
    const name = key === 'keychain' ? 'no-keychain' : dashed(key).slice(2);
    if (spec.type === 'boolean') {
      command.option(name, spec.description, spec.short ?? '');
      continue;
    }
    const choices = spec.choices;
    command.option(
      name,
      spec.description,
      (complete) => {
        for (const value of choices ?? []) complete(value, '');
      },
      spec.short,
    );
  }
}

let built = false;
function buildTree() {
  if (built) return;
  built = true;
  addFlags(tab, ['sandbox', 'org', ...COMMON_FLAGS]);
  for (const [group, summary] of Object.entries(GROUPS)) tab.command(group, summary);
  for (const spec of COMMAND_SPECS) {
    const command = tab.command(spec.path, spec.summary);
    addFlags(command, [...spec.flags, ...COMMON_FLAGS]);
    for (const argument of spec.args ?? []) {
      const choices = argument.choices;
      command.argument(
        argument.name,
        choices ? (complete) => choices.forEach((c) => complete(c, '')) : undefined,
        argument.variadic,
      );
    }
  }
}

/** Writes what tab prints with console.log to `out` instead. */
/* eslint-disable no-console -- tab writes its answers with console.log; they go to `out`. */
function capture(out: Output, body: () => void) {
  const log = console.log;
  console.log = (...parts: unknown[]) => void out.write(`${parts.join(' ')}\n`);
  try {
    body();
  } finally {
    console.log = log;
  }
}
/* eslint-enable no-console */

/** `flexera-sa complete -- WORDS…`: the shell's question, answered on stdout. */
export function complete(words: string[], out: Output): void {
  buildTree();
  capture(out, () => tab.parse(words));
}

export const run: CommandRun = (invocation, io) => {
  const shell = invocation.args[0]!;
  if (!['bash', 'zsh', 'fish'].includes(shell)) {
    io.stderr.write(
      `flexera-sa: completion takes bash, zsh or fish, not "${shell.slice(0, 12)}".\n`,
    );
    return Promise.resolve(ExitCode.usage);
  }
  buildTree();
  capture(io.stdout, () => tab.setup('flexera-sa', 'flexera-sa', shell));
  return Promise.resolve(ExitCode.ok);
};
