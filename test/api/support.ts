/** Shared set-up for the client's contract tests: a real emulator and clients pointed at it. */
import {FlexeraClient, type FlexeraClientOptions} from '../../source/api/client.js';
import type {Clock} from '../../source/api/http.js';
import type {Endpoints, ZoneId} from '../../source/api/zones.js';
import {startEmulator} from '../../source/emulator/index.js';

export type Emu = Awaited<ReturnType<typeof startEmulator>>;
export type EmuOptions = Parameters<typeof startEmulator>[0];

export function start(options: EmuOptions = {}): Promise<Emu> {
  return startEmulator({port: 0, rateLimit: false, ...options});
}

export function endpointsOf(emu: Emu, zone: ZoneId = 'nam'): Endpoints {
  return {zone, api: emu.zones[zone].api, login: emu.zones[zone].login, custom: true};
}

/** A clock whose sleep records what was asked and returns at once: no test waits for backoff. */
export function recordingClock(now: () => number = () => Date.now()): Clock & {sleeps: number[]} {
  const sleeps: number[] = [];
  return {
    sleeps,
    now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
    },
  };
}

type ClientExtras = Partial<Omit<FlexeraClientOptions, 'endpoints'>> & {zone?: ZoneId};

/** A client for the zone's demo user (or the given credentials), on a recording clock. */
export function clientFor(
  emu: Emu,
  extras: ClientExtras = {},
): FlexeraClient & {clock: ReturnType<typeof recordingClock>} {
  const {zone = 'nam', ...rest} = extras;
  const clock = (rest.clock as ReturnType<typeof recordingClock> | undefined) ?? recordingClock();
  const client = new FlexeraClient({
    endpoints: endpointsOf(emu, zone),
    credentials: {grant: 'refresh_token', refreshToken: emu.refreshTokens[zone]},
    env: {},
    random: () => 0.5,
    ...rest,
    clock,
  });
  return Object.assign(client, {clock});
}

/** Recorded requests of one method whose path (without query) matches. */
export function requestsTo(emu: Emu, method: string, path: string | RegExp) {
  return emu.requests.filter((r) => {
    const pathname = r.path.split('?')[0]!;
    return (
      r.method === method && (typeof path === 'string' ? pathname === path : path.test(pathname))
    );
  });
}

/** A fresh org for a test that changes state: the demo user is org_owner there. */
export function takeOrg(emu: Emu): number {
  const used = taken.get(emu) ?? 0;
  const id = emu.seed.orgIds.extra[used];
  if (id === undefined) throw new Error('no spare org left: raise seed.extraOrgs');
  taken.set(emu, used + 1);
  return id;
}

const taken = new WeakMap<Emu, number>();
