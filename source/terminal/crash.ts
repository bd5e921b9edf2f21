/**
 * The app's last line of defence: a render or input error (or any uncaught one) while Ink owns the
 * terminal. The terminal is put back (raw mode off, cursor shown, mouse and paste modes off), the
 * user is told what happened in one inert sentence, and a client secret that was on screen (shown
 * once, not fetchable again) is offered: written to a new 0600 file if the user names one.
 */
import readline from 'node:readline';
import type {ShownSecret} from '../handoff/shown-once.js';
import {writeSecretFile} from '../handoff/secret-file.js';
import {inertLines} from './inert-output.js';

/** Show the cursor; leave the alternate screen; mouse reports, focus events, bracketed paste off. */
const RESTORE =
  '\u001b[?25h\u001b[?1049l\u001b[?1000l\u001b[?1002l\u001b[?1003l\u001b[?1006l\u001b[?1004l\u001b[?2004l';

export interface CrashIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Raw mode off and the modes above reset: the terminal as the shell expects it. Never throws. */
function restoreTerminal(io: CrashIo): void {
  try {
    if (io.stdin.isTTY) io.stdin.setRawMode(false);
  } catch {
    // stdin already closed.
  }
  try {
    io.stdout.write(RESTORE);
  } catch {
    // stdout already closed.
  }
}

function ask(io: CrashIo, question: string): Promise<string> {
  return new Promise((resolve) => {
    // Ink may have left its 'readable' listener (it crashed inside it): while one is attached,
    // stdin never flows to readline.
    io.stdin.removeAllListeners('readable');
    const lines = readline.createInterface({input: io.stdin, output: io.stderr, terminal: false});
    io.stderr.write(question);
    io.stdin.resume();
    lines.once('line', (line) => {
      resolve(line.trim());
      lines.close();
    });
    lines.once('close', () => resolve(''));
  });
}

/**
 * Says what happened and offers `secret` (taken with takeShownSecret() the moment the crash was
 * seen, before Ink's teardown could release it). Call after Ink is unmounted (or could not be).
 * Returns when the user has answered (or at once when there is nothing to offer).
 */
export async function reportCrash(
  error: unknown,
  io: CrashIo,
  secret: ShownSecret | undefined,
): Promise<void> {
  restoreTerminal(io);
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    `\nflexera-sa: the app stopped on an internal error (${inertLines(message)}). The terminal was restored; nothing else was changed.\n`,
  );
  if (!secret) return;
  io.stderr.write(
    `flexera-sa: the client secret of ${inertLines(secret.clientId)} was on screen and cannot be shown again.\n`,
  );
  for (;;) {
    const answer = await ask(
      io,
      'Type a NEW file name to write the credentials to (mode 0600), or press Enter to discard them: ',
    );
    if (answer === '') {
      io.stderr.write('flexera-sa: not written. Mint a new client if you need the secret.\n');
      return;
    }
    try {
      const written = await writeSecretFile({
        path: answer,
        format: answer.endsWith('.json') ? 'json' : 'env',
        endpoints: secret.endpoints,
        orgId: secret.orgId,
        serviceAccountId: secret.serviceAccountId,
        clientId: secret.clientId,
        clientSecret: secret.clientSecret,
      });
      io.stderr.write(`flexera-sa: the credentials were written to ${inertLines(written)}.\n`);
      return;
    } catch (writeError) {
      const why = writeError instanceof Error ? writeError.message : String(writeError);
      io.stderr.write(`flexera-sa: ${inertLines(why)}\n`);
    }
  }
}
