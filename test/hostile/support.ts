/**
 * Shared by the hostile-input tests (issue #10): a recording forward proxy (CONNECT and
 * absolute-form), a TLS front with a throwaway certificate, and small server helpers. Every test
 * here runs the built binary (dist/cli.js), never the sources.
 */
import {execFile, execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import {connect, type AddressInfo, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import type {TmuxSession} from '../helpers/tmux.js';

const execFileAsync = promisify(execFile);

import {TempHome} from '../reliability/support.js';

export {CLI, TempHome, runCli, STACK_LINE, type CliResult} from '../reliability/support.js';

/** Listens on 127.0.0.1 (ephemeral port) and gives the origin. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return `${'cert' in server ? 'https' : 'http'}://127.0.0.1:${port}`;
}

export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** A forward proxy that records what it was asked: `CONNECT host:port` or `GET http://…`. */
export class RecordingProxy {
  readonly seen: string[] = [];
  private readonly sockets = new Set<Socket>();
  readonly server = createHttpServer((req, res) => this.forward(req, res));
  url = '';

  async start(): Promise<this> {
    this.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      this.seen.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
    });
    this.url = await listen(this.server);
    return this;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    this.seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      target,
      {method: req.method, headers: {...req.headers, host: target.host}},
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end('proxy could not reach the target');
    });
    req.pipe(upstream);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await closeServer(this.server);
  }
}

/** A self-signed certificate for 127.0.0.1 and localhost, made by openssl in a temp directory. */
export function throwawayCertificate(): {key: string; cert: string; certPath: string} {
  const dir = mkdtempSync(join(tmpdir(), 'flexera-sa-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    {stdio: 'ignore'},
  );
  return {key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath};
}

/** An HTTPS reverse proxy in front of `target` (an http:// origin): the emulator over TLS. */
export async function tlsFront(
  target: string,
  tls: {key: string; cert: string},
): Promise<{server: Server; origin: string}> {
  const upstreamOrigin = new URL(target);
  const server = createHttpsServer(tls, (req, res) => {
    const upstream = httpRequest(
      new URL(req.url ?? '/', upstreamOrigin),
      {method: req.method, headers: {...req.headers, host: upstreamOrigin.host}},
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }) as unknown as Server;
  return {server, origin: await listen(server)};
}

/** Any byte a terminal would act on, other than the newline that ends a line; and bidi controls. */
const RAW_CONTROL_CLASS =
  '[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]';
export const RAW_CONTROL = new RegExp(RAW_CONTROL_CLASS);

/** What a hostile server slips into every string it can: title, clipboard, link, clear, bell, RLO. */
export const ESCAPES =
  '\u001b]0;pwned title\u0007\u001b]52;c;cm0gLXJmIH4=\u0007\u001b]8;;https://evil.example/\u001b\\link\u001b]8;;\u001b\\\u001b[2J\u0007\u202Eevil';

/** A JWT (unsigned) with the given claims: the client only reads claims, it never verifies. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({alg: 'none', typ: 'JWT'})}.${part(claims)}.sig`;
}

/** A loopback HTTP server answering every request with `handler`, recording the requests. */
export async function hostileServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{server: Server; origin: string; seen: string[]}> {
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    handler(req, res);
  });
  return {server, origin: await listen(server), seen};
}

/** Sends raw bytes to the pane (tmux send-keys -H), as a terminal would pass them on. */
export async function sendBytes(socket: string, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length; at += 2048) {
    const hex = [...bytes.subarray(at, at + 2048)].map((b) => b.toString(16).padStart(2, '0'));
    await execFileAsync('tmux', ['-L', socket, 'send-keys', '-t', '0', '-H', ...hex], {
      env: {...process.env, TMUX: undefined},
    });
  }
}

/**
 * argv for tmux: runs `command`, then records the terminal's mode (`stty -a`) into `sttyFile` and
 * exits with the command's status, so a test can check the terminal was left sane.
 */
