import {afterEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {startEmulator} from '../../source/emulator/index.js';
import {call, expectGoa, manualClock, userToken} from './helpers.js';

describe('rate limiting (injected limits and clock)', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('counts down x-ratelimit-remaining, answers 429 with retry-after, and resets with the window', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1, 12, 0, 0));
    emu = await startEmulator({
      port: 0,
      clock: clock.now,
      rateLimit: {perOrg: 100, perPrincipal: 3, windowMs: 60_000},
    });
    const nam = emu.zones.nam.api;
    const token = await userToken(emu);
    clock.advance(15_000); // 45 s left in this window
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const answer = await call(nam, '/iam/v1/orgs/1105', {token});
      expect(answer.status).toBe(200);
      remaining.push(answer.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const throttled = await call(nam, '/iam/v1/orgs/1105', {token});
    expectGoa(throttled, 429, 'too_many_requests');
    expect((throttled.body as {temporary: boolean}).temporary).toBe(true);
    expect(throttled.headers.get('retry-after')).toBe('45');
    expect(throttled.headers.get('x-ratelimit-remaining')).toBeNull();
    // The same principal in another org has its own quota.
    expect((await call(nam, '/iam/v1/orgs/1180', {token})).status).toBe(200);
    clock.advance(45_000);
    const reset = await call(nam, '/iam/v1/orgs/1105', {token});
    expect(reset.status).toBe(200);
    expect(reset.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('applies the per-org limit across principals, the tighter limit winning', async () => {
    const clock = manualClock();
    emu = await startEmulator({
      port: 0,
      clock: clock.now,
      rateLimit: {perOrg: 4, perPrincipal: 3, windowMs: 60_000},
    });
    const nam = emu.zones.nam.api;
    const demo = await userToken(emu);
    const viewer = await userToken(emu, 'nam', emu.seed.viewer.refreshToken);
    expect(
      (await call(nam, '/iam/v1/orgs/1105', {token: demo})).headers.get('x-ratelimit-remaining'),
    ).toBe('2');
    expect(
      (await call(nam, '/iam/v1/orgs/1105', {token: demo})).headers.get('x-ratelimit-remaining'),
    ).toBe('1');
    expect(
      (await call(nam, '/iam/v1/orgs/1105', {token: viewer})).headers.get('x-ratelimit-remaining'),
    ).toBe('1');
    expect(
      (await call(nam, '/iam/v1/orgs/1105', {token: viewer})).headers.get('x-ratelimit-remaining'),
    ).toBe('0');
    expectGoa(await call(nam, '/iam/v1/orgs/1105', {token: viewer}), 429, 'too_many_requests');
    expectGoa(await call(nam, '/iam/v1/orgs/1105/roles', {token: demo}), 429, 'too_many_requests');
  });

  it('is on by default with the documented limits (500 per principal per org)', async () => {
    emu = await startEmulator({port: 0});
    const answer = await call(emu.zones.nam.api, '/iam/v1/orgs/1105', {
      token: await userToken(emu),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('499');
  });

  it('is off with rateLimit: false', async () => {
    emu = await startEmulator({port: 0, rateLimit: false});
    const answer = await call(emu.zones.nam.api, '/iam/v1/orgs/1105', {
      token: await userToken(emu),
    });
    expect(answer.headers.get('x-ratelimit-remaining')).toBeNull();
  });
});
