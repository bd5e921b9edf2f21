/**
 * The hostile-server suite (issue #10): a loopback server in front of the emulator answers every
 * request the commands and the app make (the token exchange, the org and account listings, the
 * refresh-token listing) with escapes in every name, a 20 MB body, a slow trickle, a body cut off
 * mid-way, HTML instead of JSON, or JSON nested 100,000 deep. The built `status` and app must
 * answer each within bounds: an exit code and a sentence (no stack, no "unexpected error", no raw
 * control character), the app still up, still quitting, the terminal sane.
 */
import {readFileSync} from 'node:fs';
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {ExitCode} from '../../source/exit-codes.js';
import {TmuxSession} from '../helpers/tmux.js';
import {
  CLI,
  ESCAPES,
  RAW_CONTROL,
  STACK_LINE,
  closeServer,
  listen,
  quitApp,
  rawControlIn,
  recordPane,
  runCli,
  settled,
  sttyIsSane,
  withSttyAfter,
  tempHomes,
} from './support.js';

type Mode = 'escapes' | 'huge' | 'slow' | 'truncated' | 'non-json' | 'nested';

const TEXT_KEYS = new Set(['name', 'description', 'displayName', 'email', 'firstName', 'lastName']);

function withEscapes(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return TEXT_KEYS.has(key) ? `${value}${ESCAPES}` : value;
  if (Array.isArray(value)) return value.map((item) => withEscapes(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withEscapes(v, k)]));
  }
  return value;
}

let emu: Emulator;
let hostile: Server;
let origin = '';
let mode: Mode = 'escapes';
/** Requests cut off once already (truncated mode cuts each request's first attempt only). */
const cut = new Set<string>();
const {home, removeHomes} = tempHomes();

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): void {
  const plain = {...headers};
  delete plain['content-length'];
  delete plain['transfer-encoding'];
  const key = `${req.method} ${req.url}`;
  switch (mode) {
    case 'escapes': {
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
      const out = json === undefined ? body : Buffer.from(JSON.stringify(withEscapes(json)));
      res.writeHead(status, {...plain, 'content-length': String(out.length)});
      res.end(out);
      return;
    }
    case 'huge': {
      res.writeHead(200, {'content-type': 'application/json'});
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 20 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    case 'slow': {
      res.writeHead(status, {...plain, 'content-length': String(body.length)});
      let at = 0;
      const step = Math.max(1, Math.ceil(body.length / 10));
      const timer = setInterval(() => {
        if (res.destroyed) return void clearInterval(timer);
        res.write(body.subarray(at, at + step));
        at += step;
        if (at >= body.length) {
          clearInterval(timer);
          res.end();
        }
      }, 60);
      return;
    }
    case 'truncated': {
      if (cut.has(key)) {
        res.writeHead(status, {...plain, 'content-length': String(body.length)});
        res.end(body);
        return;
      }
      cut.add(key);
      res.writeHead(status, {...plain, 'content-length': String(body.length + 100)});
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setImmediate(() => res.destroy());
      return;
    }
    case 'non-json': {
      res.writeHead(200, {'content-type': 'text/html'});
      res.end(`<html><body><h1>Gateway${ESCAPES}</h1></body></html>`);
      return;
    }
    case 'nested': {
      const depth = 100_000;
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(
        `{"access_token":${'['.repeat(depth)}${']'.repeat(depth)},"values":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}}`,
      );
      return;
    }
  }
}

beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
  const upstream = new URL(emu.zones.nam.api);
  hostile = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = request(
        new URL(req.url ?? '/', upstream),
        {method: req.method, headers: {...req.headers, host: upstream.host}},
        (reply) => {
          const parts: Buffer[] = [];
          reply.on('data', (part: Buffer) => parts.push(part));
          reply.on('end', () =>
            answer(req, res, reply.statusCode ?? 502, reply.headers, Buffer.concat(parts)),
          );
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  origin = await listen(hostile);
});
afterAll(async () => {
  await closeServer(hostile);
  await emu?.close();
});
afterEach(async () => {
  await removeHomes();
});

const MODES: Array<{mode: Mode; status: number[]}> = [
  {mode: 'escapes', status: [ExitCode.ok]},
  {mode: 'huge', status: [ExitCode.network]},
  {mode: 'slow', status: [ExitCode.ok]},
  {mode: 'truncated', status: [ExitCode.ok]},
  {mode: 'non-json', status: [ExitCode.network]},
  {mode: 'nested', status: [ExitCode.network]},
];

describe('a hostile server, to the built binary', () => {
  for (const {mode: current, status} of MODES) {
    it(`${current}: status answers in bounds, in one inert sentence`, async () => {
      mode = current;
      cut.clear();
      const started = Date.now();
      const result = await runCli(CLI, ['status', '--no-keychain', '--api-url', origin], {
        home: home(),
        env: {FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam},
        timeoutMs: 30_000,
      });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(status, result.stderr).toContain(result.code);
      for (const text of [result.stdout, result.stderr]) {
        expect(text).not.toMatch(STACK_LINE);
        expect(text).not.toMatch(/unexpected error|TypeError|RangeError/);
        expect(RAW_CONTROL.exec(text), text).toBeNull();
      }
      expect(result.stderr.length).toBeLessThan(2_000);
    }, 40_000);

    it(`${current}: the app stays up, draws nothing raw, quits, leaves the terminal sane`, async () => {
      mode = current;
      cut.clear();
      const h = home();
      const output = join(h.dir, 'pane-output.bin');
      const session = new TmuxSession({
        columns: 100,
        rows: 30,
        cwd: h.dir,
        env: {HOME: h.dir, FLEXERA_REFRESH_TOKEN: emu.refreshTokens.nam},
      });
      try {
        await session.start(
          withSttyAfter(
            ['node', CLI, '--api-url', origin, '--no-keychain', '--org', '1105'],
            join(h.dir, 'stty.txt'),
          ),
        );
        await recordPane(session, output);
        // Past the spinner: an account list, or a message saying what went wrong.
        await session.waitFor(
          (screen) => /billing-export|[✗!]|failed|[Cc]ould not|[Uu]nexpected/.test(screen),
          30_000,
        );
        await settled(session);
        expect(await session.exitStatus()).toBeUndefined();
        const screen = await session.screen();
        expect(screen).not.toContain('internal error');
        if (current === 'escapes') expect(screen).toContain('␛');
        expect(await quitApp(session)).toBe(ExitCode.interrupted);
        const raw = rawControlIn(readFileSync(output).toString('utf8'));
        expect(raw, `the app wrote a raw control character: ${raw}`).toBeUndefined();
        expect(sttyIsSane(readFileSync(join(h.dir, 'stty.txt'), 'utf8'))).toBe(true);
      } finally {
        await session.stop();
      }
    }, 60_000);
  }
});
