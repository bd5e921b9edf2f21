/**
 * Client secrets and capabilities (API.md §12.3, §12.5) for the screens. A new secret leaves
 * useAddClientSecret through the promise it returns, never through a cache (as useMintClient).
 */
import {useMutation, useQueries, useQuery, useQueryClient} from '@tanstack/react-query';
import {useCallback, useRef} from 'react';
import {isMissingEndpoint, type ClientRef} from '../api/client-secrets.js';
import type {ClientSecretInfo} from '../api/schemas.js';
import {useFlexeraClient} from './api-provider.js';
import {queryKeys} from './query-keys.js';

const keyOf = (ref: ClientRef) =>
  queryKeys.clientSecrets(ref.orgId, ref.serviceAccountId, ref.clientId);

/**
 * A client's secrets, masked. `supported` is false when the deployment answers 404 (no secret
 * endpoints: rotation then needs a second client). [?] A 404 also means "no such client"; a
 * screen that lists the client knows it exists.
 */
export function useClientSecrets(ref: ClientRef, options: {enabled?: boolean} = {}) {
  const client = useFlexeraClient();
  const query = useQuery({
    queryKey: keyOf(ref),
    queryFn: ({signal}) => client.listClientSecrets(ref, {signal}),
    enabled: options.enabled ?? true,
  });
  const missing = query.isError && isMissingEndpoint(query.error);
  return {...query, supported: query.isSuccess ? true : missing ? false : undefined};
}

/** What one client's secrets read says: the list, or that the deployment has none (404). */
export interface ClientSecretsRead {
  readonly clientId: string;
  readonly secrets: readonly ClientSecretInfo[] | undefined;
  /** As useClientSecrets: false on a 404, undefined while unknown. */
  readonly supported: boolean | undefined;
  readonly failed: boolean;
}

/** The secrets of each of an account's clients (the Clients screen), in useClientSecrets' cache. */
export function useSecretsOfClients(
  orgId: number,
  serviceAccountId: number,
  clientIds: readonly string[],
): ClientSecretsRead[] {
  const client = useFlexeraClient();
  const queries = useQueries({
    queries: clientIds.map((clientId) => {
      const ref = {orgId, serviceAccountId, clientId};
      return {
        queryKey: keyOf(ref),
        queryFn: ({signal}: {signal: AbortSignal}) => client.listClientSecrets(ref, {signal}),
      };
    }),
  });
  return queries.map((query, i) => {
    const missing = query.isError && isMissingEndpoint(query.error);
    return {
      clientId: clientIds[i]!,
      secrets: query.data,
      supported: query.isSuccess ? true : missing ? false : undefined,
      failed: query.isError && !missing,
    };
  });
}

/** Adds a secret to a client (same client id). Resolves to the new secret, handed over once. */
export function useAddClientSecret(ref: ClientRef) {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  const secret = useRef<string | undefined>(undefined);
  const mutation = useMutation({
    mutationFn: async () => {
      const added = await client.addClientSecret(ref);
      secret.current = added.clientSecret;
      return added.client;
    },
    onSettled: () => queryClient.invalidateQueries({queryKey: keyOf(ref), exact: true}),
  });
  const {mutateAsync} = mutation;
  const add = useCallback(async () => {
    const updated = await mutateAsync();
    const clientSecret = secret.current!;
    secret.current = undefined;
    return {client: updated, clientSecret};
  }, [mutateAsync]);
  return {add, isPending: mutation.isPending, error: mutation.error, reset: mutation.reset};
}

/** Deletes the client's older secret; the newest stays (§12.3). */
export function useDeleteClientSecret(ref: ClientRef) {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.deleteOldClientSecret(ref),
    onSuccess: () =>
      queryClient.setQueryData<ClientSecretInfo[]>(keyOf(ref), (list) => list?.slice(1)),
    onSettled: () => queryClient.invalidateQueries({queryKey: keyOf(ref), exact: true}),
  });
}

/** The org's capabilities, and a test for a role's (the role picker's marks). */
export function useCapabilities(orgId: number) {
  const client = useFlexeraClient();
  const query = useQuery({
    queryKey: queryKeys.capabilities(orgId),
    queryFn: ({signal}) => client.listCapabilities(orgId, {signal}),
    staleTime: 10 * 60_000,
  });
  const names = new Set((query.data ?? []).map((c) => c.capabilityName));
  /** undefined while unknown; a role without a capability counts as available. */
  const has = (capability: string | undefined): boolean | undefined =>
    capability === undefined ? true : query.isSuccess ? names.has(capability) : undefined;
  return {...query, has};
}
