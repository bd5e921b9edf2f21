/**
 * `flexera-sa events` as a script sees it: the built binary against the emulator. A service account
 * made here calls the API once (through `verify`); the command must show exactly that call, with
 * --account, in text and JSON, newest first, in a window that always has an end bound.
 */
import {describe, expect, it} from 'vitest';
import type {EventRecord} from '../../../source/cli/commands/events.js';
import {ExitCode} from '../../../source/exit-codes.js';
import {expectUsageLine} from '../../reliability/support.js';
import {commandHarness} from './support.js';

const {emu, home, cli, json, newAccount, completions} = commandHarness();

const DAY_MS = 86_400_000;

interface EventDoc {
  orgId: number;
  serviceAccountId: number | null;
  from: string;
  to: string;
  skipped: number;
  events: EventRecord[];
}

const FIELDS = ['at', 'principal', 'method', 'path', 'status', 'ip', 'userAgent', 'durationMs'];

/** A new account holding observer that has made exactly one call: `verify --call roles`. */
async function accountThatCalledOnce() {
  const h = home();
  const account = await newAccount('events', h);
  const id = String(account.id);
  await json(['grants', 'add', '--org', '1105', '--account', id, 'observer'], h);
  const minted = await cli(
    ['clients', 'create', '--org', '1105', '--account', id, '--out', 'creds.json'],
    {home: h},
  );
  expect(minted.code, minted.stderr).toBe(0);
  const verified = await cli(['verify', '--from', 'creds.json'], {home: h});
  expect(verified.code, verified.stderr).toBe(0);
  return account;
}

