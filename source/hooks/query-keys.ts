/**
 * Every query key the app uses, in one place, so a mutation can invalidate exactly what it
 * changed. Keys nest: invalidating `org(orgId)` reaches everything of that org.
 */
export const queryKeys = {
  all: ['flexera'] as const,
  identity: () => [...queryKeys.all, 'identity'] as const,
  orgs: () => [...queryKeys.all, 'orgs'] as const,
  refreshTokens: () => [...queryKeys.all, 'refresh-tokens'] as const,
  org: (orgId: number) => [...queryKeys.all, 'org', orgId] as const,
  serviceAccounts: (orgId: number) => [...queryKeys.org(orgId), 'service-accounts'] as const,
  serviceAccount: (orgId: number, id: number) => [...queryKeys.serviceAccounts(orgId), id] as const,
  clients: (orgId: number, serviceAccountId: number) =>
    [...queryKeys.org(orgId), 'clients', serviceAccountId] as const,
  roles: (orgId: number) => [...queryKeys.org(orgId), 'roles'] as const,
  /** The org-scope rules (the list without a scope filter holds only those). */
  accessRules: (orgId: number) => [...queryKeys.org(orgId), 'access-rules'] as const,
  /** One project's rules (every subject): nested under accessRules so a refresh reaches both. */
  projectAccessRules: (orgId: number, projectId: number) =>
    [...queryKeys.accessRules(orgId), 'project', projectId] as const,
  projects: (orgId: number) => [...queryKeys.org(orgId), 'projects'] as const,
  /** One read of the org's API events over the last `days` days (serves every account). */
  apiEvents: (orgId: number, days: number) =>
    [...queryKeys.org(orgId), 'api-events', days] as const,
  capabilities: (orgId: number) => [...queryKeys.org(orgId), 'capabilities'] as const,
  /** Nested under the account's clients, so a change to the clients reaches the secrets too. */
  clientSecrets: (orgId: number, serviceAccountId: number, clientId: string) =>
    [...queryKeys.clients(orgId, serviceAccountId), clientId, 'secrets'] as const,
};
