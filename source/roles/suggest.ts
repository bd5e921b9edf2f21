/**
 * Least-privilege helpers: which roles grant a privilege (narrowest first), the smallest set of
 * roles that covers a list of needed privileges, and narrower alternatives to a broad role.
 * "Narrow" = not broad (broad.ts), then fewer privileges, then catalogue order.
 */
import {isBroadRole, isSuperuserRole} from './broad.js';
import {privilegeCovers, roleGrants} from './privileges.js';
import type {RoleInfo} from './types.js';

function narrowestFirst<R extends RoleInfo>(roles: readonly R[]): R[] {
  return roles
    .map((role, index) => ({role, index, broad: isBroadRole(role) ? 1 : 0}))
    .sort(
      (a, b) =>
        a.broad - b.broad ||
        (a.role.privileges?.length ?? 0) - (b.role.privileges?.length ?? 0) ||
        a.index - b.index,
    )
    .map(({role}) => role);
}

/** Roles that grant the privilege, narrowest first (superuser-type roles left out). */
export function rolesGranting<R extends RoleInfo>(roles: readonly R[], privilege: string): R[] {
  return narrowestFirst(
    roles.filter((role) => !isSuperuserRole(role) && roleGrants(role, privilege)),
  );
}

export interface Suggestion<R extends RoleInfo> {
  /** The roles to grant, in the order chosen. */
  readonly roles: R[];
  /** Needed privileges no grantable role covers. */
  readonly uncovered: string[];
}

/**
 * A small set of roles covering every needed privilege (greedy set cover): each step takes the
 * role covering the most still-uncovered privileges, ties to the narrowest. Superuser-type roles
 * (not grantable to service accounts) are never suggested; broad roles only when nothing else
 * covers a privilege.
 */
export function suggestRoles<R extends RoleInfo>(
  roles: readonly R[],
  needed: readonly string[],
): Suggestion<R> {
  let left = [...new Set(needed.map((p) => p.trim()).filter((p) => p !== ''))];
  const candidates = narrowestFirst(roles.filter((role) => !isSuperuserRole(role)));
  const chosen: R[] = [];
  for (const broadAllowed of [false, true]) {
    for (;;) {
      let best: R | undefined;
      let bestCount = 0;
      for (const role of candidates) {
        if (chosen.includes(role) || (!broadAllowed && isBroadRole(role))) continue;
        const count = left.filter((p) => roleGrants(role, p)).length;
        if (count > bestCount) {
          best = role;
          bestCount = count;
        }
      }
      if (!best) break;
      chosen.push(best);
      const picked = best;
      left = left.filter((p) => !roleGrants(picked, p));
    }
  }
  return {roles: chosen, uncovered: left};
}

/**
 * Non-broad roles whose every privilege the given role also holds (so each does part of its job
 * with less), largest first, at most `limit`.
 */
export function narrowerRoles<R extends RoleInfo>(
  role: RoleInfo,
  roles: readonly R[],
  limit = 3,
): R[] {
  const held = role.privileges ?? [];
  return roles
    .filter(
      (other) =>
        other.name !== role.name &&
        !isBroadRole(other) &&
        (other.privileges?.length ?? 0) > 0 &&
        (other.privileges ?? []).every((p) => held.some((h) => privilegeCovers(h, p))),
    )
    .map((other, index) => ({other, index}))
    .sort(
      (a, b) =>
        (b.other.privileges?.length ?? 0) - (a.other.privileges?.length ?? 0) || a.index - b.index,
    )
    .slice(0, limit)
    .map(({other}) => other);
}
