/** Keys → actions for the activity screen (the list handles ↑↓, /, Enter and Esc itself). */
import type {Dispatch} from 'react';
import {matchAction} from '../../keymap.js';
import {Priority, useKeys} from '../../ui/index.js';
import {ACTIVITY_ACTIONS} from './keys.js';
import type {ActivityAction, ActivityState} from './state.js';

export function useActivityInput(state: ActivityState, dispatch: Dispatch<ActivityAction>): void {
  useKeys(
    (input, key) => {
      switch (matchAction(input, key, ACTIVITY_ACTIONS)) {
        case 'status':
          dispatch({type: 'cycle-status'});
          return true;
        case 'chart':
          dispatch({type: 'toggle-chart'});
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
