/**
 * Keys of a <ConfirmDialog> (Priority.Modal: nothing below sees a key while it is open, except
 * Ctrl+C, which stays Critical).
 * - yes/no: ←/→/Tab/h/l switch, y focuses the confirm choice, n the cancel choice, Enter acts on the
 *   focused choice (cancel by default), Esc cancels. With `quickAnswers`, y confirms and n cancels.
 * - type-to-confirm: the text field takes the typing; Enter confirms only on an exact match
 *   (otherwise it says so), Esc cancels.
 * While `busy` only Ctrl+C passes.
 */
import {useLayoutEffect, useRef} from 'react';
import type {Dispatch} from 'react';
import {DIALOG_ACTIONS, isEscape, matchAction} from '../keys/keymap.js';
import {Priority, useKeys} from '../keys/index.js';
import type {ConfirmDialogAction, ConfirmDialogState} from './use-confirm-dialog-state.js';

/** What the footer shows while the dialog is open (every other key is swallowed). */
const CHOICE_KEYS = [
  DIALOG_ACTIONS.yes,
  DIALOG_ACTIONS.no,
  DIALOG_ACTIONS.select,
  DIALOG_ACTIONS.cancel,
  DIALOG_ACTIONS.choose,
];
const TYPED_KEYS = [DIALOG_ACTIONS.cancel];

export interface ConfirmDialogInputOptions {
  readonly isActive: boolean;
  readonly busy: boolean;
  readonly typeToConfirm: boolean;
  readonly quickAnswers: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function useConfirmDialogInput(
  state: ConfirmDialogState,
  dispatch: Dispatch<ConfirmDialogAction>,
  {isActive, busy, typeToConfirm, quickAnswers, onConfirm, onCancel}: ConfirmDialogInputOptions,
): void {
  // Mirrors the focus synchronously, so "y" then Enter arriving before a re-render still confirm.
  const focus = useRef(state.focus);
  useLayoutEffect(() => {
    focus.current = state.focus;
  }, [state.focus]);
  const setFocus = (choice: 'cancel' | 'confirm') => {
    focus.current = choice;
    dispatch({type: 'focus', choice});
  };
  useKeys(
    (input, key) => {
      if (busy) return true;
      if (isEscape(key)) {
        onCancel();
        return true;
      }
      if (typeToConfirm) return true; // Enter and typing are handled by the dialog's field.
      switch (matchAction(input, key, DIALOG_ACTIONS)) {
        case 'choose':
          setFocus(focus.current === 'cancel' ? 'confirm' : 'cancel');
          break;
        case 'yes':
          if (quickAnswers) onConfirm();
          else setFocus('confirm');
          break;
        case 'no':
          if (quickAnswers) onCancel();
          else setFocus('cancel');
          break;
        case 'select':
          if (focus.current === 'confirm') onConfirm();
          else onCancel();
          break;
        default:
          break;
      }
      return true;
    },
    {
      isActive,
      priority: Priority.Modal,
      keys: busy ? [] : typeToConfirm ? TYPED_KEYS : CHOICE_KEYS,
      takes: 'all',
    },
  );
}
