/**
 * A plan: the changes that make an org's service accounts match a team file, computed from what
 * the org holds now, with a fingerprint of that state so `apply` can refuse when the org changed
 * after the plan was made. Pure, apart from reading the org (readOrgState).
 */
import {createHash} from 'node:crypto';
import type {FlexeraClient} from '../../api/client.js';
import {serviceAccountRef} from '../../api/refs.js';
import type {Role, ServiceAccount} from '../../api/schemas.js';
import type {ZoneId} from '../../api/zones.js';
import {ExitCode} from '../../exit-codes.js';
import {
  broadReason,
  diffGrants,
  grantsOf,
  scopeOfChange,
  type Grant,
  type RoleScope,
} from '../../roles/index.js';
import {checkRoles, grantLabel, orgAccess, scopeOf, scopeWords} from '../commands/org-data.js';
import {CommandFailure} from '../output.js';
import type {TeamFile} from './team-file.js';

export interface OrgState {
  accounts: ServiceAccount[];
  grants: Map<number, Grant[]>;
  roles: Role[];
  projectIds: Set<number>;
}

export async function readOrgState(client: FlexeraClient, orgId: number): Promise<OrgState> {
  const [accounts, {rules, projects}, roles] = await Promise.all([
    client.listServiceAccounts(orgId),
    orgAccess(client, orgId),
    client.listRoles(orgId),
  ]);
  const grants = new Map(
    accounts.map((a) => [a.id, grantsOf(rules, serviceAccountRef(a.id), orgId)]),
  );
  return {accounts, grants, roles, projectIds: new Set(projects.map((p) => p.id))};
}

/** What the plan depends on: each account's id, name, description and grants, in a fixed order. */
export function fingerprint(state: OrgState): string {
  const accounts = [...state.accounts]
    .sort((a, b) => a.id - b.id)
    .map((a) => [
      a.id,
      a.name,
      a.description ?? '',
      (state.grants.get(a.id) ?? []).map(grantLabel).sort(),
    ]);
  return createHash('sha256').update(JSON.stringify(accounts)).digest('hex');
}

export type PlanAction =
  | {action: 'create'; account: string; description: string | null}
  | {action: 'update'; account: string; accountId: number; description: string}
  | {
      action: 'grant' | 'revoke';
      account: string;
      /** null: the account is created by an earlier action of this plan. */
      accountId: number | null;
      role: string;
      scope: 'org' | 'project';
      projectId: number | null;
      /** Why the role is broad (roles/broad.ts); null when it is not. */
      broad: string | null;
    }
  | {action: 'delete'; account: string; accountId: number};

export interface Plan {
  kind: 'flexera-sa/plan';
  version: 1;
  orgId: number;
  zone: ZoneId;
  prune: boolean;
  /** sha256 of the org's accounts and grants when the plan was made. */
  fingerprint: string;
  actions: PlanAction[];
}

function roleAction(
  action: 'grant' | 'revoke',
  account: string,
  accountId: number | null,
  role: string,
  scope: RoleScope,
  roles: readonly Role[],
): PlanAction {
  const known = roles.find((r) => r.name === role);
  return {
    action,
    account,
    accountId,
    role,
    scope: scope.kind,
    projectId: scope.kind === 'project' ? scope.projectId : null,
    broad: action === 'grant' && known ? (broadReason(known) ?? null) : null,
  };
}

