import {describe, expect, it} from 'vitest';
import {
  accountListReducer,
  initialAccountList,
  shownMode,
  type AccountListAction,
} from '../../../source/screens/account-list/state.js';

const run = (actions: AccountListAction[]) =>
  actions.reduce(accountListReducer, initialAccountList('7'));

describe('the account list state', () => {
  it('a create lands the list on the new account (remounted) with its notice', () => {
    const state = run([
      {type: 'open', mode: {kind: 'create'}},
      {type: 'close', focus: {key: '42'}, notice: {text: 'Created x (42).', tone: 'success'}},
    ]);
    expect(state).toMatchObject({mode: {kind: 'browse'}, focusKey: '42', listGeneration: 1});
    expect(state.notice?.text).toBe('Created x (42).');
  });

  it('a cancelled form keeps the focus and the list as they were', () => {
    const state = run([{type: 'open', mode: {kind: 'edit', id: 7}}, {type: 'close'}]);
    expect(state).toMatchObject({focusKey: '7', listGeneration: 0, notice: undefined});
  });

  it('opening a form drops the notice; the curl view keeps it', () => {
    const noticed = run([{type: 'notice', notice: {text: 'limit', tone: 'warning'}}]);
    expect(
      accountListReducer(noticed, {type: 'open', mode: {kind: 'create'}}).notice,
    ).toBeUndefined();
    expect(
      accountListReducer(noticed, {type: 'open', mode: {kind: 'curl'}, keepNotice: true}).notice,
    ).toEqual({text: 'limit', tone: 'warning'});
  });

  it('an account gone elsewhere closes its form or dialog', () => {
    expect(shownMode({kind: 'delete', id: 3}, () => false)).toEqual({kind: 'browse'});
    expect(shownMode({kind: 'delete', id: 3}, () => true)).toEqual({kind: 'delete', id: 3});
    expect(shownMode({kind: 'curl'}, () => false)).toEqual({kind: 'curl'});
  });
});
