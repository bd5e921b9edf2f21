/**
 * What the commands read from an org, and the JSON records they print. The field names of these
 * records are a contract (README "Scripting"): add fields, never rename or remove one.
 */
import type {FlexeraClient} from '../../api/client.js';
import {ApiError} from '../../api/errors.js';
import {serviceAccountRef} from '../../api/refs.js';
import type {
  AccessRule,
  Project,
  Role,
  ServiceAccount,
  ServiceAccountClient,
} from '../../api/schemas.js';
import {ExitCode} from '../../exit-codes.js';
import {
  ORG_SCOPE,
  broadReason,
  grantsOf,
  projectScope,
  scopeKey,
  scopeRefFor,
  serviceAccountRefusal,
  type Grant,
  type RoleScope,
} from '../../roles/index.js';
import {CommandFailure} from '../output.js';

export interface AccountRecord {
  id: number;
  name: string;
  description: string;
  createdAt: string | null;
  createdBy: number | null;
}

export function accountRecord(account: ServiceAccount): AccountRecord {
  return {
    id: account.id,
    name: account.name,
    description: account.description ?? '',
    createdAt: account.createdAt ?? null,
    createdBy: account.createdBy ?? null,
  };
}

export interface ClientRecord {
  clientId: string;
  createdAt: string | null;
  createdBy: number | null;
}

export function clientRecord(client: ServiceAccountClient): ClientRecord {
  return {
    clientId: client.clientId,
    createdAt: client.createdAt ?? null,
    createdBy: client.createdBy ?? null,
  };
}

/** A role held: `projectId` null = the whole org (and so all its projects). */
export interface GrantRecord {
  role: string;
  scope: 'org' | 'project';
  projectId: number | null;
}

export function grantRecord(grant: Grant): GrantRecord {
  return grant.scope.kind === 'org'
    ? {role: grant.roleName, scope: 'org', projectId: null}
    : {role: grant.roleName, scope: 'project', projectId: grant.scope.projectId};
}

export function scopeOf(projectId: number | undefined): RoleScope {
  return projectId === undefined ? ORG_SCOPE : projectScope(projectId);
}

/** "org 1105" or "project 2346": where a grant applies, in words. */
export function scopeWords(scope: RoleScope, orgId: number): string {
  return scope.kind === 'org' ? `org ${orgId}` : `project ${scope.projectId}`;
}

/** The account, or a failure that says it does not exist (exit 1). */
export async function findAccount(
  client: FlexeraClient,
  orgId: number,
  accountId: number,
): Promise<ServiceAccount> {
  try {
    return await client.getServiceAccount(orgId, accountId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new CommandFailure(
        `No service account ${accountId} in org ${orgId}: \`flexera-sa accounts list --org ${orgId}\` lists them.`,
        ExitCode.refused,
      );
    }
    throw error;
  }
}

/**
 * The org's access rules in every scope, and its projects: the org's list, then each project's
 * ([I] API.md §6.5: an unfiltered list answers the org scope only; hooks/roles.ts reads them the
 * same way).
 */
export async function orgAccess(
  client: FlexeraClient,
  orgId: number,
): Promise<{rules: AccessRule[]; projects: Project[]}> {
  const [orgRules, projects] = await Promise.all([
    client.listAccessRules(orgId),
    client.listProjects(orgId),
  ]);
  const rules = [...orgRules];
  for (const project of projects) {
    const scopeRef = scopeRefFor(projectScope(project.id), orgId);
    rules.push(...(await client.listAccessRules(orgId, {scopeRef})));
  }
  return {rules, projects};
}

/** Grants per account id, for accounts of the org. */
export function grantsByAccount(
  rules: readonly AccessRule[],
  accountIds: readonly number[],
  orgId: number,
): Map<number, Grant[]> {
  return new Map(accountIds.map((id) => [id, grantsOf(rules, serviceAccountRef(id), orgId)]));
}

/** Org grants first, then by project id, each by role name: a stable order for text and JSON. */
export function sortGrants(grants: readonly Grant[]): Grant[] {
  const order = (grant: Grant) => (grant.scope.kind === 'org' ? 0 : grant.scope.projectId);
  return [...grants].sort((a, b) => order(a) - order(b) || a.roleName.localeCompare(b.roleName));
}

export const grantLabel = (grant: Grant) => `${scopeKey(grant.scope)}/${grant.roleName}`;

/**
 * The roles named, checked against the catalogue with the picker's rules: unknown → usage;
 * org_owner or superuser-type → refused (a service account may not hold them). Returns each
 * role's broad reason (undefined = not broad).
 */
export function checkRoles(
  catalogue: readonly Role[],
  names: readonly string[],
): Array<{role: Role; broad?: string}> {
  const byName = new Map(catalogue.map((role) => [role.name, role]));
  return names.map((name) => {
    const role = byName.get(name);
    if (!role) {
      throw new CommandFailure(
        `Unknown role "${name}": \`flexera-sa roles\` lists the roles of this org.`,
      );
    }
    const refusal = serviceAccountRefusal(role);
    if (refusal) throw new CommandFailure(refusal, ExitCode.refused);
    return {role, broad: broadReason(role)};
  });
}
