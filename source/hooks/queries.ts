/**
 * Typed read hooks, one per thing a screen needs. Loading, error and cached states come from
 * TanStack Query; requests are deduplicated by key (query-keys.ts).
 */
import {useQueries, useQuery, useQueryClient} from '@tanstack/react-query';
import {useCallback, useState} from 'react';
import {sameRef} from '../api/refs.js';
import type {AccessRule, ServiceAccount} from '../api/schemas.js';
import {scopeOfRule} from '../roles/grants.js';
import {useFlexeraClient} from './api-provider.js';
import {queryKeys} from './query-keys.js';

/** Who the token belongs to (decoded from the access token; asks the login host once). */
export function useIdentity() {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.identity(),
    queryFn: () => client.tokens.identity(),
    staleTime: Infinity,
  });
}

/** The signed-in user's orgs (GET /iam/v1/users/{id}/orgs, the id from the token's sub). */
export function useOrgs(options: {enabled?: boolean} = {}) {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.orgs(),
    enabled: options.enabled ?? true,
    queryFn: async ({signal}) => {
      const identity = await client.tokens.identity();
      if (identity.kind !== 'user') {
        throw new Error('A service-account token cannot list orgs: type the org id instead.');
      }
      return client.listUserOrgs(identity.userId, {signal});
    },
  });
}

export function useServiceAccounts(orgId: number) {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.serviceAccounts(orgId),
    queryFn: ({signal}) => client.listServiceAccounts(orgId, {signal}),
  });
}

/**
 * The org's accounts as they are now, for offering a create (the 20-account limit): read again
 * when the screen mounts whatever the cache holds, and `data` stays undefined until that read
 * answered, so no count from before is shown as current.
 */
export function useFreshServiceAccounts(orgId: number) {
  const client = useFlexeraClient();
  const [since] = useState(() => Date.now());
  const query = useQuery({
    queryKey: queryKeys.serviceAccounts(orgId),
    queryFn: ({signal}) => client.listServiceAccounts(orgId, {signal}),
    refetchOnMount: 'always',
  });
  const fresh = query.dataUpdatedAt >= since && !query.isFetching;
  return fresh ? query : {...query, data: undefined};
}

/** Reads the org's accounts now (not from the cache), updating every screen that shows them. */
export function useReadServiceAccountsNow(orgId: number): () => Promise<ServiceAccount[]> {
  const client = useFlexeraClient();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      queryClient.fetchQuery({
        queryKey: queryKeys.serviceAccounts(orgId),
        queryFn: ({signal}) => client.listServiceAccounts(orgId, {signal}),
        staleTime: 0,
      }),
    [client, queryClient, orgId],
  );
}

/** One account; served from the list when the list is cached, so opening it costs no request. */
export function useServiceAccount(orgId: number, id: number) {
  const list = useServiceAccounts(orgId);
  const fromList = list.data?.find((account) => account.id === id);
  const client = useFlexeraClient();
  const single = useQuery({
    queryKey: queryKeys.serviceAccount(orgId, id),
    queryFn: ({signal}) => client.getServiceAccount(orgId, id, {signal}),
    enabled: list.isSuccess && !fromList,
  });
  if (fromList) return {...list, data: fromList};
  if (list.isPending || list.isError) return {...list, data: undefined};
  return single;
}

export function useClients(orgId: number, serviceAccountId: number) {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.clients(orgId, serviceAccountId),
    queryFn: ({signal}) => client.listClients(orgId, serviceAccountId, {signal}),
  });
}

/** Clients of several accounts at once (the account list's "clients" column). */
export function useClientsOf(orgId: number, serviceAccountIds: readonly number[]) {
  const client = useFlexeraClient();
  return useQueries({
    queries: serviceAccountIds.map((id) => ({
      queryKey: queryKeys.clients(orgId, id),
      queryFn: ({signal}: {signal: AbortSignal}) => client.listClients(orgId, id, {signal}),
    })),
  });
}

export function useRoles(orgId: number) {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.roles(orgId),
    queryFn: ({signal}) => client.listRoles(orgId, {signal}),
    // The catalogue changes only with the org's capabilities.
    staleTime: 10 * 60_000,
  });
}

/**
 * The org-scope rules of an org. API.md §12.7: the list without a scope filter may also hold
 * project rules (the SPEC example does); they are not org roles, so they are left out here and
 * read per project (useProjectGrants).
 */
function orgScoped(rules: AccessRule[], orgId: number): AccessRule[] {
  return rules.filter((rule) => scopeOfRule(rule, orgId)?.kind === 'org');
}

/** Every org-scope rule of the org: one request serves the account list and every detail screen. */
export function useOrgAccessRules(orgId: number) {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.accessRules(orgId),
    queryFn: ({signal}) => client.listAccessRules(orgId, {}, {signal}),
    select: (rules: AccessRule[]) => orgScoped(rules, orgId),
  });
}

/** The org-scope rules of one subject, from the org's rules (refs compared by kind and id). */
export function useAccessRules(orgId: number, subjectRef: string) {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.accessRules(orgId),
    queryFn: ({signal}) => client.listAccessRules(orgId, {}, {signal}),
    select: (rules: AccessRule[]) =>
      orgScoped(rules, orgId).filter((rule) => sameRef(rule.subject.ref, subjectRef)),
  });
}

export function useProjects(orgId: number) {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.projects(orgId),
    queryFn: ({signal}) => client.listProjects(orgId, {signal}),
  });
}

/** The caller's refresh tokens (expiry shown in the status bar). */
export function useRefreshTokens(enabled = true) {
  const client = useFlexeraClient();
  return useQuery({
    queryKey: queryKeys.refreshTokens(),
    queryFn: ({signal}) => client.listRefreshTokens({signal}),
    enabled,
    staleTime: 30 * 60_000,
  });
}
