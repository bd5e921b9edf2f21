import {describe, expect, it} from 'vitest';
import {
  accountDetailReducer,
  initialAccountDetailState,
  shownMode,
  type AccountDetailAction,
} from '../../../source/screens/account-detail/state.js';

const run = (actions: AccountDetailAction[]) =>
  actions.reduce(accountDetailReducer, initialAccountDetailState);

describe('the account detail state', () => {
  it('a save ends the form with its notice; opening the form again drops the notice', () => {
    const saved = run([
      {type: 'open', mode: 'edit'},
      {type: 'close', notice: 'Saved.'},
    ]);
    expect(saved).toEqual({mode: 'browse', notice: 'Saved.'});
    expect(
      run([
        {type: 'close', notice: 'Saved.'},
        {type: 'open', mode: 'delete'},
      ]).notice,
    ).toBe(undefined);
  });

  it('the curl view keeps the notice for when it closes', () => {
    const state = run([
      {type: 'close', notice: 'Saved.'},
      {type: 'open', mode: 'curl'},
      {type: 'close'},
    ]);
    expect(state).toEqual({mode: 'browse', notice: 'Saved.'});
    expect(run([{type: 'close', notice: 'x'}, {type: 'clear-notice'}]).notice).toBeUndefined();
  });

  it('without the account only the curl view can show', () => {
    expect(shownMode(run([{type: 'open', mode: 'edit'}]), false)).toBe('browse');
    expect(shownMode(run([{type: 'open', mode: 'edit'}]), true)).toBe('edit');
    expect(shownMode(run([{type: 'open', mode: 'curl'}]), false)).toBe('curl');
  });
});
