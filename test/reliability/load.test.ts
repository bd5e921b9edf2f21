/**
 * Load (issue #7): 100 concurrent clients against the emulator over real HTTP, each on its own
 * connection. The limits hold exactly (20 accounts per org, 2 clients per account), ids stay
 * unique, rate limiting answers as documented (API.md §4.3), nothing answers 5xx, the state is
 * consistent afterwards, and the app's own client makes no duplicate creates when answers are lost.
 */
import {request} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {FlexeraClient} from '../../source/api/client.js';
import {ApiError, NetworkError} from '../../source/api/errors.js';
import type {Clock} from '../../source/api/http.js';
import {startEmulator, type Emulator, type EmulatorOptions} from '../../source/emulator/index.js';

const CONCURRENCY = 100;
const running: Emulator[] = [];
const clients: FlexeraClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({port: 0, rateLimit: false, ...options});
  running.push(emu);
  return emu;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One HTTP exchange on a connection of its own (agent: false): one "client". */
function call(
  origin: string,
  method: string,
  path: string,
  options: {token?: string; json?: unknown; form?: Record<string, string>} = {},
): Promise<Answer> {
  const payload =
    options.json !== undefined
      ? JSON.stringify(options.json)
      : options.form
        ? new URLSearchParams(options.form).toString()
        : undefined;
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload !== undefined) {
    headers['content-type'] = options.form
      ? 'application/x-www-form-urlencoded'
      : 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, origin), {method, headers, agent: false}, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        resolve({status: res.statusCode ?? 0, headers: res.headers, body});
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function userToken(emu: Emulator, refreshToken = emu.refreshTokens.nam): Promise<string> {
  const answer = await call(emu.zones.nam.login, 'POST', '/oidc/token', {
    form: {grant_type: 'refresh_token', refresh_token: refreshToken},
  });
  expect(answer.status).toBe(200);
  return (answer.body as {access_token: string}).access_token;
}

function expectGoa(answer: Answer, status: number, name: string, temporary: boolean) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/vnd.goa.error');
  expect(answer.body).toMatchObject({name, temporary, timeout: false, fault: false});
  expect(typeof (answer.body as {id: unknown}).id).toBe('string');
  expect(typeof (answer.body as {message: unknown}).message).toBe('string');
}

interface StateOrg {
  id: number;
  serviceAccounts: Array<{id: number; name: string; clients: Array<Record<string, unknown>>}>;
}

async function stateOf(emu: Emulator, orgId: number): Promise<StateOrg> {
  const answer = await call(emu.zones.nam.api, 'GET', '/_emulator/state');
  expect(answer.status).toBe(200);
  const org = (answer.body as {orgs: StateOrg[]}).orgs.find((o) => o.id === orgId);
  if (!org) throw new Error(`org ${orgId} is not in the emulator state`);
  return org;
}