describe('events', () => {
  it('--account: exactly the calls the account made, as JSON with the documented fields', async () => {
    const account = await accountThatCalledOnce();
    const doc = await json<EventDoc>(['events', '--org', '1105', '--account', String(account.id)]);
    expect(doc).toMatchObject({orgId: 1105, serviceAccountId: account.id, skipped: 0});
    expect(doc.events).toHaveLength(1);
    const [call] = doc.events;
    expect(Object.keys(call!)).toEqual(FIELDS);
    expect(call).toMatchObject({
      principal: {kind: 'service-account', id: account.id, name: account.name},
      method: 'GET',
      path: '/iam/v1/orgs/1105/roles',
      status: 200,
      ip: '127.0.0.1',
      userAgent: expect.stringMatching(/^flexera-sa\//),
      durationMs: expect.any(Number),
    });
    expect(call!.principal!.ref).toContain(`iam:service-account:${account.id}`);
    expect(Date.parse(call!.at)).toBeGreaterThan(Date.now() - 10 * 60_000);

    // An account that never called: nothing on stdout, a notice on stderr, exit 0.
    const never = await cli(['events', '--org', '1105', '--account', '2261']);
    expect(never.code, never.stderr).toBe(0);
    expect(never.stdout).toBe('');
    expect(never.stderr).toMatch(/no API events by service account 2261 in org 1105/);
  });

  it('the whole org: newest first, inside a 7-day window ending now, read with an end bound', async () => {
    const account = await accountThatCalledOnce();
    emu().resetRequests();
    const before = Date.now();
    const doc = await json<EventDoc>(['events', '--org', '1105']);
    const after = Date.now();
    expect(doc.serviceAccountId).toBeNull();
    const [from, to] = [Date.parse(doc.from), Date.parse(doc.to)];
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to).toBeLessThanOrEqual(after);
    expect(to - from).toBe(7 * DAY_MS);
    const times = doc.events.map((e) => Date.parse(e.at));
    expect(times.length).toBeGreaterThan(20);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(from);
    expect(Math.max(...times)).toBeLessThanOrEqual(to);
    // The seeded nightly export, the user's create and the account's one call are all there.
    const kinds = new Set(doc.events.map((e) => e.principal?.kind ?? null));
    expect(kinds).toEqual(new Set(['service-account', 'user', null]));
    expect(doc.events).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/iam/v1/orgs/1105/service-accounts',
        status: 201,
        principal: expect.objectContaining({kind: 'user', id: 121456}),
      }),
    );
    expect(doc.events.filter((e) => e.principal?.id === account.id)).toHaveLength(1);
    // Every page asked for the window with both bounds (without `le` paging never ends, §12.1).
    const reads = emu().requests.filter((r) => r.path.startsWith('/iam/v1/orgs/1105/api-events'));
    expect(reads.length).toBeGreaterThan(0);
    const first = new URL(reads[0]!.path, 'http://x').searchParams.get('filter');
    expect(first).toBe(`(timestamp ge '${doc.from}' and timestamp le '${doc.to}')`);
  });

  it('text: aligned columns, newest first, a call without a token named so', async () => {
    const account = await accountThatCalledOnce();
    const result = await cli(['events', '--org', '1105', '--since', '2d']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    const header = lines[0]!;
    expect(header).toMatch(/^WHEN\s+PRINCIPAL\s+METHOD\s+PATH\s+STATUS\s+IP\s+USER AGENT$/);
    const mine = lines.find((line) => line.includes(`sa ${account.id} ${account.name} `));
    expect(mine).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+sa \d+ \S+\s+GET\s+\/iam\/v1\/orgs\/1105\/roles\s+200\s+127\.0\.0\.1\s+flexera-sa\//,
    );
    // Every column starts where its header starts.
    let at = 0;
    for (const column of ['PRINCIPAL', 'METHOD', 'PATH', 'STATUS', 'IP', 'USER AGENT']) {
      at = header.indexOf(` ${column}`, at) + 1;
      for (const line of lines.slice(1)) {
        expect(line[at - 1], line).toBe(' ');
        expect(line[at], line).not.toBe(' ');
      }
    }
    const whens = lines.slice(1).map((line) => line.slice(0, 20));
    expect(whens).toEqual([...whens].sort().reverse());
    // A call without a valid token is named so, not left blank.
    const anonymous = await cli(['events', '--org', '1105', '--since', '14d']);
    expect(anonymous.stdout).toMatch(/Z\s+\(no valid token\)\s+GET\s+\S+\s+401\s/);
  });

  it('--since: a duration or a date, the window ends now', async () => {
    const twoDays = await json<EventDoc>(['events', '--org', '1105', '--since', '36h']);
    expect(Date.parse(twoDays.to) - Date.parse(twoDays.from)).toBe(36 * 3_600_000);
    const day = new Date(Date.now() - 3 * DAY_MS).toISOString().slice(0, 10);
    const fromDate = await json<EventDoc>(['events', '--org', '1105', '--since', day]);
    expect(fromDate.from).toBe(`${day}T00:00:00.000Z`);
    expect(Math.min(...fromDate.events.map((e) => Date.parse(e.at)))).toBeGreaterThanOrEqual(
      Date.parse(`${day}T00:00:00Z`),
    );
    const moment = await json<EventDoc>([
      'events',
      '--org',
      '1105',
      '--since',
      `${day}T12:00:00+02:00`,
    ]);
    expect(moment.from).toBe(`${day}T10:00:00.000Z`);
    expect(moment.events.length).toBeLessThanOrEqual(fromDate.events.length);
  });

  it('bad input: exit 2 with one line, nothing read', async () => {
    const future = new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10);
    const cases: Array<[string[], RegExp]> = [
      [['--since', '7x'], /--since takes a duration such as 30d.*, not "7x"/],
      [['--since', '0d'], /--since takes a duration/],
      [['--since', '2026-02-31'], /--since takes .*, not "2026-02-31"/],
      [['--since', '2026-11-01T08:00'], /--since takes .*2026-11-01T08:00:00Z/],
      [['--since', future], /--since \S+ is not in the past/],
      [['--since', '400d'], /reaches back more than 366 days; the service keeps 3 months/],
      [['--since'], /--since needs a value: a duration such as 30d/],
      [['--account', 'billing'], /--account takes a numeric service account id/],
      [['--name', 'x'], /--name does not apply to "events"/],
    ];
    emu().resetRequests();
    for (const [flags, says] of cases) {
      expectUsageLine(await cli(['events', '--org', '1105', ...flags]), ExitCode.usage, says);
    }
    expect(emu().requests.filter((r) => r.path.includes('/api-events'))).toEqual([]);
  });

  it('without org owner or iam_admin: exit 1, says what is needed; iam_admin is enough', async () => {
    // The demo user is only an observer in 1207 and iam_admin in 1180 (emulator seed).
    const {readOnly, admin} = emu().seed.orgIds;
    for (const extra of [[], ['--json']]) {
      expectUsageLine(
        await cli(['events', '--org', String(readOnly), ...extra]),
        ExitCode.refused,
        new RegExp(
          `Reading the API events of org ${readOnly} needs iam_admin or org owner in that org\\. Ask an org owner`,
        ),
      );
    }
    const adminDoc = await json<EventDoc>(['events', '--org', String(admin)]);
    expect(adminDoc.events.length).toBeGreaterThan(0);
  });

  it('shell completion knows the command and its flags', async () => {
    expect(await completions('eve')).toEqual(['events']);
    expect(await completions('events', '--s')).toEqual(['--since']);
    expect(await completions('events', '--')).toEqual(
      expect.arrayContaining(['--org', '--since', '--account', '--json']),
    );
  });
});
