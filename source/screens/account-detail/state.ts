/**
 * The account detail's state: what covers the account (nothing, the edit form, the delete
 * question, the curl commands) and a one-line notice ("Saved."). Pure.
 */
export type AccountDetailMode = 'browse' | 'edit' | 'delete' | 'curl';

export interface AccountDetailState {
  readonly mode: AccountDetailMode;
  readonly notice?: string;
}

export type AccountDetailAction =
  /** Any other mode than browse; the notice goes, except under the curl view. */
  | {type: 'open'; mode: Exclude<AccountDetailMode, 'browse'>}
  /** Back to the account, with what happened (or nothing to say). */
  | {type: 'close'; notice?: string}
  | {type: 'clear-notice'};

export const initialAccountDetailState: AccountDetailState = {mode: 'browse'};

export function accountDetailReducer(
  state: AccountDetailState,
  action: AccountDetailAction,
): AccountDetailState {
  switch (action.type) {
    case 'open':
      return {mode: action.mode, notice: action.mode === 'curl' ? state.notice : undefined};
    case 'close':
      return {mode: 'browse', notice: action.notice ?? state.notice};
    case 'clear-notice':
      return state.notice === undefined ? state : {...state, notice: undefined};
  }
}

/** Without the account (loading, gone, refused) there is nothing to edit or delete. */
export function shownMode(state: AccountDetailState, loaded: boolean): AccountDetailMode {
  return !loaded && state.mode !== 'curl' ? 'browse' : state.mode;
}
