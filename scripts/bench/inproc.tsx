/**
 * The in-process half of `npm run bench`: key latency and request counts. scripts/bench.mjs bundles
 * this file with the app's own build options (production React, the same aliases) and runs it in a
 * child process without CI; it prints one JSON object on stdout.
 *
 * Why in-process: a pty adds the terminal's and tmux's polling noise (tens of ms) to a figure that
 * should be a few ms. Here the app renders with Ink's normal (non-debug, 30 fps throttled) renderer
 * to a terminal-like stdout that timestamps every write, and reads keys from a stream, as from a
 * tty. Latency = key written → first write of a changed frame. Keys go one at a time: each after the
 * previous frame and a 50 ms quiet spell (longer than Ink's 34 ms render throttle), so a figure is one
 * key's cost, not a queue.
 *
 * Requests are counted at the emulator (emu.requests): the real app, driven with keys through the
 * article's recipe, and back and forth between screens. Waits are on the emulator (no request for a
 * while) and on the frame (the text a step needs); nothing waits on wording that only says "done".
 */
import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {stripVTControlCharacters} from 'node:util';
import {render, Text, useInput} from 'ink';
import {useState, type ReactElement} from 'react';
import type {Endpoints, ZoneId} from '../../source/api/zones.js';
import {App} from '../../source/app.js';
import {createMemoryPreferences} from '../../source/config/index.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {ActivityStore} from '../../source/hooks/activity.js';
import {ApiProvider} from '../../source/hooks/api-provider.js';
import {useLastUsed} from '../../source/hooks/events.js';
import type {Route} from '../../source/navigation.js';
import {createMemoryStore} from '../../source/secrets/index.js';
import {createClient, type ClientServices, type Session} from '../../source/session.js';

const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  esc: '\u001B',
  backspace: '\u007F',
  space: ' ',
} as const;

const COLUMNS = 100;
const ROWS = 30;
const QUIET_MS = 50;

interface Options {
  /** Arrow presses per list. */
  presses: number;
  /** Back-and-forth cycles after the first (cache-warming) one. */
  cycles: number;
  /** Filter rounds (9 keys each). */
  rounds: number;
  extraOrgs: number;
  /** API events of the busy org (last-used task). */
  events: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A terminal-like stdout: timestamps every write, keeps the last frame's text. */
class Terminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = COLUMNS;
  readonly rows = ROWS;
  frame = '';
  lastWriteAt = 0;
  #waiters = new Set<{test: (frame: string) => boolean; resolve: (at: number) => void}>();

  write = (chunk: string | Uint8Array): boolean => {
    const now = performance.now();
    this.lastWriteAt = now;
    const text = stripVTControlCharacters(
      typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(),
    );
    // Ink writes "erase the last frame" + the frame in one write; sync markers come alone.
    if (text.trim() === '') return true;
    this.frame = text;
    for (const waiter of this.#waiters) {
      if (waiter.test(text)) {
        this.#waiters.delete(waiter);
        waiter.resolve(now);
      }
    }
    return true;
  };