const countBy = <T>(items: readonly T[], key: (item: T) => string | number) => {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

const range = (n: number) => Array.from({length: n}, (_, i) => i);

describe('the limits hold under 100 concurrent clients', () => {
  it('100 concurrent service-account creates in org 1105: exactly 20 − 6 succeed', async () => {
    const emu = await start();
    const orgId = emu.seed.orgIds.primary;
    const seeded = emu.seed.serviceAccounts.filter((sa) => sa.zone === 'nam' && sa.orgId === orgId);
    expect(seeded).toHaveLength(6);
    const room = 20 - seeded.length;
    const token = await userToken(emu);
    const path = `/iam/v1/orgs/${orgId}/service-accounts`;

    const answers = await Promise.all(
      range(CONCURRENCY).map((i) =>
        call(emu.zones.nam.api, 'POST', path, {
          token,
          json: {name: `load-${i}`, description: `concurrent create ${i}`},
        }),
      ),
    );

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const created = answers.flatMap((a, i) => (a.status === 201 ? [{i, answer: a}] : []));
    const refused = answers.filter((a) => a.status !== 201);
    expect(created).toHaveLength(room);
    expect(refused).toHaveLength(CONCURRENCY - room);
    for (const answer of refused) {
      // The documented answer to the 21st account: 400 bad_request (API.md §6.2 [I]).
      expectGoa(answer, 400, 'bad_request', false);
      expect((answer.body as {message: string}).message).toMatch(/already has 20 service accounts/);
    }
    const ids = created.map(({answer}) => {
      const location = String(answer.headers.location);
      expect(location).toMatch(new RegExp(`^${path}/\\d+$`));
      return Number(location.split('/').pop());
    });
    expect(new Set(ids).size).toBe(room);

    const list = await call(emu.zones.nam.api, 'GET', path, {token});
    expect(list.status).toBe(200);
    const accounts = list.body as Array<{id: number; name: string}>;
    expect(accounts).toHaveLength(20);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(20);
    for (const id of ids) expect(accounts.map((a) => a.id)).toContain(id);

    // The state agrees: the 14 winners' names once each, no loser's name at all.
    const state = await stateOf(emu, orgId);
    expect(state.serviceAccounts).toHaveLength(20);
    const names = countBy(state.serviceAccounts, (sa) => sa.name);
    for (const i of range(CONCURRENCY)) {
      const won = created.some((c) => c.i === i);
      expect(names.get(`load-${i}`) ?? 0, `load-${i}`).toBe(won ? 1 : 0);
    }
    expect(emu.requests.filter((r) => r.status >= 500)).toEqual([]);
  });

  it('100 concurrent client mints on one fresh account: exactly 2 succeed', async () => {
    const emu = await start();
    const orgId = emu.seed.orgIds.primary;
    const token = await userToken(emu);
    const made = await call(emu.zones.nam.api, 'POST', `/iam/v1/orgs/${orgId}/service-accounts`, {
      token,
      json: {name: 'mint-target'},
    });
    expect(made.status).toBe(201);
    const saPath = String(made.headers.location);
    const saId = Number(saPath.split('/').pop());

    const answers = await Promise.all(
      range(CONCURRENCY).map(() => call(emu.zones.nam.api, 'POST', `${saPath}/clients`, {token})),
    );

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const minted = answers.filter((a) => a.status === 201);
    expect(minted).toHaveLength(2);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expectGoa(answer, 400, 'bad_request', false);
      expect((answer.body as {message: string}).message).toMatch(/already has 2 clients/);
    }
    const created = minted.map((a) => a.body as {clientId: string; clientSecret: string});
    expect(new Set(created.map((c) => c.clientId)).size).toBe(2);
    expect(new Set(created.map((c) => c.clientSecret)).size).toBe(2);

    const list = await call(emu.zones.nam.api, 'GET', `${saPath}/clients`, {token});
    expect((list.body as Array<{clientId: string}>).map((c) => c.clientId).sort()).toEqual(
      created.map((c) => c.clientId).sort(),
    );
    const state = await stateOf(emu, orgId);
    const sa = state.serviceAccounts.find((s) => s.id === saId);
    expect(sa?.clients.map((c) => c.clientId).sort()).toEqual(
      created.map((c) => c.clientId).sort(),
    );
    // The state never holds a secret.
    expect(JSON.stringify(state)).not.toContain(created[0]!.clientSecret);
    // Both minted credentials work.
    for (const client of created) {
      const exchange = await call(emu.zones.nam.login, 'POST', '/oidc/token', {
        form: {
          grant_type: 'client_credentials',
          client_id: client.clientId,
          client_secret: client.clientSecret,
        },
      });
      expect(exchange.status).toBe(200);
    }
  });
});

describe('rate limiting under 100 concurrent requests (injected limits and clock)', () => {
  const WINDOW_MS = 60_000;
  // 15 s into a window: a throttled request is told to come back in 45 s.
  const manualClock = () => {
    let now = Date.UTC(2026, 5, 1, 12, 0, 15);
    return {now: () => now, advance: (ms: number) => (now += ms)};
  };

  it('per principal: exactly the allowed number pass; the rest get 429 with retry-after', async () => {
    const clock = manualClock();
    const emu = await start({
      clock: clock.now,
      rateLimit: {perOrg: 1000, perPrincipal: 50, windowMs: WINDOW_MS},
    });
    const token = await userToken(emu);

    const answers = await Promise.all(
      range(CONCURRENCY).map(() => call(emu.zones.nam.api, 'GET', '/iam/v1/orgs/1105', {token})),
    );

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const passed = answers.filter((a) => a.status === 200);
    const throttled = answers.filter((a) => a.status !== 200);
    expect(passed).toHaveLength(50);
    expect(throttled).toHaveLength(50);
    // Every answer that passed says how many are left: 49, 48, … 0, each once.
    expect(
      passed.map((a) => Number(a.headers['x-ratelimit-remaining'])).sort((a, b) => a - b),
    ).toEqual(range(50));
    for (const answer of throttled) {
      expectGoa(answer, 429, 'too_many_requests', true);
      expect(answer.headers['retry-after']).toBe('45');
      expect(answer.headers['x-ratelimit-remaining']).toBeUndefined();
    }

    // The next window opens at the time retry-after named.
    clock.advance(45_000);
    const next = await call(emu.zones.nam.api, 'GET', '/iam/v1/orgs/1105', {token});
    expect(next.status).toBe(200);
    expect(next.headers['x-ratelimit-remaining']).toBe('49');
  });

  it('per org across principals: the tighter limit wins', async () => {
    const clock = manualClock();
    const emu = await start({
      clock: clock.now,
      rateLimit: {perOrg: 30, perPrincipal: 50, windowMs: WINDOW_MS},
    });
    const demo = await userToken(emu);
    const viewer = await userToken(emu, emu.seed.viewer.refreshToken);

    const answers = await Promise.all(
      range(CONCURRENCY).map((i) =>
        call(emu.zones.nam.api, 'GET', '/iam/v1/orgs/1105', {token: i % 2 ? demo : viewer}),
      ),
    );

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(30);
    const throttled = answers.filter((a) => a.status !== 200);
    expect(throttled).toHaveLength(70);
    for (const answer of throttled) expectGoa(answer, 429, 'too_many_requests', true);
    // Another org has its own quota.
    const other = await call(emu.zones.nam.api, 'GET', `/iam/v1/orgs/${emu.seed.orgIds.admin}`, {
      token: demo,
    });
    expect(other.status).toBe(200);
  });
});

