/**
 * Typed write hooks. Each updates or invalidates exactly what it changed (query-keys.ts).
 * Secrets never enter a query or mutation cache: the minted secret leaves useMintClient through
 * the promise it returns, not through mutation state; verification keeps its inputs out of
 * TanStack entirely.
 */
import {useMutation, useQueryClient} from '@tanstack/react-query';
import {useCallback, useEffect, useRef, useState} from 'react';
import type {ServiceAccountInput} from '../api/iam.js';
import {refKind, refNumericId, sameRef, serviceAccountRef} from '../api/refs.js';
import type {AccessRule, ServiceAccount, ServiceAccountClient} from '../api/schemas.js';
import {holdShownSecret} from '../handoff/shown-once.js';
import {useFlexeraClient, useReportApiError} from './api-provider.js';
import {staleTimeOf} from './query-client.js';
import {queryKeys} from './query-keys.js';

export type {ServiceAccountInput};

export function useCreateServiceAccount(orgId: number) {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ServiceAccountInput) => client.createServiceAccount(orgId, input),
    onSuccess: (created) => {
      // The client already read the new account back; add it instead of re-listing.
      queryClient.setQueryData<ServiceAccount[]>(queryKeys.serviceAccounts(orgId), (list) =>
        list ? [...list.filter((account) => account.id !== created.id), created] : list,
      );
      queryClient.setQueryData<ServiceAccountClient[]>(queryKeys.clients(orgId, created.id), []);
    },
  });
}

export function useUpdateServiceAccount(orgId: number) {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {id: number; patch: Partial<ServiceAccountInput>}) => {
      await client.updateServiceAccount(orgId, input.id, input.patch);
      return input;
    },
    onSuccess: ({id}) =>
      // PATCH answers 204 without a body: read the account (and the list) back.
      queryClient
        .invalidateQueries({queryKey: queryKeys.serviceAccounts(orgId)})
        .then(() => queryClient.invalidateQueries({queryKey: queryKeys.serviceAccount(orgId, id)})),
  });
}

export function useDeleteServiceAccount(orgId: number) {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (account: Pick<ServiceAccount, 'id'>) => {
      await client.deleteServiceAccount(orgId, account.id);
      return account.id;
    },
    onSuccess: (id) => {
      queryClient.setQueryData<ServiceAccount[]>(queryKeys.serviceAccounts(orgId), (list) =>
        list?.filter((account) => account.id !== id),
      );
      queryClient.removeQueries({queryKey: queryKeys.serviceAccount(orgId, id)});
      queryClient.removeQueries({queryKey: queryKeys.clients(orgId, id)});
      // Its clients and access rules went with it (API.md §6.2): drop them locally.
      queryClient.setQueryData<AccessRule[]>(queryKeys.accessRules(orgId), (rules) =>
        rules?.filter((rule) => !sameRef(rule.subject.ref, serviceAccountRef(id))),
      );
    },
  });
}

export interface RoleChange {
  action: 'grant' | 'revoke';
  roleName: string;
  /** Omitted = the org scope. */
  scopeRef?: string;
}

export type RoleChangeResult =
  | {change: RoleChange; status: 'pending' | 'running' | 'done'}
  | {change: RoleChange; status: 'failed'; error: unknown};

/**
 * Applies a diff of grants and revokes, one request per change (the API has no bulk grant),
 * reporting each result as it lands. Stops at nothing: every change is tried and reported.
 */
