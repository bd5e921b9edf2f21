/**
 * Typed IAM endpoint functions (API.md §5, §6). Each takes an ApiCaller (the FlexeraClient's
 * authenticated sender) so this file holds only what each endpoint sends and reads.
 */
import type {Identity} from './auth.js';
import {ROUTES, type PathParams, type Route} from './endpoints.js';
import {ApiError, ResponseShapeError, isAmbiguousFailure} from './errors.js';
import type {HttpResponse} from './http.js';
import {
  AccessRuleSchema,
  CreatedClientSchema,
  OrgSchema,
  OrgUserPageSchema,
  OrgUserSchema,
  ProjectSchema,
  RefreshTokenSchema,
  RoleSchema,
  ServiceAccountClientSchema,
  ServiceAccountSchema,
  UserOrgSchema,
  listOf,
  parseResponse,
  type AccessRule,
  type Org,
  type OrgUser,
  type Project,
  type RefreshToken,
  type Role,
  type ServiceAccount,
  type ServiceAccountClient,
  type UserOrg,
} from './schemas.js';
import type {z} from 'zod';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ApiCall {
  route: Route;
  params?: PathParams;
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** A full path (and query) to send instead of the route's template, e.g. a `nextPage`. */
  rawPath?: string;
}

/** What the endpoint functions need from the client. */
export interface ApiCaller {
  /** Sends with a bearer token; a 401 invalidates the token and retries once. */
  send(call: ApiCall, options?: CallOptions): Promise<HttpResponse>;
  identity(options?: CallOptions): Promise<Identity>;
  now(): number;
  apiOrigin: string;
}

async function getJson<S extends z.ZodType>(
  api: ApiCaller,
  call: ApiCall,
  schema: S,
  options?: CallOptions,
): Promise<z.output<S>> {
  return parseResponse(await api.send(call, options), schema);
}

// ---------------------------------------------------------------------------------------------
// Orgs

/** `GET /iam/v1/users/{id}/orgs` (API.md §3.2): the orgs a user can act in. */
export function listUserOrgs(
  api: ApiCaller,
  userId: number,
  options?: CallOptions,
): Promise<UserOrg[]> {
  return getJson(
    api,
    {route: ROUTES.listUserOrgs, params: {userId}},
    listOf(UserOrgSchema),
    options,
  );
}

export function getOrg(api: ApiCaller, orgId: number, options?: CallOptions): Promise<Org> {
  return getJson(api, {route: ROUTES.getOrg, params: {orgId}}, OrgSchema, options);
}

// ---------------------------------------------------------------------------------------------
// Service accounts

export function listServiceAccounts(
  api: ApiCaller,
  orgId: number,
  options?: CallOptions,
): Promise<ServiceAccount[]> {
  return getJson(
    api,
    {route: ROUTES.listServiceAccounts, params: {orgId}},
    listOf(ServiceAccountSchema),
    options,
  );
}

export function getServiceAccount(
  api: ApiCaller,
  orgId: number,
  serviceAccountId: number,
  options?: CallOptions,
): Promise<ServiceAccount> {
  return getJson(
    api,
    {route: ROUTES.getServiceAccount, params: {orgId, serviceAccountId}},
    ServiceAccountSchema,
    options,
  );
}

export interface ServiceAccountInput {
  name: string;
  description?: string;
}

/**
 * How far before the request's start a server-side `createdAt` may be and still count as ours
 * when reconciling an ambiguous create (clocks of client and server differ a little).
 */
const RECONCILE_SKEW_MS = 5 * 60_000;

/** The numeric id at the end of a `Location` header (API.md §6.2: relative path). */
function idFromLocation(location: string | null): number | undefined {
  if (!location) return undefined;
  const last = location.split('?')[0]!.replace(/\/+$/, '').split('/').pop() ?? '';
  return /^\d+$/.test(last) ? Number(last) : undefined;
}

