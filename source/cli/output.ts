/**
 * How a command speaks: one JSON document on stdout (--json), or aligned inert text; failures as
 * one line on stderr with the exit code of DESIGN.md "The command line".
 */
import {readFile} from 'node:fs/promises';
import {createInterface} from 'node:readline/promises';
import {ExitCode} from '../exit-codes.js';
import {displayWidth, inert, padToWidth} from '../ui/text.js';
import type {CommandIo} from './types.js';

/** A command refused to go on: the words say what to do; `exitCode` per the README table. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.usage,
  ) {
    super(message);
  }
}

export function printJson(io: CommandIo, document: unknown): void {
  io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** Rows under a header, each column as wide as its widest cell; every cell made inert. */
export function printTable(io: CommandIo, header: readonly string[], rows: readonly unknown[][]) {
  const cells = [header, ...rows].map((row) => row.map((cell) => inert(cell)));
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => displayWidth(row[column] ?? ''))),
  );
  for (const row of cells) {
    const line = row.map((cell, column) =>
      column === row.length - 1 ? cell : padToWidth(cell, widths[column]!),
    );
    io.stdout.write(`${line.join('  ').trimEnd()}\n`);
  }
}

/** "label: value" lines, labels aligned. */
export function printFields(io: CommandIo, fields: ReadonlyArray<readonly [string, unknown]>) {
  const labelWidth = Math.max(...fields.map(([label]) => label.length)) + 2;
  for (const [label, value] of fields) {
    io.stdout.write(`${`${label}:`.padEnd(labelWidth)}${inert(value)}\n`);
  }
}

/** A notice on stderr, never on stdout (stdout is the document); made inert. */
export function say(io: CommandIo, text: string): void {
  io.stderr.write(`flexera-sa: ${inert(text)}\n`);
}

/**
 * Asks yes/no on a terminal; without one, nothing is asked: the answer is no and the caller
 * says to add --yes.
 */
async function confirm(io: CommandIo, question: string): Promise<boolean> {
  if (!io.stdin.isTTY) return false;
  const rl = createInterface({input: io.stdin, output: io.stderr as NodeJS.WritableStream});
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * A change that needs consent: --yes, or a "y" typed at a terminal. Without a terminal and
 * without --yes it is refused (exit 2) with the words of `why`.
 */
export async function requireConsent(
  io: CommandIo,
  yes: boolean,
  question: string,
  why: string,
): Promise<void> {
  if (yes) return;
  if (!io.stdin.isTTY) {
    throw new CommandFailure(`${why} Add --yes to confirm (nothing was changed).`);
  }
  if (!(await confirm(io, question))) {
    throw new CommandFailure('Not confirmed: nothing was changed.');
  }
}

/** A file the user named (a team file, a saved plan, a secret file), or a failure naming it. */
export async function readInputFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CommandFailure(`Cannot read ${file} (${code}).`);
  }
}
