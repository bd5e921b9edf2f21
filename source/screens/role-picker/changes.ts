/** What the role picker would send: the pending changes, and how broad grants are explained. Pure. */
import type {Role} from '../../api/schemas.js';
import {curlFor, type CurlCommand, type CurlEndpoints} from '../../curl/index.js';
import type {RoleChange} from '../../hooks/mutations.js';
import {
  broadReason,
  diffGrants,
  narrowerRoles,
  sameScope,
  type Grant,
  type RoleScope,
} from '../../roles/index.js';
import type {PickerState} from './state.js';

/** The account's grants, by scope, as far as they are loaded. */
export type HeldByScope = ReadonlyArray<{scope: RoleScope; names: readonly string[] | undefined}>;

/**
 * The diff between what the account holds and what the edits want, across every scope with
 * edits. Grants are listed in catalogue order, so the preview reads like the list.
 */
export function pendingChanges(
  state: Pick<PickerState, 'edits'>,
  held: HeldByScope,
  catalogue: readonly Role[],
  orgId: number,
): RoleChange[] {
  const order = new Map(catalogue.map((role, index) => [role.name, index]));
  const byCatalogue = (a: Grant, b: Grant) =>
    (order.get(a.roleName) ?? Infinity) - (order.get(b.roleName) ?? Infinity);
  const current: Grant[] = [];
  const wanted: Grant[] = [];
  for (const {scope, names} of held) {
    const edits = [...state.edits.values()].filter((edit) => sameScope(edit.grant.scope, scope));
    // Not loaded (yet): an edit exists only where it differed from what was held when toggled.
    const heldNames = new Set(
      names ?? edits.filter((edit) => !edit.wanted).map((edit) => edit.grant.roleName),
    );
    const wantNames = new Set(heldNames);
    for (const edit of edits) {
      if (edit.wanted) wantNames.add(edit.grant.roleName);
      else wantNames.delete(edit.grant.roleName);
    }
    current.push(...[...heldNames].map((roleName) => ({roleName, scope})).sort(byCatalogue));
    wanted.push(...[...wantNames].map((roleName) => ({roleName, scope})).sort(byCatalogue));
  }
  return diffGrants(current, wanted, orgId);
}

export function broadOf(role: Role | undefined): string | undefined {
  return role ? broadReason(role) : undefined;
}

/** One line per broad role (at most 3), then narrower roles for the first one, if any. */
export function broadDialogBody(
  broad: readonly RoleChange[],
  byName: ReadonlyMap<string, Role>,
  catalogue: readonly Role[],
): string[] {
  const lines = broad.slice(0, 3).map((change) => {
    const role = byName.get(change.roleName);
    return `${change.roleName}${role?.displayName ? ` (${role.displayName})` : ''}: ${broadOf(role) ?? 'broad'}.`;
  });
  if (broad.length > 3) lines.push(`…and ${broad.length - 3} more.`);
  const first = byName.get(broad[0]?.roleName ?? '');
  const narrower = first ? narrowerRoles(first, catalogue) : [];
  if (narrower.length > 0) {
    lines.push(
      `If it only needs part of that: ${narrower.map((role) => role.name).join(', ')} grant less.`,
    );
  }
  return lines;
}

/** Each change as the curl command that makes it. */
export function changeCurls(
  endpoints: CurlEndpoints,
  orgId: number,
  subjectRef: string,
  changes: readonly RoleChange[],
): CurlCommand[] {
  return changes.map((change) =>
    curlFor(endpoints, {
      kind: change.action === 'grant' ? 'grant-role' : 'revoke-role',
      orgId,
      role: {name: change.roleName},
      subjectRef,
      ...(change.scopeRef === undefined ? {} : {scopeRef: change.scopeRef}),
    }),
  );
}
