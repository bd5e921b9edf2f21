import {describe, expect, it} from 'vitest';
import type {ActivityEvent} from '../../source/api/api-events.js';
import {changeOf, orgChanges} from '../../source/events/changes.js';
import {
  DAY_MS,
  dailyBuckets,
  relativeTime,
  usageByAccount,
  usageMark,
} from '../../source/events/usage.js';

const now = Date.parse('2026-11-27T12:00:00Z');
const sa = (
  id: number,
  at: number,
  status?: number,
  path = '/x',
  method = 'GET',
): ActivityEvent => ({
  at,
  method,
  path,
  ...(status !== undefined ? {status} : {}),
  principal: {kind: 'service-account', id, name: `sa${id}`},
});

describe('usage', () => {
  it('keeps the newest call, counts calls and errors, and marks idle and unused accounts', () => {
    const usage = usageByAccount([
      sa(1, now - 3 * DAY_MS, 200),
      sa(1, now - DAY_MS, 500),
      sa(2, now - 45 * DAY_MS, 403),
      {at: now, method: 'GET', status: 401},
      {at: now, method: 'GET', principal: {kind: 'user', id: 1}},
    ]);
    expect(usage.get(1)).toEqual({lastUsed: now - DAY_MS, calls: 2, errors: 1});
    expect(usageMark(usage.get(1), now)).toBe('active');
    expect(usageMark(usage.get(2), now)).toBe('unused');
    expect(usageMark(usage.get(3), now)).toBe('never');
    expect(usage.size).toBe(2);
  });

  it('buckets calls and errors per UTC day, every day present', () => {
    const from = now - 2 * DAY_MS;
    const buckets = dailyBuckets(
      [sa(1, from + 1000, 200), sa(1, now, 404), sa(1, now, undefined)],
      from,
      now,
    );
    expect(buckets.map((b) => [b.calls, b.errors])).toEqual([
      [1, 0],
      [0, 0],
      [2, 1],
    ]);
  });

  it('says relative times in words', () => {
    expect(relativeTime(now - 5_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now - 12 * DAY_MS, now)).toBe('12 d ago');
  });
});

describe('org changes', () => {
  const base = '/iam/v1/orgs/1105';
  it('names each change from method and path, only when it succeeded', () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['POST', `${base}/service-accounts`, 'account-created'],
      ['PATCH', `${base}/service-accounts/7`, 'account-edited'],
      ['DELETE', `${base}/service-accounts/7`, 'account-deleted'],
      ['PUT', `${base}/access-rules/grant`, 'role-granted'],
      ['PUT', `${base}/access-rules/revoke`, 'role-revoked'],
      ['POST', `${base}/service-accounts/7/clients`, 'client-minted'],
      ['DELETE', `${base}/service-accounts/7/clients/abc`, 'client-deleted'],
      ['POST', `${base}/service-accounts/7/clients/abc/client-secret`, 'secret-added'],
      ['DELETE', `${base}/service-accounts/7/clients/abc/client-secret`, 'secret-deleted'],
      ['GET', `${base}/service-accounts`, undefined],
      ['GET', `${base}/service-accounts/7/clients/abc/client-secrets`, undefined],
    ];
    for (const [method, path, kind] of cases)
      expect(changeOf(sa(9, now, 204, path, method))?.kind, `${method} ${path}`).toBe(kind);
    const deleted = changeOf(sa(9, now, 204, `${base}/service-accounts/7/clients/abc`, 'DELETE'));
    expect(deleted).toMatchObject({
      accountId: 7,
      clientId: 'abc',
      by: {kind: 'service-account', id: 9},
    });
    expect(changeOf(sa(9, now, 400, `${base}/access-rules/grant`, 'PUT'))).toBeUndefined();
    expect(changeOf(sa(9, now, undefined, `${base}/access-rules/grant`, 'PUT'))).toBeUndefined();
    expect(changeOf({at: now, method: 'PUT', status: 204})).toBeUndefined();
  });

  it('lists them newest first', () => {
    const list = orgChanges([
      sa(1, now - 2000, 204, `${base}/access-rules/grant`, 'PUT'),
      sa(1, now - 1000, 204, `${base}/access-rules/revoke`, 'PUT'),
    ]);
    expect(list.map((c) => c.kind)).toEqual(['role-revoked', 'role-granted']);
  });
});
