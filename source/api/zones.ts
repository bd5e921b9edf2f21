/**
 * Flexera One zones and their hosts: the one place these facts live (API.md §1).
 * Orgs and users exist in exactly one zone; a token from one zone's login host is refused (401)
 * by another zone's API host.
 */
export const ZONE_IDS = ['nam', 'eu', 'apac'] as const;
export type ZoneId = (typeof ZONE_IDS)[number];

export interface Zone {
  id: ZoneId;
  /** Short label shown in the UI. */
  label: string;
  /** Human name of the region. */
  region: string;
  api: string;
  login: string;
  /** The zone segment of resource refs (`ref:{zone}:…`, API.md §4.6). */
  refZone: string;
}

export const ZONES: Readonly<Record<ZoneId, Zone>> = {
  nam: {
    id: 'nam',
    label: 'NAM',
    region: 'North America',
    api: 'https://api.flexera.com',
    login: 'https://login.flexera.com',
    refZone: 'nam',
  },
  eu: {
    id: 'eu',
    label: 'EU',
    region: 'Europe',
    api: 'https://api.flexera.eu',
    login: 'https://login.flexera.eu',
    refZone: 'eu',
  },
  apac: {
    id: 'apac',
    label: 'APAC',
    region: 'Asia-Pacific',
    api: 'https://api.flexera.au',
    login: 'https://login.flexera.au',
    refZone: 'au',
  },
};

export function isZoneId(value: string): value is ZoneId {
  return (ZONE_IDS as readonly string[]).includes(value);
}

/** Where requests go: a zone's production hosts, or custom origins (an emulator, a proxy). */
export interface Endpoints {
  zone: ZoneId;
  /** API origin, no trailing slash. */
  api: string;
  /** Login (token) origin, no trailing slash. */
  login: string;
  /** True when the origins came from --api-url/--login-url or FLEXERA_API_URL/FLEXERA_LOGIN_URL. */
  custom: boolean;
}

export class EndpointError extends Error {
  override name = 'EndpointError';
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts reached over plain http:// (the emulator). */
function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/**
 * Normalises a user-given URL to an origin. Only https: is accepted, and http: for loopback: over
 * http:// to any other host the refresh token would cross the network in clear text.
 */
export function toOrigin(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new EndpointError(
      `${what} is not a valid URL: "${raw}". Use a full URL such as https://api.flexera.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EndpointError(`${what} must be an http:// or https:// URL, not ${url.protocol}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new EndpointError(
      `${what} must be an https:// URL: over http:// the token would be sent in clear text to ${url.host}. Plain http:// is accepted only for loopback (127.0.0.1, ::1, localhost), as for the emulator.`,
    );
  }
  if (url.username || url.password) {
    throw new EndpointError(`${what} must not contain a user name or password`);
  }
  return url.origin;
}

/**
 * Decides the endpoints. One custom URL given alone means both the API and the login endpoint
 * are at that origin, as on the emulator (DESIGN.md, the command line).
 */
export function resolveEndpoints(options: {
  zone: ZoneId;
  apiUrl?: string;
  loginUrl?: string;
}): Endpoints {
  const zone = ZONES[options.zone];
  const apiUrl = options.apiUrl?.trim() || undefined;
  const loginUrl = options.loginUrl?.trim() || undefined;
  if (!apiUrl && !loginUrl) {
    return {zone: zone.id, api: zone.api, login: zone.login, custom: false};
  }
  const api = toOrigin((apiUrl ?? loginUrl)!, apiUrl ? '--api-url' : '--login-url');
  const login = toOrigin((loginUrl ?? apiUrl)!, loginUrl ? '--login-url' : '--api-url');
  return {zone: zone.id, api, login, custom: true};
}
