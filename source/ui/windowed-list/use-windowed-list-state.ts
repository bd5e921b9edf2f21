/**
 * State of a <WindowedList> (ink-ui style reducer): cursor, scroll offset, focused key, filter query
 * and whether the filter is being typed. The cursor follows the focused item's key when the items
 * change (a refresh does not move the focus to another item).
 */
import {useCallback, useMemo, useRef, useState} from 'react';
import {graphemes, sanitizeTyped} from '../text.js';
import {applyMove, buildModel, matchIndices, viewport} from './model.js';
import type {ListModel, Move, Viewport} from './model.js';

interface State {
  readonly cursor: number;
  readonly offset: number;
  readonly key: string | undefined;
  readonly query: string;
  readonly editing: boolean;
}

type Action =
  | {type: 'move'; move: Move; model: ListModel<unknown>; windowRows: number}
  | {type: 'start-filter'}
  | {type: 'set-query'; query: string}
  | {type: 'append'; text: string}
  | {type: 'pop'}
  | {type: 'apply-filter'}
  | {type: 'clear-filter'; cursor: number; key: string | undefined}
  | {type: 'focus'; cursor: number; key: string | undefined};

// Far below the end: fitOffset then puts the cursor at the top of the window.
const TOP = 1_000_000_000;

function resolve(state: State, model: ListModel<unknown>, windowRows: number): Viewport {
  let cursor = state.cursor;
  if (state.key !== undefined && model.keyAt(cursor) !== state.key) {
    const found = model.indexOfKey(state.key);
    if (found >= 0) cursor = found;
  }
  return viewport(model, cursor, state.offset, windowRows);
}

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'move': {
      const now = resolve(state, action.model, action.windowRows);
      const next = applyMove(action.model, now.cursor, now.offset, action.windowRows, action.move);
      return {...state, ...next, key: action.model.keyAt(next.cursor)};
    }
    case 'start-filter':
      return state.editing ? state : {...state, editing: true};
    case 'set-query':
      return state.query === action.query
        ? state
        : {...state, query: action.query, cursor: 0, offset: 0, key: undefined};
    case 'append':
      return action.text === ''
        ? state
        : reducer(state, {type: 'set-query', query: state.query + action.text});
    case 'pop':
      return reducer(state, {
        type: 'set-query',
        query: graphemes(state.query).slice(0, -1).join(''),
      });
    case 'apply-filter':
      return {...state, editing: false};
    case 'clear-filter':
      return {cursor: action.cursor, key: action.key, offset: TOP, query: '', editing: false};
    case 'focus':
      return {...state, cursor: action.cursor, key: action.key, offset: TOP};
  }
}

interface ListChrome {
  readonly showHeader: boolean;
  readonly showFilter: boolean;
  readonly showStatus: boolean;
  readonly windowRows: number;
}

/** How `height` lines are shared: at least one item row, then filter line, status, column header. */
function listChrome(height: number, hasHeader: boolean, filterLine: boolean): ListChrome {
  let left = Math.max(1, Math.floor(height)) - 1;
  const take = (wanted: boolean) => {
    if (!wanted || left <= 0) return false;
    left--;
    return true;
  };
  const showFilter = take(filterLine);
  const showStatus = take(true);
  const showHeader = take(hasHeader);
  return {showHeader, showFilter, showStatus, windowRows: 1 + left};
}

export interface WindowedListStateOptions<T> {
  readonly items: readonly T[];
  readonly getKey: (item: T) => string;
  readonly getFilterText: (item: T) => string;
  readonly groupBy?: (item: T) => string;
  readonly height: number;
  readonly hasHeader: boolean;
  readonly initialFocusKey?: string;
}

export interface WindowedListState<T> {
  readonly model: ListModel<T>;
  readonly view: Viewport;
  /** The focused item as of the last key handled (may be ahead of the drawn frame). */
  readonly currentFocused: () => T | undefined;
  /** Filter typing / an applied filter, as of the last key handled. */
  readonly isEditing: () => boolean;
  readonly hasQuery: () => boolean;
  readonly chrome: ListChrome;
  readonly query: string;
  readonly editing: boolean;
  readonly focused: T | undefined;
  readonly move: (move: Move) => void;
  readonly startFilter: () => void;
  readonly typeFilter: (text: string) => void;
  readonly backspaceFilter: () => void;
  readonly clearQuery: () => void;
  readonly applyFilter: () => void;
  /** Clears the query and leaves filter mode, keeping the focused item focused. */
  readonly clearFilter: () => void;
  readonly focusKey: (key: string) => void;
}

export function useWindowedListState<T>({
  items,
  getKey,
  getFilterText,
  groupBy,
  height,
  hasHeader,
  initialFocusKey,
}: WindowedListStateOptions<T>): WindowedListState<T> {
  const [state, setState] = useState((): State => {
    const index =
      initialFocusKey === undefined ? -1 : items.findIndex((i) => getKey(i) === initialFocusKey);
    return index < 0
      ? {cursor: 0, offset: 0, key: undefined, query: '', editing: false}
      : {cursor: index, offset: TOP, key: initialFocusKey, query: '', editing: false};
  });
  // The latest state, ahead of the next render: keys that arrive in one burst (G then Enter, a
  // paste, a fast typist) must act on where the previous key left the cursor, not on the last
  // drawn frame.
  const latest = useRef(state);
  const dispatch = useCallback((action: Action) => {
    latest.current = reducer(latest.current, action);
    setState(latest.current);
  }, []);

  // Pass stable callbacks (module-level or useCallback) for big lists: each new one re-derives.
  const haystacks = useMemo(
    () => items.map((item) => getFilterText(item).toLowerCase()),
    [items, getFilterText],
  );
  const matches = useMemo(() => matchIndices(haystacks, state.query), [haystacks, state.query]);
  const model = useMemo(
    () => buildModel(items, matches, getKey, groupBy),
    [items, matches, getKey, groupBy],
  );
  const chrome = listChrome(height, hasHeader, state.editing || state.query !== '');
  const view = resolve(state, model as ListModel<unknown>, chrome.windowRows);
  const focused = view.cursor < 0 ? undefined : model.filtered[view.cursor];

  const {windowRows} = chrome;
  const move = useCallback(
    (m: Move) => dispatch({type: 'move', move: m, model: model as ListModel<unknown>, windowRows}),
    [dispatch, model, windowRows],
  );
  const focusedSource = view.cursor < 0 ? -1 : (model.sourceIndex[view.cursor] ?? -1);

  const currentFocused = () => {
    const now = resolve(latest.current, model as ListModel<unknown>, windowRows);
    return now.cursor < 0 ? undefined : model.filtered[now.cursor];
  };

  return {
    model,
    view,
    chrome,
    query: state.query,
    editing: state.editing,
    focused,
    currentFocused,
    isEditing: () => latest.current.editing,
    hasQuery: () => latest.current.query !== '',
    move,
    startFilter: () => dispatch({type: 'start-filter'}),
    typeFilter: (text) => dispatch({type: 'append', text: sanitizeTyped(text)}),
    backspaceFilter: () => dispatch({type: 'pop'}),
    clearQuery: () => dispatch({type: 'set-query', query: ''}),
    applyFilter: () => dispatch({type: 'apply-filter'}),
    clearFilter: () =>
      dispatch({
        type: 'clear-filter',
        cursor: Math.max(0, focusedSource),
        key: focused === undefined ? undefined : getKey(focused),
      }),
    focusKey: (key) => {
      const index = model.indexOfKey(key);
      if (index >= 0) dispatch({type: 'focus', cursor: index, key});
    },
  };
}
