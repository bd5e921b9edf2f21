/** The rotation's keys: what the footer and help show in each phase, and what each key does. */
import type {Dispatch} from 'react';
import {Priority, useKeys} from '../../ui/index.js';
import {
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  matchAction,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import {HANDOFF_HELP} from '../credentials/index.js';
import {useRefreshKey} from '../shared/index.js';
import type {RotatePhase} from './phases.js';
import type {RotateAction, RotateState} from './state.js';

const NEXT = relabel(GLOBAL_ACTIONS.open, 'next', 'Go on to the next step');
export const BACK = relabel(
  GLOBAL_ACTIONS.back,
  'back',
  'Back one step (asks first while the new secret is shown)',
);
export const TO_ACCOUNT = relabel(GLOBAL_ACTIONS.back, 'back to the account');
const CURL = relabel(SCREEN_ACTIONS.curl, 'curl', 'Show the rotation as curl commands');
const RETIRE = relabel(
  GLOBAL_ACTIONS.open,
  'retire',
  'Retire (delete) the selected client, after asking',
);

export const HINTS: Record<RotatePhase, readonly KeyBinding[]> = {
  retire: [RETIRE, CURL, BACK],
  mint: [SCREEN_ACTIONS.mint, CURL, BACK],
  handoff: [SCREEN_ACTIONS.reveal, SCREEN_ACTIONS.copy, SCREEN_ACTIONS.write, NEXT, CURL],
  verify: [SCREEN_ACTIONS.verify, NEXT, CURL, BACK],
  switch: [
    relabel(
      GLOBAL_ACTIONS.open,
      'it uses it',
      'It uses it: the application now uses the new client',
    ),
    CURL,
    BACK,
  ],
  delete: [CURL],
  done: [relabel(GLOBAL_ACTIONS.open, 'account', 'Back to the account')],
};
export const START_HINTS = [SCREEN_ACTIONS.mint, GLOBAL_ACTIONS.refresh];
export const HELP: readonly KeyBinding[] = [
  SCREEN_ACTIONS.mint,
  NEXT,
  BACK,
  CURL,
  ...HANDOFF_HELP,
  SCREEN_ACTIONS.verify,
];

const KEYS = {
  open: GLOBAL_ACTIONS.open,
  back: GLOBAL_ACTIONS.back,
  curl: SCREEN_ACTIONS.curl,
  mint: SCREEN_ACTIONS.mint,
};
const CURL_KEY = {curl: SCREEN_ACTIONS.curl};

export interface RotateInputOptions {
  readonly state: RotateState;
  readonly dispatch: Dispatch<RotateAction>;
  /** A mint is in flight. */
  readonly minting: boolean;
  /** A delete is in flight. */
  readonly deleting: boolean;
  /** The new secret was copied (confirmed) or written: the hand-off may go on. */
  readonly handedOff: boolean;
  /** The account has no client (nothing to rotate). */
  readonly noClients: boolean;
  readonly mint: () => void;
  /** Opens the Clients screen instead (no client yet). */
  readonly openClients: () => void;
  /** Back to the account. */
  readonly back: () => void;
  readonly refetch: () => unknown;
}

/** The keys the handler below acts on in each phase (the footer shows only these). */
function rotateKeys(
  phase: RotateState['phase'],
  busy: boolean,
  noClients: boolean,
): readonly KeyBinding[] {
  const curl = phase === undefined ? [] : [KEYS.curl];
  if (busy) return curl;
  switch (phase) {
    case undefined:
      return noClients ? [KEYS.mint] : [];
    case 'retire':
    case 'delete':
      return curl;
    case 'mint':
      return [KEYS.mint, KEYS.open, ...curl];
    default:
      return [KEYS.open, KEYS.back, ...curl];
  }
}

export function useRotateInput(options: RotateInputOptions): void {
  const {state, dispatch} = options;
  const {phase} = state;
  const overlayOpen = state.curlOpen || state.dialog !== undefined;
  useRefreshKey(options.refetch, !overlayOpen && (phase === undefined || phase === 'retire'));
  useKeys(
    (input, key) => {
      const action = matchAction(input, key, KEYS);
      if (action === undefined) return false;
      if (action === 'curl' && phase !== undefined) {
        dispatch({type: 'curl', open: true});
        return true;
      }
      if (options.minting || options.deleting) {
        if (action === 'back') dispatch({type: 'message', text: 'Wait: a request is in flight.'});
        return true;
      }
      const step = (next: RotateAction) => {
        dispatch(next);
        return true;
      };
      switch (phase) {
        case undefined:
          if (action !== 'mint' || !options.noClients) return false;
          options.openClients();
          return true;
        case 'retire': // Enter is the list's (it asks first); Esc leaves.
        case 'delete': // the confirmation has the keys
          return false;
        case 'mint':
          if (action !== 'mint' && action !== 'open') return false;
          options.mint();
          return true;
        case 'handoff':
          if (action === 'open') return step({type: 'handoff-next', handedOff: options.handedOff});
          if (action === 'back') return step({type: 'ask-leave'});
          return false;
        case 'verify':
          if (action === 'open') return step({type: 'verify-next'});
          if (action === 'back') return step({type: 'go', phase: 'handoff'});
          return false;
        case 'switch':
          if (action === 'open') return step({type: 'go', phase: 'delete'});
          if (action === 'back') return step({type: 'go', phase: 'verify'});
          return false;
        case 'done':
          if (action !== 'open' && action !== 'back') return false;
          options.back();
          return true;
      }
    },
    {
      isActive: !overlayOpen && state.handoffView === 'panel',
      keys: rotateKeys(phase, options.minting || options.deleting, options.noClients),
    },
  );

  // `c` on the retire and delete confirmations shows the curl commands too.
  useKeys(
    (input, key) => {
      if (matchAction(input, key, CURL_KEY) !== 'curl') return false;
      dispatch({type: 'curl', open: true});
      return true;
    },
    {
      isActive:
        !state.curlOpen && !options.deleting && (state.dialog === 'retire' || phase === 'delete'),
      priority: Priority.Modal + 1,
      keys: CURL_KEY,
    },
  );
}
