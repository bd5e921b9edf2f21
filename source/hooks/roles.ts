/**
 * Which roles a subject holds in given scopes (the role picker; the guided flow may reuse it).
 *
 * [I] API.md §6.5 / the emulator: listing access rules without a scopeRef filter answers the org
 * scope only, so a project's grants need their own request (filter subjectRef and scopeRef). The
 * org scope shares the org-wide list (queryKeys.accessRules) with the account screens; project
 * keys nest under it, so useApplyRoleChanges' invalidation of accessRules(orgId) refreshes both.
 */
import {useQueries, type UseQueryResult} from '@tanstack/react-query';
import type {AccessRule} from '../api/schemas.js';
import {grantedRoleNames, scopeRefFor, type RoleScope} from '../roles/index.js';
import {useFlexeraClient} from './api-provider.js';
import {queryKeys} from './query-keys.js';

export interface ScopeGrants {
  readonly scope: RoleScope;
  /** Role names held in exactly this scope (undefined until loaded). */
  readonly query: UseQueryResult<string[]>;
}

/** One query per scope (deduplicated by key); the results in the order of `scopes`. */
export function useGrantsInScopes(
  orgId: number,
  subjectRef: string,
  scopes: readonly RoleScope[],
): ScopeGrants[] {
  const client = useFlexeraClient();
  const results = useQueries({
    queries: scopes.map((scope) => {
      const scopeRef = scopeRefFor(scope, orgId);
      const select = (rules: AccessRule[]) => grantedRoleNames(rules, subjectRef, scope, orgId);
      return scope.kind === 'org' || scopeRef === undefined
        ? {
            queryKey: queryKeys.accessRules(orgId),
            queryFn: ({signal}: {signal: AbortSignal}) =>
              client.listAccessRules(orgId, {}, {signal}),
            select,
          }
        : {
            // The project's whole list, shared with the account screens; this subject selected.
            queryKey: queryKeys.projectAccessRules(orgId, scope.projectId),
            queryFn: ({signal}: {signal: AbortSignal}) =>
              client.listAccessRules(orgId, {scopeRef}, {signal}),
            select,
          };
    }),
  });
  return scopes.map((scope, index) => ({
    scope,
    query: results[index] as UseQueryResult<string[]>,
  }));
}
