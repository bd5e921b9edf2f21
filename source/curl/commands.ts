/**
 * "Teach the API" (issue 5): the curl command equivalent to each action the app takes, for the
 * session's endpoints. Paths come from ROUTES + buildPath (the client's own table), so a command
 * and the app can never disagree on a path. Secrets are never values, only the shell variables
 * $ACCESS_TOKEN, $REFRESH_TOKEN and $CLIENT_SECRET. Long-lived secrets (the refresh token, a client
 * secret) reach curl on stdin through `printf`, a shell builtin, so they never appear in a process
 * list; the 1-hour access token goes in the usual -H header for readability.
 */
import {ROUTES, buildPath, type PathParams, type Route} from '../api/endpoints.js';
import {
  accessRuleFilter,
  type AccessRuleQuery,
  type GrantInput,
  type RevokeInput,
} from '../api/iam.js';
import {EVENTS_PAGE_SIZE, eventWindowFilter, type EventWindow} from '../api/api-events.js';
import type {VerifyCall} from '../api/verify.js';
import type {Endpoints} from '../api/zones.js';
import {shellQuote} from './quote.js';

type CurlVariable = 'ACCESS_TOKEN' | 'REFRESH_TOKEN' | 'CLIENT_SECRET';

export interface CurlCommand {
  /** Short, e.g. "Create a service account". */
  title: string;
  /** Multi-line (`\` continuations), ready to paste into sh, bash or zsh. */
  command: string;
  /** The shell variables the command reads; the user sets them first. */
  variables: CurlVariable[];
  /** One line on what to look at in the answer. */
  note?: string;
}

export type CurlEndpoints = Pick<Endpoints, 'api' | 'login'>;

const CONTINUATION = ' \\\n  ';
const BEARER = '-H "Authorization: Bearer $ACCESS_TOKEN"';

interface Spec {
  title: string;
  route: Route;
  params?: PathParams;
  /** GET query pairs, sent with --get --data-urlencode. */
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** Form pairs (token endpoint). A value of `{stdin: name}` is read from `printf '%s' "$name"`. */
  form?: Array<[string, string | {stdin: CurlVariable}]>;
  /** Show the status line and headers (answers with no body: 201 + Location, 204). */
  include?: boolean;
  note?: string;
}

function urlFor(endpoints: CurlEndpoints, route: Route, params: PathParams = {}): string {
  const origin = (route.origin === 'login' ? endpoints.login : endpoints.api).replace(/\/+$/, '');
  return `${origin}${buildPath(route, params)}`;
}

