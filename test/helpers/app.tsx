/**
 * Screen tests: the real app on a session built on the real emulator (127.0.0.1, ephemeral
 * ports). No fetch is mocked; the only fakes are the terminal streams (test/helpers/ink.tsx).
 *
 *   const emu = await startTestEmulator();
 *   const ui = renderApp(testSession(emu), {routes: [{name: 'orgs'}], columns: 100, rows: 30});
 *   await ui.waitForText('Acme');
 */
import {afterEach} from 'vitest';
import {App} from '../../source/app.js';
import type {Endpoints, ZoneId} from '../../source/api/zones.js';
import {createMemoryPreferences, type Preferences} from '../../source/config/index.js';
import {startEmulator, type Emulator, type EmulatorOptions} from '../../source/emulator/index.js';
import {ActivityStore} from '../../source/hooks/activity.js';
import type {Route} from '../../source/navigation.js';
import {createMemoryStore, type SecretStore} from '../../source/secrets/index.js';
import {
  createClient,
  type ClientServices,
  type Session,
  type SessionTokenSource,
} from '../../source/session.js';
import {renderInk, type RenderInkOptions} from './ink.js';

const running = new Set<Emulator>();
afterEach(async () => {
  await Promise.all([...running].map((emu) => emu.close()));
  running.clear();
});

/** An emulator for one test, closed after it. Rate limiting is off unless the test asks. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({port: 0, rateLimit: false, ...options});
  running.add(emu);
  return emu;
}

function emulatorEndpoints(emu: Emulator, zone: ZoneId = 'nam'): Endpoints {
  return {zone, api: emu.zones[zone].api, login: emu.zones[zone].login, custom: true};
}

export interface TestSessionOptions {
  zone?: ZoneId;
  /** The refresh token; default the demo user's for the zone. `null` = not signed in. */
  refreshToken?: string | null;
  tokenSource?: SessionTokenSource;
  store?: SecretStore;
  preferences?: Preferences;
  sandbox?: boolean;
  initialOrgId?: number;
  notice?: string;
  services?: Partial<ClientServices>;
}

/** Fast retries so fault tests do not wait real seconds (the policy's shape stays the SDK's). */
const FAST_RETRY = {baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50} as const;

export function testSession(emu: Emulator, options: TestSessionOptions = {}): Session {
  const zone = options.zone ?? 'nam';
  const endpoints = emulatorEndpoints(emu, zone);
  const services: ClientServices = {
    env: {},
    activity: new ActivityStore(),
    retry: FAST_RETRY,
    timeoutMs: 5_000,
    ...options.services,
  };
  const refreshToken =
    options.refreshToken === null ? undefined : (options.refreshToken ?? emu.refreshTokens[zone]);
  return {
    generation: 0,
    endpoints,
    endpointsFor: (other) => emulatorEndpoints(emu, other),
    tokenSource: refreshToken ? (options.tokenSource ?? 'session') : 'none',
    client: refreshToken
      ? createClient(services, endpoints, {grant: 'refresh_token', refreshToken})
      : undefined,
    store: options.store ?? createMemoryStore(),
    preferences: options.preferences ?? createMemoryPreferences(),
    sandbox: options.sandbox ?? false,
    initialOrgId: options.initialOrgId,
    notice: options.notice,
    services,
  };
}

export interface RenderAppOptions extends RenderInkOptions {
  routes?: Route[];
  onExit?: (code: number) => void;
}

/** The whole app (frame, keys, providers) starting on `routes`. */
export function renderApp(session: Session, options: RenderAppOptions = {}) {
  const {routes, onExit, ...ink} = options;
  return renderInk(<App session={session} routes={routes} onExit={onExit} />, {
    columns: 100,
    rows: 30,
    ...ink,
  });
}

/** The demo org (1105) as a route target. */
export function demoOrg(emu: Emulator) {
  const id = emu.seed.orgIds.primary;
  const org = emu.seed.orgs.find((o) => o.id === id);
  return {id, name: org?.name ?? `org ${id}`};
}
