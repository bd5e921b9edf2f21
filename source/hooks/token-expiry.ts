import type {RefreshToken} from '../api/schemas.js';
import {useRefreshTokens} from './queries.js';

/** Refresh tokens live at most 365 days (API.md §2.3); warn this long before the end. */
const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface TokenExpiry {
  expiresAt: Date;
  daysLeft: number;
  warning: boolean;
  /** Short, for the footer: "expires in 12 d". */
  text: string;
}

/**
 * The refresh token's expiry as GET /iam/v1/refresh-tokens tells it. [I] The list does not say
 * which entry is the token in use: with one entry that is it; with several, the latest expiry
 * (the token just used has the latest one under the sliding rule; under the fixed 365-day rule
 * this may be optimistic, so the footer says "latest").
 */
export function tokenExpiry(tokens: readonly RefreshToken[], now: number): TokenExpiry | undefined {
  const times = tokens
    .map((token) => (token.expiresAt ? Date.parse(token.expiresAt) : NaN))
    .filter((time) => Number.isFinite(time));
  if (times.length === 0) return undefined;
  const latest = Math.max(...times);
  const daysLeft = Math.floor((latest - now) / DAY_MS);
  const warning = daysLeft <= EXPIRY_WARNING_DAYS;
  const when =
    daysLeft < 0 ? 'expired' : daysLeft === 0 ? 'expires today' : `expires in ${daysLeft} d`;
  const text = warning
    ? `token ${when}${times.length > 1 ? ' (latest)' : ''}: create a new one soon`
    : `${daysLeft} d left`;
  return {expiresAt: new Date(latest), daysLeft, warning, text};
}

/** For the footer; quiet (undefined) while loading or when the API does not say. */
export function useTokenExpiry(now: () => number = Date.now): TokenExpiry | undefined {
  const tokens = useRefreshTokens();
  return tokens.data ? tokenExpiry(tokens.data, now()) : undefined;
}