export function useApplyRoleChanges(orgId: number, subjectRef: string) {
  const client = useFlexeraClient();
  const report = useReportApiError();
  const queryClient = useQueryClient();
  const [results, setResults] = useState<RoleChangeResult[]>([]);
  const mutation = useMutation({
    mutationFn: async (changes: readonly RoleChange[]) => {
      const outcome: RoleChangeResult[] = changes.map((change) => ({change, status: 'pending'}));
      setResults([...outcome]);
      for (const [index, change] of changes.entries()) {
        outcome[index] = {change, status: 'running'};
        setResults([...outcome]);
        const request = {role: {name: change.roleName}, subjectRef, scopeRef: change.scopeRef};
        try {
          if (change.action === 'grant') await client.grantRole(orgId, request);
          else await client.revokeRole(orgId, request);
          outcome[index] = {change, status: 'done'};
        } catch (error) {
          outcome[index] = {change, status: 'failed', error};
          report(error);
        }
        setResults([...outcome]);
      }
      return outcome;
    },
    // Exactly the lists a change touched: the org's rules, or the one project's.
    onSettled: (_data, _error, changes) =>
      Promise.all(
        [...new Set(changes.map((change) => change.scopeRef ?? ''))].map((scopeRef) => {
          const projectId = scopeRef === '' ? undefined : refNumericId(scopeRef);
          const queryKey =
            projectId === undefined || refKind(scopeRef) !== 'iam:project'
              ? queryKeys.accessRules(orgId)
              : queryKeys.projectAccessRules(orgId, projectId);
          return queryClient.invalidateQueries({queryKey, exact: true});
        }),
      ),
  });
  return {...mutation, results};
}

/**
 * Mints clients in an org, for an account named at mint time (the guided flow learns the id only
 * after creating it). The secret is handed to the caller once and kept nowhere else.
 */
export function useMintClientIn(orgId: number) {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  const secret = useRef<string | undefined>(undefined);
  const mutation = useMutation({
    mutationFn: async (serviceAccountId: number) => {
      // A fresh cached list spares the client its own list before minting (issue #6).
      const key = queryKeys.clients(orgId, serviceAccountId);
      const cached = queryClient.getQueryState<ServiceAccountClient[]>(key);
      const fresh =
        cached?.data !== undefined &&
        !cached.isInvalidated &&
        Date.now() - cached.dataUpdatedAt < staleTimeOf(queryClient);
      const minted = await client.createClient(orgId, serviceAccountId, {
        knownClientIds: fresh ? cached.data!.map((c) => c.clientId) : undefined,
      });
      secret.current = minted.clientSecret;
      return minted.client;
    },
    onSuccess: (created, serviceAccountId) =>
      queryClient.setQueryData<ServiceAccountClient[]>(
        queryKeys.clients(orgId, serviceAccountId),
        (list) =>
          list ? [...list.filter((c) => c.clientId !== created.clientId), created] : [created],
      ),
  });
  const {mutateAsync} = mutation;
  // While the screen that minted is up, a crash can still offer the secret (terminal/crash.ts).
  const release = useRef<(() => void) | undefined>(undefined);
  // Released a tick after unmount: when the whole app is torn down by a crash, the crash handler
  // takes the secret synchronously first.
  useEffect(
    () => () => {
      const releaseNow = release.current;
      if (releaseNow) setTimeout(releaseNow, 0);
    },
    [],
  );
  const mint = useCallback(
    async (serviceAccountId: number) => {
      const created = await mutateAsync(serviceAccountId);
      const clientSecret = secret.current!;
      secret.current = undefined;
      release.current?.();
      release.current = holdShownSecret({
        endpoints: client.endpoints,
        orgId,
        serviceAccountId,
        clientId: created.clientId,
        clientSecret,
      });
      return {client: created, clientSecret};
    },
    [mutateAsync, client, orgId],
  );
  return {mint, isPending: mutation.isPending, error: mutation.error, reset: mutation.reset};
}

/** Mints a client for one account. */
export function useMintClient(orgId: number, serviceAccountId: number) {
  const minter = useMintClientIn(orgId);
  const {mint: mintIn} = minter;
  const mint = useCallback(() => mintIn(serviceAccountId), [mintIn, serviceAccountId]);
  return {...minter, mint};
}

export function useDeleteClient(orgId: number, serviceAccountId: number) {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (clientId: string) => {
      await client.deleteClient(orgId, serviceAccountId, clientId);
      return clientId;
    },
    onSuccess: (clientId) =>
      queryClient.setQueryData<ServiceAccountClient[]>(
        queryKeys.clients(orgId, serviceAccountId),
        (list) => list?.filter((c) => c.clientId !== clientId),
      ),
  });
}
