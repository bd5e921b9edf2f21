import type {ApiEventRecord, EventPrincipal} from './api-events.js';
import {seedApiEvents} from './api-events.js';
import type {ZoneState} from './state.js';
import {DAY_MS} from './time.js';

/**
 * The demo API-event history (API.md §12.1): 90 days up to the emulator's start, the same on every
 * start relative to that moment (a fixed pseudo-random sequence). In the primary org some accounts
 * call every day, one stopped 60 days ago, one never called; people use the UI and change things
 * (accounts, roles, clients, secrets); strangers call without a valid token; a few events lack a
 * path or a response code, as the real service's do. Addresses are documentation ranges.
 */

const HISTORY_DAYS = 90;
/** The seed.busyOrg org. */
export const BUSY_ORG = 1300;

const HOURS = 3_600_000;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const UA = {
  python: 'python-requests/2.31.0',
  cli: 'flexera-cli/0.9.1 (linux; amd64)',
  terraform: 'Terraform/1.8.5 (+https://www.terraform.io) terraform-provider-flexera/0.7.0',
  cmdb: 'cmdb-sync/2.3 Java/17.0.9',
  grafana: 'Grafana/10.4.1',
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  firefoxWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  curl: 'curl/8.5.0',
} as const;

interface Call {
  method: string;
  path?: string;
  status?: number;
  /** Typical response size. */
  bytes?: number;
}

class History {
  readonly events: ApiEventRecord[] = [];
  private readonly random: () => number;

