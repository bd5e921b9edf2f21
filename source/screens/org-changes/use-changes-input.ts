/** Keys → actions for the org-changes screen (the list handles ↑↓, /, Enter and Esc itself). */
import type {Dispatch} from 'react';
import {useScreenKeys} from '../activity/use-activity-input.js';
import {CHANGES_ACTIONS} from './keys.js';
import type {ChangesAction, ChangesState} from './state.js';

export function useChangesInput(state: ChangesState, dispatch: Dispatch<ChangesAction>): void {
  useScreenKeys(
    CHANGES_ACTIONS,
    {
      kind: () => dispatch({type: 'cycle-group'}),
      curl: () => dispatch({type: 'curl', open: true}),
    },
    state.overlay === 'none' && !state.filtering,
  );
}
