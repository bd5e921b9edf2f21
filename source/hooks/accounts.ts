/**
 * What the account screens read together: the org's service accounts with their granted roles
 * (from the org's access rules, one request) and their client counts (one request per account),
 * and one refresh for all of it; an account's project-scoped grants.
 */
import {useQueries} from '@tanstack/react-query';
import {useMemo} from 'react';
import {parseRef, projectRef, sameRef, serviceAccountRef} from '../api/refs.js';
import type {AccessRule, ServiceAccount} from '../api/schemas.js';
import {useFlexeraClient} from './api-provider.js';
import {useClientsOf, useOrgAccessRules, useProjects, useServiceAccounts} from './queries.js';
import {queryKeys} from './query-keys.js';

export interface AccountRow {
  readonly account: ServiceAccount;
  /** The account's access rules from the org's list (org scope: see useProjectGrants). */
  readonly grants: readonly AccessRule[];
  /** Names of the granted roles, each once, in the order the rules list them. */
  readonly roleNames: readonly string[];
  /** undefined while loading; null when the clients could not be read. */
  readonly clientCount: number | undefined | null;
}

/** The access rules whose subject is this service account (refs compared by kind and id). */
function grantsOf(rules: readonly AccessRule[], serviceAccountId: number): AccessRule[] {
  const ref = serviceAccountRef(serviceAccountId);
  return rules.filter((rule) => sameRef(rule.subject.ref, ref));
}

/** A grant on one project (rather than on the whole org). */
export function isProjectScoped(rule: AccessRule): boolean {
  const scope = rule.scope?.ref === undefined ? undefined : parseRef(rule.scope.ref);
  return scope?.type === 'project';
}

export function roleNamesOf(grants: readonly AccessRule[]): string[] {
  return [...new Set(grants.map((rule) => rule.role.name))];
}

/** Service accounts of an org as list rows, plus the state of each source and a refresh of all. */
export function useAccountRows(orgId: number) {
  const accounts = useServiceAccounts(orgId);
  const rules = useOrgAccessRules(orgId);
  const ids = useMemo(() => (accounts.data ?? []).map((account) => account.id), [accounts.data]);
  const clients = useClientsOf(orgId, ids);

  // useQueries answers a new array on every render: key the rows on what they show.
  const counts = clients.map((query) =>
    query.data !== undefined ? query.data.length : query.isError ? null : undefined,
  );
  const countsKey = counts.map((count) => String(count)).join(',');
  const rows = useMemo<AccountRow[]>(
    () =>
      (accounts.data ?? []).map((account, index) => {
        const grants = grantsOf(rules.data ?? [], account.id);
        return {account, grants, roleNames: roleNamesOf(grants), clientCount: counts[index]};
      }),
    // counts is read through countsKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [accounts.data, rules.data, countsKey],
  );

  /** `r`: the accounts, the access rules and every account's clients. */
  const refetch = () =>
    Promise.all([
      accounts.refetch(),
      rules.refetch(),
      ...clients.map((query) => query.refetch()),
    ]).then(() => undefined);

  return {
    accounts,
    rules,
    rows,
    clientsLoading: counts.some((count) => count === undefined),
    clientsFailed: clients.find((query) => query.isError)?.error,
    refetch,
  };
}

/**
 * Grants of one subject at project scope. [I] API.md §6.5: a list without `scopeRef` answers only
 * org-scope rules, so project-scoped grants take one request per project (`scopeRef eq` that
 * project; each answer serves every account of the org, keyed under the org's access rules so a
 * grant or revoke invalidates it too).
 */
export function useProjectGrants(orgId: number, subjectRef: string) {
  const client = useFlexeraClient();
  const projects = useProjects(orgId);
  const perProject = useQueries({
    queries: (projects.data ?? []).map((project) => ({
      queryKey: queryKeys.projectAccessRules(orgId, project.id),
      queryFn: ({signal}: {signal: AbortSignal}) =>
        client.listAccessRules(orgId, {scopeRef: projectRef(orgId, project.id)}, {signal}),
    })),
  });
  const failed = perProject.find((query) => query.isError);
  return {
    projects,
    grants: perProject.flatMap((query) =>
      (query.data ?? []).filter((rule) => sameRef(rule.subject.ref, subjectRef)),
    ),
    isPending: projects.isPending || perProject.some((query) => query.isPending),
    error: projects.isError ? projects.error : failed?.error,
    refetch: () =>
      Promise.all([projects.refetch(), ...perProject.map((query) => query.refetch())]).then(
        () => undefined,
      ),
  };
}
