/**
 * The Clients screen's state: the open dialog or curl view, the hand-off's view, the focused
 * client, the 2-client limit notice and a one-line message. The minted secret itself is not here:
 * useMintedSecret holds it. A reducer, so keys that arrive before a re-render act on the latest
 * state. Pure.
 */
import {SCREEN_ACTIONS} from '../../ui/keys/keymap.js';
import type {HandoffView} from '../credentials/index.js';

type ClientsDialog =
  | {kind: 'leave'}
  | {kind: 'delete'; clientId: string}
  /** `v` before the secret went anywhere: the hand-off gate asks (credentials/handoff-gate.tsx). */
  | {kind: 'saved-elsewhere'};

export interface ClientsState {
  readonly dialog?: ClientsDialog;
  /** The delete failed: shown in its dialog. */
  readonly deleteError?: string;
  readonly curlOpen: boolean;
  /** The hand-off's own view (its write form or snippet take the keys while open). */
  readonly handoffView: HandoffView;
  readonly focused?: string;
  /** "At most 2 clients": shown instead of minting. */
  readonly limitShown: boolean;
  readonly message?: string;
  /** Counts the verifications asked for through the gate (VerifyPanel's startSignal). */
  readonly verifyRequests: number;
}

export type ClientsAction =
  | {type: 'mint-started'}
  | {type: 'limit'}
  | {type: 'hide-limit'}
  | {type: 'minted'}
  | {type: 'message'; text: string}
  | {type: 'focus'; clientId: string | undefined}
  | {type: 'ask-delete'; clientId: string}
  | {type: 'ask-leave'}
  | {type: 'ask-saved-elsewhere'}
  /** The user said they saved it elsewhere: verify now. */
  | {type: 'saved-elsewhere'}
  | {type: 'close-dialog'}
  | {type: 'deleted'; clientId: string}
  | {type: 'delete-failed'; error: string}
  | {type: 'curl'; open: boolean}
  | {type: 'handoff-view'; view: HandoffView};

export const initialClientsState: ClientsState = {
  curlOpen: false,
  handoffView: 'panel',
  limitShown: false,
  verifyRequests: 0,
};

export function clientsReducer(state: ClientsState, action: ClientsAction): ClientsState {
  switch (action.type) {
    case 'mint-started':
      return {...state, limitShown: false, message: undefined};
    case 'limit':
      return {...state, limitShown: true, message: undefined};
    case 'hide-limit':
      return {...state, limitShown: false};
    case 'minted':
      return {...state, message: undefined, handoffView: 'panel'};
    case 'message':
      return {...state, message: action.text};
    case 'focus':
      return state.focused === action.clientId ? state : {...state, focused: action.clientId};
    case 'ask-delete':
      return {
        ...state,
        dialog: {kind: 'delete', clientId: action.clientId},
        deleteError: undefined,
      };
    case 'ask-leave':
      return {...state, dialog: {kind: 'leave'}};
    case 'ask-saved-elsewhere':
      return {...state, dialog: {kind: 'saved-elsewhere'}};
    case 'saved-elsewhere':
      return {...state, dialog: undefined, verifyRequests: state.verifyRequests + 1};
    case 'close-dialog':
      return {...state, dialog: undefined, deleteError: undefined};
    case 'deleted':
      return {
        ...state,
        dialog: undefined,
        limitShown: false,
        message:
          `Deleted client ${action.clientId}: its credentials no longer work.` +
          (state.limitShown ? ` Press ${SCREEN_ACTIONS.mint.label} to mint a new one.` : ''),
      };
    case 'delete-failed':
      return {...state, deleteError: action.error};
    case 'curl':
      return {...state, curlOpen: action.open};
    case 'handoff-view':
      return {...state, handoffView: action.view};
  }
}