/** True when `link` (absolute or relative) resolves to `origin`. */
function onOrigin(link: string, origin: string): boolean {
  try {
    return new URL(link, origin).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

function createdSince(createdAt: string | undefined, since: number): boolean {
  const at = createdAt ? Date.parse(createdAt) : NaN;
  return !Number.isNaN(at) && at >= since - RECONCILE_SKEW_MS;
}

/** Created by the caller: for a user token, `createdBy` must match; otherwise [?] cannot tell. */
function byCaller(createdBy: number | undefined, identity: Identity | undefined): boolean {
  return identity?.kind !== 'user' || createdBy === identity.userId;
}

async function safeIdentity(api: ApiCaller, options?: CallOptions): Promise<Identity | undefined> {
  try {
    return await api.identity(options);
  } catch {
    return undefined;
  }
}

/** The newest account named `name`, created by the caller since `since` (minus the skew). */
async function findCreatedServiceAccount(
  api: ApiCaller,
  orgId: number,
  name: string,
  since: number,
  options?: CallOptions,
): Promise<ServiceAccount | undefined> {
  const identity = await safeIdentity(api, options);
  const candidates = (await listServiceAccounts(api, orgId, options)).filter(
    (account) =>
      account.name === name &&
      byCaller(account.createdBy, identity) &&
      createdSince(account.createdAt, since),
  );
  candidates.sort(
    (a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? '') || b.id - a.id,
  );
  return candidates[0];
}

/**
 * `POST /service-accounts` → 201 with an empty body and `Location` (API.md §6.2), then a GET.
 * Never re-sent blindly: after an ambiguous failure (dropped connection, timeout, 5xx) it looks
 * for the account this request may have made (same name, created by this user, since the request
 * began) and returns it; if none is found, the original error is thrown. A 429 was refused
 * without acting, so the transport waits Retry-After and sends again.
 */
export async function createServiceAccount(
  api: ApiCaller,
  orgId: number,
  input: ServiceAccountInput,
  options?: CallOptions,
): Promise<ServiceAccount> {
  const started = api.now();
  const json = {
    name: input.name,
    ...(input.description !== undefined ? {description: input.description} : {}),
  };
  let response: HttpResponse;
  try {
    response = await api.send({route: ROUTES.createServiceAccount, params: {orgId}, json}, options);
  } catch (error) {
    if (!isAmbiguousFailure(error)) throw error;
    const found = await findCreatedServiceAccount(api, orgId, input.name, started, options).catch(
      () => undefined,
    );
    if (found) return found;
    throw error;
  }
  const location = response.headers.get('location');
  // A Location on another origin is not followed (the token must not go there): find by name.
  const id =
    location !== null && onOrigin(location, api.apiOrigin) ? idFromLocation(location) : undefined;
  if (id !== undefined) return getServiceAccount(api, orgId, id, options);
  // No Location: find it by name, as Flexera's own policy template does (API.md §8.1).
  const found = await findCreatedServiceAccount(api, orgId, input.name, started, options);
  if (found) return found;
  throw new ResponseShapeError(response.context, response.status, ['Location header: missing']);
}

/** `PATCH` → 204 (API.md §8.2). */
export async function updateServiceAccount(
  api: ApiCaller,
  orgId: number,
  serviceAccountId: number,
  patch: Partial<ServiceAccountInput>,
  options?: CallOptions,
): Promise<void> {
  await api.send(
    {route: ROUTES.updateServiceAccount, params: {orgId, serviceAccountId}, json: patch},
    options,
  );
}

/** Sends an idempotent DELETE; a 404 on a retry means an earlier attempt already deleted it. */
async function deleteIdempotent(
  api: ApiCaller,
  call: ApiCall,
  options?: CallOptions,
): Promise<void> {
  try {
    await api.send(call, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.attempts > 1) return;
    throw error;
  }
}

export function deleteServiceAccount(
  api: ApiCaller,
  orgId: number,
  serviceAccountId: number,
  options?: CallOptions,
): Promise<void> {
  return deleteIdempotent(
    api,
    {route: ROUTES.deleteServiceAccount, params: {orgId, serviceAccountId}},
    options,
  );
}

// ---------------------------------------------------------------------------------------------
// Clients

export function listClients(
  api: ApiCaller,
  orgId: number,
  serviceAccountId: number,
  options?: CallOptions,
): Promise<ServiceAccountClient[]> {
  return getJson(
    api,
    {route: ROUTES.listClients, params: {orgId, serviceAccountId}},
    listOf(ServiceAccountClientSchema),
    options,
  );
}

export function getClient(
  api: ApiCaller,
  orgId: number,
  serviceAccountId: number,
  clientId: string,
  options?: CallOptions,
): Promise<ServiceAccountClient> {
  return getJson(
    api,
    {route: ROUTES.getClient, params: {orgId, serviceAccountId, clientId}},
    ServiceAccountClientSchema,
    options,
  );
}

export function deleteClient(
  api: ApiCaller,
  orgId: number,
  serviceAccountId: number,
  clientId: string,
  options?: CallOptions,
): Promise<void> {
  return deleteIdempotent(
    api,
    {route: ROUTES.deleteClient, params: {orgId, serviceAccountId, clientId}},
    options,
  );
}

/** A freshly minted client. The secret is here once; keep it out of caches and logs. */
export interface CreatedClient {
  client: ServiceAccountClient;
  clientSecret: string;
}

async function mintClient(
  api: ApiCaller,
  orgId: number,
  serviceAccountId: number,
  options?: CallOptions,
): Promise<CreatedClient> {
  const response = await api.send(
    {route: ROUTES.createClient, params: {orgId, serviceAccountId}},
    options,
  );
  const {clientSecret, ...rest} = parseResponse(response, CreatedClientSchema);
  return {client: ServiceAccountClientSchema.parse(rest), clientSecret};
}

/**
 * `POST …/clients` (no body) → 201 with `clientSecret` (API.md §6.3). Never re-sent blindly:
 * after an ambiguous failure, a client that this request may have made has no secret to show, so
 * it is deleted and one new client is minted. "Made by this request" = absent from the list taken
 * just before, created by this user, since the request began. Nothing found, or no list could be
 * taken before (e.g. a role that may create but not list) → the original error is thrown.
 */
export async function createClient(
  api: ApiCaller,
  orgId: number,
  serviceAccountId: number,
  options?: CallOptions & {
    /** The account's clients as the caller just listed them: spares the list before minting. */
    knownClientIds?: readonly string[];
  },
): Promise<CreatedClient> {
  // The list before minting tells a client this request made from one made earlier (a rotation
  // in progress must never lose its live client). Without it, nothing is deleted.
  const before = options?.knownClientIds
    ? new Set(options.knownClientIds)
    : await listClients(api, orgId, serviceAccountId, options).then(
        (clients) => new Set(clients.map((c) => c.clientId)),
        () => undefined,
      );
  const started = api.now();
  try {
    return await mintClient(api, orgId, serviceAccountId, options);
  } catch (error) {
    if (!before || !isAmbiguousFailure(error)) throw error;
    let orphans: ServiceAccountClient[];
    try {
      const identity = await safeIdentity(api, options);
      orphans = (await listClients(api, orgId, serviceAccountId, options)).filter(
        (c) =>
          !before.has(c.clientId) &&
          byCaller(c.createdBy, identity) &&
          createdSince(c.createdAt, started),
      );
    } catch {
      throw error;
    }
    if (orphans.length === 0) throw error;
    for (const orphan of orphans)
      await deleteClient(api, orgId, serviceAccountId, orphan.clientId, options);
    return mintClient(api, orgId, serviceAccountId, options);
  }
}

// ---------------------------------------------------------------------------------------------
// Roles and access rules

export function listRoles(api: ApiCaller, orgId: number, options?: CallOptions): Promise<Role[]> {
  return getJson(api, {route: ROUTES.listRoles, params: {orgId}}, listOf(RoleSchema), options);
}

export function getRole(
  api: ApiCaller,
  orgId: number,
  roleId: number,
  options?: CallOptions,
): Promise<Role> {
  return getJson(api, {route: ROUTES.getRole, params: {orgId, roleId}}, RoleSchema, options);
}

/** Quotes a filter value: single quotes, or double quotes when it holds a single quote. */
function quoteFilterValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value))
    throw new RangeError('filter values cannot contain control characters');
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new RangeError('filter values cannot contain both single and double quotes');
}

