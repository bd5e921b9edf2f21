/**
 * Proves a service-account client works (DESIGN.md step 6): a client_credentials exchange at the
 * zone's login host, then one call its roles allow. Reports each step; never the secret.
 */
import type {Identity} from './auth.js';
import {FlexeraClient, type FlexeraClientOptions} from './client.js';
import type {Endpoints} from './zones.js';

/**
 * Which call proves the roles work. `roles` needs any role in the org (`common:org:affiliated`),
 * so it is the default; `users` needs iam_admin or org owner; `service-accounts` likewise.
 */
export type VerifyCall = 'roles' | 'service-accounts' | 'users';

export interface VerifyStep {
  step: 'token' | 'call';
  /** What was tried, in words. */
  label: string;
  ok: boolean;
  /** HTTP status of the failure, when there was one. */
  status?: number;
  /** The failure (ApiError, NetworkError, ...); its message carries no secret. */
  error?: Error;
  /** How many items the call returned, when it succeeded. */
  count?: number;
}

export interface VerifyResult {
  ok: boolean;
  identity?: Identity;
  steps: VerifyStep[];
}

export interface VerifyOptions extends Omit<FlexeraClientOptions, 'endpoints' | 'credentials'> {
  orgId: number;
  call?: VerifyCall;
  signal?: AbortSignal;
}

/** How each call is named, on screen and in `verify`'s output: "list users". */
export const VERIFY_CALL_LABELS: Readonly<Record<VerifyCall, string>> = {
  roles: 'list roles',
  'service-accounts': 'list service accounts',
  users: 'list users',
};

function failedStep(step: VerifyStep['step'], label: string, error: unknown): VerifyStep {
  const err = error instanceof Error ? error : new Error(String(error));
  const status = (err as {status?: unknown}).status;
  return {step, label, ok: false, error: err, ...(typeof status === 'number' ? {status} : {})};
}

function runCall(client: FlexeraClient, call: VerifyCall, orgId: number, signal?: AbortSignal) {
  const options = {signal};
  if (call === 'users') return client.listOrgUsers(orgId, {}, options);
  if (call === 'service-accounts') return client.listServiceAccounts(orgId, options);
  return client.listRoles(orgId, options);
}

export async function verifyClientCredentials(
  endpoints: Endpoints,
  clientId: string,
  clientSecret: string,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const {orgId, call = 'roles', signal, ...clientOptions} = options;
  const client = new FlexeraClient({
    ...clientOptions,
    endpoints,
    credentials: {grant: 'client_credentials', clientId, clientSecret},
  });
  const steps: VerifyStep[] = [];
  const tokenLabel = `exchange the client credentials at ${endpoints.login}`;
  try {
    let identity: Identity;
    try {
      identity = await client.tokens.identity({signal});
      steps.push({step: 'token', label: tokenLabel, ok: true});
    } catch (error) {
      steps.push(failedStep('token', tokenLabel, error));
      return {ok: false, steps};
    }
    const callLabel = `${VERIFY_CALL_LABELS[call]} in org ${orgId}`;
    try {
      const items = await runCall(client, call, orgId, signal);
      steps.push({step: 'call', label: callLabel, ok: true, count: items.length});
      return {ok: true, identity, steps};
    } catch (error) {
      steps.push(failedStep('call', callLabel, error));
      return {ok: false, identity, steps};
    }
  } finally {
    await client.close();
  }
}