function build(endpoints: CurlEndpoints, spec: Spec): CurlCommand {
  const {route} = spec;
  const variables = new Set<CurlVariable>();
  let stdin: CurlVariable | undefined;
  const head = ['curl', spec.include ? '-sSi' : '-sS'];
  if (spec.query) head.push('--get');
  else if (route.method !== 'GET') head.push('-X', route.method);
  head.push(shellQuote(urlFor(endpoints, route, spec.params)));

  const options: string[] = [];
  if (route.origin === 'api') {
    options.push(BEARER);
    variables.add('ACCESS_TOKEN');
  }
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined) options.push(`--data-urlencode ${shellQuote(`${key}=${value}`)}`);
  }
  if (spec.json !== undefined) {
    options.push(`-H 'Content-Type: application/json'`);
    // --data-raw: a leading @ is never read as a file name.
    options.push(`--data-raw ${shellQuote(JSON.stringify(spec.json))}`);
  }
  for (const [key, value] of spec.form ?? []) {
    if (typeof value === 'string') {
      options.push(`--data-urlencode ${shellQuote(`${key}=${value}`)}`);
    } else {
      // `name@-`: curl reads the value from stdin and URL-encodes it.
      stdin = value.stdin;
      variables.add(value.stdin);
      options.push(`--data-urlencode ${shellQuote(`${key}@-`)}`);
    }
  }

  const curl = [head.join(' '), ...options].join(CONTINUATION);
  const command = stdin
    ? `printf '%s' "$${stdin}" |\n  ${curl.replace(/\n {2}/g, '\n    ')}`
    : curl;
  return {
    title: spec.title,
    command,
    variables: [...variables],
    ...(spec.note ? {note: spec.note} : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Sign-in and tokens

export function curlRefreshTokenExchange(endpoints: CurlEndpoints): CurlCommand {
  return build(endpoints, {
    title: 'Exchange your refresh token for an access token',
    route: ROUTES.token,
    form: [
      ['grant_type', 'refresh_token'],
      ['refresh_token', {stdin: 'REFRESH_TOKEN'}],
    ],
    note: 'Put access_token from the answer in ACCESS_TOKEN; it is valid for expires_in seconds.',
  });
}

export function curlClientCredentialsExchange(
  endpoints: CurlEndpoints,
  clientId: string,
): CurlCommand {
  return build(endpoints, {
    title: "Exchange the client's credentials for an access token",
    route: ROUTES.token,
    form: [
      ['grant_type', 'client_credentials'],
      ['client_id', clientId],
      ['client_secret', {stdin: 'CLIENT_SECRET'}],
    ],
    note: 'The access_token in the answer acts as the service account, with the roles granted to it.',
  });
}

/** One call the granted roles allow, made with the client's access token (see verify.ts). */
export function curlVerifyCall(
  endpoints: CurlEndpoints,
  orgId: number,
  call: VerifyCall = 'roles',
): CurlCommand {
  const route =
    call === 'users'
      ? ROUTES.listOrgUsers
      : call === 'service-accounts'
        ? ROUTES.listServiceAccounts
        : ROUTES.listRoles;
  return build(endpoints, {
    title: `Verify: ${route.label} with the client's access token`,
    route,
    params: {orgId},
    note: "Set ACCESS_TOKEN to the client's access token first; a 200 answer proves the roles work.",
  });
}

// ---------------------------------------------------------------------------------------------
// Orgs and service accounts

export function curlListUserOrgs(endpoints: CurlEndpoints, userId: number): CurlCommand {
  return build(endpoints, {
    title: 'List your orgs',
    route: ROUTES.listUserOrgs,
    params: {userId},
  });
}

export function curlListServiceAccounts(endpoints: CurlEndpoints, orgId: number): CurlCommand {
  return build(endpoints, {
    title: 'List service accounts',
    route: ROUTES.listServiceAccounts,
    params: {orgId},
  });
}

export function curlShowServiceAccount(
  endpoints: CurlEndpoints,
  orgId: number,
  serviceAccountId: number,
): CurlCommand {
  return build(endpoints, {
    title: 'Show the service account',
    route: ROUTES.getServiceAccount,
    params: {orgId, serviceAccountId},
  });
}

export interface CurlServiceAccountInput {
  name: string;
  description?: string;
}

export function curlCreateServiceAccount(
  endpoints: CurlEndpoints,
  orgId: number,
  input: CurlServiceAccountInput,
): CurlCommand {
  return build(endpoints, {
    title: 'Create a service account',
    route: ROUTES.createServiceAccount,
    params: {orgId},
    json: {
      name: input.name,
      ...(input.description !== undefined ? {description: input.description} : {}),
    },
    include: true,
    note: "201 with no body: the new account's id ends the Location header.",
  });
}

export function curlUpdateServiceAccount(
  endpoints: CurlEndpoints,
  orgId: number,
  serviceAccountId: number,
  patch: Partial<CurlServiceAccountInput>,
): CurlCommand {
  return build(endpoints, {
    title: 'Update a service account',
    route: ROUTES.updateServiceAccount,
    params: {orgId, serviceAccountId},
    json: patch,
    include: true,
    note: '204 No Content means it was changed.',
  });
}

export function curlDeleteServiceAccount(
  endpoints: CurlEndpoints,
  orgId: number,
  serviceAccountId: number,
): CurlCommand {
  return build(endpoints, {
    title: 'Delete a service account (its clients stop working)',
    route: ROUTES.deleteServiceAccount,
    params: {orgId, serviceAccountId},
    include: true,
    note: '204 No Content means it is gone, with its clients and access rules.',
  });
}

// ---------------------------------------------------------------------------------------------
// Roles and access rules

export function curlListRoles(endpoints: CurlEndpoints, orgId: number): CurlCommand {
  return build(endpoints, {title: 'List roles', route: ROUTES.listRoles, params: {orgId}});
}

export function curlListAccessRules(
  endpoints: CurlEndpoints,
  orgId: number,
  query: AccessRuleQuery,
): CurlCommand {
  return build(endpoints, {
    title: 'List access rules',
    route: ROUTES.listAccessRules,
    params: {orgId},
    query: {filter: accessRuleFilter(query), view: query.view},
  });
}

function accessRuleBody(input: GrantInput | RevokeInput) {
  // The body iam.ts sends (API.md §6.5).
  return {
    role: input.role,
    subject: {ref: input.subjectRef},
    ...(input.scopeRef ? {scope: {ref: input.scopeRef}} : {}),
  };
}

export function curlGrantRole(
  endpoints: CurlEndpoints,
  orgId: number,
  input: GrantInput,
): CurlCommand {
  return build(endpoints, {
    title: 'Grant a role',
    route: ROUTES.grantRole,
    params: {orgId},
    json: accessRuleBody(input),
    include: true,
    note: '204 No Content: granted (granting again changes nothing).',
  });
}

export function curlRevokeRole(
  endpoints: CurlEndpoints,
  orgId: number,
  input: RevokeInput,
): CurlCommand {
  return build(endpoints, {
    title: 'Revoke a role',
    route: ROUTES.revokeRole,
    params: {orgId},
    json: accessRuleBody(input),
    include: true,
    note: '204 No Content: revoked (revoking again changes nothing).',
  });
}

// ---------------------------------------------------------------------------------------------
// Clients

export function curlMintClient(
  endpoints: CurlEndpoints,
  orgId: number,
  serviceAccountId: number,
): CurlCommand {
  return build(endpoints, {
    title: 'Mint a client',
    route: ROUTES.createClient,
    params: {orgId, serviceAccountId},
    note: 'The answer holds clientSecret, shown this once: save it where it belongs.',
  });
}

export function curlDeleteClient(
  endpoints: CurlEndpoints,
  orgId: number,
  serviceAccountId: number,
  clientId: string,
): CurlCommand {
  return build(endpoints, {
    title: 'Delete a client (its secret stops working)',
    route: ROUTES.deleteClient,
    params: {orgId, serviceAccountId, clientId},
    include: true,
    note: '204 No Content: the client id and secret no longer work.',
  });
}

// ---------------------------------------------------------------------------------------------
// API events, client secrets, capabilities (API.md §12)

export function curlListApiEvents(
  endpoints: CurlEndpoints,
  orgId: number,
  window: EventWindow,
): CurlCommand {
  return build(endpoints, {
    title: "Read the org's API events in a window (oldest first)",
    route: ROUTES.listApiEvents,
    params: {orgId},
    query: {filter: eventWindowFilter(window), limit: String(EVENTS_PAGE_SIZE)},
    note: 'Follow nextPage until it is absent or a page is empty; keep the timestamp le bound, or it never ends.',
  });
}

type ClientSecretKind = 'list-client-secrets' | 'add-client-secret' | 'delete-old-client-secret';

const CLIENT_SECRET_SPECS: Readonly<Record<ClientSecretKind, Omit<Spec, 'params'>>> = {
  'list-client-secrets': {
    title: "List the client's secrets (masked, with status)",
    route: ROUTES.listClientSecrets,
    note: '404 here means this deployment has no client-secret endpoints: rotate with a second client.',
  },
  'add-client-secret': {
    title: 'Add a second secret to the client (the client id stays)',
    route: ROUTES.addClientSecret,
    note: 'The answer holds the new clientSecret, shown this once; the old secret keeps working.',
  },
  'delete-old-client-secret': {
    title: "Delete the client's older secret (the newest stays)",
    route: ROUTES.deleteOldClientSecret,
    include: true,
    note: '204 No Content: the old secret no longer works. Run it once only: a second run deletes the new one.',
  },
};

/** The client-secret endpoints of one client (API.md §12.3). */
export function curlClientSecret(
  endpoints: CurlEndpoints,
  kind: ClientSecretKind,
  ref: {orgId: number; serviceAccountId: number; clientId: string},
): CurlCommand {
  const {orgId, serviceAccountId, clientId} = ref;
  return build(endpoints, {
    ...CLIENT_SECRET_SPECS[kind],
    params: {orgId, serviceAccountId, clientId},
  });
}

// ---------------------------------------------------------------------------------------------
// One entry point for screens: the action they are about to take, as data.

export type CurlAction =
  | {kind: 'refresh-token-exchange'}
  | {kind: 'list-orgs'; userId: number}
  | {kind: 'list-service-accounts'; orgId: number}
  | {kind: 'show-service-account'; orgId: number; serviceAccountId: number}
  | {kind: 'create-service-account'; orgId: number; name: string; description?: string}
  | {
      kind: 'update-service-account';
      orgId: number;
      serviceAccountId: number;
      name?: string;
      description?: string;
    }
  | {kind: 'delete-service-account'; orgId: number; serviceAccountId: number}
  | {kind: 'list-roles'; orgId: number}
  | ({kind: 'list-access-rules'; orgId: number} & AccessRuleQuery)
  | ({kind: 'grant-role'; orgId: number} & GrantInput)
  | ({kind: 'revoke-role'; orgId: number} & RevokeInput)
  | {kind: 'mint-client'; orgId: number; serviceAccountId: number}
  | {kind: 'delete-client'; orgId: number; serviceAccountId: number; clientId: string}
  | {kind: 'client-credentials-exchange'; clientId: string}
  | {
      kind: ClientSecretKind;
      orgId: number;
      serviceAccountId: number;
      clientId: string;
    }
  | {kind: 'verify'; orgId: number; call?: VerifyCall};

export function curlFor(endpoints: CurlEndpoints, action: CurlAction): CurlCommand {
  switch (action.kind) {
    case 'refresh-token-exchange':
      return curlRefreshTokenExchange(endpoints);
    case 'list-orgs':
      return curlListUserOrgs(endpoints, action.userId);
    case 'list-service-accounts':
      return curlListServiceAccounts(endpoints, action.orgId);
    case 'show-service-account':
      return curlShowServiceAccount(endpoints, action.orgId, action.serviceAccountId);
    case 'create-service-account':
      return curlCreateServiceAccount(endpoints, action.orgId, action);
    case 'update-service-account': {
      const {name, description} = action;
      return curlUpdateServiceAccount(endpoints, action.orgId, action.serviceAccountId, {
        ...(name !== undefined ? {name} : {}),
        ...(description !== undefined ? {description} : {}),
      });
    }
    case 'delete-service-account':
      return curlDeleteServiceAccount(endpoints, action.orgId, action.serviceAccountId);
    case 'list-roles':
      return curlListRoles(endpoints, action.orgId);
    case 'list-access-rules':
      return curlListAccessRules(endpoints, action.orgId, action);
    case 'grant-role':
      return curlGrantRole(endpoints, action.orgId, action);
    case 'revoke-role':
      return curlRevokeRole(endpoints, action.orgId, action);
    case 'mint-client':
      return curlMintClient(endpoints, action.orgId, action.serviceAccountId);
    case 'delete-client':
      return curlDeleteClient(endpoints, action.orgId, action.serviceAccountId, action.clientId);
    case 'client-credentials-exchange':
      return curlClientCredentialsExchange(endpoints, action.clientId);
    case 'list-client-secrets':
    case 'add-client-secret':
    case 'delete-old-client-secret':
      return curlClientSecret(endpoints, action.kind, action);
    case 'verify':
      return curlVerifyCall(endpoints, action.orgId, action.call);
  }
}
