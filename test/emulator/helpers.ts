import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type EmulatorZone,
} from '../../source/emulator/index.js';

/** Test helpers: real HTTP against a real emulator on 127.0.0.1; nothing is mocked. */

export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({port: 0, rateLimit: false, ...options});
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export async function call<T = unknown>(
  origin: string,
  path: string,
  options: {
    method?: string;
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {...options.headers};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${origin}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return {status: response.status, headers: response.headers, text, body: parsed as T};
}

export interface TokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  token_type: string;
}

export async function exchangeRefreshToken(
  origin: string,
  refreshToken: string,
): Promise<Answer<TokenAnswer>> {
  return call<TokenAnswer>(origin, '/oidc/token', {
    method: 'POST',
    rawBody: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    }).toString(),
    headers: {'content-type': 'application/x-www-form-urlencoded'},
  });
}

export async function exchangeClient(
  origin: string,
  clientId: string,
  clientSecret: string,
): Promise<Answer<TokenAnswer>> {
  return call<TokenAnswer>(origin, '/oidc/token', {
    method: 'POST',
    rawBody: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }).toString(),
    headers: {'content-type': 'application/x-www-form-urlencoded'},
  });
}

/** An access token for a zone's demo user (or for the given refresh token). */
export async function userToken(
  emulator: Emulator,
  zone: EmulatorZone = 'nam',
  refreshToken?: string,
): Promise<string> {
  const answer = await exchangeRefreshToken(
    emulator.zones[zone].login,
    refreshToken ?? emulator.refreshTokens[zone],
  );
  if (answer.status !== 200) throw new Error(`token exchange failed with ${answer.status}`);
  return answer.body.access_token;
}

/** An access token for a service-account client. */
export async function clientToken(
  emulator: Emulator,
  clientId: string,
  clientSecret: string,
  zone: EmulatorZone = 'nam',
): Promise<string> {
  const answer = await exchangeClient(emulator.zones[zone].login, clientId, clientSecret);
  if (answer.status !== 200)
    throw new Error(`client_credentials exchange failed with ${answer.status}`);
  return answer.body.access_token;
}

export function seededAccount(emulator: Emulator, id: number) {
  const sa = emulator.seed.serviceAccounts.find((account) => account.id === id);
  if (!sa) throw new Error(`no seeded service account ${id}`);
  return sa;
}

export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
} {
  const [header, claims] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
    claims: JSON.parse(Buffer.from(claims!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
  };
}

/** RFC 3339 UTC with microseconds, as production writes them. */
export const MICRO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function expectGoa(answer: Answer, status: number, name: string): void {
  const body = answer.body as Record<string, unknown>;
  if (answer.status !== status || body?.name !== name) {
    throw new Error(`expected ${status} ${name}, got ${answer.status} ${answer.text}`);
  }
  if (answer.headers.get('content-type') !== 'application/vnd.goa.error') {
    throw new Error(
      `expected application/vnd.goa.error, got ${answer.headers.get('content-type')}`,
    );
  }
  for (const field of ['id', 'message'])
    if (typeof body[field] !== 'string') throw new Error(`Goa body lacks ${field}`);
  for (const field of ['temporary', 'timeout', 'fault'])
    if (typeof body[field] !== 'boolean') throw new Error(`Goa body lacks ${field}`);
}

/** A clock tests move by hand. */
export function manualClock(startMs = Date.UTC(2026, 5, 1, 12, 0, 0)) {
  let now = startMs;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
  };
}
