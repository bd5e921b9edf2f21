import {EnvHttpProxyAgent} from 'undici';
import {describe, expect, it} from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  createDispatcher,
  parseRetryAfter,
  proxySettingsFromEnv,
} from '../../source/api/http.js';

describe('retry timing', () => {
  it('doubles from 1 s to a 15 s cap, with ±25 % jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, DEFAULT_RETRY_POLICY, mid))).toEqual([
      1000, 2000, 4000, 8000, 15000, 15000,
    ]);
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, () => 0)).toBe(750);
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, () => 1)).toBe(1250);
    expect(backoffDelay(6, DEFAULT_RETRY_POLICY, () => 1)).toBe(18750);
  });

  it('reads Retry-After as delta seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('proxy selection', () => {
  it('uses no proxy agent when no proxy variable is set', async () => {
    expect(proxySettingsFromEnv({})).toBeUndefined();
    expect(proxySettingsFromEnv({NO_PROXY: 'example.com', HTTP_PROXY: '  '})).toBeUndefined();
    expect(await createDispatcher({NO_PROXY: '*'})).toBeUndefined();
  });

  it('uses EnvHttpProxyAgent with the injected values when a proxy is set', async () => {
    expect(proxySettingsFromEnv({HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'localhost'})).toEqual({
      httpProxy: '',
      httpsProxy: 'http://p:3128',
      noProxy: 'localhost',
    });
    // Lower-case variables win, as with curl.
    expect(
      proxySettingsFromEnv({http_proxy: 'http://low:1', HTTP_PROXY: 'http://up:1'}),
    ).toMatchObject({
      httpProxy: 'http://low:1',
    });
    const dispatcher = await createDispatcher({HTTP_PROXY: 'http://127.0.0.1:9'});
    expect(dispatcher).toBeInstanceOf(EnvHttpProxyAgent);
    await dispatcher?.close();
  });
});
