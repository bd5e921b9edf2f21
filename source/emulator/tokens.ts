import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import type {EmulatorZone} from './types.js';
import {randomSecret, sha256} from './secrets.js';
import {YEAR_MS} from './time.js';
import type {AccessTokenRecord, Principal, RefreshTokenRecord, ZoneState} from './state.js';
import {principalSub} from './state.js';

/**
 * Access tokens and refresh tokens (API.md §2, §3.1).
 *
 * Access tokens are JWT-shaped, HS256 with a random key per zone and per start, claims
 * `sub` (`u-{userId}` / `sa-{serviceAccountId}`, [I] API.md §3.1), `iss` (zone-specific:
 * `{origin}/oauth2/emulator`), `iat`, `exp`, `jti` (`AT.…`), `cid` (the client id for service
 * accounts) and `ver: 1`. A token from another zone fails the signature and the issuer: 401.
 *
 * [I] API.md §2.3 leaves open what happens to live access tokens when their source goes away. The
 * emulator's choice: they die with it. An access token stops working (401) as soon as the refresh
 * token it came from is revoked, or its client or service account is deleted, or its user is gone.
 * The client's 401 → refresh → retry-once path then decides what the user sees.
 *
 * Refresh tokens are random per start, kept only as sha256 hashes, echoed back and never rotated.
 * Created on or after 2026-03-18: fixed 365-day life; older: each use moves expiresAt a year ahead.
 */

const FIXED_LIFETIME_FROM = Date.UTC(2026, 2, 18);

export class TokenService {
  private readonly key = randomBytes(32);
  private refreshSeq = 0;
  private sinceSweep = 0;

  constructor(
    readonly zone: EmulatorZone,
    private readonly state: ZoneState,
    private readonly origin: () => string,
  ) {}

  get issuer(): string {
    return `${this.origin()}/oauth2/emulator`;
  }

  issueRefreshToken(
    userId: number,
    nowMs: number,
    options: {expiresAt?: number; createdAt?: number} = {},
  ): string {
    const token = randomSecret();
    const createdAt = options.createdAt ?? nowMs;
    this.refreshSeq += 1;
    const record: RefreshTokenRecord = {
      id: `rt${this.zone}${String(this.refreshSeq).padStart(6, '0')}`,
      hash: sha256(token).toString('hex'),
      userId,
      createdAt,
      expiresAt: options.expiresAt ?? createdAt + YEAR_MS,
      fixedLifetime: createdAt >= FIXED_LIFETIME_FROM,
      revoked: false,
    };
    this.state.addRefreshToken(record);
    return token;
  }

  /** The live record of a presented refresh token, or undefined (unknown, revoked or expired). */
  useRefreshToken(token: string, nowMs: number): RefreshTokenRecord | undefined {
    const record = this.state.refreshTokenByHash.get(sha256(token).toString('hex'));
    if (
      !record ||
      record.revoked ||
      record.expiresAt <= nowMs ||
      !this.state.users.has(record.userId)
    )
      return undefined;
    if (!record.fixedLifetime) record.expiresAt = nowMs + YEAR_MS;
    return record;
  }

  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    return this.state.refreshTokenByHash.get(sha256(token).toString('hex'));
  }

  mintAccessToken(
    principal: Principal,
    source: AccessTokenRecord['source'],
    nowMs: number,
    lifetimeSeconds: number,
  ): string {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + lifetimeSeconds;
    const jti = `AT.${randomBytes(24).toString('base64url')}`;
    const payload = {
      ver: 1,
      jti,
      iss: this.issuer,
      sub: principalSub(principal),
      cid: source.kind === 'client' ? source.clientId : `0oaemulator${this.zone}`,
      iat,
      exp,
    };
    this.state.accessTokens.set(jti, {principal, source, exp});
    if (++this.sinceSweep >= 1000) {
      this.sinceSweep = 0;
      this.state.pruneAccessTokens(iat);
    }
    const header = encode({alg: 'HS256', typ: 'JWT'});
    const body = encode(payload);
    return `${header}.${body}.${this.sign(`${header}.${body}`)}`;
  }

  /** The principal of a valid access token, or undefined (→ 401 "access token is invalid"). */
  verifyAccessToken(token: string, nowMs: number): Principal | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, body, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let claims: {iss?: unknown; exp?: unknown; jti?: unknown};
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return undefined;
    }
    if (
      claims.iss !== this.issuer ||
      typeof claims.exp !== 'number' ||
      typeof claims.jti !== 'string'
    )
      return undefined;
    if (claims.exp * 1000 <= nowMs) return undefined;
    const record = this.state.accessTokens.get(claims.jti);
    if (!record || !this.sourceAlive(record)) return undefined;
    return record.principal;
  }

  private sourceAlive(record: AccessTokenRecord): boolean {
    const {principal, source} = record;
    if (principal.kind === 'user' && !this.state.users.has(principal.userId)) return false;
    if (principal.kind === 'sa' && !this.state.serviceAccounts.has(principal.serviceAccountId))
      return false;
    if (source.kind === 'refresh')
      return this.state.refreshTokens.get(source.id)?.revoked === false;
    return this.state.clients.has(source.clientId);
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
