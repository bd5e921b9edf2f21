/** Keys → actions for the org-changes screen (the list handles ↑↓, /, Enter and Esc itself). */
import type {Dispatch} from 'react';
import {matchAction} from '../../keymap.js';
import {Priority, useKeys} from '../../ui/index.js';
import {CHANGES_ACTIONS} from './keys.js';
import type {ChangesAction, ChangesState} from './state.js';

export function useChangesInput(state: ChangesState, dispatch: Dispatch<ChangesAction>): void {
  useKeys(
    (input, key) => {
      switch (matchAction(input, key, CHANGES_ACTIONS)) {
        case 'kind':
          dispatch({type: 'cycle-group'});
          return true;
        case 'curl':
          dispatch({type: 'curl', open: true});
          return true;
        default:
          return false;
      }
    },
    {priority: Priority.Normal, isActive: state.overlay === 'none' && !state.filtering},
  );
}
