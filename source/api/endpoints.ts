/**
 * Every Flexera endpoint the client calls: method, path template, a short label used in errors
 * and logs, and whether a failed attempt may be sent again. The one place endpoint wording lives.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * - `idempotent`: 429, 5xx and dropped connections are retried with backoff (GET, DELETE, the
 *   grant/revoke PUTs that API.md §6.5 documents as idempotent, and the token exchange, which
 *   creates nothing).
 * - `refused-only`: only a 429 is retried, because the server refused it without acting. Anything
 *   else is returned to the caller, which reconciles (creates) or reports it (PATCH).
 */
type RetryClass = 'idempotent' | 'refused-only';

export interface Route {
  method: HttpMethod;
  template: string;
  label: string;
  retry: RetryClass;
  origin: 'api' | 'login';
}

function api(method: HttpMethod, template: string, label: string): Route {
  const retry: RetryClass = method === 'POST' || method === 'PATCH' ? 'refused-only' : 'idempotent';
  return {method, template, label, retry, origin: 'api'};
}

const ORG = '/iam/v1/orgs/{orgId}';
const SA = `${ORG}/service-accounts/{serviceAccountId}`;

export const ROUTES = {
  token: {
    method: 'POST',
    template: '/oidc/token',
    label: 'token exchange',
    retry: 'idempotent',
    origin: 'login',
  },
  listUserOrgs: api('GET', '/iam/v1/users/{userId}/orgs', 'list your orgs'),
  getOrg: api('GET', ORG, 'show org'),
  listServiceAccounts: api('GET', `${ORG}/service-accounts`, 'list service accounts'),
  createServiceAccount: api('POST', `${ORG}/service-accounts`, 'create service account'),
  getServiceAccount: api('GET', SA, 'show service account'),
  updateServiceAccount: api('PATCH', SA, 'update service account'),
  deleteServiceAccount: api('DELETE', SA, 'delete service account'),
  listClients: api('GET', `${SA}/clients`, 'list clients'),
  createClient: api('POST', `${SA}/clients`, 'create client'),
  getClient: api('GET', `${SA}/clients/{clientId}`, 'show client'),
  deleteClient: api('DELETE', `${SA}/clients/{clientId}`, 'delete client'),
  listRoles: api('GET', `${ORG}/roles`, 'list roles'),
  getRole: api('GET', `${ORG}/roles/{roleId}`, 'show role'),
  listAccessRules: api('GET', `${ORG}/access-rules`, 'list access rules'),
  grantRole: api('PUT', `${ORG}/access-rules/grant`, 'grant role'),
  revokeRole: api('PUT', `${ORG}/access-rules/revoke`, 'revoke role'),
  listProjects: api('GET', `${ORG}/projects`, 'list projects'),
  listOrgUsers: api('GET', `${ORG}/users`, 'list org users'),
  getOrgUser: api('GET', `${ORG}/users/{userId}`, 'show org user'),
  listRefreshTokens: api('GET', '/iam/v1/refresh-tokens', 'list refresh tokens'),
  listApiEvents: api('GET', `${ORG}/api-events`, 'list API events'),
  listCapabilities: api('GET', `${ORG}/capabilities`, 'list capabilities'),
  listClientSecrets: api('GET', `${SA}/clients/{clientId}/client-secrets`, 'list client secrets'),
  addClientSecret: api('POST', `${SA}/clients/{clientId}/client-secret`, 'add client secret'),
  // Not retried after an ambiguous failure: a second send could remove the secret the first
  // send left as the newest (API.md §12.3 "removes the older active client secret").
  deleteOldClientSecret: {
    ...api('DELETE', `${SA}/clients/{clientId}/client-secret`, 'delete old client secret'),
    retry: 'refused-only',
  },
} as const satisfies Record<string, Route>;

export type PathParams = Record<string, string | number>;

/** Fills `{name}` placeholders, URL-encoding each value. */
export function buildPath(route: Route, params: PathParams = {}): string {
  return route.template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') {
      throw new TypeError(`${route.label}: missing path parameter ${name}`);
    }
    return encodeURIComponent(String(value));
  });
}
