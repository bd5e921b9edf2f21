/**
 * The rotation's state: the phase (see phases.ts), the old and the new client, the open dialog or
 * curl view, the hand-off's view, whether the new client verified, and a one-line message. The
 * new secret itself is not here: useMintedSecret holds it. A reducer, so keys that arrive before
 * a re-render act on the latest state. Pure.
 */
import {SCREEN_ACTIONS} from '../../ui/keys/keymap.js';
import type {HandoffView} from '../credentials/index.js';
import type {RotatePhase} from './phases.js';

type RotateDialog = 'retire' | 'leave' | 'saved-elsewhere';

/**
 * `in-place`: the client has secret endpoints (API.md §12.3): a second secret on the same client,
 * then the older secret goes; the client id never changes. `two-client`: a second client, then
 * the old client goes (where the endpoints answer 404, or the account has 2 clients already).
 */
export type RotateMode = 'in-place' | 'two-client';

export interface RotateState {
  /** Undefined until the first answer of the client list says where the rotation starts. */
  readonly phase?: RotatePhase;
  readonly mode?: RotateMode;
  /** The client the application uses now (it goes at the end). */
  readonly oldId?: string;
  readonly newId?: string;
  readonly dialog?: RotateDialog;
  /** At 2 clients: the one picked to retire first. */
  readonly retireTarget?: string;
  readonly focusedClient?: string;
  readonly deleteError?: string;
  readonly curlOpen: boolean;
  readonly handoffView: HandoffView;
  readonly verified?: boolean;
  readonly message?: string;
}

export type RotateAction =
  /**
   * The first answer of the client list; `secrets` whether its one client has secret endpoints
   * (false: they answered 404).
   */
  | {type: 'start'; clientIds: readonly string[]; secrets?: boolean}
  /** Enter on the hand-off; `handedOff`: the hand-off gate is open (handedOffSomewhere). */
  | {type: 'handoff-next'; handedOff: boolean}
  /** The user says they saved the new secret elsewhere: on to verify. */
  | {type: 'saved-elsewhere'}
  | {type: 'go'; phase: RotatePhase}
  | {type: 'message'; text: string}
  | {type: 'focus'; clientId: string | undefined}
  | {type: 'ask-retire'; clientId: string}
  /** The retired one is gone; `stays` is now the old client. */
  | {type: 'retired'; stays: string}
  | {type: 'ask-leave'}
  | {type: 'close-dialog'}
  | {type: 'mint-started'}
  | {type: 'minted'; clientId: string}
  | {type: 'verified'; ok: boolean}
  /** Enter on the verify step: on to the switch once the new client works. */
  | {type: 'verify-next'}
  | {type: 'delete-failed'; error: string}
  | {type: 'curl'; open: boolean}
  | {type: 'handoff-view'; view: HandoffView};

export const initialRotateState: RotateState = {curlOpen: false, handoffView: 'panel'};

export function rotateReducer(state: RotateState, action: RotateAction): RotateState {
  switch (action.type) {
    case 'start': {
      if (state.phase !== undefined) return state;
      const [first] = action.clientIds;
      if (action.clientIds.length === 1) {
        const mode = action.secrets ? 'in-place' : 'two-client';
        return {...state, mode, oldId: first, phase: 'mint'};
      }
      if (action.clientIds.length >= 2) return {...state, mode: 'two-client', phase: 'retire'};
      return state;
    }
    case 'go':
      return {
        ...state,
        phase: action.phase,
        message: undefined,
        deleteError: action.phase === 'delete' ? undefined : state.deleteError,
      };
    case 'message':
      return {...state, message: action.text};
    case 'focus':
      return {...state, focusedClient: action.clientId};
    case 'ask-retire':
      return {...state, retireTarget: action.clientId, deleteError: undefined, dialog: 'retire'};
    case 'retired':
      return {
        ...state,
        dialog: undefined,
        oldId: action.stays,
        phase: 'mint',
        message: `Retired ${state.retireTarget ?? '?'}: its credentials no longer work.`,
      };
    case 'handoff-next':
      // Both modes wait until the secret has gone somewhere (credentials/handoff-gate.tsx).
      if (action.handedOff) return {...state, phase: 'verify', message: undefined};
      return {...state, dialog: 'saved-elsewhere'};
    case 'saved-elsewhere':
      return {...state, dialog: undefined, phase: 'verify', message: undefined};
    case 'ask-leave':
      return {...state, dialog: 'leave'};
    case 'close-dialog':
      return {...state, dialog: undefined, deleteError: undefined};
    case 'mint-started':
      return {...state, message: undefined};
    case 'minted':
      return {...state, verified: undefined, newId: action.clientId, phase: 'handoff'};
    case 'verified':
      return {...state, verified: action.ok};
    case 'verify-next':
      return state.verified
        ? {...state, phase: 'switch', message: undefined}
        : {
            ...state,
            message: `Verify the new client first (${SCREEN_ACTIONS.verify.label}): until it works, keep using the old one.`,
          };
    case 'delete-failed':
      return {...state, deleteError: action.error};
    case 'curl':
      return {...state, curlOpen: action.open};
    case 'handoff-view':
      return {...state, handoffView: action.view};
  }
}
