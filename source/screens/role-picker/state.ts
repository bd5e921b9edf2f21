/**
 * The role picker's state: which stage is showing, the scope being edited, the user's edits
 * (per grant: wanted or not, only where it differs from what the account held when toggled),
 * the filter, and a transient notice. A reducer, so keys that arrive before a re-render still
 * act on the latest state.
 */
import {grantKey, ORG_SCOPE, sameScope, type Grant, type RoleScope} from '../../roles/index.js';
import {editQuery, type QueryEdit} from '../shared/query-edit.js';

export type Stage = 'pick' | 'scope' | 'discard' | 'preview' | 'curl' | 'broad' | 'applying';

interface Edit {
  readonly grant: Grant;
  readonly wanted: boolean;
}

export interface Notice {
  readonly text: string;
  readonly tone: 'warning' | 'info';
}

export interface PickerState {
  readonly stage: Stage;
  readonly scope: RoleScope;
  /** grantKey → the user's choice. */
  readonly edits: ReadonlyMap<string, Edit>;
  readonly query: string;
  readonly typing: boolean;
  readonly showPrivileges: boolean;
  /** The role focused in the list (kept when the list is remounted). */
  readonly focused?: string;
  readonly notice?: Notice;
}

export type PickerAction =
  | {type: 'toggle'; roleName: string; held: boolean; refusal?: string}
  | {type: 'stage'; stage: Stage}
  | {type: 'scope'; scope: RoleScope}
  | {type: 'focus'; roleName: string | undefined}
  | {type: 'filter-start'}
  | {type: 'filter-edit'; edit: QueryEdit}
  | {type: 'filter-clear'}
  | {type: 'privileges'}
  | {type: 'notice'; notice: Notice | undefined}
  /** The changes were sent: only the edits of failed changes (grantKeys) stay, to retry. */
  | {type: 'applied'; keep: readonly string[]};

export const initialPickerState: PickerState = {
  stage: 'pick',
  scope: ORG_SCOPE,
  edits: new Map(),
  query: '',
  typing: false,
  showPrivileges: false,
};

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'toggle': {
      const grant: Grant = {roleName: action.roleName, scope: state.scope};
      const key = grantKey(grant);
      const now = state.edits.get(key)?.wanted ?? action.held;
      const next = !now;
      if (next && action.refusal !== undefined) {
        return {...state, notice: {text: action.refusal, tone: 'warning'}};
      }
      const edits = new Map(state.edits);
      if (next === action.held) edits.delete(key);
      else edits.set(key, {grant, wanted: next});
      return {...state, edits, notice: undefined};
    }
    case 'stage':
      return state.stage === action.stage
        ? state
        : {...state, stage: action.stage, notice: undefined};
    case 'scope':
      return {
        ...state,
        stage: 'pick',
        notice: undefined,
        scope: action.scope,
        // Another scope: the cursor starts at the top again.
        focused: sameScope(action.scope, state.scope) ? state.focused : undefined,
      };
    case 'focus':
      return state.focused === action.roleName ? state : {...state, focused: action.roleName};
    case 'filter-start':
      return {...state, typing: true, notice: undefined};
    // A new query puts the cursor on its first match (focused: undefined); clearing the filter
    // keeps the focused role focused in the whole list.
    case 'filter-edit':
      return editQuery(state, action.edit);
    case 'filter-clear':
      return {...state, typing: false, query: ''};
    case 'privileges':
      return {...state, showPrivileges: !state.showPrivileges};
    case 'notice':
      return {...state, notice: action.notice};
    case 'applied': {
      const keep = new Set(action.keep);
      return {...state, edits: new Map([...state.edits].filter(([key]) => keep.has(key)))};
    }
  }
}

/** Whether the role is checked in the current scope: the user's edit, else what is held. */
export function isChecked(
  state: Pick<PickerState, 'scope' | 'edits'>,
  roleName: string,
  held: boolean,
): boolean {
  return state.edits.get(grantKey({roleName, scope: state.scope}))?.wanted ?? held;
}

/** The scopes with edits (the current one first), without repeats. */
export function scopesInPlay(state: Pick<PickerState, 'scope' | 'edits'>): RoleScope[] {
  const out: RoleScope[] = [state.scope];
  for (const edit of state.edits.values()) {
    if (!out.some((scope) => sameScope(scope, edit.grant.scope))) out.push(edit.grant.scope);
  }
  return out;
}
