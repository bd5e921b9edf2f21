/**
 * Privilege strings are `<suite>:<resource>:<action>` (API.md §7). A role may hold a pattern with
 * `*` segments (`cm:*:*`, `*:*:*`); a pattern covers a privilege segment by segment.
 */
import type {RoleInfo} from './types.js';

export function privilegeSegments(privilege: string): string[] {
  return privilege.trim().toLowerCase().split(':');
}

/** Whether a held privilege (possibly with `*` segments) covers a wanted one. */
export function privilegeCovers(held: string, wanted: string): boolean {
  const h = privilegeSegments(held);
  const w = privilegeSegments(wanted);
  if (h.length !== w.length) return false;
  return h.every((segment, i) => segment === '*' || segment === w[i]);
}

/** Whether the role holds `privilege` (exactly or through a wildcard). */
export function roleGrants(role: RoleInfo, privilege: string): boolean {
  return (role.privileges ?? []).some((held) => privilegeCovers(held, privilege));
}

/** The distinct suites (`iam`, `cm`, `optima` …) a role's privileges touch. */
export function privilegeSuites(role: RoleInfo): Set<string> {
  return new Set((role.privileges ?? []).map((p) => privilegeSegments(p)[0] ?? ''));
}
