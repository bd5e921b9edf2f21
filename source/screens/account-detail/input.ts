/** The account detail's keys: the footer, the help, and what each key does. */
import type {Dispatch} from 'react';
import type {Route} from '../../navigation.js';
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
import {OPEN_ACTIVITY} from '../activity/keys.js';
import {useRefreshKey} from '../shared/index.js';
import type {AccountDetailAction} from './state.js';

export const ACCOUNT_DETAIL_ACTIONS = defineActions({
  roles: {
    keys: ['a'],
    label: 'a',
    hint: 'roles',
    description: 'Assign roles: grant or revoke (the role picker)',
  },
  // m as on the Clients screen, where the minting happens; here it opens that screen.
  clients: {
    keys: SCREEN_ACTIONS.mint.keys,
    label: SCREEN_ACTIONS.mint.label,
    hint: 'clients',
    description: 'Clients: open its clients, to mint, verify or delete one',
  },
  activity: OPEN_ACTIVITY,
  rotate: {
    keys: ['t'],
    label: 't',
    hint: 'rotate',
    description: 'Rotate its credentials without downtime (mint, switch, retire the old client)',
  },
  curl: relabel(SCREEN_ACTIONS.curl, 'curl', 'Show the curl commands that read this account'),
});
const KEYS = {
  ...ACCOUNT_DETAIL_ACTIONS,
  edit: relabel(COMMON_ACTIONS.edit, COMMON_ACTIONS.edit.hint, 'Edit its name or description'),
  delete: relabel(
    COMMON_ACTIONS.delete,
    COMMON_ACTIONS.delete.hint,
    'Delete it (type its name; its clients stop working)',
  ),
};
export const HELP = {...KEYS, refresh: GLOBAL_ACTIONS.refresh};
export const HINTS: readonly KeyBinding[] = [
  ACCOUNT_DETAIL_ACTIONS.roles,
  ACCOUNT_DETAIL_ACTIONS.clients,
  ACCOUNT_DETAIL_ACTIONS.rotate,
  KEYS.edit,
  KEYS.delete,
];
export const CLOSE_HINTS: readonly KeyBinding[] = [GLOBAL_ACTIONS.back];

const ROUTES = {
  roles: 'roles',
  clients: 'clients',
  rotate: 'rotate',
  activity: 'activity',
} as const;

export interface AccountDetailInputOptions {
  readonly dispatch: Dispatch<AccountDetailAction>;
  /** The account's own keys (none while a form, dialog or the curl view is open). */
  readonly isActive: boolean;
  /** The account was read: there is something to edit, delete, or open. */
  readonly loaded: boolean;
  /** Opens a screen of this account (roles, clients, rotate, activity). */
  readonly open: (
    name: Extract<Route['name'], 'roles' | 'clients' | 'rotate' | 'activity'>,
  ) => void;
  /** Before the edit form opens: forget the last save's error. */
  readonly resetEdit: () => void;
  readonly refetch: () => unknown;
}

export function useAccountDetailInput(options: AccountDetailInputOptions): void {
  const {dispatch} = options;
  useRefreshKey(() => {
    dispatch({type: 'clear-notice'});
    return options.refetch();
  }, options.isActive);
  useKeys(
    (input, key) => {
      const action = matchAction(input, key, KEYS);
      if (action === undefined) return false;
      if (action === 'curl') {
        dispatch({type: 'open', mode: 'curl'});
        return true;
      }
      if (!options.loaded) return false;
      switch (action) {
        case 'roles':
        case 'clients':
        case 'rotate':
        case 'activity':
          dispatch({type: 'clear-notice'});
          options.open(ROUTES[action]);
          break;
        case 'edit':
          options.resetEdit();
          dispatch({type: 'open', mode: 'edit'});
          break;
        case 'delete':
          dispatch({type: 'open', mode: 'delete'});
          break;
      }
      return true;
    },
    {
      priority: Priority.Normal,
      isActive: options.isActive,
      keys: options.loaded ? KEYS : [KEYS.curl],
    },
  );
}
