/**
 * The role catalogue as people read it: grouped by category, each role named by its display
 * name and its API name.
 */
import type {RoleInfo} from './types.js';

/**
 * [I] API.md §6.4: older answers have no `category` (KB). Such roles are grouped under their
 * capability ("iam"), else under "Other".
 */
export function roleCategory(role: RoleInfo): string {
  const category = role.category?.trim();
  if (category) return category;
  const capability = role.capability?.trim();
  return capability ? capability : 'Other';
}

/** "Administer organization (iam_admin)", or just the name when there is no display name. */
export function roleLabel(role: RoleInfo): string {
  const display = role.displayName?.trim();
  return display && display !== role.name ? `${display} (${role.name})` : role.name;
}

export interface RoleGroup<R extends RoleInfo> {
  readonly category: string;
  readonly roles: readonly R[];
}

/**
 * Roles grouped by category: groups in the order their category first appears in the catalogue,
 * roles in catalogue order within a group (the server's order is Flexera's own).
 */
export function groupByCategory<R extends RoleInfo>(roles: readonly R[]): RoleGroup<R>[] {
  const groups = new Map<string, R[]>();
  for (const role of roles) {
    const category = roleCategory(role);
    let list = groups.get(category);
    if (!list) groups.set(category, (list = []));
    list.push(role);
  }
  return [...groups].map(([category, list]) => ({category, roles: list}));
}

/** The roles in grouped order, flat (what a list with group headers needs). */
export function orderByCategory<R extends RoleInfo>(roles: readonly R[]): R[] {
  return groupByCategory(roles).flatMap((group) => group.roles);
}

/** The first role of each name (a catalogue never repeats one; a defensive lookup). */
export function rolesByName<R extends RoleInfo>(roles: readonly R[]): Map<string, R> {
  const map = new Map<string, R>();
  for (const role of roles) if (!map.has(role.name)) map.set(role.name, role);
  return map;
}
