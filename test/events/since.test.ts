import {describe, expect, it} from 'vitest';
import {parseSince, sinceWindow} from '../../source/events/since.js';

const now = Date.parse('2026-11-27T12:00:00Z');
const HOUR = 3_600_000;

describe('--since', () => {
  it('reads durations and dates; a time needs its zone; an impossible day is refused', () => {
    expect(parseSince('90m')).toMatchObject({kind: 'duration', ms: 90 * 60_000});
    expect(parseSince(' 12H ')).toMatchObject({kind: 'duration', ms: 12 * HOUR});
    expect(parseSince('2w')).toMatchObject({kind: 'duration', ms: 14 * 24 * HOUR});
    expect(parseSince('2026-11-01')).toMatchObject({
      kind: 'moment',
      at: Date.parse('2026-11-01T00:00:00Z'),
    });
    expect(parseSince('2026-11-01T08:00+02:00')).toMatchObject({
      at: Date.parse('2026-11-01T06:00:00Z'),
    });
    expect(parseSince('2024-02-29T23:59:59.5z')).toMatchObject({kind: 'moment'});
    for (const bad of ['', '0d', '7', 'd', '7x', '-7d', '1.5d', '2026-02-31', '2025-02-29']) {
      expect(parseSince(bad), bad).toBeUndefined();
    }
    expect(parseSince('2026-11-01T08:00')).toBeUndefined();
    expect(parseSince('2026-11-01 08:00Z')).toBeUndefined();
  });

  it('the window ends now: 7 days by default, never in the future, at most 366 days back', () => {
    expect(sinceWindow(undefined, now)).toEqual({window: {from: now - 7 * 24 * HOUR, to: now}});
    expect(sinceWindow(parseSince('36h'), now)).toEqual({window: {from: now - 36 * HOUR, to: now}});
    expect(sinceWindow(parseSince('2026-11-27'), now)).toEqual({
      window: {from: now - 12 * HOUR, to: now},
    });
    expect(sinceWindow(parseSince('2026-11-28'), now)).toEqual({
      problem: expect.stringMatching(/--since 2026-11-28 is not in the past/),
    });
    expect(sinceWindow(parseSince('367d'), now)).toEqual({
      problem: expect.stringMatching(/more than 366 days/),
    });
    expect(sinceWindow(parseSince('366d'), now)).toHaveProperty('window');
  });
});
