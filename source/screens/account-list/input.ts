/** The account list's keys: the footer, the help, and what each key does. */
import type {Dispatch} from 'react';
// [C] API.md §6.2: at most 20 service accounts per org; checked before the form opens.
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../limits.js';
import {Priority, useKeys} from '../../ui/index.js';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  matchAction,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import {OPEN_ORG_CHANGES} from '../org-changes/keys.js';
import {useRefreshKey} from '../shared/index.js';
import type {AccountListAction} from './state.js';

const ACCOUNT_LIST_ACTIONS = defineActions({
  guide: {
    keys: ['o'],
    label: 'o',
    hint: 'guided setup',
    description: 'Guided setup: create, grant roles, mint and verify, step by step',
  },
  curl: relabel(
    SCREEN_ACTIONS.curl,
    'curl',
    'Show the curl command that lists these service accounts',
  ),
  changes: OPEN_ORG_CHANGES,
  sortByUse: {
    keys: ['s'],
    label: 's',
    hint: 'sort by use',
    description: 'Sort least recently used first (never used on top), or back to the usual order',
  },
});
const KEYS = {
  new: COMMON_ACTIONS.new,
  edit: COMMON_ACTIONS.edit,
  delete: COMMON_ACTIONS.delete,
  ...ACCOUNT_LIST_ACTIONS,
};
export const HELP = {
  open: GLOBAL_ACTIONS.open,
  ...KEYS,
  filter: GLOBAL_ACTIONS.filter,
  refresh: GLOBAL_ACTIONS.refresh,
};
export const HINTS: readonly KeyBinding[] = [
  GLOBAL_ACTIONS.open,
  COMMON_ACTIONS.new,
  COMMON_ACTIONS.edit,
  COMMON_ACTIONS.delete,
  ACCOUNT_LIST_ACTIONS.sortByUse,
  ACCOUNT_LIST_ACTIONS.guide,
];
export const CLOSE_HINTS: readonly KeyBinding[] = [GLOBAL_ACTIONS.back];

export const EMPTY_ORG_HINT = `No service accounts yet — press ${ACCOUNT_LIST_ACTIONS.guide.label} for a guided setup, or ${COMMON_ACTIONS.new.label} to create one`;

export function limitMessage(count: number): string {
  return `${count} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts: an org may hold at most ${MAX_SERVICE_ACCOUNTS_PER_ORG}. Delete one (${COMMON_ACTIONS.delete.label}) before creating another; nothing was sent.`;
}

export interface AccountListInputOptions {
  readonly dispatch: Dispatch<AccountListAction>;
  /** The list has the keys (no form or dialog, the filter is not being typed). */
  readonly isActive: boolean;
  /** The accounts were read. */
  readonly loaded: boolean;
  /** Rows on screen (e and d act only on a row; `n` reads the count again itself). */
  readonly count: number;
  /** The account focused in the frame on screen (e and d act on it). */
  readonly focusedId: () => number | undefined;
  readonly openGuide: () => void;
  /** Who changed what in the org (API events). */
  readonly openChanges: () => void;
  readonly resetUpdate: () => void;
  readonly refetch: () => unknown;
}

export function useAccountListInput(o: AccountListInputOptions): void {
  const {dispatch} = o;
  useRefreshKey(() => {
    dispatch({type: 'notice', notice: undefined});
    return o.refetch();
  }, o.isActive);
  useKeys(
    (input, key) => {
      const action = matchAction(input, key, KEYS);
      switch (action) {
        case 'curl':
          dispatch({type: 'open', mode: {kind: 'curl'}, keepNotice: true});
          return true;
        case 'guide':
          o.openGuide();
          return true;
        case 'changes':
          o.openChanges();
          return true;
        case 'sortByUse':
          dispatch({type: 'toggle-sort'});
          return true;
        case undefined:
          return false;
      }
      if (!o.loaded) return false;
      if (action === 'new') {
        // Not the count on screen: it is read again first (an account made elsewhere counts).
        dispatch({type: 'open', mode: {kind: 'counting'}});
        return true;
      }
      const id = o.focusedId();
      if (id === undefined) return false;
      if (action === 'edit') {
        o.resetUpdate();
        dispatch({type: 'open', mode: {kind: 'edit', id}});
      } else dispatch({type: 'open', mode: {kind: 'delete', id}});
      return true;
    },
    {
      priority: Priority.Normal,
      isActive: o.isActive,
      keys: o.loaded
        ? [
            // At the limit `n` says why it cannot create one.
            KEYS.new,
            ...(o.count > 0 ? [KEYS.edit, KEYS.delete] : []),
            ...Object.values(ACCOUNT_LIST_ACTIONS),
          ]
        : Object.values(ACCOUNT_LIST_ACTIONS),
    },
  );
}
