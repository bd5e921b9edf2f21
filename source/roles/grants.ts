/**
 * Grants as sets: which roles a subject holds in which scope (from access rules), and the diff
 * between what it holds and what is wanted, as the RoleChange[] that useApplyRoleChanges sends
 * (one request per change, API.md §6.5).
 */
import {parseRef, projectRef, refKind, refNumericId, sameRef} from '../api/refs.js';
import type {AccessRule} from '../api/schemas.js';
import type {RoleChange} from '../hooks/mutations.js';
import type {RoleInfo} from './types.js';

/** Where a role applies: the whole org (and all its projects) or exactly one project. */
export type RoleScope =
  {readonly kind: 'org'} | {readonly kind: 'project'; readonly projectId: number};

export const ORG_SCOPE: RoleScope = {kind: 'org'};

export function projectScope(projectId: number): RoleScope {
  return {kind: 'project', projectId};
}

/** 'org' or 'project:2345': a stable key for maps and sets. */
export function scopeKey(scope: RoleScope): string {
  return scope.kind === 'org' ? 'org' : `project:${scope.projectId}`;
}

export function sameScope(a: RoleScope, b: RoleScope): boolean {
  return scopeKey(a) === scopeKey(b);
}

/**
 * The `scope.ref` to send. API.md §6.5: a grant or revoke without a scope applies to the org, so
 * the org scope is sent as no scope at all (RoleChange.scopeRef omitted); a project as
 * `ref::{org}::iam:project:{id}` (refs.ts).
 */
export function scopeRefFor(scope: RoleScope, orgId: number): string | undefined {
  return scope.kind === 'org' ? undefined : projectRef(orgId, scope.projectId);
}

/**
 * The scope a ref names, relative to `orgId`: no ref = the org (API.md §6.5 default); another
 * org, or something that is not an org or project, = undefined.
 */
export function scopeOfRef(ref: string | undefined, orgId: number): RoleScope | undefined {
  if (ref === undefined || ref.trim() === '') return ORG_SCOPE;
  const parsed = parseRef(ref);
  if (!parsed) return undefined;
  const id = refNumericId(parsed);
  if (id === undefined) return undefined;
  switch (refKind(parsed)?.toLowerCase()) {
    case 'iam:org':
      return id === orgId ? ORG_SCOPE : undefined;
    case 'iam:project':
      return projectScope(id);
    default:
      return undefined;
  }
}

export function scopeOfRule(rule: AccessRule, orgId: number): RoleScope | undefined {
  return scopeOfRef(rule.scope?.ref, orgId);
}

export interface Grant {
  readonly roleName: string;
  readonly scope: RoleScope;
}

export function grantKey(grant: Grant): string {
  return `${scopeKey(grant.scope)}/${grant.roleName}`;
}

/** Every grant the subject holds in this org, from access rules (refs compared by kind and id). */
export function grantsOf(rules: readonly AccessRule[], subjectRef: string, orgId: number): Grant[] {
  const seen = new Set<string>();
  const out: Grant[] = [];
  for (const rule of rules) {
    if (!sameRef(rule.subject.ref, subjectRef)) continue;
    const scope = scopeOfRule(rule, orgId);
    if (!scope) continue;
    const grant = {roleName: rule.role.name, scope};
    const key = grantKey(grant);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(grant);
  }
  return out;
}

/** The names of the roles the subject holds in exactly this scope, in the rules' order. */
export function grantedRoleNames(
  rules: readonly AccessRule[],
  subjectRef: string,
  scope: RoleScope,
  orgId: number,
): string[] {
  return grantsOf(rules, subjectRef, orgId)
    .filter((grant) => sameScope(grant.scope, scope))
    .map((grant) => grant.roleName);
}

/** Grants before revokes, so a swap (observer → enterprise_manager) never leaves a gap. */
function grantsFirst(changes: RoleChange[]): RoleChange[] {
  return [
    ...changes.filter((change) => change.action === 'grant'),
    ...changes.filter((change) => change.action === 'revoke'),
  ];
}

/** One scope: grant what is wanted and not held, revoke what is held and not wanted. */
export function diffRoleNames(
  current: Iterable<string>,
  wanted: Iterable<string>,
  scopeRef?: string,
): RoleChange[] {
  const held = new Set(current);
  const want = new Set(wanted);
  const scope = scopeRef === undefined ? {} : {scopeRef};
  const changes: RoleChange[] = [];
  for (const roleName of want)
    if (!held.has(roleName)) changes.push({action: 'grant', roleName, ...scope});
  for (const roleName of held)
    if (!want.has(roleName)) changes.push({action: 'revoke', roleName, ...scope});
  return grantsFirst(changes);
}

/**
 * Any number of scopes: the changes that turn `current` into `wanted`. Grants come first (in
 * `wanted` order), then revokes (in `current` order).
 */
export function diffGrants(
  current: readonly Grant[],
  wanted: readonly Grant[],
  orgId: number,
): RoleChange[] {
  const held = new Set(current.map(grantKey));
  const want = new Set(wanted.map(grantKey));
  const change = (action: RoleChange['action'], grant: Grant): RoleChange => {
    const scopeRef = scopeRefFor(grant.scope, orgId);
    return {action, roleName: grant.roleName, ...(scopeRef === undefined ? {} : {scopeRef})};
  };
  const changes: RoleChange[] = [];
  const done = new Set<string>();
  for (const grant of wanted) {
    const key = grantKey(grant);
    if (!held.has(key) && !done.has(key)) changes.push(change('grant', grant));
    done.add(key);
  }
  for (const grant of current) {
    const key = grantKey(grant);
    if (!want.has(key) && !done.has(key)) changes.push(change('revoke', grant));
    done.add(key);
  }
  return grantsFirst(changes);
}

export interface ScopeNames {
  orgId: number;
  /** Project names by id, for "project Staging (2346)". */
  projects?: ReadonlyMap<number, string> | readonly {id: number; name: string}[];
}

function projectName(names: ScopeNames, id: number): string | undefined {
  const {projects} = names;
  if (!projects) return undefined;
  if (projects instanceof Map) return projects.get(id);
  return (projects as readonly {id: number; name: string}[]).find((p) => p.id === id)?.name;
}

/** "org 1105" or "project Staging (2346)". */
export function scopeLabel(scope: RoleScope, names: ScopeNames): string {
  if (scope.kind === 'org') return `org ${names.orgId}`;
  const name = projectName(names, scope.projectId);
  return name ? `project ${name} (${scope.projectId})` : `project ${scope.projectId}`;
}

/** The scope of a change (undefined scopeRef = the org). */
export function scopeOfChange(change: RoleChange, orgId: number): RoleScope | undefined {
  return scopeOfRef(change.scopeRef, orgId);
}

/**
 * "+ grant iam_admin (Administer organization) on org 1105" / "− revoke observer (View cloud) on
 * project Staging (2346)".
 */
export function describeChange(
  change: RoleChange,
  names: ScopeNames,
  role?: Pick<RoleInfo, 'displayName'>,
): string {
  const sign = change.action === 'grant' ? '+' : '−';
  const display = role?.displayName?.trim();
  const scope = scopeOfChange(change, names.orgId);
  const where = scope ? scopeLabel(scope, names) : (change.scopeRef ?? '');
  return `${sign} ${change.action} ${change.roleName}${display ? ` (${display})` : ''} on ${where}`;
}