export function withSttyAfter(command: string[], sttyFile: string): string[] {
  const quoted = command.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  // Once the app is gone, a late Ctrl+C from quitApp (the pane still shows "Press Ctrl+C again")
  // must not kill the shell before stty wrote: SIGINT is ignored from there on, and the file
  // appears whole (written aside, then renamed).
  const file = sttyFile.replace(/'/g, `'\\''`);
  return [
    'sh',
    '-c',
    `${quoted}; code=$?; trap '' INT; stty -a > '${file}.part' && mv '${file}.part' '${file}'; exit $code`,
  ];
}

/** The terminal is in the mode a shell expects: canonical input, echo, signals. */
export function sttyIsSane(stty: string): boolean {
  const flags = new Set(stty.split(/[\s;]+/));
  return flags.has('icanon') && flags.has('echo') && flags.has('isig') && !flags.has('-icanon');
}

/**
 * What the app may write: text, CR/LF, and the escape sequences Ink itself uses (SGR colours,
 * cursor up/left/column, erase line/screen, cursor visibility, synchronized output). Anything else
 * (OSC, DCS, BEL, another C0 or C1 control, a bidi override) came from the fuzzed input raw.
 */
/* eslint-disable no-control-regex -- these patterns are about control characters */
const INK_SEQUENCES = [
  /\u001b\[[0-9;]*[mABCDGHJK]/g,
  /\u001b\[\?(25|2026|1049|1004|2004|1000|1002|1003|1006)[hl]/g,
];
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

export function rawControlIn(written: string): string | undefined {
  let stripped = written;
  for (const sequence of INK_SEQUENCES) stripped = stripped.replace(sequence, '');
  const bad = CONTROL.exec(stripped);
  if (!bad) return undefined;
  const at = bad.index;
  return JSON.stringify(stripped.slice(Math.max(0, at - 30), at + 30));
}

/**
 * Waits until the app has drawn everything it was sent: the screen unchanged across captures for
 * 600 ms. A key sent while input is still queued would share a read with it, and Ink takes a
 * multi-character read as typed text, not as the key.
 */
export async function settled(session: TmuxSession, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await session.screen();
  let stableSince = Date.now();
  while (Date.now() - stableSince < 600) {
    if (Date.now() > deadline) throw new Error(`the app never settled; the screen was:\n${last}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await session.screen();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
}

/**
 * Quits from whatever state the fuzz left: Ctrl+C (one byte, which no half-read escape sequence
 * can swallow, unlike Esc and q), pressed again when asked; "Quit anyway?" answered.
 */
export async function quitApp(session: TmuxSession): Promise<number> {
  await settled(session);
  for (let round = 0; round < 4; round++) {
    await session.send('C-c');
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      const status = await session.exitStatus();
      if (status !== undefined) return status;
      const screen = await session.screen();
      if (screen.includes('Press Ctrl+C again')) await session.send('C-c');
      else if (screen.includes('Quit anyway?') && !screen.includes('› [ Quit ]')) {
        await session.send('y');
      } else if (screen.includes('› [ Quit ]')) await session.send('Enter');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const tty = await session.format('#{pane_tty}');
  const {stdout: mode} = await execFileAsync('stty', ['-F', tty, '-a']).catch(() => ({
    stdout: '?',
  }));
  throw new Error(
    `the app did not quit; tty mode: ${mode}\nthe screen was:\n${await session.screen()}`,
  );
}

/** Records everything the pane's program writes to the terminal into `file` (tmux pipe-pane). */
export async function recordPane(session: TmuxSession, file: string): Promise<void> {
  await execFileAsync(
    'tmux',
    ['-L', session.socket, 'pipe-pane', '-t', '0', '-o', `cat >> '${file}'`],
    {
      env: {...process.env, TMUX: undefined},
    },
  );
}

/** Throwaway HOMEs: `home()` makes one, `removeHomes()` removes all made so far (afterEach). */
export function tempHomes(): {home: () => TempHome; removeHomes: () => Promise<void>} {
  const made: TempHome[] = [];
  return {
    home: () => {
      const home = new TempHome();
      made.push(home);
      return home;
    },
    removeHomes: async () => {
      await Promise.all(made.splice(0).map((home) => home.remove()));
    },
  };
}
