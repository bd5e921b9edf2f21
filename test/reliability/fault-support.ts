/**
 * Shared by the app-level fault tests: a clock the test moves by hand (the client's retry waits
 * and token expiry, no real seconds), a session whose client runs on it, and checks of the
 * emulator's state and request log over HTTP.
 */
import {expect} from 'vitest';
import {FlexeraClient} from '../../source/api/client.js';
import type {Clock} from '../../source/api/http.js';
import type {Emulator} from '../../source/emulator/index.js';
import type {Session} from '../../source/session.js';
import {testSession, type TestSessionOptions} from '../helpers/app.js';

interface PendingSleep {
  ms: number;
  resolve: () => void;
}

/**
 * The client's clock, moved by the test: `sleep(ms)` waits until `release()` (which also moves
 * `now` by ms). `now` can be moved with `advance()`; the emulator may share it (`clock.now`).
 */
export class ManualClock implements Clock {
  private readonly pending: PendingSleep[] = [];

  constructor(private nowMs = Date.now()) {}

  now = (): number => this.nowMs;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const entry: PendingSleep = {ms, resolve};
      signal?.addEventListener(
        'abort',
        () => {
          const index = this.pending.indexOf(entry);
          if (index === -1) return; // already released
          this.pending.splice(index, 1);
          reject(signal.reason);
        },
        {once: true},
      );
      this.pending.push(entry);
    });

  advance(ms: number): void {
    this.nowMs += ms;
  }

  /** The waits asked for and not yet released, in ms. */
  get waiting(): number[] {
    return this.pending.map((entry) => entry.ms);
  }

  /** Ends the oldest wait, as if its time had passed. */
  release(): void {
    const entry = this.pending.shift();
    if (!entry) throw new Error('no retry wait is pending');
    this.nowMs += entry.ms;
    entry.resolve();
  }
}

/**
 * testSession(emu), with the client on `clock` and the client's DEFAULT retry policy (the Flexera
 * SDK's: 6 retries, Retry-After honoured up to 60 s): the waits are the clock's, not real time.
 */
export function clockedSession(
  emu: Emulator,
  clock: Clock,
  options: TestSessionOptions = {},
): Session {
  const base = testSession(emu, options);
  const refreshToken = emu.refreshTokens[base.endpoints.zone];
  return {
    ...base,
    client: new FlexeraClient({
      endpoints: base.endpoints,
      credentials: {grant: 'refresh_token', refreshToken},
      env: {},
      clock,
      onRetry: base.services.activity.reportRetry,
      timeoutMs: base.services.timeoutMs,
    }),
  };
}

export interface StateAccount {
  id: number;
  name: string;
  description?: string;
  clients: {clientId: string}[];
}

/** One org of the emulator's `/_emulator/state` (never holds a secret). */
export async function orgState(
  emu: Emulator,
  orgId: number,
): Promise<{id: number; serviceAccounts: StateAccount[]}> {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  expect(response.status).toBe(200);
  const state = (await response.json()) as {
    orgs: {id: number; serviceAccounts: StateAccount[]}[];
  };
  const org = state.orgs.find((o) => o.id === orgId);
  if (!org) throw new Error(`org ${orgId} is not in the emulator's state`);
  return org;
}

/** The requests the emulator saw for `method` and a path matching `path` (query included). */
export function requestsTo(emu: Emulator, method: string, path: RegExp) {
  return emu.requests.filter((r) => r.method === method && path.test(r.path));
}

/** Refresh-token and client-credentials exchanges the emulator answered (or dropped). */
export function tokenExchanges(emu: Emulator) {
  return requestsTo(emu, 'POST', /^\/oidc\/token$/);
}

/** A seeded NAM account of org 1105 with no roles and no clients. */
export function freshAccount(emu: Emulator) {
  const account = emu.seed.serviceAccounts.find(
    (sa) =>
      sa.zone === 'nam' &&
      sa.orgId === emu.seed.orgIds.primary &&
      sa.roles.length === 0 &&
      sa.clients.length === 0,
  );
  if (!account) throw new Error('the seed has no account without roles and clients in 1105');
  return account;
}
