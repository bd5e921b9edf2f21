/**
 * The Flexera One IAM + login emulator: three zones (NAM, EU, APAC), each on its own origin,
 * serving /oidc/token and the IAM v1 API from in-memory state with deterministic demo data.
 * It imports nothing from source/api: the client and the emulator meet only over HTTP.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Core, ZoneRuntime} from './context.js';
import {issueRefreshToken, revokeRefreshToken, setForms, setTokenLifetime} from './control.js';
import {FaultRegistry} from './faults.js';
import {DEFAULT_RATE_LIMIT, RateLimiter} from './ratelimit.js';
import {seed} from './seed.js';
import {zoneHandler} from './server.js';
import {ZoneState} from './state.js';
import {TokenService} from './tokens.js';
import type {Emulator, EmulatorOptions, EmulatorZone} from './types.js';
import {DEFAULT_FORMS, EMULATOR_ZONES} from './types.js';

export type {Emulator, EmulatorOptions, EmulatorZone} from './types.js';

/** The host part of an origin for a bind address (wildcards are reached through loopback). */
function originHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const basePort = options.port ?? 0;
  const extraOrgs = options.seed?.extraOrgs ?? 0;
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65533) {
    throw new Error('port must be 0, or a whole number up to 65533 (three ports N..N+2 are used)');
  }
  if (!Number.isInteger(extraOrgs) || extraOrgs < 0)
    throw new Error('seed.extraOrgs must be a whole number >= 0');

  const zones = {} as Record<EmulatorZone, ZoneRuntime>;
  for (const id of EMULATOR_ZONES) {
    const state = new ZoneState(id);
    const runtime: ZoneRuntime = {
      id,
      origin: '',
      state,
      tokens: undefined as unknown as TokenService,
    };
    runtime.tokens = new TokenService(id, state, () => runtime.origin);
    zones[id] = runtime;
  }
  const shutdown = new AbortController();
  const core: Core = {
    clock: options.clock ?? Date.now,
    tokenLifetimeSeconds: 3600,
    zones,
    faults: new FaultRegistry(),
    limiter: new RateLimiter(
      options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit,
    ),
    requests: [],
    forms: {...DEFAULT_FORMS, ...options.forms},
    log: options.log,
    closing: shutdown.signal,
  };
  if (options.tokenLifetimeSeconds !== undefined)
    setTokenLifetime(core, options.tokenLifetimeSeconds);
  const {facts, refreshTokens} = seed(zones, core.clock(), extraOrgs, options.seed?.busyOrg);

  const servers: Server[] = [];
  try {
    for (const [index, id] of EMULATOR_ZONES.entries()) {
      const server = createServer({keepAliveTimeout: 5000}, zoneHandler(core, zones[id]));
      servers.push(server);
      const port = await listen(server, basePort === 0 ? 0 : basePort + index, host);
      zones[id].origin = `http://${originHost(host)}:${port}`;
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }

  let closed: Promise<void> | undefined;
  const origins = Object.fromEntries(
    EMULATOR_ZONES.map((id) => [id, {api: zones[id].origin, login: zones[id].origin}]),
  ) as Emulator['zones'];

  return {
    zones: origins,
    refreshTokens,
    seed: facts,
    faults: {
      inject: (rule) => core.faults.inject(rule),
      clear: () => core.faults.clear(),
    },
    setTokenLifetime: (seconds) => setTokenLifetime(core, seconds),
    get forms() {
      return {...core.forms};
    },
    setForms: (forms) => setForms(core, forms),
    issueRefreshToken: (zone, userId, issueOptions) =>
      issueRefreshToken(core, zone, userId, issueOptions),
    revokeRefreshToken: (token) => {
      revokeRefreshToken(core, token);
    },
    get requests() {
      return core.requests;
    },
    resetRequests: () => {
      core.requests.length = 0;
    },
    close: () => {
      shutdown.abort();
      return (closed ??= Promise.all(servers.map(closeServer)).then(() => undefined));
    },
  };
}
