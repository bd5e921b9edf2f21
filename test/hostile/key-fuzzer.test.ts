/**
 * The key fuzzer (issue #10, defect 3): the built app (dist/cli.js --sandbox) in tmux, on each
 * screen and dialog it can reach, is fed every CSI and SS3 key with each modifier, F1–F24, mouse
 * reports (X10, SGR, urxvt), focus events, bracketed pastes holding control and escape bytes, and
 * a few thousand random byte strings from a seeded generator. On each: the app never exits, never
 * writes a raw control character (everything it writes is recorded with pipe-pane and checked), and
 * leaves the terminal in a sane mode after q.
 *
 * Reproduce a failure with FLEXERA_SA_FUZZ_SEED=<the printed seed>.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {ExitCode} from '../../source/exit-codes.js';
import {TmuxSession} from '../helpers/tmux.js';
import {
  CLI,
  quitApp,
  recordPane,
  rawControlIn,
  sendBytes,
  sttyIsSane,
  withSttyAfter,
  tempHomes,
} from './support.js';

const SEED = Number(process.env.FLEXERA_SA_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RANDOM_STRINGS = 3000;
const ESC = '\u001b';
/** Keys per write to the terminal, as a fast typist or a paste delivers several at once. */
const BATCH = 64;

/** mulberry32: small, seedable, good enough to spread bytes. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keys that quit on purpose (q, Ctrl+C) or copy a secret with OSC 52 (y): not fed. */
const QUITTING = new Set([0x71, 0x51, 0x03, 0x04, 0x79, 0x59]);

function structuredKeys(): string[] {
  const keys: string[] = [];
  const modifiers = Array.from({length: 15}, (_, i) => i + 2);
  for (const final of 'ABCDEFHPQRSZIO') {
    keys.push(`${ESC}[${final}`, `${ESC}O${final}`);
    for (const m of modifiers) keys.push(`${ESC}[1;${m}${final}`, `${ESC}O${m}${final}`);
  }
  const tilde = [1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24, 25, 26];
  for (const n of [...tilde, 28, 29, 31, 32, 33, 34, 200, 201]) {
    keys.push(`${ESC}[${n}~`);
    for (const m of modifiers) keys.push(`${ESC}[${n};${m}~`);
  }
  // F1–F12 as xterm sends them, F13–F24 as Shift+F1–F12.
  const fn = [
    'OP',
    'OQ',
    'OR',
    'OS',
    '[15~',
    '[17~',
    '[18~',
    '[19~',
    '[20~',
    '[21~',
    '[23~',
    '[24~',
  ];
  for (const f of fn) keys.push(`${ESC}${f}`);
  for (const f of ['P', 'Q', 'R', 'S']) keys.push(`${ESC}[1;2${f}`);
  for (const n of [15, 17, 18, 19, 20, 21, 23, 24]) keys.push(`${ESC}[${n};2~`);
  // Mouse: X10 (ESC [ M b x y), SGR press/release, urxvt; wheel up/down; focus in/out.
  for (const b of [0, 1, 2, 3, 32, 64, 65]) {
    keys.push(`${ESC}[M${String.fromCharCode(32 + b, 33 + 10, 33 + 5)}`);
    keys.push(`${ESC}[<${b};10;5M`, `${ESC}[<${b};10;5m`, `${ESC}[${32 + b};10;5M`);
  }
  keys.push(`${ESC}[I`, `${ESC}[O`, `${ESC}`, `${ESC}${ESC}`, `${ESC}[`, `${ESC}O`, '\u009b1;5P');
  return keys;
}

