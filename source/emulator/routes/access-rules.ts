import type {Ctx} from '../context.js';
import {enumQuery, intParam, json, noContent, objectBody} from '../context.js';
import {andTerms, parseFilter} from '../filter.js';
import {badRequest} from '../goa.js';
import {PRIVILEGE} from '../privileges.js';
import type {Ref} from '../refs.js';
import {parseRef} from '../refs.js';
import type {RoleDef} from '../roles.js';
import {roleById, roleByName, SUPERUSER_ROLES} from '../roles.js';
import type {Route} from '../router.js';
import type {AccessRule, ScopeKind, SubjectKind} from '../state.js';
import {accessRuleView} from '../views.js';

/**
 * Access rules (API.md §6.5). Grant and revoke are idempotent PUTs answering 204. [I] (§6.5, §10)
 * An unknown role, subject or scope, a cross-org subject, a ref from another zone and `org_owner`
 * for a service account all answer 400 bad_request with the reason.
 */

interface Target {
  kind: string;
  id: number;
}

function refOf(ctx: Ctx, raw: string, what: string): Ref {
  const ref = parseRef(raw);
  if (!ref)
    throw badRequest(
      `${what} "${raw}" is not a valid ref (for example ref::::iam:service-account:2263)`,
    );
  if (ref.zone !== '' && ref.zone !== ctx.state.refZone) {
    throw badRequest(
      `${what} names zone "${ref.zone}", but this API serves zone "${ctx.state.refZone}"`,
    );
  }
  return ref;
}

function resolveSubject(ctx: Ctx, orgId: number, value: unknown): {kind: SubjectKind; id: number} {
  const raw = (value as {ref?: unknown} | undefined)?.ref;
  if (typeof value !== 'object' || value === null || typeof raw !== 'string')
    throw badRequest('subject.ref is required');
  const ref = refOf(ctx, raw, 'subject.ref');
  switch (ref.kind) {
    case 'iam:service-account': {
      const sa = ctx.state.serviceAccounts.get(ref.id);
      if (!sa) throw badRequest(`service account ${ref.id} does not exist`);
      if (sa.orgId !== orgId || (ref.orgId !== undefined && ref.orgId !== orgId)) {
        throw badRequest(
          `service account ${ref.id} belongs to another org: service accounts may only be assigned roles in the org they were created in`,
        );
      }
      return {kind: 'iam:service-account', id: ref.id};
    }
    case 'iam:user':
      if (!ctx.state.users.has(ref.id)) throw badRequest(`user ${ref.id} does not exist`);
      return {kind: 'iam:user', id: ref.id};
    case 'iam:group':
      throw badRequest(`group ${ref.id} does not exist`);
    default:
      throw badRequest(
        `subject.ref must name a user, a group or a service account, not ${ref.kind}`,
      );
  }
}

function resolveScope(ctx: Ctx, orgId: number, value: unknown): {kind: ScopeKind; id: number} {
  if (value === undefined || value === null) return {kind: 'iam:org', id: orgId};
  const raw = (value as {ref?: unknown}).ref;
  if (typeof value !== 'object' || typeof raw !== 'string')
    throw badRequest('scope.ref is required when scope is given');
  return scopeFromRef(ctx, orgId, refOf(ctx, raw, 'scope.ref'));
}

function scopeFromRef(ctx: Ctx, orgId: number, ref: Target): {kind: ScopeKind; id: number} {
  if (ref.kind === 'iam:org') {
    if (ref.id !== orgId) throw badRequest(`the only valid org scope here is org ${orgId}`);
    return {kind: 'iam:org', id: orgId};
  }
  if (ref.kind === 'iam:project') {
    const project = ctx.state.projects.get(ref.id);
    if (!project || project.orgId !== orgId)
      throw badRequest(`project ${ref.id} does not exist in org ${orgId}`);
    return {kind: 'iam:project', id: ref.id};
  }
  throw badRequest(`scope must be an org or a project, not ${ref.kind}`);
}

function resolveRole(value: unknown, allowAll: boolean): RoleDef | 'all' {
  if (typeof value !== 'object' || value === null)
    throw badRequest('role is required: {"name": …} or {"id": …}');
  const {name, id, all} = value as {name?: unknown; id?: unknown; all?: unknown};
  if (all !== undefined && typeof all !== 'boolean') throw badRequest('role.all must be a boolean');
  if (all === true) {
    if (!allowAll) throw badRequest('role.all is only allowed when revoking');
    if (name !== undefined || id !== undefined)
      throw badRequest('role.name and role.id must not be given when role.all is true');
    return 'all';
  }
  if (name === undefined && id === undefined)
    throw badRequest("either the role's name or id must be provided");
  if (name !== undefined && typeof name !== 'string')
    throw badRequest('role.name must be a string');
  if (id !== undefined && (typeof id !== 'number' || !Number.isInteger(id)))
    throw badRequest('role.id must be an integer');
  const byName = name === undefined ? undefined : roleByName(name);
  const byId = id === undefined ? undefined : roleById(id);
  if (name !== undefined && !byName) throw badRequest(`role "${name}" does not exist`);
  if (id !== undefined && !byId) throw badRequest(`role ${id} does not exist`);
  if (byName && byId && byName !== byId)
    throw badRequest('role.name and role.id name different roles');
  return (byName ?? byId)!;
}

