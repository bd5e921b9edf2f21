/** The emulator's rate limit (API.md §4.3) met by the client's retry, on one shared fake clock. */
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {HttpLogEvent, RetryInfo} from '../../source/api/http.js';
import {clientFor, start, type Emu} from './support.js';

let emu: Emu;
let now = Date.parse('2025-06-01T12:00:00Z');

beforeAll(async () => {
  emu = await start({
    clock: () => now,
    rateLimit: {perOrg: 1000, perPrincipal: 3, windowMs: 60_000},
  });
});

afterAll(async () => {
  await emu?.close();
});

it('counts down x-ratelimit-remaining, answers 429 + retry-after past the limit, and the client waits it out', async () => {
  const events: HttpLogEvent[] = [];
  const retries: RetryInfo[] = [];
  const sleeps: number[] = [];
  const client = clientFor(emu, {
    log: (event) => events.push(event),
    onRetry: (info) => retries.push(info),
    // Sleeping moves the emulator's clock: the window really passes, in no real time.
    clock: Object.assign(
      {
        now: () => now,
        sleep: async (ms: number) => {
          sleeps.push(ms);
          now += ms;
        },
      },
      {sleeps},
    ),
  });
  const orgId = emu.seed.orgIds.primary;
  for (let n = 0; n < 4; n++) await client.listRoles(orgId);

  const answers = events.filter(
    (e): e is Extract<HttpLogEvent, {type: 'response'}> =>
      e.type === 'response' && e.url.includes('/roles'),
  );
  expect(answers.map((e) => e.status)).toEqual([200, 200, 200, 429, 200]);
  const remaining = answers.slice(0, 3).map((e) => Number(e.headers['x-ratelimit-remaining']));
  expect(remaining).toEqual([2, 1, 0]);
  const limited = answers[3]!;
  expect(limited.body).toMatchObject({name: 'too_many_requests', temporary: true});
  const retryAfter = Number(limited.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retries).toEqual([
    expect.objectContaining({reason: 'rate-limited', retryAfterSeconds: retryAfter}),
  ]);
  expect(sleeps).toEqual([retryAfter * 1000]);
  await client.close();
});
