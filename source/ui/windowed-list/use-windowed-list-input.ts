/**
 * Keys of a <WindowedList>, through the key dispatcher:
 * - browsing (Priority.Normal): ↑/k ↓/j g/Home G/End PgUp PgDn move; Enter → onSelect; Space →
 *   onToggle; / starts the filter; Esc clears an applied filter, else → onBack (when given).
 *   Other keys are left for the screen (n, e, d …).
 * - typing a filter (Priority.Input): text narrows the list, Backspace deletes, ↑↓ PgUp PgDn still
 *   move, Enter applies, Esc clears the filter; every other key is swallowed (no `q` quits here).
 */
import {
  COMMON_ACTIONS,
  FILTER_TYPING,
  GLOBAL_ACTIONS,
  MOVE_ACTIONS,
  isBackspace,
  isTextInput,
  matchAction,
} from '../keys/keymap.js';
import {Priority, useKeys} from '../keys/index.js';
import type {WindowedListState} from './use-windowed-list-state.js';

const LIST_ACTIONS = {
  ...MOVE_ACTIONS,
  open: GLOBAL_ACTIONS.open,
  back: GLOBAL_ACTIONS.back,
  filter: GLOBAL_ACTIONS.filter,
  toggle: COMMON_ACTIONS.toggle,
} as const;

const MOVE_KEYS = Object.values(MOVE_ACTIONS);
/** While the filter is typed: every key is its (text, ↑↓ still move); these two leave it. */
const TYPING_KEYS = [FILTER_TYPING.apply, FILTER_TYPING.clear];

export interface WindowedListInputOptions<T> {
  readonly isActive: boolean;
  readonly filterable: boolean;
  readonly onSelect?: (item: T) => void;
  readonly onToggle?: (item: T) => void;
  readonly onBack?: () => void;
}

export function useWindowedListInput<T>(
  state: WindowedListState<T>,
  {isActive, filterable, onSelect, onToggle, onBack}: WindowedListInputOptions<T>,
): void {
  useKeys(
    (input, key) => {
      if (state.isEditing()) {
        if (key.escape) state.clearFilter();
        else if (key.return) state.applyFilter();
        else if (isBackspace(key)) state.backspaceFilter();
        else if (key.upArrow) state.move('up');
        else if (key.downArrow) state.move('down');
        else if (key.pageUp) state.move('pageUp');
        else if (key.pageDown) state.move('pageDown');
        else if (key.ctrl && input === 'u') state.clearQuery();
        else if (isTextInput(input, key)) state.typeFilter(input);
        return true;
      }
      const action = matchAction(input, key, LIST_ACTIONS);
      switch (action) {
        case 'up':
        case 'down':
        case 'first':
        case 'last':
        case 'pageUp':
        case 'pageDown':
          state.move(action);
          return true;
        case 'open': {
          const item = state.currentFocused();
          if (onSelect === undefined || item === undefined) return false;
          onSelect(item);
          return true;
        }
        case 'toggle': {
          const item = state.currentFocused();
          if (onToggle === undefined || item === undefined) return false;
          onToggle(item);
          return true;
        }
        case 'filter':
          if (!filterable) return false;
          state.startFilter();
          return true;
        case 'back':
          if (state.hasQuery()) {
            state.clearFilter();
            return true;
          }
          if (onBack === undefined) return false;
          onBack();
          return true;
        default:
          return false;
      }
    },
    {
      isActive,
      priority: state.editing ? Priority.Input : Priority.Normal,
      ...(state.editing
        ? {keys: TYPING_KEYS, takes: 'all' as const}
        : {
            keys: [
              ...MOVE_KEYS,
              ...(onSelect && state.focused !== undefined ? [LIST_ACTIONS.open] : []),
              ...(onToggle && state.focused !== undefined ? [LIST_ACTIONS.toggle] : []),
              ...(filterable ? [LIST_ACTIONS.filter] : []),
              ...(state.query !== '' || onBack ? [LIST_ACTIONS.back] : []),
            ],
          }),
    },
  );
}