describe("the app's client under the same load makes no duplicate creates", () => {
  /** Real time, but retries and Retry-After do not wait. */
  const instantClock: Clock = {
    now: () => Date.now(),
    sleep: async (_ms, signal) => {
      if (signal?.aborted) throw signal.reason;
    },
  };

  function appClient(emu: Emulator): FlexeraClient {
    const client = new FlexeraClient({
      endpoints: {zone: 'nam', api: emu.zones.nam.api, login: emu.zones.nam.login, custom: true},
      credentials: {grant: 'refresh_token', refreshToken: emu.refreshTokens.nam},
      env: {},
      clock: instantClock,
      random: () => 0.5,
      timeoutMs: 15_000,
    });
    clients.push(client);
    return client;
  }

  const creates = (emu: Emulator) =>
    emu.requests.filter((r) => r.method === 'POST' && /\/service-accounts$/.test(r.path));

  it('100 clients create 100 accounts while 15 answers are lost after the write', async () => {
    const emu = await start({seed: {extraOrgs: 5}});
    const orgs = emu.seed.orgIds.extra;
    expect(orgs).toHaveLength(5);
    emu.faults.inject({
      method: 'POST',
      path: /\/service-accounts$/,
      times: 15,
      fault: {type: 'drop', when: 'after'},
    });

    const results = await Promise.allSettled(
      range(CONCURRENCY).map((i) =>
        appClient(emu).createServiceAccount(orgs[i % orgs.length]!, {name: `app-load-${i}`}),
      ),
    );

    // Room for all 100 (5 empty orgs × 20): every call ends with its account, found or created.
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(failures).toEqual([]);
    const accounts = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
    expect(accounts.map((a, i) => a?.name === `app-load-${i}`).every(Boolean)).toBe(true);
    expect(new Set(accounts.map((a) => a!.id)).size).toBe(CONCURRENCY);

    // Each POST was sent once: 100 on the wire, 15 of them answered by a dropped connection.
    const posts = creates(emu);
    expect(posts).toHaveLength(CONCURRENCY);
    expect(posts.filter((r) => r.status === 0)).toHaveLength(15);
    expect(posts.filter((r) => r.status === 201)).toHaveLength(CONCURRENCY - 15);
    expect(emu.requests.filter((r) => r.status >= 500)).toEqual([]);

    // Each name exists exactly once, in the org it was meant for.
    for (const [n, orgId] of orgs.entries()) {
      const state = await stateOf(emu, orgId);
      expect(state.serviceAccounts).toHaveLength(20);
      const names = countBy(state.serviceAccounts, (sa) => sa.name);
      for (const i of range(CONCURRENCY).filter((i) => i % orgs.length === n)) {
        expect(names.get(`app-load-${i}`), `app-load-${i}`).toBe(1);
      }
    }
  });

  it('100 creates into an org with room for 14, answers lost: 14 accounts, none twice', async () => {
    const emu = await start();
    const orgId = emu.seed.orgIds.primary;
    emu.faults.inject({
      method: 'POST',
      path: /\/service-accounts$/,
      times: 20,
      fault: {type: 'drop', when: 'after'},
    });
    const client = appClient(emu);

    const results = await Promise.allSettled(
      range(CONCURRENCY).map((i) => client.createServiceAccount(orgId, {name: `full-${i}`})),
    );

    const fulfilled = results.flatMap((r, i) =>
      r.status === 'fulfilled' ? [{i, sa: r.value}] : [],
    );
    expect(fulfilled).toHaveLength(14);
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      // Refused by the limit (400), or its answer was lost and nothing was made (network).
      const error = r.reason as unknown;
      const ok =
        (error instanceof ApiError && error.status === 400) ||
        (error instanceof NetworkError && error.maybeDelivered);
      expect(ok, String(error)).toBe(true);
    }
    expect(creates(emu)).toHaveLength(CONCURRENCY);
    expect(creates(emu).filter((r) => r.status === 0)).toHaveLength(20);
    expect(emu.requests.filter((r) => r.status >= 500)).toEqual([]);

    const state = await stateOf(emu, orgId);
    expect(state.serviceAccounts).toHaveLength(20);
    const names = countBy(state.serviceAccounts, (sa) => sa.name);
    for (const i of range(CONCURRENCY)) {
      const won = fulfilled.find((f) => f.i === i);
      expect(names.get(`full-${i}`) ?? 0, `full-${i}`).toBe(won ? 1 : 0);
      if (won)
        expect(state.serviceAccounts.find((sa) => sa.name === `full-${i}`)?.id).toBe(won.sa.id);
    }
  });
});
