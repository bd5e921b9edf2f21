/**
 * The pick stage: the account's grants in the scope loading, or the roles matching the filter,
 * each with its pending change in the scope, laid out under the header, the filter line and the
 * notice (wrapped to at most two lines).
 */
import {useMemo, type Dispatch} from 'react';
import type {Role} from '../../api/schemas.js';
import {broadReason, searchRoles, serviceAccountRefusal} from '../../roles/index.js';
import {wrapNotice} from '../shared/notice-lines.js';
import {pickerLayout} from './layout.js';
import {RoleListView, type RoleRow} from './role-list.js';
import {isChecked, type PickerAction, type PickerState} from './state.js';
import {GrantsLoading} from './views.js';

/** API.md §12.5: a role of a capability the org lacks cannot be granted there. */
function capabilityRefusal(roleName: string, capability: string, orgName: string): string {
  return `${roleName} cannot be granted: it needs the ${capability} capability, which ${orgName} does not have.`;
}

export function PickStage(props: {
  readonly state: PickerState;
  readonly dispatch: Dispatch<PickerAction>;
  readonly header: string;
  readonly account: string;
  /** The account's grants in the scope. */
  readonly grants: {data: unknown; isError: boolean; error: unknown};
  /** Every role of the org, in category order. */
  readonly catalogue: readonly Role[];
  /** The roles the account holds in the scope. */
  readonly heldHere: ReadonlySet<string>;
  /** Whether the org has a capability; undefined while unknown (then nothing is marked). */
  readonly hasCapability: (capability: string) => boolean | undefined;
  readonly orgName: string;
  readonly pending: number;
  readonly width: number;
  readonly height: number;
  readonly onToggle: (row: RoleRow) => void;
}) {
  const {state, catalogue, heldHere, width, header, hasCapability, orgName} = props;
  const {query, typing, scope, edits} = state;
  const rows: RoleRow[] = useMemo(
    () =>
      searchRoles(catalogue, query).map((role) => {
        const isHeld = heldHere.has(role.name);
        const checked = isChecked({scope, edits}, role.name, isHeld);
        // Unknown capabilities (not read yet, or unreadable) mark nothing: the server decides.
        const missing =
          role.capability !== undefined && hasCapability(role.capability) === false
            ? role.capability
            : undefined;
        return {
          role,
          change: checked === isHeld ? undefined : checked ? 'grant' : 'revoke',
          broad: broadReason(role),
          missingCapability: missing,
          refusal:
            missing !== undefined
              ? capabilityRefusal(role.name, missing, orgName)
              : serviceAccountRefusal(role),
        } satisfies RoleRow;
      }),
    [catalogue, query, heldHere, scope, edits, hasCapability, orgName],
  );
  const checked = useMemo(
    () =>
      new Set(
        catalogue
          .filter((role) => isChecked({scope, edits}, role.name, heldHere.has(role.name)))
          .map((role) => role.name),
      ),
    [catalogue, scope, edits, heldHere],
  );
  if (props.grants.data === undefined) {
    return (
      <GrantsLoading header={header} account={props.account} query={props.grants} width={width} />
    );
  }
  const noticeLines = wrapNotice(state.notice, width);
  const layout = pickerLayout({
    rows: props.height,
    filterLine: typing || query !== '',
    noticeLines: noticeLines.length,
    showPrivileges: state.showPrivileges,
  });
  const focused = rows.find((row) => row.role.name === state.focused) ?? rows[0];
  return (
    <RoleListView
      rows={rows}
      totalRoles={catalogue.length}
      checked={checked}
      header={header}
      pending={props.pending}
      query={query}
      typing={typing}
      notice={state.notice}
      noticeLines={noticeLines}
      layout={layout}
      showPrivileges={state.showPrivileges}
      focused={focused}
      initialFocusKey={focused?.role.name}
      width={width}
      isActive={!typing}
      onToggle={props.onToggle}
      onFocusChange={(row) => props.dispatch({type: 'focus', roleName: row?.role.name})}
    />
  );
}