export interface AccessRuleQuery {
  subjectRef?: string;
  scopeRef?: string;
  roleName?: string;
  view?: 'default' | 'extended';
}

/** `subjectRef eq '…' and scopeRef eq '…' and roleName eq '…'` (API.md §4.5: eq and `and` only). */
export function accessRuleFilter(query: AccessRuleQuery): string | undefined {
  const terms = (['subjectRef', 'scopeRef', 'roleName'] as const)
    .filter((key) => query[key] !== undefined && query[key] !== '')
    .map((key) => `${key} eq ${quoteFilterValue(query[key]!)}`);
  return terms.length ? terms.join(' and ') : undefined;
}

export function listAccessRules(
  api: ApiCaller,
  orgId: number,
  query: AccessRuleQuery = {},
  options?: CallOptions,
): Promise<AccessRule[]> {
  return getJson(
    api,
    {
      route: ROUTES.listAccessRules,
      params: {orgId},
      query: {filter: accessRuleFilter(query), view: query.view},
    },
    listOf(AccessRuleSchema),
    options,
  );
}

type RoleSelector = {name: string} | {id: number};

export interface GrantInput {
  role: RoleSelector;
  subjectRef: string;
  /** Defaults to the org (API.md §6.5). */
  scopeRef?: string;
}

export interface RevokeInput {
  /** `{all: true}` removes every role of the subject in the scope. */
  role: RoleSelector | {all: true};
  subjectRef: string;
  scopeRef?: string;
}

function accessRuleBody(input: GrantInput | RevokeInput) {
  return {
    role: input.role,
    subject: {ref: input.subjectRef},
    ...(input.scopeRef ? {scope: {ref: input.scopeRef}} : {}),
  };
}

