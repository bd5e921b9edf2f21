import type {RateLimitOptions} from './types.js';

/**
 * Rate limits (API.md §4.3): per org (every path with /orgs/{orgId}) and per principal within an
 * org; both are checked and the tighter wins. Windows are fixed, aligned to the injected clock
 * (`floor(now / windowMs)`), so tests step the clock instead of waiting.
 * [I] Requests without an org in the path count only against the principal (key "-" for the org);
 * requests without a valid token count against the caller's address as their principal.
 */

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  perOrg: 1000,
  perPrincipal: 500,
  windowMs: 60_000,
};

export type RateDecision =
  {allowed: true; remaining: number} | {allowed: false; retryAfterSeconds: number};

interface Counter {
  window: number;
  count: number;
}

export class RateLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly options: RateLimitOptions | false) {}

  get enabled(): boolean {
    return this.options !== false;
  }

  check(
    scope: string,
    orgId: number | undefined,
    principal: string,
    nowMs: number,
  ): RateDecision | undefined {
    const options = this.options;
    if (options === false) return undefined;
    const window = Math.floor(nowMs / options.windowMs);
    const limits: Array<[string, number]> = [
      [`p|${scope}|${orgId ?? '-'}|${principal}`, options.perPrincipal],
    ];
    if (orgId !== undefined) limits.push([`o|${scope}|${orgId}`, options.perOrg]);
    const counters = limits.map(([key, limit]) => {
      let counter = this.counters.get(key);
      if (!counter || counter.window !== window) {
        counter = {window, count: 0};
        this.counters.set(key, counter);
      }
      return {counter, limit};
    });
    if (counters.some(({counter, limit}) => counter.count >= limit)) {
      const resetAt = (window + 1) * options.windowMs;
      return {allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - nowMs) / 1000))};
    }
    for (const {counter} of counters) counter.count += 1;
    if (this.counters.size > 50_000) this.sweep(window);
    return {
      allowed: true,
      remaining: Math.min(...counters.map(({counter, limit}) => limit - counter.count)),
    };
  }

  private sweep(window: number): void {
    for (const [key, counter] of this.counters)
      if (counter.window !== window) this.counters.delete(key);
  }
}
