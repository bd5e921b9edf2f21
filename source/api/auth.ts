/**
 * Access tokens from the zone's login host (API.md §2): refresh_token or client_credentials grant,
 * cached until shortly before expiry, one exchange shared by concurrent callers.
 */
import type {Endpoints} from './zones.js';
import {ROUTES} from './endpoints.js';
import type {HttpTransport} from './http.js';
import {TokenResponseSchema, parseResponse} from './schemas.js';

export type Credentials =
  | {grant: 'refresh_token'; refreshToken: string}
  | {grant: 'client_credentials'; clientId: string; clientSecret: string};

/** Who a token belongs to, read from its `sub` claim (API.md §3.1). */
export type Identity =
  | {kind: 'user'; userId: number; subject: string}
  /** [?] API.md §3.1: what follows `sa-` is unknown; read as the service account id when numeric. */
  | {kind: 'service-account'; serviceAccountId: number | undefined; subject: string}
  | {kind: 'unknown'; subject: string | undefined};

/** Decodes a JWT's payload without checking its signature; undefined when it is not a JWT. */
function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return json && typeof json === 'object' && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `u-{id}` → user, `sa-{id}` → service account; else the legacy numeric `user` claim (GOCLIENT). */
export function identityFromToken(token: string): Identity {
  const claims = decodeJwtClaims(token) ?? {};
  const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
  const user = subject && /^u-(\d+)$/.exec(subject);
  if (user) return {kind: 'user', userId: Number(user[1]), subject: subject};
  const sa = subject && /^sa-(.+)$/.exec(subject);
  if (sa) {
    const id = /^\d+$/.test(sa[1]!) ? Number(sa[1]) : undefined;
    return {kind: 'service-account', serviceAccountId: id, subject: subject};
  }
  const legacy = claims.user;
  if (typeof legacy === 'number' || (typeof legacy === 'string' && /^\d+$/.test(legacy))) {
    return {kind: 'user', userId: Number(legacy), subject: subject ?? String(legacy)};
  }
  return {kind: 'unknown', subject};
}

/** "Access tokens are valid for one hour" (DEV-AUTH): assumed when the answer omits expires_in. */
const DEFAULT_LIFETIME_MS = 3_600_000;
const MAX_SKEW_MS = 60_000;

/** Refresh this long before expiry: 60 s, or a quarter of a short lifetime. */
function skewFor(lifetimeMs: number): number {
  return Math.min(MAX_SKEW_MS, Math.floor(lifetimeMs / 4));
}

interface CachedToken {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

export interface TokenProviderOptions {
  transport: HttpTransport;
  endpoints: Endpoints;
  credentials: Credentials;
  /** Called when the login host returns a refresh token other than the one sent (keep it). */
  onRefreshTokenChanged?: (refreshToken: string) => void;
}

/** Settles with `promise`, or rejects when `signal` aborts first (the promise runs on). */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const REMEMBERED_TOKENS = 8;

export class TokenProvider {
  private credentials: Credentials;
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  /** Recent access tokens, kept only so logs and errors can redact them. */
  private readonly issued: string[] = [];
  /** Refresh tokens replaced by the server, likewise kept only for redaction. */
  private readonly replaced: string[] = [];

  constructor(private readonly options: TokenProviderOptions) {
    this.credentials = {...options.credentials};
  }

  get grant(): Credentials['grant'] {
    return this.credentials.grant;
  }

  /** When the cached access token expires (ms since epoch), if one is cached. */
  get expiresAt(): number | undefined {
    return this.cached?.expiresAt;
  }

  /** A valid access token: the cached one, or a fresh exchange shared with concurrent callers. */
  async getAccessToken(options: {signal?: AbortSignal} = {}): Promise<string> {
    const now = this.options.transport.clock.now();
    if (this.cached && now < this.cached.refreshAt) return this.cached.token;
    this.pending ??= this.exchange().finally(() => {
      this.pending = undefined;
    });
    const fresh = await abortable(this.pending, options.signal);
    return fresh.token;
  }

  /**
   * Forgets the cached token. Given the token that was refused, forgets it only if it is still
   * the cached one, so a token another caller just fetched survives.
   */
  invalidate(token?: string): void {
    if (token === undefined || this.cached?.token === token) this.cached = undefined;
  }

  /** Who the token belongs to (from the JWT `sub`; no signature check). */
  async identity(options: {signal?: AbortSignal} = {}): Promise<Identity> {
    return identityFromToken(await this.getAccessToken(options));
  }

  /** The secrets this provider holds, for redaction. */
  secrets(): string[] {
    const credentials = this.credentials;
    const own =
      credentials.grant === 'refresh_token'
        ? [credentials.refreshToken]
        : [credentials.clientSecret];
    return [...own, ...this.issued, ...this.replaced];
  }

  private form(): Record<string, string> {
    const credentials = this.credentials;
    return credentials.grant === 'refresh_token'
      ? {grant_type: 'refresh_token', refresh_token: credentials.refreshToken}
      : {
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
        };
  }

  private async exchange(): Promise<CachedToken> {
    const {transport, endpoints} = this.options;
    const started = transport.clock.now();
    const response = await transport.send({
      route: ROUTES.token,
      origin: endpoints.login,
      path: ROUTES.token.template,
      form: this.form(),
    });
    const body = parseResponse(response, TokenResponseSchema);
    this.remember(body.access_token);
    this.keepRefreshToken(body.refresh_token);
    const lifetimeMs = this.lifetimeMs(body.access_token, body.expires_in, started);
    const cached = {
      token: body.access_token,
      expiresAt: started + lifetimeMs,
      refreshAt: started + lifetimeMs - skewFor(lifetimeMs),
    };
    this.cached = cached;
    return cached;
  }

  private lifetimeMs(token: string, expiresIn: number | undefined, now: number): number {
    if (expiresIn !== undefined) return expiresIn * 1000;
    const exp = decodeJwtClaims(token)?.exp;
    return typeof exp === 'number' ? Math.max(0, exp * 1000 - now) : DEFAULT_LIFETIME_MS;
  }

  private remember(token: string): void {
    this.issued.unshift(token);
    this.issued.length = Math.min(this.issued.length, REMEMBERED_TOKENS);
  }

  /** [C] API.md §2.2: refresh tokens do not rotate, but keep a different one if it comes back. */
  private keepRefreshToken(returned: string | undefined): void {
    const credentials = this.credentials;
    if (credentials.grant !== 'refresh_token' || !returned) return;
    if (returned === credentials.refreshToken) return;
    this.credentials = {grant: 'refresh_token', refreshToken: returned};
    this.replaced.push(credentials.refreshToken);
    this.options.onRefreshTokenChanged?.(returned);
  }
}