/** `PUT …/access-rules/grant` → 204, idempotent. */
export async function grantRole(
  api: ApiCaller,
  orgId: number,
  input: GrantInput,
  options?: CallOptions,
): Promise<void> {
  await api.send({route: ROUTES.grantRole, params: {orgId}, json: accessRuleBody(input)}, options);
}

/** `PUT …/access-rules/revoke` → 204, idempotent. */
export async function revokeRole(
  api: ApiCaller,
  orgId: number,
  input: RevokeInput,
  options?: CallOptions,
): Promise<void> {
  await api.send({route: ROUTES.revokeRole, params: {orgId}, json: accessRuleBody(input)}, options);
}

// ---------------------------------------------------------------------------------------------
// Projects, users, refresh tokens

export function listProjects(
  api: ApiCaller,
  orgId: number,
  options?: CallOptions,
): Promise<Project[]> {
  return getJson(
    api,
    {route: ROUTES.listProjects, params: {orgId}},
    listOf(ProjectSchema),
    options,
  );
}

export interface OrgUserQuery {
  /** SPEC filter grammar (API.md §4.5), sent as given. */
  filter?: string;
  orderBy?: string;
  accessSource?: 'org_member' | 'external_access_policy';
}

export interface OrgUserPage {
  users: OrgUser[];
  /** Pass back as `page` for the next page; absent on the last page. */
  nextPage?: string;
}

/**
 * Resolves `nextPage` against the API origin, relative or absolute (API.md §12.8); refuses another
 * origin (the token must not leak).
 */
export function nextPagePath(api: ApiCaller, nextPage: string, response: HttpResponse): string {
  const url = new URL(nextPage, api.apiOrigin);
  if (url.origin !== new URL(api.apiOrigin).origin) {
    throw new ResponseShapeError(response.context, response.status, [
      'nextPage: points to another origin',
    ]);
  }
  return `${url.pathname}${url.search}`;
}

async function fetchOrgUserPage(
  api: ApiCaller,
  orgId: number,
  query: OrgUserQuery & {page?: string},
  options?: CallOptions,
): Promise<OrgUserPage & {response: HttpResponse}> {
  const call: ApiCall = query.page
    ? {route: ROUTES.listOrgUsers, params: {orgId}, rawPath: query.page}
    : {
        route: ROUTES.listOrgUsers,
        params: {orgId},
        query: {filter: query.filter, orderBy: query.orderBy, accessSource: query.accessSource},
      };
  const response = await api.send(call, options);
  const page = parseResponse(response, OrgUserPageSchema);
  const nextPage = page.nextPage ? nextPagePath(api, page.nextPage, response) : undefined;
  return {users: page.values, ...(nextPage ? {nextPage} : {}), response};
}

/** One page of org users. Without `page`, the first page for `query`. */
export async function listOrgUsersPage(
  api: ApiCaller,
  orgId: number,
  query: OrgUserQuery & {page?: string} = {},
  options?: CallOptions,
): Promise<OrgUserPage> {
  const {response: _response, ...page} = await fetchOrgUserPage(api, orgId, query, options);
  return page;
}

const MAX_PAGES = 1000;

/** All org users, following `nextPage` until it is absent (API.md §4.4). */
export async function listOrgUsers(
  api: ApiCaller,
  orgId: number,
  query: OrgUserQuery = {},
  options?: CallOptions,
): Promise<OrgUser[]> {
  const users: OrgUser[] = [];
  const seen = new Set<string>();
  let page = await fetchOrgUserPage(api, orgId, query, options);
  users.push(...page.users);
  while (page.nextPage) {
    if (seen.has(page.nextPage) || seen.size >= MAX_PAGES) {
      throw new ResponseShapeError(page.response.context, page.response.status, [
        `nextPage: paging did not end (a page repeated, or over ${MAX_PAGES} pages)`,
      ]);
    }
    seen.add(page.nextPage);
    page = await fetchOrgUserPage(api, orgId, {page: page.nextPage}, options);
    users.push(...page.users);
  }
  return users;
}

export function getOrgUser(
  api: ApiCaller,
  orgId: number,
  userId: number,
  options?: CallOptions,
): Promise<OrgUser> {
  return getJson(api, {route: ROUTES.getOrgUser, params: {orgId, userId}}, OrgUserSchema, options);
}

/** The caller's own refresh tokens' metadata (API.md §6.10). */
export function listRefreshTokens(api: ApiCaller, options?: CallOptions): Promise<RefreshToken[]> {
  return getJson(api, {route: ROUTES.listRefreshTokens}, listOf(RefreshTokenSchema), options);
}
