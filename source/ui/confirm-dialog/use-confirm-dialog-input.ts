/**
 * Keys of a <ConfirmDialog> (Priority.Modal: nothing below sees a key while it is open, except
 * Ctrl+C, which stays Critical). One behaviour for every dialog of the app:
 * - yes/no: the letter shown acts at once (y confirms, n cancels), Enter presses the focused
 *   choice (cancel by default, so Enter alone never confirms), ←/→/Tab/h/l move the focus, Esc
 *   cancels.
 * - type-to-confirm: the text field takes the typing (y and n are text there); Enter confirms only
 *   on an exact match (otherwise it says so), Esc cancels.
 * While `busy` only Ctrl+C passes.
 */
import {useEffect, useLayoutEffect, useRef} from 'react';
import type {Dispatch} from 'react';
import {DIALOG_ACTIONS, isEscape, matchAction, type KeyBinding} from '../keys/keymap.js';
import {Priority, useKeys} from '../keys/index.js';
import type {ConfirmDialogAction, ConfirmDialogState} from './use-confirm-dialog-state.js';

const TYPED_KEYS = [DIALOG_ACTIONS.cancel];

export interface ConfirmDialogInputOptions {
  /** A yes/no dialog's keys in its own words (yesNoKeys): what the footer shows while it is open. */
  readonly choiceKeys: readonly KeyBinding[];
  readonly isActive: boolean;
  readonly busy: boolean;
  /** The last failure: a new one frees the dialog to confirm again (a retry). */
  readonly error: string | undefined;
  readonly typeToConfirm: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function useConfirmDialogInput(
  state: ConfirmDialogState,
  dispatch: Dispatch<ConfirmDialogAction>,
  {
    choiceKeys,
    isActive,
    busy,
    error,
    typeToConfirm,
    onConfirm,
    onCancel,
  }: ConfirmDialogInputOptions,
): {confirm: () => void} {
  // One confirmation per request: a second y or Enter that arrives before `busy` is drawn must
  // not delete twice. Free again once the request ends or fails.
  const answered = useRef(false);
  useEffect(() => {
    if (!busy) answered.current = false;
  }, [busy, error]);
  const confirm = () => {
    if (answered.current) return;
    answered.current = true;
    onConfirm();
  };
  // Mirrors the focus synchronously, so "→" then Enter arriving before a re-render still confirm.
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
          // The mark follows the answer: after a failure, Enter (or y) tries again.
          setFocus('confirm');
          confirm();
          break;
        case 'no':
          onCancel();
          break;
        case 'select':
          if (focus.current === 'confirm') confirm();
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
      keys: busy ? [] : typeToConfirm ? TYPED_KEYS : choiceKeys,
      takes: 'all',
    },
  );
  return {confirm};
}