export function computePlan(
  team: TeamFile,
  state: OrgState,
  options: {file: string; zone: ZoneId; prune: boolean},
): Plan {
  const orgId = team.org;
  const actions: PlanAction[] = [];
  const named = new Set<string>();
  for (const wanted of team.serviceAccounts) {
    named.add(wanted.name);
    const at = `${options.file}:${wanted.line}`;
    try {
      checkRoles(
        state.roles,
        wanted.roles.map((r) => r.role),
      );
    } catch (error) {
      if (error instanceof CommandFailure) {
        throw new CommandFailure(`${at}: ${error.message}`, error.exitCode);
      }
      throw error;
    }
    for (const role of wanted.roles) {
      if (role.project !== undefined && !state.projectIds.has(role.project)) {
        throw new CommandFailure(
          `${at}: no project ${role.project} in org ${orgId} (role ${role.role}).`,
          ExitCode.refused,
        );
      }
    }
    const matches = state.accounts.filter((a) => a.name === wanted.name);
    if (matches.length > 1) {
      throw new CommandFailure(
        `${at}: org ${orgId} has ${matches.length} service accounts named "${wanted.name}" (ids ${matches.map((a) => a.id).join(' and ')}); rename or delete one, then plan again.`,
        ExitCode.refused,
      );
    }
    const wantedGrants: Grant[] = wanted.roles.map((r) => ({
      roleName: r.role,
      scope: scopeOf(r.project),
    }));
    const current = matches[0];
    if (!current) {
      actions.push({
        action: 'create',
        account: wanted.name,
        description: wanted.description ?? null,
      });
      const seen = new Set<string>();
      for (const grant of wantedGrants) {
        if (seen.has(grantLabel(grant))) continue;
        seen.add(grantLabel(grant));
        actions.push(
          roleAction('grant', wanted.name, null, grant.roleName, grant.scope, state.roles),
        );
      }
      continue;
    }
    if (wanted.description !== undefined && wanted.description !== (current.description ?? '')) {
      actions.push({
        action: 'update',
        account: wanted.name,
        accountId: current.id,
        description: wanted.description,
      });
    }
    for (const change of diffGrants(state.grants.get(current.id) ?? [], wantedGrants, orgId)) {
      const scope = scopeOfChange(change, orgId) ?? scopeOf(undefined);
      actions.push(
        roleAction(change.action, wanted.name, current.id, change.roleName, scope, state.roles),
      );
    }
  }
  if (options.prune) {
    for (const account of [...state.accounts].sort((a, b) => a.id - b.id)) {
      if (!named.has(account.name)) {
        actions.push({action: 'delete', account: account.name, accountId: account.id});
      }
    }
  }
  return {
    kind: 'flexera-sa/plan',
    version: 1,
    orgId,
    zone: options.zone,
    prune: options.prune,
    fingerprint: fingerprint(state),
    actions,
  };
}

/** One line per action: "+ grant policy_viewer to ci-exporter on org 1105". */
export function describeAction(action: PlanAction, orgId: number): string {
  const id = (accountId: number | null) => (accountId === null ? '' : ` (id ${accountId})`);
  switch (action.action) {
    case 'create':
      return `+ create ${action.account}`;
    case 'update':
      return `~ update ${action.account}${id(action.accountId)}: description`;
    case 'delete':
      return `- delete ${action.account}${id(action.accountId)} with its clients and grants`;
    default: {
      const scope = scopeWords(scopeOf(action.projectId ?? undefined), orgId);
      const sign = action.action === 'grant' ? '+' : '-';
      const to = action.action === 'grant' ? 'to' : 'from';
      const broad = action.broad ? ` (broad: ${action.broad})` : '';
      return `${sign} ${action.action} ${action.role} ${to} ${action.account} on ${scope}${broad}`;
    }
  }
}

/** A plan read back from a file saved with `plan --json`; only its shape is checked here. */
export function parseSavedPlan(text: string, file: string): Plan {
  let plan: Partial<Plan>;
  try {
    plan = JSON.parse(text) as Partial<Plan>;
  } catch {
    throw new CommandFailure(`${file} is not a plan saved with \`flexera-sa plan --json\`.`);
  }
  if (
    plan?.kind !== 'flexera-sa/plan' ||
    plan.version !== 1 ||
    typeof plan.orgId !== 'number' ||
    typeof plan.fingerprint !== 'string' ||
    !Array.isArray(plan.actions)
  ) {
    throw new CommandFailure(`${file} is not a plan saved with \`flexera-sa plan --json\`.`);
  }
  return plan as Plan;
}