  /** Time of the first frame (from now on) for which `test` holds; undefined on timeout. */
  next(test: (frame: string) => boolean, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const waiter = {
        test,
        resolve: (at: number) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  async waitFor(test: (frame: string) => boolean, timeoutMs = 15_000): Promise<boolean> {
    if (test(this.frame)) return true;
    return (await this.next(test, timeoutMs)) !== undefined;
  }

  waitForText(text: string, timeoutMs = 15_000): Promise<boolean> {
    return this.waitFor((frame) => frame.includes(text), timeoutMs);
  }

  /** Until nothing has been written for `quietMs`. */
  async quiet(quietMs = QUIET_MS, timeoutMs = 5_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() - this.lastWriteAt < quietMs && performance.now() < deadline) {
      await sleep(Math.max(5, quietMs / 4));
    }
  }
}

/** A tty-like stdin: keys arrive as stream data, asynchronously, as from a terminal. */
class Keyboard extends PassThrough {
  readonly isTTY = true;
  setRawMode(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

interface Mounted {
  term: Terminal;
  keys: Keyboard;
  /** Writes `key`; ms until the first changed frame (undefined: no new frame within 3 s). */
  press(key: string): Promise<number | undefined>;
  /** Writes `key` (or pasted text), then waits for the frame to be quiet. */
  send(key: string): Promise<void>;
  unmount(): void;
}

function mount(element: ReactElement): Mounted {
  const term = new Terminal();
  const keys = new Keyboard();
  const instance = render(element, {
    stdout: term as unknown as NodeJS.WriteStream,
    stderr: new Terminal() as unknown as NodeJS.WriteStream,
    stdin: keys as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    term,
    keys,
    async press(key) {
      await term.quiet();
      const before = term.frame;
      const started = performance.now();
      const frame = term.next((text) => text !== before, 3_000);
      keys.write(key);
      const at = await frame;
      await term.quiet();
      return at === undefined ? undefined : at - started;
    },
    async send(key) {
      await term.quiet();
      keys.write(key);
      await sleep(QUIET_MS);
      await term.quiet();
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
  };
}

function endpointsOf(emu: Emulator, zone: ZoneId): Endpoints {
  return {zone, api: emu.zones[zone].api, login: emu.zones[zone].login, custom: true};
}

/** The session --sandbox builds (source/cli/run-app.tsx prepareSandbox), on `emu`. */
function sandboxSession(emu: Emulator): Session {
  const endpoints = endpointsOf(emu, 'nam');
  const services: ClientServices = {env: {}, activity: new ActivityStore()};
  return {
    generation: 0,
    endpoints,
    endpointsFor: (zone) => endpointsOf(emu, zone),
    tokenSource: 'sandbox',
    client: createClient(services, endpoints, {
      grant: 'refresh_token',
      refreshToken: emu.refreshTokens.nam,
    }),
    store: createMemoryStore(),
    preferences: createMemoryPreferences(),
    sandbox: true,
    services,
  };
}

async function withApp<T>(
  extraOrgs: number,
  routes: ((emu: Emulator) => Route[]) | undefined,
  body: (app: Mounted, emu: Emulator) => Promise<T>,
): Promise<T> {
  const emu = await startEmulator({port: 0, seed: {extraOrgs}});
  const session = sandboxSession(emu);
  const app = mount(<App session={session} routes={routes?.(emu)} />);
  try {
    return await body(app, emu);
  } finally {
    app.unmount();
    await session.client?.close();
    await emu.close();
  }
}

/** The baseline: the same harness on a trivial Ink component that redraws one line per key. */
function Counter() {
  const [count, setCount] = useState(0);
  useInput((_input, key) => {
    if (key.downArrow) setCount((n) => n + 1);
  });
  return <Text>pressed {count}</Text>;
}

async function keysBaseline(options: Options) {
  const app = mount(<Counter />);
  try {
    await app.term.waitForText('pressed 0');
    const samples: Array<number | undefined> = [];
    for (let i = 0; i < options.presses; i++) samples.push(await app.press(KEY.down));
    return {samples};
  } finally {
    app.unmount();
  }
}

async function keysOrgs(options: Options) {
  return withApp(options.extraOrgs, undefined, async (app, emu) => {
    if (!(await app.term.waitForText('Demo Org', 30_000))) {
      return {
        error: `the org picker did not show the ${options.extraOrgs} orgs`,
        frame: app.term.frame,
      };
    }
    await app.term.quiet(200);
    const arrows: Array<number | undefined> = [];
    for (let i = 0; i < options.presses; i++) arrows.push(await app.press(KEY.down));
    for (let i = 0; i < Math.ceil(options.presses / 4); i++) arrows.push(await app.press(KEY.up));
    // Filter, `rounds` times: `/`, a query typed one key at a time (each narrows the 2,000),
    // backspaces (each widens it again), Esc (clears it).
    const filter: Array<number | undefined> = [];
    let narrowed = '';
    for (let round = 0; round < options.rounds; round++) {
      filter.push(await app.press('/'));
      for (const char of '0123') filter.push(await app.press(char));
      narrowed = statusLine(app.term.frame);
      for (let i = 0; i < 3; i++) filter.push(await app.press(KEY.backspace));
      filter.push(await app.press(KEY.esc));
    }
    return {
      orgs: emu.seed.orgs.filter((org) => org.zone === 'nam').length,
      arrows,
      filter,
      narrowed,
    };
  });
}

async function keysRoles(options: Options) {
  let roleNames: string[] = [];
  return withApp(
    0,
    (emu) => {
      const orgId = emu.seed.orgIds.primary;
      const org = {id: orgId, name: emu.seed.orgs.find((o) => o.id === orgId)?.name ?? 'Acme Corp'};
      const account = emu.seed.serviceAccounts.find(
        (sa) => sa.zone === 'nam' && sa.orgId === orgId,
      );
      if (!account) throw new Error('no seed service account in the primary org');
      roleNames = Object.keys(emu.seed.roleIds);
      // The route a person reaches with Enter (org) → Enter (account) → `a` (roles).
      return [
        {name: 'orgs'},
        {name: 'accounts', org},
        {name: 'account', org, accountId: account.id},
        {name: 'roles', org, accountId: account.id},
      ];
    },
    async (app) => {
      const loaded = (frame: string) =>
        /being built/.test(frame) || roleNames.some((name) => frame.includes(name));
      if (!(await app.term.waitFor(loaded))) {
        return {error: 'the role picker showed no role', frame: app.term.frame};
      }
      if (/being built/.test(app.term.frame)) return {notBuilt: true};
      await app.term.quiet(200);
      const arrows: Array<number | undefined> = [];
      for (let i = 0; i < options.presses; i++) arrows.push(await app.press(KEY.down));
      const toggles: Array<number | undefined> = [];
      for (let i = 0; i < 4; i++) toggles.push(await app.press(KEY.space));
      return {arrows, toggles, roles: roleNames.length};
    },
  );
}

// ---- requests ------------------------------------------------------------------------------

interface Counted {
  method: string;
  path: string;
  status: number;
  /** method + path with ids as {id} (the query kept: it names a different call). */
  endpoint: string;
  /** `u-…` or `sa-…`: whose token it carried. */
  principal?: string;
}

function counted(request: {
  method: string;
  path: string;
  status: number;
  principal?: string;
}): Counted {
  return {
    method: request.method,
    path: request.path,
    status: request.status,
    principal: request.principal,
    endpoint: endpointOf(request),
  };
}

function endpointOf(request: {method: string; path: string}): string {
  const [path = '', query] = request.path.split('?');
  const template = path
    .split('/')
    .map((part) => (/^\d+$/.test(part) ? '{id}' : part.length >= 20 ? '{clientId}' : part))
    .join('/');
  // Queries read decoded: ?filter=scopeRef eq "ref:nam:{id}::iam:project:{id}"
  const readable = query
    ? decodeURIComponent(query.replace(/\+/g, ' ')).replace(/\b\d+\b/g, '{id}')
    : '';
  return `${request.method} ${template}${readable ? `?${readable}` : ''}`;
}

/** Until the emulator has seen no request and the frame no write for `quietMs`. */
async function settle(app: Mounted, emu: Emulator, quietMs = 300, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  let count = emu.requests.length;
  let since = performance.now();
  while (performance.now() < deadline) {
    await sleep(25);
    if (emu.requests.length !== count) {
      count = emu.requests.length;
      since = performance.now();
    }
    if (performance.now() - since >= quietMs && performance.now() - app.term.lastWriteAt >= quietMs)
      return;
  }
}

/** The list's "showing a–b of n" line. */
function statusLine(frame: string): string {
  return (frame.split('\n').find((line) => /showing|match/.test(line)) ?? '').trim();
}

function crumb(frame: string): string {
  return (frame.split('\n').find((line) => line.includes('flexera-sa ›')) ?? '').trim();
}

/**
 * The article's recipe through the app's screens: sign in (the sandbox's token), pick the org,
 * create a service account (n, name, description), open it, grant one role (a, filter, Space,
 * review, apply), mint a client (m on the account, m on the clients screen), verify it (v).
 */
async function requestsRecipe() {
  return withApp(0, undefined, async (app, emu) => {
    const steps: Array<{step: string; requests: Counted[]}> = [];
    let mark = 0;
    const take = (step: string) => {
      steps.push({step, requests: emu.requests.slice(mark).map(counted)});
      mark = emu.requests.length;
    };
    const fail = (step: string, why: string) => {
      take(step);
      return {steps, stoppedAt: step, why, frame: app.term.frame};
    };
    const name = 'bench-app';
    const role = 'policy_viewer';

    if (!(await app.term.waitForText('Acme Corp')))
      return fail('sign in, list orgs', 'no org list');
    await settle(app, emu);
    take('sign in, list orgs');

    await app.send(KEY.enter);
    await settle(app, emu);
    if (!crumb(app.term.frame).includes('Acme Corp'))
      return fail('open the org', 'the account list did not open');
    take('open the org (account list)');

    await app.send('n');
    await app.send(name);
    await app.send(KEY.enter);
    await app.send('Reads data from Flexera One APIs');
    await app.send(KEY.enter);
    await settle(app, emu);
    const created = emu.requests.find(
      (r) => r.method === 'POST' && /\/service-accounts$/.test(r.path),
    );
    if (!created || created.status !== 201)
      return fail('create', 'no 201 from POST service-accounts');
    take('create the service account');

    await app.send(KEY.enter);
    await settle(app, emu);
    if (!app.term.frame.includes(name))
      return fail('open the new account', `the detail of ${name} did not open`);
    take('open the new account');

    await app.send('a');
    await settle(app, emu);
    if (!app.term.frame.includes(role))
      return fail('open the role picker', `no ${role} in the picker`);
    take('open the role picker');
    await app.send('/');
    await app.send(role);
    await app.send(KEY.enter);
    await app.send(KEY.space);
    await app.send(KEY.enter);
    await app.send(KEY.enter);
    await settle(app, emu);
    if (
      !emu.requests.some(
        (r) => r.method === 'PUT' && r.path.endsWith('/access-rules/grant') && r.status === 204,
      )
    ) {
      return fail('grant', 'no 204 from PUT access-rules/grant');
    }
    take(`grant ${role}`);

    await app.send(KEY.esc);
    await settle(app, emu);
    await app.send('m');
    await settle(app, emu);
    take('open the clients screen');
    await app.send('m');
    await settle(app, emu);
    if (
      !emu.requests.some(
        (r) => r.method === 'POST' && r.path.endsWith('/clients') && r.status === 201,
      )
    ) {
      return fail('mint', 'no 201 from POST clients');
    }
    take('mint a client');

    await app.send('v');
    await settle(app, emu);
    // The hand-off gate: nothing was copied or written, so v asks first (y: saved elsewhere).
    await app.send('y');
    await settle(app, emu, 500);
    const exchanged = emu.requests.filter(
      (r) => r.method === 'POST' && r.path.startsWith('/oidc/token'),
    );
    if (exchanged.length < 2) return fail('verify', 'no client_credentials exchange');
    take('verify it');
    return {steps};
  });
}

/** Org picker ↔ account list ↔ account detail, several times, while the cache is fresh. */
async function requestsBackAndForth(options: Options) {
  return withApp(0, undefined, async (app, emu) => {
    if (!(await app.term.waitForText('Acme Corp')))
      return {error: 'no org list', frame: app.term.frame};
    await settle(app, emu);
    const visited: string[] = [crumb(app.term.frame)];
    const cycle = async () => {
      for (const key of [KEY.enter, KEY.enter, KEY.esc, KEY.esc]) {
        await app.send(key);
        await settle(app, emu, 200);
        visited.push(crumb(app.term.frame));
      }
    };
    await cycle();
    const warm = emu.requests.length;
    const first = visited.slice();
    for (let i = 0; i < options.cycles; i++) await cycle();
    const after = emu.requests.slice(warm).map(counted);
    return {warmRequests: warm, cycles: options.cycles, requests: after, path: first};
  });
}

// ---- last used (issue 13) -----------------------------------------------------------------

/**
 * "Last used" for an org of 20 accounts with 100,000 API events: the hook the account list's
 * column reads (useLastUsed), drawn by a one-line-per-account probe in Ink. Measured: time to the
 * first rows (the first page), time to the whole window, and the requests it took, counted at the
 * emulator: one paged read serves every account, so 100,000 / 200 = 500 pages, not 20 × 500.
 */
function LastUsedProbe(props: {orgId: number}) {
  const last = useLastUsed(props.orgId);
  const rows = [...last.usage.entries()].slice(0, 3).map(([id, u]) => `${id}:${u.calls}`);
  return (
    <Text>
      {last.complete ? 'COMPLETE' : 'READING'} accounts {last.usage.size} {rows.join(' ')}
    </Text>
  );
}

async function lastUsed(options: Options) {
  const emu = await startEmulator({
    port: 0,
    rateLimit: false,
    seed: {busyOrg: {accounts: 20, events: options.events}},
  });
  const term = new Terminal();
  const keys = new Keyboard();
  try {
    const orgId = emu.seed.orgIds.busy!;
    const services: ClientServices = {env: {}, activity: new ActivityStore(), timeoutMs: 30_000};
    const client = createClient(services, endpointsOf(emu, 'nam'), {
      grant: 'refresh_token',
      refreshToken: emu.refreshTokens.nam,
    });
    await client.tokens.getAccessToken();
    emu.resetRequests();
    const started = performance.now();
    const instance = render(
      <ApiProvider client={client}>
        <LastUsedProbe orgId={orgId} />
      </ApiProvider>,
      {
        stdout: term as unknown as NodeJS.WriteStream,
        stdin: keys as unknown as NodeJS.ReadStream,
        exitOnCtrlC: false,
        patchConsole: false,
      },
    );
    const first = await term.next((f) => /READING accounts [1-9]/.test(f), 60_000);
    const complete = await term.next((f) => f.includes('COMPLETE'), 120_000);
    instance.unmount();
    await client.close();
    const reads = emu.requests.filter((r) => r.path.includes('/api-events'));
    return {
      events: options.events,
      accounts: 20,
      firstRowsMs: first === undefined ? undefined : first - started,
      completeMs: complete === undefined ? undefined : complete - started,
      requests: emu.requests.length,
      eventPages: reads.length,
      firstRowsBeforeComplete: first !== undefined && complete !== undefined && first < complete,
      frame: term.frame.slice(0, 200),
    };
  } finally {
    await emu.close();
  }
}

async function main() {
  const options: Options = {
    presses: 30,
    cycles: 3,
    rounds: 3,
    extraOrgs: 2000,
    events: 100_000,
    ...JSON.parse(process.argv[2] ?? '{}'),
  };
  const only = new Set<string>(JSON.parse(process.argv[3] ?? '[]') as string[]);
  const want = (task: string) => only.size === 0 || only.has(task);
  const result: Record<string, unknown> = {};
  const run = async (task: string, fn: () => Promise<unknown>) => {
    if (!want(task)) return;
    try {
      result[task] = await fn();
    } catch (error) {
      result[task] = {error: error instanceof Error ? error.message : String(error)};
    }
  };
  await run('keysBaseline', () => keysBaseline(options));
  await run('keysOrgs', () => keysOrgs(options));
  await run('keysRoles', () => keysRoles(options));
  await run('recipe', () => requestsRecipe());
  await run('backAndForth', () => requestsBackAndForth(options));
  await run('lastUsed', () => lastUsed(options));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
