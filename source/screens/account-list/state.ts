/**
 * The account list's state: what covers the list (a form, the delete question, the curl view),
 * whether its filter is being typed, a one-line notice, the focused account, and a generation
 * that remounts the list on an account that just appeared or on a deleted one's neighbour. Pure.
 */
import type {AccountUsage} from '../../events/usage.js';
import type {Tone} from '../../ui/index.js';

export type AccountListMode =
  | {kind: 'browse'}
  /** `n`: the accounts are read again before the form is offered (the 20-account limit). */
  | {kind: 'counting'}
  | {kind: 'create'}
  | {kind: 'edit'; id: number}
  | {kind: 'delete'; id: number}
  | {kind: 'curl'};

export interface AccountListNotice {
  readonly text: string;
  readonly tone?: Tone;
}

export interface AccountListState {
  readonly mode: AccountListMode;
  readonly filtering: boolean;
  readonly notice?: AccountListNotice;
  readonly focusKey?: string;
  readonly listGeneration: number;
  /** Least recently used first (never used at the top) instead of the server's order. */
  readonly byLastUse: boolean;
}

export type AccountListAction =
  /** A form, dialog or the curl view opens; `keepNotice` for the curl view. */
  | {type: 'open'; mode: Exclude<AccountListMode, {kind: 'browse'}>; keepNotice?: boolean}
  /** Back to the list, with what happened; `focus` moves the list onto that account. */
  | {type: 'close'; notice?: AccountListNotice; focus?: {key: string | undefined}}
  | {type: 'notice'; notice: AccountListNotice | undefined}
  | {type: 'filtering'; on: boolean}
  | {type: 'focus'; key: string | undefined}
  | {type: 'toggle-sort'};

export function initialAccountList(focusKey: string | undefined): AccountListState {
  return {mode: {kind: 'browse'}, filtering: false, focusKey, listGeneration: 0, byLastUse: false};
}

export function accountListReducer(
  state: AccountListState,
  action: AccountListAction,
): AccountListState {
  switch (action.type) {
    case 'open':
      return {...state, mode: action.mode, notice: action.keepNotice ? state.notice : undefined};
    case 'close': {
      const next = {
        ...state,
        mode: {kind: 'browse'} as const,
        notice: action.notice ?? state.notice,
      };
      return action.focus
        ? {...next, focusKey: action.focus.key, listGeneration: state.listGeneration + 1}
        : next;
    }
    case 'notice':
      return {...state, notice: action.notice};
    case 'filtering':
      return state.filtering === action.on ? state : {...state, filtering: action.on};
    case 'focus':
      return state.focusKey === action.key ? state : {...state, focusKey: action.key};
    case 'toggle-sort':
      // Remounted on the same account, so the focus stays where the user was.
      return {...state, byLastUse: !state.byLastUse, listGeneration: state.listGeneration + 1};
  }
}

/** An account edited or deleted elsewhere (gone after a refresh) closes its form or dialog. */
export function shownMode(mode: AccountListMode, exists: (id: number) => boolean): AccountListMode {
  return (mode.kind === 'edit' || mode.kind === 'delete') && !exists(mode.id)
    ? {kind: 'browse'}
    : mode;
}

/**
 * Least recently used first: never used (no call in the window) at the top, then the oldest
 * last use; ties keep their order. A new array; `rows` is left as it was.
 */
export function sortByLastUse<T>(
  rows: readonly T[],
  idOf: (row: T) => number,
  usage: ReadonlyMap<number, AccountUsage>,
): T[] {
  const lastUse = (row: T) => usage.get(idOf(row))?.lastUsed ?? Number.MIN_SAFE_INTEGER;
  return [...rows].sort((a, b) => lastUse(a) - lastUse(b));
}
