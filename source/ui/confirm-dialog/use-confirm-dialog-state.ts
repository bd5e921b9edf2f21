/**
 * State of a <ConfirmDialog>: which choice is focused (cancel by default), the typed text for the
 * type-to-confirm variant, and whether a wrong text was submitted.
 */
import {useReducer} from 'react';

export type Choice = 'cancel' | 'confirm';

export interface ConfirmDialogState {
  readonly focus: Choice;
  readonly typed: string;
  readonly mismatch: boolean;
}

export type ConfirmDialogAction =
  | {type: 'focus'; choice: Choice}
  | {type: 'switch'}
  | {type: 'type'; text: string}
  | {type: 'mismatch'};

export function confirmDialogReducer(
  state: ConfirmDialogState,
  action: ConfirmDialogAction,
): ConfirmDialogState {
  switch (action.type) {
    case 'focus':
      return {...state, focus: action.choice};
    case 'switch':
      return {...state, focus: state.focus === 'cancel' ? 'confirm' : 'cancel'};
    case 'type':
      return {...state, typed: action.text, mismatch: false};
    case 'mismatch':
      return {...state, mismatch: true};
  }
}

export const initialConfirmDialogState: ConfirmDialogState = {
  focus: 'cancel',
  typed: '',
  mismatch: false,
};

export function useConfirmDialogState() {
  return useReducer(confirmDialogReducer, initialConfirmDialogState);
}
