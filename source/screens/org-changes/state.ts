/**
 * The org-changes screen's state: which kind of change is shown, the overlay, a notice (an
 * account that no longer exists). A reducer, so keys act on the latest state.
 */
import type {ChangeKind, OrgChange} from '../../events/changes.js';

const CHANGE_GROUPS = ['all', 'accounts', 'roles', 'clients and secrets'] as const;
export type ChangeGroup = (typeof CHANGE_GROUPS)[number];

const GROUP_OF: Record<ChangeKind, Exclude<ChangeGroup, 'all'>> = {
  'account-created': 'accounts',
  'account-edited': 'accounts',
  'account-deleted': 'accounts',
  'role-granted': 'roles',
  'role-revoked': 'roles',
  'client-minted': 'clients and secrets',
  'client-deleted': 'clients and secrets',
  'secret-added': 'clients and secrets',
  'secret-deleted': 'clients and secrets',
};

export interface ChangesState {
  readonly group: ChangeGroup;
  readonly overlay: 'none' | 'curl';
  readonly filtering: boolean;
  readonly notice?: string;
}

export type ChangesAction =
  | {type: 'cycle-group'}
  | {type: 'curl'; open: boolean}
  | {type: 'filtering'; on: boolean}
  | {type: 'notice'; text: string | undefined};

export const initialChangesState: ChangesState = {group: 'all', overlay: 'none', filtering: false};

export function changesReducer(state: ChangesState, action: ChangesAction): ChangesState {
  switch (action.type) {
    case 'cycle-group': {
      const next = (CHANGE_GROUPS.indexOf(state.group) + 1) % CHANGE_GROUPS.length;
      return {...state, group: CHANGE_GROUPS[next]!, notice: undefined};
    }
    case 'curl':
      return {...state, overlay: action.open ? 'curl' : 'none'};
    case 'filtering':
      return state.filtering === action.on ? state : {...state, filtering: action.on};
    case 'notice':
      return {...state, notice: action.text};
  }
}

export function selectChanges(
  changes: readonly OrgChange[],
  group: ChangeGroup,
): readonly OrgChange[] {
  return group === 'all' ? changes : changes.filter((change) => GROUP_OF[change.kind] === group);
}
