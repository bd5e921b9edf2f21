import {afterEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {
  type Answer,
  call,
  clientToken,
  expectGoa,
  manualClock,
  MICRO_TIMESTAMP,
  seededAccount,
  start,
  userToken,
} from './helpers.js';

/** API events (API.md §12.1): recorded for every org call, read back oldest first, paged. */

interface Event {
  timestamp: string;
  principal?: {id: number; kind: string; ref: string; name: string; email?: string};
  request: {
    id: string;
    httpHost: string;
    httpMethod: string;
    httpPath?: string;
    ip: string;
    bodyBytes: number;
    userAgent: {raw: string; browser?: string; os?: string};
  };
  response: {httpCode?: number; httpStatus: string; durationMs: number; bodyBytes: number};
}
interface Page {
  kind: string;
  values: Event[];
  nextPage?: string;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const events = (org: number, query = '') => `/iam/v1/orgs/${org}/api-events${query}`;
const window = (from: number, to?: number) =>
  encodeURIComponent(
    to === undefined
      ? `timestamp ge '${iso(from)}'`
      : `(timestamp ge '${iso(from)}' and timestamp le '${iso(to)}')`,
  );

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Every page of a read, following nextPage until it is absent or a page is empty. */
async function readAll(origin: string, token: string, first: string) {
  const pages: Page[] = [];
  let path: string | undefined = first;
  while (path) {
    const answer: Answer<Page> = await call<Page>(origin, path, {token});
    expect(answer.status, answer.text).toBe(200);
    pages.push(answer.body);
    if (answer.body.values.length === 0) break;
    path = answer.body.nextPage;
    expect(pages.length).toBeLessThan(1000);
  }
  return pages;
}

describe('API events', () => {
  it('records a call with its principal, request and response at the emulator clock', async () => {
    const clock = manualClock();
    emu = await start({clock: clock.now});
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    clock.advance(1000);
    const before = clock.now();
    const listed = await call(nam, '/iam/v1/orgs/1105/service-accounts', {
      token,
      headers: {'user-agent': 'test-agent/1.0'},
    });
    expect(listed.status).toBe(200);
    await call(nam, '/iam/v1/orgs/1105/service-accounts', {token: 'bad'});
    const client = seededAccount(emu, 2257).clients[0]!;
    const saToken = await clientToken(emu, client.clientId, client.clientSecret);
    await call(nam, '/iam/v1/orgs/1105/roles', {token: saToken});
    clock.advance(1000);

    const page = await call<Page>(nam, events(1105, `?filter=${window(before, before + 1)}`), {
      token,
    });
    expect(page.status).toBe(200);
    expect(page.body.kind).toBe('iam:api-event-collection');
    expect(page.body.nextPage).toBeUndefined();
    const [mine, stranger, machine] = page.body.values;
    expect(page.body.values).toHaveLength(3);
    expect(mine!.timestamp).toMatch(MICRO_TIMESTAMP);
    expect(Date.parse(mine!.timestamp)).toBe(before);
    expect(mine!.principal).toEqual({
      id: 121456,
      kind: 'iam:user',
      ref: 'ref:nam:::iam:user:121456',
      name: 'Alex Morgan',
      email: 'alex.morgan@acme.example',
      firstName: 'Alex',
      lastName: 'Morgan',
    });
    expect(mine!.request).toMatchObject({
      httpMethod: 'GET',
      httpPath: '/iam/v1/orgs/1105/service-accounts',
      httpHost: new URL(nam).host,
      ip: '127.0.0.1',
      bodyBytes: 0,
      userAgent: {raw: 'test-agent/1.0'},
    });
    expect(mine!.request.id).toMatch(/^[0-9a-f]{32}$/);
    expect(mine!.response).toEqual({
      httpCode: 200,
      httpStatus: 'Ok',
      durationMs: 0,
      bodyBytes: Buffer.byteLength(listed.text),
    });
    expect(stranger!.principal).toBeUndefined();
    expect(stranger!.response).toMatchObject({httpCode: 401, httpStatus: 'Unauthorized'});
    expect(machine!.principal).toEqual({
      id: 2257,
      kind: 'iam:service-account',
      ref: 'ref:nam:1105::iam:service-account:2257',
      name: 'billing-export',
    });
  });

  it('pages oldest first with limit and skipToken; with an end bound the last page has no nextPage', async () => {
    emu = await start();
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    const now = Date.now();
    const from = now - 10 * DAY;
    const pages = await readAll(nam, token, events(1105, `?filter=${window(from, now)}&limit=40`));
    const all = pages.flatMap((page) => page.values);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)!.nextPage).toBeUndefined();
    expect(pages.at(-1)!.values.length).toBeGreaterThan(0);
    for (const page of pages.slice(0, -1)) expect(page.values).toHaveLength(40);
    const times = all.map((event) => Date.parse(event.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(from);
    expect(times.at(-1)).toBeLessThanOrEqual(now);
    expect(new Set(all.map((e) => e.request.id)).size).toBe(all.length);
    // nextPage repeats filter and limit, relative to the API host.
    expect(pages[0]!.nextPage).toMatch(
      /^\/iam\/v1\/orgs\/1105\/api-events\?filter=.*&limit=40&skipToken=/,
    );
  });

  it('without an end bound nextPage is always there, and an empty page ends the read', async () => {
    emu = await start();
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    const pages = await readAll(nam, token, events(1105, `?filter=${window(Date.now() - DAY)}`));
    const last = pages.at(-1)!;
    expect(last.values).toEqual([]);
    expect(last.nextPage).toBeDefined();
    // Polling with it later finds the calls made since (reads of the events are not recorded).
    expect((await call<Page>(nam, last.nextPage!, {token})).body.values).toEqual([]);
    await call(nam, '/iam/v1/orgs/1105/roles', {token});
    const again = await call<Page>(nam, last.nextPage!, {token});
    expect(again.body.values.map((e) => e.request.httpPath)).toEqual(['/iam/v1/orgs/1105/roles']);
    expect(again.body.nextPage).toBeDefined();
  });

  it('holds 90 days of demo history: daily users, one idle for 60 days, one never used', async () => {
    emu = await start();
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    const now = Date.now();
    const pages = await readAll(
      nam,
      token,
      events(1105, `?filter=${window(now - 91 * DAY, now)}&limit=200`),
    );
    const all = pages.flatMap((page) => page.values);
    const lastCall = new Map<number, number>();
    for (const event of all)
      if (event.principal?.kind === 'iam:service-account')
        lastCall.set(event.principal.id, Date.parse(event.timestamp));
    const {activity} = emu.seed;
    for (const id of activity.dailyAccountIds)
      expect(now - lastCall.get(id)!).toBeLessThan(2 * DAY);
    const idle = now - lastCall.get(activity.idleAccountId)!;
    expect(idle).toBeGreaterThan(60 * DAY);
    expect(idle).toBeLessThan(63 * DAY);
    expect(lastCall.has(activity.neverUsedAccountId)).toBe(false);
    expect(Date.parse(all[0]!.timestamp)).toBeGreaterThan(now - 90 * DAY - 1000);
    expect(new Set(all.map((e) => e.request.ip)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((e) => e.request.userAgent.raw)).size).toBeGreaterThanOrEqual(4);
    expect(all.some((e) => e.principal === undefined)).toBe(true);
    expect(all.some((e) => e.request.httpPath === undefined)).toBe(true);
    expect(all.some((e) => e.response.httpCode === undefined)).toBe(true);
    const browser = all.find((e) => e.request.userAgent.browser === 'Chrome');
    expect(browser?.request.userAgent.os).toBe('Mac OS X');
  });

  it('returns nothing older than 3 months', async () => {
    const clock = manualClock(Date.now());
    emu = await start({clock: clock.now});
    clock.advance(60 * DAY);
    const token = await userToken(emu);
    const page = await call<Page>(
      emu.zones.nam.api,
      events(1105, `?filter=${window(0, clock.now())}&limit=5`),
      {token},
    );
    const first = Date.parse(page.body.values[0]!.timestamp);
    const cutoff = new Date(clock.now());
    cutoff.setUTCMonth(cutoff.getUTCMonth() - 3);
    expect(first).toBeGreaterThanOrEqual(cutoff.getTime());
    expect(first).toBeLessThan(cutoff.getTime() + 2 * DAY);
  });

  it('refuses bad filters, limits and tokens with 400, and callers without the privilege with 403', async () => {
    emu = await start();
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    const get = (query: string, t = token) => call(nam, events(1105, query), {token: t});
    const bad = [
      `?filter=${encodeURIComponent("timestamp gt '2026-01-01T00:00:00Z'")}`,
      `?filter=${encodeURIComponent("timestamp GE '2026-01-01T00:00:00Z'")}`,
      `?filter=${encodeURIComponent("path eq '/x'")}`,
      `?filter=${encodeURIComponent("timestamp ge 'yesterday'")}`,
      `?filter=${encodeURIComponent("timestamp ge '2026-01-01T00:00:00Z' or timestamp le '2026-01-02T00:00:00Z'")}`,
      '?limit=201',
      '?limit=0',
      '?limit=ten',
      '?skipToken=nonsense',
    ];
    for (const query of bad) expectGoa(await get(query), 400, 'bad_request');
    expect((await get('?limit=200')).status).toBe(200);
    const page = await call<Page>(nam, events(1105), {token});
    expect(page.body.values).toHaveLength(50);

    const viewer = await userToken(emu, 'nam', emu.seed.viewer.refreshToken);
    expectGoa(await get('', viewer), 403, 'forbidden');
    // iam_admin may read them (org 1180), observer may not (1207).
    expect((await call(nam, events(1180), {token})).status).toBe(200);
    expectGoa(await call(nam, events(1207), {token}), 403, 'forbidden');
  });

  it('answers nextPage as an absolute URL when asked (API.md §12.8)', async () => {
    emu = await start({forms: {nextPage: 'absolute'}});
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    const page = await call<Page>(nam, events(1105, '?limit=2'), {token});
    expect(page.body.nextPage!.startsWith(`${nam}/iam/v1/orgs/1105/api-events?`)).toBe(true);
    const users = await call<Page>(nam, '/iam/v1/orgs/1105/users', {token});
    expect(users.body.nextPage!.startsWith(`${nam}/iam/v1/orgs/1105/users?`)).toBe(true);
    emu.setForms({nextPage: 'relative'});
    const relative = await call<Page>(nam, events(1105, '?limit=2'), {token});
    expect(relative.body.nextPage!.startsWith('/iam/v1/')).toBe(true);
  });

  it('seeds a large history for the bench', async () => {
    emu = await start({seed: {busyOrg: {accounts: 20, events: 100_000}}});
    const busy = emu.seed.orgIds.busy!;
    const token = await userToken(emu);
    const now = Date.now();
    const first = await call<Page>(
      emu.zones.nam.api,
      events(busy, `?filter=${window(now - 91 * DAY, now)}&limit=200`),
      {token},
    );
    expect(first.body.values).toHaveLength(200);
    expect(emu.seed.serviceAccounts.filter((sa) => sa.orgId === busy)).toHaveLength(20);
  });
});