/** Bracketed pastes whose content holds colour codes, OSC 52/0/8, BEL, NUL, CR LF, C1, RLO. */
function pastes(): string[] {
  const hostile = [
    `${ESC}[31mred${ESC}[0m`,
    `${ESC}]52;c;cm0gLXJmIH4=\u0007`,
    `${ESC}]0;title${ESC}\\`,
    `${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\`,
    `bell\u0007nul\u0000cr\r\nlf\n`,
    '\u009b2J\u202Eevil',
    `${ESC}[2J${ESC}[H${ESC}[?1049h`,
    `${ESC}[200~nested${ESC}[201~`,
    'x'.repeat(2000),
  ];
  return [...hostile, hostile.join('')].map((body) => `${ESC}[200~${body}${ESC}[201~`);
}

function randomStrings(random: () => number, count: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(random() * 12);
    const bytes: number[] = [];
    while (bytes.length < length) {
      // Escape-heavy: a third of the bytes are ESC, [ or O, so sequences start often.
      const pick = random();
      const byte =
        pick < 0.15 ? 0x1b : pick < 0.25 ? 0x5b : pick < 0.3 ? 0x4f : Math.floor(random() * 256);
      if (!QUITTING.has(byte)) bytes.push(byte);
    }
    out.push(Buffer.from(bytes));
  }
  return out;
}

interface Station {
  name: string;
  args: string[];
  /** Keys to get there from the start, each followed by a wait for its text. */
  path: Array<[keys: string[], waitFor: string | RegExp]>;
}

const STATIONS: Station[] = [
  {name: 'org picker', args: [], path: [[[], 'Acme Corp']]},
  {name: 'account list', args: ['--org', '1105'], path: [[[], 'billing-export']]},
  {
    name: 'filter field',
    args: ['--org', '1105'],
    path: [
      [[], 'billing-export'],
      [['/'], /^\/\s*$/m],
    ],
  },
  {
    name: 'help overlay',
    args: ['--org', '1105'],
    path: [
      [[], 'billing-export'],
      [['?'], 'Filter the list'],
    ],
  },
  {
    name: 'new account form',
    args: ['--org', '1105'],
    path: [
      [[], 'billing-export'],
      [['n'], 'New service account in'],
    ],
  },
  {
    name: 'delete dialog',
    args: ['--org', '1105'],
    path: [
      [[], 'billing-export'],
      [['d'], /[Dd]elete/],
    ],
  },
  {
    name: 'account detail',
    args: ['--org', '1105'],
    path: [
      [[], 'billing-export'],
      [['Enter'], 'Clients (1 of 2)'],
    ],
  },
  {
    name: 'role picker',
    args: ['--org', '1105'],
    path: [
      [[], 'billing-export'],
      [['Enter'], 'Clients (1 of 2)'],
      [['a'], 'Administer organization'],
    ],
  },
  {
    name: 'secret panel',
    args: ['--org', '1105'],
    path: [
      [[], 'billing-export'],
      [['Enter'], 'Clients (1 of 2)'],
      [['m'], '1/2 clients'],
      [['m'], 'New client for'],
    ],
  },
];

/** The file's text once it exists and is not empty (deadline 10 s). */
async function fileWhenWritten(path: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (text !== '' || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const {home: newHome, removeHomes} = tempHomes();
afterAll(async () => {
  await removeHomes();
});

describe(`key fuzzer on the built app (seed ${SEED})`, () => {
  const random = generator(SEED);
  const structured = [...structuredKeys(), ...pastes()].map((k) => Buffer.from(k, 'latin1'));
  const perStation = Math.ceil(RANDOM_STRINGS / STATIONS.length);

  for (const station of STATIONS) {
    it(`${station.name}: survives every key, paste and ${perStation} random strings`, async () => {
      const home = newHome();
      const output = join(home.dir, 'pane-output.bin');
      const session = new TmuxSession({
        columns: 100,
        rows: 30,
        cwd: home.dir,
        env: {HOME: home.dir},
      });
      const seedNote = `seed ${SEED} (FLEXERA_SA_FUZZ_SEED=${SEED}), station ${station.name}`;
      try {
        await session.start(
          withSttyAfter(['node', CLI, '--sandbox', ...station.args], join(home.dir, 'stty.txt')),
        );
        await recordPane(session, output);
        for (const [keys, text] of station.path) {
          if (keys.length > 0) await session.send(keys);
          await session.waitFor((screen) =>
            typeof text === 'string' ? screen.includes(text) : text.test(screen),
          );
        }
        const strings = randomStrings(random, perStation);
        const all = [...structured, ...strings];
        for (let at = 0; at < all.length; at += BATCH) {
          await sendBytes(session.socket, Buffer.concat(all.slice(at, at + BATCH)));
          if (at % (BATCH * 4) === 0) {
            expect(await session.exitStatus(), `the app exited; ${seedNote}`).toBeUndefined();
          }
        }
        expect(await session.exitStatus(), `the app exited; ${seedNote}`).toBeUndefined();
        const screen = await session.screen();
        expect(screen, seedNote).not.toContain('internal error');
        expect(await quitApp(session), seedNote).toBe(ExitCode.interrupted);
        const raw = rawControlIn(readFileSync(output).toString('utf8'));
        expect(raw, `the app wrote a raw control character: ${raw}; ${seedNote}`).toBeUndefined();
        // The wrapper shell writes it once the app has exited: wait for it, not for a time.
        const stty = await fileWhenWritten(join(home.dir, 'stty.txt'));
        expect(sttyIsSane(stty), `terminal left in: ${stty}; ${seedNote}`).toBe(true);
      } finally {
        await session.stop();
      }
    }, 60_000);
  }
});
