import type {EmulatorZone, FaultRule, FaultSpec} from './types.js';
import {EMULATOR_ZONES} from './types.js';

/**
 * Injected faults, for tests. Each request takes every rule that matches it (zone, method, path),
 * in the order they were added, and counts them down; a rule goes when its count reaches 0.
 * Latencies add up; the first `status` or `drop: before` answers instead of the API.
 */

interface ActiveRule {
  id: number;
  rule: FaultRule;
  remaining: number;
}

export class FaultRegistry {
  private rules: ActiveRule[] = [];
  private seq = 0;

  inject(rule: FaultRule): () => void {
    validateRule(rule);
    const active: ActiveRule = {id: ++this.seq, rule, remaining: rule.times ?? 1};
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  clear(): void {
    this.rules = [];
  }

  take(zone: EmulatorZone, method: string, pathname: string): FaultSpec[] {
    const taken: FaultSpec[] = [];
    for (const active of this.rules) {
      if (!matches(active.rule, zone, method, pathname)) continue;
      active.remaining -= 1;
      taken.push(active.rule.fault);
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return taken;
  }

  snapshot(): Array<{
    id: number;
    remaining: number | 'Infinity';
    rule: Omit<FaultRule, 'path'> & {path?: string};
  }> {
    return this.rules.map(({id, remaining, rule}) => ({
      id,
      remaining: remaining === Infinity ? 'Infinity' : remaining,
      rule: {
        ...rule,
        path: rule.path instanceof RegExp ? `/${rule.path.source}/${rule.path.flags}` : rule.path,
      },
    }));
  }
}

function matches(rule: FaultRule, zone: EmulatorZone, method: string, pathname: string): boolean {
  if (rule.zone && rule.zone !== zone) return false;
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  const path = rule.path;
  if (path === undefined) return true;
  if (path instanceof RegExp) {
    path.lastIndex = 0;
    return path.test(pathname);
  }
  return path.endsWith('*') ? pathname.startsWith(path.slice(0, -1)) : pathname === path;
}

/** Throws a plain Error naming what is wrong with a rule. */
function validateRule(rule: FaultRule): void {
  if (typeof rule !== 'object' || rule === null) throw new Error('a fault rule must be an object');
  if (rule.zone !== undefined && !EMULATOR_ZONES.includes(rule.zone))
    throw new Error(`unknown zone "${String(rule.zone)}"`);
  if (rule.method !== undefined && typeof rule.method !== 'string')
    throw new Error('method must be a string');
  if (rule.path !== undefined && typeof rule.path !== 'string' && !(rule.path instanceof RegExp)) {
    throw new Error('path must be a string or a RegExp');
  }
  const times = rule.times ?? 1;
  if (
    typeof times !== 'number' ||
    !(times >= 1) ||
    (times !== Infinity && !Number.isInteger(times))
  ) {
    throw new Error('times must be a whole number >= 1, or Infinity');
  }
  const fault = rule.fault as FaultSpec | undefined;
  switch (fault?.type) {
    case 'latency':
      if (typeof fault.ms !== 'number' || !(fault.ms >= 0) || fault.ms > 600_000)
        throw new Error('latency ms must be 0..600000');
      return;
    case 'status':
      // 403: a caller without one privilege (no seeded user lacks only one; API.md §12.1).
      if (![403, 429, 500, 502, 503].includes(fault.status))
        throw new Error('status must be 403, 429, 500, 502 or 503');
      if (
        fault.retryAfterSeconds !== undefined &&
        (typeof fault.retryAfterSeconds !== 'number' || !(fault.retryAfterSeconds >= 0))
      ) {
        throw new Error('retryAfterSeconds must be a number >= 0');
      }
      return;
    case 'drop':
      if (fault.when !== 'before' && fault.when !== 'after')
        throw new Error("drop needs when: 'before' or 'after'");
      return;
    default:
      throw new Error("fault.type must be 'latency', 'status' or 'drop'");
  }
}
