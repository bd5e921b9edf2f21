import {formatRef} from './refs.js';
import type {RoleDef} from './roles.js';
import {ROLES_CREATED_AT, roleById} from './roles.js';
import type {
  AccessRule,
  Client,
  Org,
  Project,
  RefreshTokenRecord,
  ServiceAccount,
  User,
  ZoneState,
} from './state.js';
import {timestamp} from './time.js';

/** How each resource is written on the wire: kinds and refs exactly as API.md §6 shows them. */

export function orgView(org: Org) {
  return {
    id: org.id,
    kind: 'iam#org',
    name: org.name,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
    ...(org.partnerId ? {partnerId: org.partnerId} : {}),
    subdomains: org.subdomain ? [{kind: 'iam#subdomain', name: org.subdomain}] : [],
  };
}

/** An entry of GET /users/{id}/orgs (SPEC 1.1.0 kind `iam:user-org`). */
export function userOrgView(state: ZoneState, org: Org) {
  return {
    id: org.id,
    kind: 'iam:user-org',
    name: org.name,
    ref: formatRef(state.refZone, undefined, 'iam:org', org.id),
  };
}

/** Legacy kind and ref on the object itself (API.md §6.2, as the article shows). */
export function serviceAccountView(sa: ServiceAccount) {
  return {
    id: sa.id,
    name: sa.name,
    ...(sa.description !== undefined ? {description: sa.description} : {}),
    createdBy: sa.createdBy,
    createdAt: sa.createdAt,
    updatedAt: sa.updatedAt,
    kind: 'iam#service-account',
    ref: `iam#service-account:${sa.id}`,
  };
}

/** [I] API.md §6.3: list and show never carry the secret; only the create answer adds it. */
export function clientView(client: Client) {
  return {
    clientId: client.clientId,
    createdBy: client.createdBy,
    createdAt: client.createdAt,
    kind: 'iam#service-account-client',
  };
}

/** [?] API.md §6.4: what view=index|extended change is unknown; [I] every view gets the full object. */
export function roleView(role: RoleDef) {
  return {
    id: role.id,
    kind: 'iam#role',
    name: role.name,
    displayName: role.displayName,
    category: role.category,
    capability: role.capability,
    description: role.description,
    privileges: [...role.privileges],
    scopes: role.scopes.map((name) => ({name})),
    createdAt: ROLES_CREATED_AT,
  };
}

export function userView(state: ZoneState, orgId: number, user: User, nowMs: number) {
  const membership = state.members.get(orgId)?.get(user.id);
  const accessSource = membership?.accessSource ?? 'org_member';
  return {
    id: user.id,
    kind: 'iam#user',
    ref: `iam#user:${user.id}`,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    ...(user.lastUILogin ? {lastUILogin: user.lastUILogin} : {}),
    ...(user.lastAPILogin ? {lastAPILogin: user.lastAPILogin} : {}),
    ...(membership?.lastActivity ? {lastActivity: membership.lastActivity} : {}),
    hasActiveRefreshToken: state.activeRefreshTokens(user.id, nowMs).length > 0,
    status: user.status,
    accessSource,
    accessSourceDisplayName:
      accessSource === 'org_member' ? 'Org Membership' : 'Access Policy – External',
  };
}

/**
 * An access rule as GET /access-rules writes it. [?] API.md §4.6 / §10: the SPEC example drops the
 * `ref:` prefix and quotes ids; the schema says integers. [I] The emulator's one choice: integer
 * ids and `ref:`-prefixed new-style refs (`ref:nam:1105::iam:service-account:2263`,
 * `ref:nam:::iam:user:121456`, `ref:nam:::iam:org:1105`, `ref:nam:1105::iam:project:2345`).
 */
export function accessRuleView(state: ZoneState, rule: AccessRule, extended: boolean) {
  const role = roleById(rule.roleId);
  const zone = state.refZone;
  const subjectOrg = rule.subjectKind === 'iam:user' ? undefined : rule.orgId;
  const subject: Record<string, unknown> = {
    id: rule.subjectId,
    kind: rule.subjectKind,
    ref: formatRef(zone, subjectOrg, rule.subjectKind, rule.subjectId),
  };
  if (extended) {
    if (rule.subjectKind === 'iam:user') {
      const user = state.users.get(rule.subjectId);
      if (user)
        Object.assign(subject, {
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
        });
    } else if (rule.subjectKind === 'iam:service-account') {
      // [I] SPEC names `name` for groups; the emulator gives service accounts their name too.
      const sa = state.serviceAccounts.get(rule.subjectId);
      if (sa) subject.name = sa.name;
    }
  }
  return {
    kind: 'iam:access-rule',
    createdAt: rule.createdAt,
    role: {
      id: rule.roleId,
      kind: 'iam:role',
      name: role?.name ?? 'unknown',
      displayName: role?.displayName ?? '',
      category: role?.category ?? '',
    },
    scope: {
      id: rule.scopeId,
      kind: rule.scopeKind,
      ref: formatRef(
        zone,
        rule.scopeKind === 'iam:org' ? undefined : rule.orgId,
        rule.scopeKind,
        rule.scopeId,
      ),
    },
    subject,
  };
}

export function projectView(state: ZoneState, project: Project, apiOrigin: string) {
  return {
    id: project.id,
    kind: 'iam:project',
    name: project.name,
    ref: formatRef(state.refZone, project.orgId, 'iam:project', project.id),
    accountUrl: `${apiOrigin}/api/accounts/${project.id}`,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
}

export function refreshTokenView(record: RefreshTokenRecord) {
  return {
    kind: 'iam#refresh-token',
    id: record.id,
    createdAt: timestamp(record.createdAt),
    expiresAt: timestamp(record.expiresAt),
    isDeletable: true,
  };
}
