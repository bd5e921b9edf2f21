/** The Clients screen's keys: which exist, what the footer and help show, what each one does. */
import type {Dispatch} from 'react';
// [C] API.md §6.3, "at most 2 clients per service account": the one constant lives in limits.ts.
import {MAX_CLIENTS_PER_SERVICE_ACCOUNT} from '../../limits.js';
import {Priority, useKeys} from '../../ui/index.js';
import {
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  matchAction,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import {HANDOFF_HELP} from '../credentials/index.js';
import {useRefreshKey} from '../shared/index.js';
import type {ClientsAction, ClientsState} from './state.js';

export const CLIENT_MINT_ACTIONS = defineActions({
  deleteClient: {
    keys: ['x'],
    label: 'x',
    hint: 'delete',
    description:
      'Delete (revoke) the selected client, after asking: applications using it stop working',
  },
});

const SCREEN_KEYS = {
  mint: SCREEN_ACTIONS.mint,
  verify: SCREEN_ACTIONS.verify,
  curl: SCREEN_ACTIONS.curl,
  deleteClient: CLIENT_MINT_ACTIONS.deleteClient,
  back: GLOBAL_ACTIONS.back,
};
const CURL_KEY = {curl: SCREEN_ACTIONS.curl};

export const LIST_HINTS = [
  SCREEN_ACTIONS.mint,
  CLIENT_MINT_ACTIONS.deleteClient,
  SCREEN_ACTIONS.curl,
  GLOBAL_ACTIONS.refresh,
];
export const MINTED_HINTS = [
  SCREEN_ACTIONS.reveal,
  SCREEN_ACTIONS.copy,
  SCREEN_ACTIONS.write,
  SCREEN_ACTIONS.verify,
  SCREEN_ACTIONS.curl,
];
export const HELP = [
  SCREEN_ACTIONS.mint,
  CLIENT_MINT_ACTIONS.deleteClient,
  SCREEN_ACTIONS.curl,
  GLOBAL_ACTIONS.refresh,
  ...HANDOFF_HELP,
  SCREEN_ACTIONS.verify,
  relabel(
    GLOBAL_ACTIONS.back,
    GLOBAL_ACTIONS.back.hint,
    'Back (asks "did you save the secret?" while it is shown)',
  ),
];

export const LIMIT_MESSAGE = `At most ${MAX_CLIENTS_PER_SERVICE_ACCOUNT} clients per service account; delete one first (${CLIENT_MINT_ACTIONS.deleteClient.label}).`;

export interface ClientsInputOptions {
  readonly state: ClientsState;
  readonly dispatch: Dispatch<ClientsAction>;
  /** A secret is held (the hand-off shows). */
  readonly minted: boolean;
  /** The hand-off gate is open: `v` verifies (the panel has the key) instead of asking. */
  readonly handedOff: boolean;
  readonly minting: boolean;
  readonly deleting: boolean;
  /** The client `x` deletes: the focused one. */
  readonly target: string | undefined;
  readonly mint: () => void;
  readonly refetch: () => unknown;
}

/** The keys the screen's handler acts on now (the footer shows only these). */
function clientsKeys(o: ClientsInputOptions): KeyBinding[] {
  const keys: KeyBinding[] = [SCREEN_KEYS.curl];
  if (o.minted || o.state.limitShown) keys.push(SCREEN_KEYS.back);
  if (!o.minted) {
    keys.push(SCREEN_KEYS.mint);
    if (o.target !== undefined) keys.push(SCREEN_KEYS.deleteClient);
  }
  return keys;
}

export function useClientsInput(options: ClientsInputOptions): void {
  const {state, dispatch, minted, minting} = options;
  const screenKeysActive =
    state.dialog === undefined && !state.curlOpen && state.handoffView === 'panel';
  useRefreshKey(options.refetch, screenKeysActive && !minted && !minting);
  useKeys(
    (input, key) => {
      const action = matchAction(input, key, SCREEN_KEYS);
      if (action === undefined) return false;
      if (minting) {
        // Leaving now would lose the secret on its way: wait for it.
        if (action === 'back') {
          dispatch({type: 'message', text: 'Minting… wait for the secret before leaving.'});
        }
        return true;
      }
      switch (action) {
        case 'curl':
          dispatch({type: 'curl', open: true});
          return true;
        case 'back':
          if (minted) dispatch({type: 'ask-leave'});
          else if (state.limitShown) dispatch({type: 'hide-limit'});
          else return false;
          return true;
        case 'verify':
          // Verifying is past the hand-off: ask first while the secret went nowhere.
          if (!minted || options.handedOff) return false;
          dispatch({type: 'ask-saved-elsewhere'});
          return true;
        case 'mint':
          if (minted) return false;
          options.mint();
          return true;
        case 'deleteClient':
          if (minted) return false;
          if (options.target === undefined) {
            dispatch({type: 'message', text: 'There is no client to delete.'});
          } else dispatch({type: 'ask-delete', clientId: options.target});
          return true;
      }
    },
    {isActive: screenKeysActive, keys: minting ? [] : clientsKeys(options)},
  );
  // `c` on the delete confirmation shows its curl command.
  useKeys(
    (input, key) => {
      if (matchAction(input, key, CURL_KEY) !== 'curl') return false;
      dispatch({type: 'curl', open: true});
      return true;
    },
    {
      isActive: state.dialog?.kind === 'delete' && !state.curlOpen && !options.deleting,
      priority: Priority.Modal + 1,
      keys: CURL_KEY,
    },
  );
}
