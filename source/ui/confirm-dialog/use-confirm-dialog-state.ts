/**
 * State of a <ConfirmDialog>: which choice is focused (cancel by default), the typed text for the
 * type-to-confirm variant, and whether a wrong text was submitted.
 */
import {useReducer} from 'react';

type Choice = 'cancel' | 'confirm';

export interface ConfirmDialogState {
  readonly focus: Choice;
  readonly typed: string;
  readonly mismatch: boolean;
}

export type ConfirmDialogAction =
  {type: 'focus'; choice: Choice} | {type: 'type'; text: string} | {type: 'mismatch'};

function confirmDialogReducer(
  state: ConfirmDialogState,
  action: ConfirmDialogAction,
): ConfirmDialogState {
  switch (action.type) {
    case 'focus':
      return {...state, focus: action.choice};
    case 'type':
      return {...state, typed: action.text, mismatch: false};
    case 'mismatch':
      return {...state, mismatch: true};
  }
}

const initialConfirmDialogState: ConfirmDialogState = {
  focus: 'cancel',
  typed: '',
  mismatch: false,
};

export function useConfirmDialogState() {
  return useReducer(confirmDialogReducer, initialConfirmDialogState);
}
