/**
 * FlexeraClient: one object per signed-in session. It wires the transport (timeouts, retries,
 * proxy, redacted log), the token provider and the typed IAM functions.
 */
import {TokenProvider, type Credentials, type Identity} from './auth.js';
import {buildPath} from './endpoints.js';
import {ApiError} from './errors.js';
import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  HttpTransport,
  proxySettingsFromEnv,
  systemClock,
  type Clock,
  type HttpLogEvent,
  type HttpRequest,
  type HttpResponse,
  type ProxySettings,
  type RetryInfo,
  type RetryPolicy,
} from './http.js';
import * as events from './api-events.js';
import * as secrets from './client-secrets.js';
import * as iam from './iam.js';
import type {ApiCall, ApiCaller, CallOptions} from './iam.js';
import type {Endpoints} from './zones.js';

export interface FlexeraClientOptions {
  endpoints: Endpoints;
  credentials: Credentials;
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: () => number;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from, once; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Receives every request, response, failure and retry, with secrets already redacted. */
  log?: (event: HttpLogEvent) => void;
  /** Told before each retry wait ("rate limited, retrying in N s"). */
  onRetry?: (info: RetryInfo) => void;
  /** Told of each secret (token, minted client secret) the moment it is seen: a log's redactor. */
  onSecret?: (secret: string) => void;
  /** The login host returned a new refresh token: store it in place of the old one. */
  onRefreshTokenChanged?: (refreshToken: string) => void;
}

export class FlexeraClient {
  readonly endpoints: Endpoints;
  readonly tokens: TokenProvider;
  /** The proxy settings in use, or undefined for direct connections. */
  readonly proxy: ProxySettings | undefined;
  private readonly transport: HttpTransport;
  private readonly caller: ApiCaller;

  constructor(options: FlexeraClientOptions) {
    const env = options.env ?? process.env;
    this.endpoints = options.endpoints;
    this.proxy = proxySettingsFromEnv(env);
    const clock = options.clock ?? systemClock;
    this.transport = new HttpTransport({
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: {...DEFAULT_RETRY_POLICY, ...options.retry},
      clock,
      random: options.random ?? Math.random,
      proxy: this.proxy,
      log: options.log,
      onRetry: options.onRetry,
      onSecret: options.onSecret,
      secrets: () => this.tokens.secrets(),
    });
    this.tokens = new TokenProvider({
      transport: this.transport,
      endpoints: options.endpoints,
      credentials: options.credentials,
      onRefreshTokenChanged: options.onRefreshTokenChanged,
    });
    this.caller = {
      send: (call, callOptions) => this.send(call, callOptions),
      identity: (callOptions) => this.tokens.identity(callOptions),
      now: () => clock.now(),
      apiOrigin: options.endpoints.api,
    };
  }

  /** Who the credentials belong to. */
  identity(options?: CallOptions): Promise<Identity> {
    return this.tokens.identity(options);
  }

  listUserOrgs(userId: number, options?: CallOptions) {
    return iam.listUserOrgs(this.caller, userId, options);
  }

  getOrg(orgId: number, options?: CallOptions) {
    return iam.getOrg(this.caller, orgId, options);
  }

  listServiceAccounts(orgId: number, options?: CallOptions) {
    return iam.listServiceAccounts(this.caller, orgId, options);
  }

  getServiceAccount(orgId: number, serviceAccountId: number, options?: CallOptions) {
    return iam.getServiceAccount(this.caller, orgId, serviceAccountId, options);
  }

  createServiceAccount(orgId: number, input: iam.ServiceAccountInput, options?: CallOptions) {
    return iam.createServiceAccount(this.caller, orgId, input, options);
  }

  updateServiceAccount(
    orgId: number,
    serviceAccountId: number,
    patch: Partial<iam.ServiceAccountInput>,
    options?: CallOptions,
  ) {
    return iam.updateServiceAccount(this.caller, orgId, serviceAccountId, patch, options);
  }

  deleteServiceAccount(orgId: number, serviceAccountId: number, options?: CallOptions) {
    return iam.deleteServiceAccount(this.caller, orgId, serviceAccountId, options);
  }

