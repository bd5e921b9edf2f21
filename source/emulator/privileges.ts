import {forbidden} from './goa.js';
import {roleById} from './roles.js';
import type {Principal, ZoneState} from './state.js';

/**
 * Endpoint privilege expressions (API.md §7): alternatives joined by `||`. The pairing of string to
 * operation follows the names [I, API.md §7].
 */
export const PRIVILEGE = {
  orgShow: 'iam:org:show||common:org:affiliated',
  roleIndex: 'iam:role:index||common:org:affiliated',
  roleShow: 'iam:role:show||common:org:affiliated',
  accessRuleIndex: 'iam:access_rule:index||viz:report:create||common:org:own',
  accessRuleGrant: 'iam:access_rule:grant||common:org:own',
  accessRuleRevoke: 'iam:access_rule:revoke||common:org:own',
  serviceAccount: (action: 'index' | 'show' | 'create' | 'update' | 'delete') =>
    `iam:service_account:${action}||common:org:own`,
  serviceAccountClient: (action: 'index' | 'show' | 'create' | 'delete') =>
    `iam:service_account_client:${action}||common:org:own`,
  orgUser: (action: 'index' | 'show') => `iam:org_user:${action}||common:org:own`,
  projectIndex: 'iam:project:index||common:org:own',
  /** API.md §12.1: org owner or iam_admin. */
  apiEventIndex: 'iam:api_event:index||common:org:own',
  /** API.md §12.5: any member of the org. */
  capabilityIndex: 'iam:capability:index||common:org:affiliated',
  capabilityShow: 'iam:capability:show||common:org:affiliated',
} as const;

/**
 * What a principal may do in an org, from the access rules at request time (so a grant or a revoke
 * changes the next answer, API.md §2.3 "Role changes take effect immediately"). [I] API.md §7:
 * any role in the org (org or project scope) gives `common:org:affiliated`; org-scoped rules add
 * their role's privileges (`org_owner` ⇒ `common:org:own`, `iam_admin` ⇒ every `iam:*`). A service
 * account has no privileges outside the org it was created in.
 */
export function privilegesIn(state: ZoneState, principal: Principal, orgId: number): Set<string> {
  const privileges = new Set<string>();
  let subjectKind: string;
  let subjectId: number;
  if (principal.kind === 'user') {
    subjectKind = 'iam:user';
    subjectId = principal.userId;
  } else {
    if (principal.orgId !== orgId) return privileges;
    subjectKind = 'iam:service-account';
    subjectId = principal.serviceAccountId;
  }
  for (const rule of state.rulesIn(orgId)) {
    if (rule.subjectKind !== subjectKind || rule.subjectId !== subjectId) continue;
    privileges.add('common:org:affiliated');
    if (rule.scopeKind !== 'iam:org') continue;
    for (const privilege of roleById(rule.roleId)?.privileges ?? []) privileges.add(privilege);
  }
  return privileges;
}

export function allows(expression: string, privileges: ReadonlySet<string>): boolean {
  return expression.split('||').some((alternative) => privileges.has(alternative.trim()));
}

/** Throws 403 forbidden, naming the privileges that would have been enough [I]. */
export function requirePrivilege(
  state: ZoneState,
  principal: Principal,
  orgId: number,
  expression: string,
): void {
  if (allows(expression, privilegesIn(state, principal, orgId))) return;
  const needed = expression.split('||').join(' or ');
  throw forbidden(
    `access token does not have sufficient privileges: org ${orgId} requires ${needed}`,
  );
}
