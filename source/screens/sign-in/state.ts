/**
 * The sign-in screen's own state (the exchange itself is useSignIn's): the zone picker or the
 * token field, the highlighted zone, what is typed (cleaned as it arrives), the field's error,
 * and the highlighted zone among those where a refused token works. Pure.
 */
import type {ZoneId} from '../../api/zones.js';

export interface SignInFormState {
  readonly stage: 'zone' | 'token';
  /** The highlighted zone in the picker (an index into the choices). */
  readonly cursor: number;
  readonly value: string;
  readonly fieldError?: string;
  /** The highlighted zone where the token works (undefined: the first). */
  readonly probeCursor?: ZoneId;
}

export type SignInFormAction =
  | {type: 'move'; by: -1 | 1; count: number}
  | {type: 'cursor'; index: number}
  | {type: 'pick-zone'}
  /** Esc in the field: back to the zones, and what was typed is forgotten. */
  | {type: 'to-zones'}
  | {type: 'type'; value: string}
  /** Enter in the field: the field empties; `error` when there was nothing to send. */
  | {type: 'submit'; error?: string}
  | {type: 'probe-cursor'; zone: ZoneId | undefined};

export function initialSignInForm(picker: boolean, cursor: number): SignInFormState {
  return {stage: picker ? 'zone' : 'token', cursor: Math.max(0, cursor), value: ''};
}

export function signInFormReducer(
  state: SignInFormState,
  action: SignInFormAction,
): SignInFormState {
  switch (action.type) {
    case 'move':
      return {
        ...state,
        cursor: Math.max(0, Math.min(action.count - 1, state.cursor + action.by)),
      };
    case 'cursor':
      return {...state, cursor: action.index};
    case 'pick-zone':
      return {...state, stage: 'token'};
    case 'to-zones':
      return {...state, stage: 'zone', value: '', fieldError: undefined};
    case 'type':
      return {...state, value: action.value, fieldError: undefined};
    case 'submit':
      return {...state, value: '', fieldError: action.error};
    case 'probe-cursor':
      return {...state, probeCursor: action.zone};
  }
}