  listClients(orgId: number, serviceAccountId: number, options?: CallOptions) {
    return iam.listClients(this.caller, orgId, serviceAccountId, options);
  }

  getClient(orgId: number, serviceAccountId: number, clientId: string, options?: CallOptions) {
    return iam.getClient(this.caller, orgId, serviceAccountId, clientId, options);
  }

  createClient(
    orgId: number,
    serviceAccountId: number,
    options?: Parameters<typeof iam.createClient>[3],
  ) {
    return iam.createClient(this.caller, orgId, serviceAccountId, options);
  }

  deleteClient(orgId: number, serviceAccountId: number, clientId: string, options?: CallOptions) {
    return iam.deleteClient(this.caller, orgId, serviceAccountId, clientId, options);
  }

  listRoles(orgId: number, options?: CallOptions) {
    return iam.listRoles(this.caller, orgId, options);
  }

  getRole(orgId: number, roleId: number, options?: CallOptions) {
    return iam.getRole(this.caller, orgId, roleId, options);
  }

  listAccessRules(orgId: number, query?: iam.AccessRuleQuery, options?: CallOptions) {
    return iam.listAccessRules(this.caller, orgId, query, options);
  }

  grantRole(orgId: number, input: iam.GrantInput, options?: CallOptions) {
    return iam.grantRole(this.caller, orgId, input, options);
  }

  revokeRole(orgId: number, input: iam.RevokeInput, options?: CallOptions) {
    return iam.revokeRole(this.caller, orgId, input, options);
  }

  listProjects(orgId: number, options?: CallOptions) {
    return iam.listProjects(this.caller, orgId, options);
  }

  listOrgUsers(orgId: number, query?: iam.OrgUserQuery, options?: CallOptions) {
    return iam.listOrgUsers(this.caller, orgId, query, options);
  }

  listOrgUsersPage(
    orgId: number,
    query?: iam.OrgUserQuery & {page?: string},
    options?: CallOptions,
  ) {
    return iam.listOrgUsersPage(this.caller, orgId, query, options);
  }

  getOrgUser(orgId: number, userId: number, options?: CallOptions) {
    return iam.getOrgUser(this.caller, orgId, userId, options);
  }

  listRefreshTokens(options?: CallOptions) {
    return iam.listRefreshTokens(this.caller, options);
  }

  /** The org's API events in a window, oldest first, page by page (API.md §12.1). */
  readApiEvents(
    orgId: number,
    window: events.EventWindow,
    options?: CallOptions & {pageSize?: number},
  ) {
    return events.readApiEvents(this.caller, orgId, window, options);
  }

  listClientSecrets(ref: secrets.ClientRef, options?: CallOptions) {
    return secrets.listClientSecrets(this.caller, ref, options);
  }

  addClientSecret(ref: secrets.ClientRef, options?: CallOptions) {
    return secrets.addClientSecret(this.caller, ref, options);
  }

  deleteOldClientSecret(ref: secrets.ClientRef, options?: CallOptions) {
    return secrets.deleteOldClientSecret(this.caller, ref, options);
  }

  listCapabilities(orgId: number, options?: CallOptions) {
    return secrets.listCapabilities(this.caller, orgId, options);
  }

  /** Releases the proxy agent, if one was made. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  private request(call: ApiCall, token: string, options?: CallOptions): HttpRequest {
    const origin = this.endpoints.api;
    let path = buildPath(call.route, call.params);
    let query = call.query;
    if (call.rawPath) {
      const url = new URL(call.rawPath, origin);
      path = url.pathname;
      query = Object.fromEntries(url.searchParams);
    }
    return {
      route: call.route,
      origin,
      path,
      query,
      json: call.json,
      headers: {authorization: `Bearer ${token}`},
      signal: options?.signal,
    };
  }

  /** GOCLIENT transport.go: on a 401, invalidate the token, get a new one, retry once. */
  private async send(call: ApiCall, options?: CallOptions): Promise<HttpResponse> {
    const token = await this.tokens.getAccessToken(options);
    try {
      return await this.transport.send(this.request(call, token, options));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      this.tokens.invalidate(token);
      const fresh = await this.tokens.getAccessToken(options);
      return this.transport.send(this.request(call, fresh, options));
    }
  }
}