  constructor(
    private readonly nowMs: number,
    private readonly host: string,
    seed: number,
  ) {
    this.random = prng(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.random();
  }

  /** A time `daysAgo` days before now, at `hour` UTC-ish (plus up to `spreadMin` minutes). */
  time(daysAgo: number, hour: number, spreadMin = 30): number {
    const dayStart = this.nowMs - daysAgo * DAY_MS;
    const base = dayStart - (dayStart % DAY_MS) + hour * HOURS;
    const at = base + Math.floor(this.random() * spreadMin * 60_000);
    // Today's calls that would lie in the future happen a day earlier instead.
    return at < this.nowMs ? at : at - DAY_MS;
  }

  add(
    ms: number,
    principal: EventPrincipal | undefined,
    ip: string,
    userAgent: string,
    call: Call,
  ): void {
    if (ms <= this.nowMs - HISTORY_DAYS * DAY_MS || ms >= this.nowMs) return;
    const write = call.method !== 'GET';
    this.events.push({
      ms,
      micros: Math.floor(this.random() * 1000),
      ...(principal ? {principal} : {}),
      host: this.host,
      method: call.method,
      ...(call.path !== undefined ? {path: call.path} : {}),
      ip,
      userAgent,
      requestBytes: write ? 40 + Math.floor(this.random() * 200) : 0,
      ...(call.status !== undefined ? {status: call.status} : {}),
      durationMs: 20 + Math.floor(this.random() * (write ? 400 : 250)),
      responseBytes:
        call.status === 204 ? 0 : (call.bytes ?? 300 + Math.floor(this.random() * 4000)),
    });
  }

  /** A call that fails now and then: 1 in `every` answers 500, the rest `status`. */
  flaky(status: number, every: number): number {
    return this.random() < 1 / every ? 500 : status;
  }
}

const sa = (id: number, name: string, orgId: number): EventPrincipal => ({
  kind: 'iam:service-account',
  id,
  name,
  orgId,
});
const user = (id: number, name: string): EventPrincipal => ({kind: 'iam:user', id, name});

export interface DemoActivity {
  dailyAccountIds: number[];
  idleAccountId: number;
  neverUsedAccountId: number;
}

/** The primary org's history (ids and names as seed.ts makes them). */
export function seedPrimaryHistory(
  state: ZoneState,
  orgId: number,
  nowMs: number,
  clientIdOf: (serviceAccountId: number, n: number) => string,
): DemoActivity {
  const h = new History(nowMs, 'api.flexera.com', 1105);
  const org = `/iam/v1/orgs/${orgId}`;
  const billing = sa(2257, 'billing-export', orgId);
  const policy = sa(2258, 'policy-automation', orgId);
  const inventory = sa(2259, 'inventory-sync', orgId);
  const terraform = sa(2260, 'terraform-iam', orgId);
  const grafana = sa(2262, 'grafana-dashboards', orgId);
  const alex = user(121456, 'Alex Morgan');
  const aisha = user(121458, 'Aisha Adeyemi');

  for (let day = HISTORY_DAYS - 1; day >= 0; day--) {
    // billing-export: every night at 02:00.
    const night = h.time(day, 2, 10);
    h.add(night, billing, '198.51.100.23', UA.python, {method: 'GET', path: org, status: 200});
    h.add(night + 900, billing, '198.51.100.23', UA.python, {
      method: 'POST',
      path: `/bill-analysis/orgs/${orgId}/costs/aggregated`,
      status: h.flaky(200, 30),
      bytes: 48_000,
    });
    h.add(night + 2400, billing, '198.51.100.23', UA.python, {
      method: 'GET',
      path: `/bill-analysis/orgs/${orgId}/billing-centers`,
      status: 200,
    });
    // policy-automation: CI runs through the day.
    const runs = 2 + Math.floor(h.next() * 4);
    for (let run = 0; run < runs; run++) {
      const at = h.time(day, 8 + run * 3, 90);
      h.add(at, policy, '192.0.2.80', UA.cli, {
        method: 'GET',
        path: `/policy/v1/orgs/${orgId}/applied-policies`,
        status: 200,
      });
      h.add(at + 1500, policy, '192.0.2.80', UA.cli, {
        method: 'POST',
        path: `/policy/v1/orgs/${orgId}/applied-policies`,
        status: h.next() < 0.08 ? 422 : h.flaky(201, 40),
      });
    }
    // terraform-iam: one plan a day, reading accounts and rules.
    const plan = h.time(day, 6, 60);
    h.add(plan, terraform, '203.0.113.50', UA.terraform, {
      method: 'GET',
      path: `${org}/service-accounts`,
      status: 200,
    });
    h.add(plan + 700, terraform, '203.0.113.50', UA.terraform, {
      method: 'GET',
      path: `${org}/access-rules`,
      status: 200,
    });
    // inventory-sync: hourly-ish pulls until its client was deleted 20 days ago.
    if (day > 20) {
      for (const hour of [1, 13]) {
        h.add(h.time(day, hour, 20), inventory, '198.51.100.40', UA.cmdb, {
          method: 'GET',
          path: `/fnms/v1/orgs/${orgId}/inventory-devices`,
          status: h.flaky(200, 25),
          bytes: 120_000,
        });
      }
    }
    // grafana-dashboards: every few hours until 61 days ago.
    if (day >= 61) {
      h.add(h.time(day, 10, 120), grafana, '192.0.2.120', UA.grafana, {
        method: 'POST',
        path: `/bill-analysis/orgs/${orgId}/costs/aggregated`,
        status: 200,
        bytes: 22_000,
      });
    }
    // People in the UI on weekdays.
    const weekday = new Date(nowMs - day * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const at = h.time(day, 14, 180);
      for (const [i, path] of [
        `${org}/service-accounts`,
        `${org}/access-rules`,
        `${org}/users`,
      ].entries())
        h.add(at + i * 4000, alex, '203.0.113.7', UA.chromeMac, {method: 'GET', path, status: 200});
      if (day % 7 === 2)
        h.add(h.time(day, 16, 60), aisha, '192.0.2.44', UA.firefoxWin, {
          method: 'GET',
          path: `${org}/users`,
          status: 200,
        });
    }
    // Someone without a valid token, now and then.
    if (day % 9 === 4)
      h.add(h.time(day, 3, 60), undefined, '198.51.100.99', UA.curl, {
        method: 'GET',
        path: `${org}/service-accounts`,
        status: 401,
        bytes: 150,
      });
  }

  // Changes, for the org-changes screen.
  const sas = `${org}/service-accounts`;
  const change = (
    days: number,
    who: EventPrincipal | undefined,
    ip: string,
    ua: string,
    call: Call,
  ) => h.add(h.time(days, 15, 60), who, ip, ua, call);
  change(45, terraform, '203.0.113.50', UA.terraform, {method: 'POST', path: sas, status: 201});
  change(44, terraform, '203.0.113.50', UA.terraform, {
    method: 'PUT',
    path: `${org}/access-rules/grant`,
    status: 204,
  });
  change(30, alex, '203.0.113.7', UA.chromeMac, {
    method: 'DELETE',
    path: `${sas}/2200`,
    status: 204,
  });
  change(20, aisha, '192.0.2.44', UA.firefoxWin, {
    method: 'DELETE',
    path: `${sas}/2259/clients/${clientIdOf(2259, 0)}`,
    status: 204,
  });
  const terraformClient = `${sas}/2260/clients/${clientIdOf(2260, 1)}`;
  change(12, alex, '203.0.113.7', UA.chromeMac, {
    method: 'POST',
    path: `${terraformClient}/client-secret`,
    status: 200,
  });
  change(11, alex, '203.0.113.7', UA.chromeMac, {
    method: 'DELETE',
    path: `${terraformClient}/client-secret`,
    status: 204,
  });
  change(9, alex, '203.0.113.7', UA.chromeMac, {
    method: 'POST',
    path: `${sas}/2258/clients`,
    status: 201,
  });
  change(5, alex, '203.0.113.7', UA.chromeMac, {method: 'PATCH', path: `${sas}/2257`, status: 204});
  change(3, aisha, '192.0.2.44', UA.firefoxWin, {
    method: 'PUT',
    path: `${org}/access-rules/grant`,
    status: 204,
  });
  change(2, aisha, '192.0.2.44', UA.firefoxWin, {
    method: 'PUT',
    path: `${org}/access-rules/revoke`,
    status: 204,
  });
  change(1, aisha, '192.0.2.44', UA.firefoxWin, {
    method: 'PUT',
    path: `${org}/access-rules/grant`,
    status: 400,
  });
  // As the real service sends them: no path, no response code (PT CHANGELOG v0.2.3).
  change(33, alex, '203.0.113.7', UA.chromeMac, {method: 'GET', status: 400});
  change(27, billing, '198.51.100.23', UA.python, {method: 'GET', path: org});
  change(14, undefined, '198.51.100.99', UA.curl, {method: 'POST', path: sas});

  seedApiEvents(state, orgId, h.events);
  return {dailyAccountIds: [2257, 2258, 2260], idleAccountId: 2262, neverUsedAccountId: 2261};
}

/** One account calling daily in another org (admin org, EU, APAC). */
export function seedDailyHistory(
  state: ZoneState,
  orgId: number,
  nowMs: number,
  host: string,
  account: {id: number; name: string},
): void {
  const h = new History(nowMs, host, orgId);
  const who = sa(account.id, account.name, orgId);
  for (let day = HISTORY_DAYS - 1; day >= 0; day--)
    h.add(h.time(day, 4, 30), who, '198.51.100.61', UA.python, {
      method: 'GET',
      path: `/iam/v1/orgs/${orgId}/service-accounts`,
      status: h.flaky(200, 20),
    });
  seedApiEvents(state, orgId, h.events);
}

/**
 * The bench's large history: `events` calls over 90 days by `accounts` (the last one never
 * calls, the one before stopped 60 days ago), in time order.
 */
export function seedBusyHistory(
  state: ZoneState,
  orgId: number,
  nowMs: number,
  accounts: ReadonlyArray<{id: number; name: string}>,
  events: number,
): void {
  const h = new History(nowMs, 'api.flexera.com', orgId);
  const callers = accounts.slice(0, Math.max(0, accounts.length - 1));
  const idle = accounts.length >= 3 ? accounts[accounts.length - 2] : undefined;
  const span = HISTORY_DAYS * DAY_MS - 60_000;
  const start = nowMs - span;
  for (let n = 0; n < events; n++) {
    const ms = start + Math.floor(((n + h.next()) / events) * span);
    let caller = callers[Math.floor(h.next() * callers.length)];
    if (!caller) break;
    if (caller === idle && ms > nowMs - 60 * DAY_MS) caller = callers[0]!;
    h.add(ms, sa(caller.id, caller.name, orgId), '198.51.100.70', UA.python, {
      method: n % 10 === 0 ? 'POST' : 'GET',
      path: `/iam/v1/orgs/${orgId}/service-accounts`,
      status: h.flaky(200, 50),
      bytes: 900,
    });
  }
  state.apiEvents.set(orgId, h.events);
}
