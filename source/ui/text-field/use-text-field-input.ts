/**
 * Keys of a focused <TextField> (Priority.Input by default): text and pastes are inserted
 * (control characters dropped, newlines/tabs → spaces), ←/→ Home/End (Ctrl+A/E) move, Backspace
 * deletes (Ink 6: key.backspace || key.delete), Ctrl+U clears before the cursor, Enter → onSubmit.
 * Esc, Tab, ↑/↓, PgUp/PgDn and Ctrl+C are left for the form, dialog or app. Every other key is
 * swallowed, so single-letter shortcuts (q, n, d, ?) do nothing while the field has focus.
 */
import {GLOBAL_ACTIONS, isBackspace, isTextInput} from '../keys/keymap.js';
import {Priority, useKeys} from '../keys/index.js';
import {sanitizeTyped} from '../text.js';
import {edits} from './edit.js';
import type {TextFieldState} from './use-text-field-state.js';

/** Enter submits (the form or dialog says what that does). */
const SUBMIT = [GLOBAL_ACTIONS.open];
const NO_KEYS: readonly never[] = [];

export interface TextFieldInputOptions {
  readonly isActive: boolean;
  readonly priority?: number;
  readonly onSubmit?: (value: string) => void;
}

export function useTextFieldInput(
  state: TextFieldState,
  {isActive, priority = Priority.Input, onSubmit}: TextFieldInputOptions,
): void {
  useKeys(
    (input, key) => {
      if (key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) {
        return false;
      }
      if (key.return) {
        if (onSubmit === undefined) return false;
        onSubmit(state.current());
      } else if (key.leftArrow) state.apply(edits.left);
      else if (key.rightArrow) state.apply(edits.right);
      else if (key.home || (key.ctrl && input === 'a')) state.apply(edits.home);
      else if (key.end || (key.ctrl && input === 'e')) state.apply(edits.end);
      else if (isBackspace(key)) state.apply(edits.backspace);
      else if (key.ctrl && input === 'u') state.apply(edits.clearBefore);
      else if (isTextInput(input, key)) {
        const text = sanitizeTyped(input);
        if (text !== '') state.apply((s) => edits.insert(s, text));
      }
      return true;
    },
    {isActive, priority, keys: onSubmit ? SUBMIT : NO_KEYS, takes: 'text'},
  );
}
