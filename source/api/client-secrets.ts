/**
 * Secrets of an existing client and the org's capabilities (API.md §12.3, §12.5): the newer IAM
 * endpoints. A deployment without the secret endpoints answers 404 (isMissingEndpoint).
 */
import {ApiError} from './errors.js';
import {ROUTES} from './endpoints.js';
import type {ApiCaller, CallOptions, CreatedClient} from './iam.js';
import {
  CapabilitySchema,
  ClientSecretSchema,
  CreatedClientSchema,
  ServiceAccountClientSchema,
  listOf,
  parseResponse,
  type Capability,
  type ClientSecretInfo,
} from './schemas.js';

export interface ClientRef {
  orgId: number;
  serviceAccountId: number;
  clientId: string;
}

const params = (ref: ClientRef) => ({
  orgId: ref.orgId,
  serviceAccountId: ref.serviceAccountId,
  clientId: ref.clientId,
});

/** `GET …/client-secrets` → masked secrets, oldest first as listed. */
export async function listClientSecrets(
  api: ApiCaller,
  ref: ClientRef,
  options?: CallOptions,
): Promise<ClientSecretInfo[]> {
  const response = await api.send({route: ROUTES.listClientSecrets, params: params(ref)}, options);
  return parseResponse(response, listOf(ClientSecretSchema));
}

/**
 * `POST …/client-secret` → 200 with the client and its new secret, shown this once (§12.3). The
 * client id stays. Never re-sent after an ambiguous failure: a secret it may have added cannot be
 * shown, and deleting "the old secret" would then remove the live one.
 */
export async function addClientSecret(
  api: ApiCaller,
  ref: ClientRef,
  options?: CallOptions,
): Promise<CreatedClient> {
  const response = await api.send({route: ROUTES.addClientSecret, params: params(ref)}, options);
  const {clientSecret, ...rest} = parseResponse(response, CreatedClientSchema);
  return {client: ServiceAccountClientSchema.parse(rest), clientSecret};
}

/** `DELETE …/client-secret` → 204: removes the older secret; the newest stays. */
export async function deleteOldClientSecret(
  api: ApiCaller,
  ref: ClientRef,
  options?: CallOptions,
): Promise<void> {
  await api.send({route: ROUTES.deleteOldClientSecret, params: params(ref)}, options);
}

/** `GET …/capabilities` → a bare array (§12.5); an envelope is read too. */
export async function listCapabilities(
  api: ApiCaller,
  orgId: number,
  options?: CallOptions,
): Promise<Capability[]> {
  const response = await api.send({route: ROUTES.listCapabilities, params: {orgId}}, options);
  return parseResponse(response, listOf(CapabilitySchema));
}

/** A 404 from an endpoint the deployment may not have (the client-secret ones, §12.3). */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
