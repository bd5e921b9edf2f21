/** Keys → actions for the activity screen (the list handles ↑↓, /, Enter and Esc itself). */
import type {Dispatch} from 'react';
import {matchAction, type ActionMap} from '../../ui/keys/keymap.js';
import {Priority, useKeys} from '../../ui/index.js';
import {ACTIVITY_ACTIONS} from './keys.js';
import type {ActivityAction, ActivityState} from './state.js';

/** A screen's own keys: each action name to what it does; unknown keys pass on. */
export function useScreenKeys<A extends ActionMap>(
  actions: A,
  handlers: {readonly [K in keyof A]?: () => void},
  isActive: boolean,
): void {
  useKeys(
    (input, key) => {
      const name = matchAction(input, key, actions);
      const handler = name === undefined ? undefined : handlers[name];
      if (!handler) return false;
      handler();
      return true;
    },
    {
      priority: Priority.Normal,
      isActive,
      keys: Object.entries(actions)
        .filter(([name]) => handlers[name] !== undefined)
        .map(([, binding]) => binding),
    },
  );
}

export function useActivityInput(state: ActivityState, dispatch: Dispatch<ActivityAction>): void {
  useScreenKeys(
    ACTIVITY_ACTIONS,
    {
      status: () => dispatch({type: 'cycle-status'}),
      chart: () => dispatch({type: 'toggle-chart'}),
      curl: () => dispatch({type: 'curl', open: true}),
    },
    state.overlay === 'none' && !state.filtering,
  );
}