function grant(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const body = objectBody(ctx);
  const role = resolveRole(body.role, false) as RoleDef;
  const subject = resolveSubject(ctx, orgId, body.subject);
  const scope = resolveScope(ctx, orgId, body.scope);
  if (subject.kind === 'iam:service-account' && SUPERUSER_ROLES.has(role.name)) {
    throw badRequest(`service accounts cannot be granted the ${role.name} role`);
  }
  // API.md §12.5: "The roles available in an org are determined by the capabilities granted".
  if (!ctx.state.hasCapability(orgId, role.capability)) {
    throw badRequest(
      `role ${role.name} belongs to the capability "${role.capability}", which org ${orgId} does not have`,
    );
  }
  const added = ctx.state.addRule({
    orgId,
    subjectKind: subject.kind,
    subjectId: subject.id,
    roleId: role.id,
    scopeKind: scope.kind,
    scopeId: scope.id,
    createdAt: ctx.state.stamp(ctx.now),
  });
  // A role in the org makes a user one of its users.
  if (added && subject.kind === 'iam:user')
    ctx.state.addMember(orgId, {userId: subject.id, accessSource: 'org_member'});
  return noContent();
}

function revoke(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const body = objectBody(ctx);
  const role = resolveRole(body.role, true);
  const subject = resolveSubject(ctx, orgId, body.subject);
  const scope = resolveScope(ctx, orgId, body.scope);
  const matches = (rule: AccessRule) =>
    rule.subjectKind === subject.kind &&
    rule.subjectId === subject.id &&
    rule.scopeKind === scope.kind &&
    rule.scopeId === scope.id &&
    (role === 'all' || rule.roleId === role.id);
  // [I] An org keeps at least one owner: revoking the last org_owner rule is refused.
  const owner = roleByName('org_owner')!;
  const isOwnerRule = (rule: AccessRule) =>
    rule.roleId === owner.id && rule.scopeKind === 'iam:org';
  const owners = ctx.state.rulesIn(orgId).filter(isOwnerRule);
  if (owners.length > 0 && owners.every(matches)) {
    throw badRequest(
      `org ${orgId} must keep at least one org_owner; grant org_owner to someone else first`,
    );
  }
  ctx.state.removeRules(orgId, matches);
  return noContent();
}

/**
 * The list, filtered with `subjectRef|scopeRef|roleName eq '…'` joined by `and` (API.md §4.5).
 * [I] "If the filter expression does not include any scope, the default scope is the
 * organization": without scopeRef only org-scope rules are listed, unless
 * `forms.projectRulesInList` answers as the SPEC example does (every rule, §12.7).
 */
function list(ctx: Ctx) {
  const orgId = intParam(ctx, 'orgId');
  const extended = enumQuery(ctx, 'view', ['default', 'extended']) === 'extended';
  const filter = ctx.url.searchParams.get('filter');
  const tests: Array<(rule: AccessRule) => boolean> = [];
  let scoped = false;
  if (filter !== null) {
    for (const term of andTerms(parseFilter(filter))) {
      if (term.op !== 'eq') throw badRequest(`filter: ${term.field} supports only the eq operator`);
      if (term.field === 'subjectRef') {
        const ref = refOf(ctx, term.value, 'filter subjectRef');
        tests.push((rule) => rule.subjectKind === ref.kind && rule.subjectId === ref.id);
      } else if (term.field === 'scopeRef') {
        const scope = scopeFromRef(ctx, orgId, refOf(ctx, term.value, 'filter scopeRef'));
        scoped = true;
        tests.push((rule) => rule.scopeKind === scope.kind && rule.scopeId === scope.id);
      } else if (term.field === 'roleName') {
        tests.push((rule) => roleById(rule.roleId)?.name === term.value);
      } else {
        throw badRequest(
          `filter: unknown field "${term.field}" (use subjectRef, scopeRef or roleName)`,
        );
      }
    }
  }
  const {projectRulesInList, specExampleRules} = ctx.core.forms;
  if (!scoped && !projectRulesInList) tests.push((rule) => rule.scopeKind === 'iam:org');
  const values = ctx.state
    .rulesIn(orgId)
    .filter((rule) => tests.every((test) => test(rule)))
    .map((rule) => accessRuleView(ctx.state, rule, extended))
    .map((view) => (specExampleRules ? specExampleForm(view) : view));
  return json({kind: 'iam:access-rule-list', values});
}

/** The SPEC example's form (API.md §12.7): ids as strings, refs without the `ref:` prefix. */
function specExampleForm(view: ReturnType<typeof accessRuleView>) {
  const part = (object: Record<string, unknown>) => ({
    ...object,
    ...(object.id !== undefined ? {id: String(object.id)} : {}),
    ...(typeof object.ref === 'string' ? {ref: object.ref.replace(/^ref:/, '')} : {}),
  });
  return {...view, role: part(view.role), scope: part(view.scope), subject: part(view.subject)};
}

const BASE = '/iam/v1/orgs/{orgId}/access-rules';

export const accessRuleRoutes: Route[] = [
  {method: 'GET', path: BASE, privilege: PRIVILEGE.accessRuleIndex, handler: list},
  {method: 'PUT', path: `${BASE}/grant`, privilege: PRIVILEGE.accessRuleGrant, handler: grant},
  {method: 'PUT', path: `${BASE}/revoke`, privilege: PRIVILEGE.accessRuleRevoke, handler: revoke},
];
