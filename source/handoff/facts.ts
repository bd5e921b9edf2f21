/**
 * What an application needs to know to use a service-account client: the env var names, the
 * token URL and the API origin for the session's endpoints. One place, shared by the secret file
 * and the snippet, so both name the same variables.
 */
import {ROUTES} from '../api/endpoints.js';
import {ZONES, type Endpoints, type ZoneId} from '../api/zones.js';

/** The environment variable names the file and the snippet use (one place). */
export const ENV_NAMES = {
  clientId: 'FLEXERA_CLIENT_ID',
  clientSecret: 'FLEXERA_CLIENT_SECRET',
  tokenUrl: 'FLEXERA_TOKEN_URL',
  apiUrl: 'FLEXERA_API_URL',
  orgId: 'FLEXERA_ORG_ID',
} as const;

/** A zone (its production hosts) or the session's endpoints (zone or custom origins). */
export type EndpointsInput = ZoneId | Pick<Endpoints, 'zone' | 'api' | 'login'>;

export interface Destination {
  zone: ZoneId;
  /** e.g. "NAM". */
  zoneLabel: string;
  /** `<login origin>/oidc/token`. */
  tokenUrl: string;
  /** The API origin, no trailing slash. */
  apiUrl: string;
}

export function destinationOf(input: EndpointsInput): Destination {
  const endpoints = typeof input === 'string' ? ZONES[input] : input;
  const zone = typeof input === 'string' ? input : input.zone;
  const login = endpoints.login.replace(/\/+$/, '');
  return {
    zone,
    zoneLabel: ZONES[zone].label,
    tokenUrl: `${login}${ROUTES.token.template}`,
    apiUrl: endpoints.api.replace(/\/+$/, ''),
  };
}
