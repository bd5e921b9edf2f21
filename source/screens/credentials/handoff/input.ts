/** The secret hand-off's keys: which exist, what help shows, and the write form's own keys. */
import type {Dispatch} from 'react';
import {Priority, useKeys} from '../../../ui/index.js';
import {
  FIELD_ACTIONS,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  keyLine,
  matchAction,
  relabel,
  type KeyBinding,
} from '../../../ui/keys/keymap.js';
import type {HandoffAction, HandoffState, HandoffView} from './state.js';

/** The hand-off's own key (s, y, w are SCREEN_ACTIONS). */
export const HANDOFF_ACTIONS = defineActions({
  snippet: {
    keys: ['a'],
    label: 'a',
    hint: 'app snippet',
    description:
      'Show the snippet for your application: env names and the token request, the secret only as a variable',
  },
});

/** The answers when the file would sit unignored in a git work tree. */
export const EXPOSURE_ACTIONS = {
  perUser: relabel(GLOBAL_ACTIONS.open, 'write to your per-user folder'),
  here: defineActions({
    here: {keys: ['h'], label: 'h', hint: 'write here anyway', description: 'Write it here anyway'},
  }).here,
  cancel: relabel(GLOBAL_ACTIONS.back, 'cancel'),
};

/** Tab in the write form (not a screen key: Tab belongs to fields and dialogs). */
export const FORMAT_TOGGLE = relabel(
  FIELD_ACTIONS.tab,
  '.env/JSON',
  'In the write form: switch the file format between .env and JSON',
);

/** Every key of the hand-off, for a screen's help overlay. */
export const HANDOFF_HELP: readonly KeyBinding[] = [
  SCREEN_ACTIONS.reveal,
  SCREEN_ACTIONS.copy,
  SCREEN_ACTIONS.write,
  FORMAT_TOGGLE,
  HANDOFF_ACTIONS.snippet,
];

/** Under the hand-off in a flow (rotation, the guided setup): what Enter and Esc do there. */
export const HANDOFF_NEXT_KEYS = keyLine(
  relabel(GLOBAL_ACTIONS.open, 'verify it'),
  relabel(GLOBAL_ACTIONS.back, 'leave (asks first)'),
);

const WRITE_FORM_KEYS = [relabel(GLOBAL_ACTIONS.back, 'close'), FORMAT_TOGGLE];

/** The write form's own keys: Esc closes it, Tab switches the format (the field leaves both). */
export function useWriteFormInput(options: {
  readonly state: HandoffState;
  readonly dispatch: Dispatch<HandoffAction>;
  /** Shows a view and tells the parent. */
  readonly show: (view: HandoffView) => void;
  readonly isActive: boolean;
  /** An answer to the exposure question: the per-user folder, or here anyway. */
  readonly onExposureAnswer: (answer: 'per-user' | 'here') => void;
}): void {
  const {state, dispatch, show} = options;
  useKeys(
    (input, key) => {
      if (state.form.busy) return key.escape || key.tab;
      if (state.form.exposure) {
        // The question has every key while it shows.
        if (key.escape) dispatch({type: 'exposure-cancel'});
        else if (key.return) options.onExposureAnswer('per-user');
        else if (matchAction(input, key, {here: EXPOSURE_ACTIONS.here}) === 'here') {
          options.onExposureAnswer('here');
        }
        return true;
      }
      if (key.escape) {
        show('panel');
        return true;
      }
      if (key.tab) {
        dispatch({type: 'toggle-format'});
        return true;
      }
      return false;
    },
    {
      isActive: options.isActive && state.view === 'write',
      priority: Priority.Input + 1,
      keys: state.form.busy ? [] : WRITE_FORM_KEYS,
    },
  );
}
