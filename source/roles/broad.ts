/**
 * Which roles are "broad" (flagged, and granting one needs a second confirmation) and which a
 * service account may not hold at all.
 *
 * THE RULE (one place): a role is broad when any of these holds, checked in this order
 *   1. it is one of the org-wide administration roles Flexera documents (BROAD_ROLE_NAMES:
 *      org_owner, iam_admin, admin, enterprise_manager — API.md §6.4, §7);
 *   2. it holds the owner catch-all `common:org:own` or a privilege with a `*` segment (`*:*:*`);
 *   3. it can change who has access (`iam:access_rule:grant`: whoever holds it can grant any
 *      role, itself included);
 *   4. it is wide: at least BROAD_PRIVILEGE_COUNT privileges, or privileges in at least
 *      BROAD_SUITE_COUNT suites (capabilities).
 */
import {privilegeSegments, privilegeSuites, roleGrants} from './privileges.js';
import type {RoleInfo} from './types.js';

const BROAD_ROLE_NAMES: ReadonlySet<string> = new Set([
  'org_owner',
  'iam_admin',
  'admin',
  'enterprise_manager',
]);
export const BROAD_PRIVILEGE_COUNT = 20;
const BROAD_SUITE_COUNT = 3;

const OWNER_PRIVILEGE = 'common:org:own';
const GRANT_PRIVILEGE = 'iam:access_rule:grant';

/** Why a role is broad, in a short phrase; undefined when it is not. */
export function broadReason(role: RoleInfo): string | undefined {
  const privileges = role.privileges ?? [];
  if (BROAD_ROLE_NAMES.has(role.name)) {
    return role.name === 'org_owner'
      ? 'full control of the organization'
      : role.name === 'iam_admin'
        ? 'administers users, service accounts and access rules of the whole organization'
        : 'administers the cloud accounts of the whole organization';
  }
  if (privileges.some((p) => p.trim().toLowerCase() === OWNER_PRIVILEGE)) {
    return `holds ${OWNER_PRIVILEGE}, the owner catch-all`;
  }
  const wildcard = privileges.find((p) => privilegeSegments(p).includes('*'));
  if (wildcard !== undefined) return `holds the wildcard privilege ${wildcard}`;
  if (roleGrants(role, GRANT_PRIVILEGE)) return 'can grant any role (iam:access_rule:grant)';
  if (privileges.length >= BROAD_PRIVILEGE_COUNT) return `${privileges.length} privileges`;
  const suites = privilegeSuites(role);
  if (suites.size >= BROAD_SUITE_COUNT) {
    return `privileges in ${suites.size} capabilities (${[...suites].join(', ')})`;
  }
  return undefined;
}

export function isBroadRole(role: RoleInfo): boolean {
  return broadReason(role) !== undefined;
}

/**
 * API.md §6.2: "Service accounts cannot be granted the org owner role, or any superuser-type
 * role". [I] "Superuser-type" is read as: org_owner, or any role holding the owner catch-all
 * `common:org:own` or the all-wildcard `*:*:*`.
 */
export function isSuperuserRole(role: RoleInfo): boolean {
  if (role.name === 'org_owner') return true;
  return (role.privileges ?? []).some((p) => {
    const text = p.trim().toLowerCase();
    return text === OWNER_PRIVILEGE || text === '*:*:*';
  });
}

export const SERVICE_ACCOUNT_REFUSAL =
  'Service accounts cannot be granted org_owner or any superuser-type role (Flexera IAM rule for service accounts).';

/** Why this role cannot be granted to a service account; undefined when it can. */
export function serviceAccountRefusal(role: RoleInfo): string | undefined {
  if (!isSuperuserRole(role)) return undefined;
  return role.name === 'org_owner'
    ? SERVICE_ACCOUNT_REFUSAL
    : `${role.name} is a superuser-type role. ${SERVICE_ACCOUNT_REFUSAL}`;
}
