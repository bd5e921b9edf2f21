import {describe, expect, it} from 'vitest';
import {
  accountListReducer,
  initialAccountList,
  shownMode,
  sortByLastUse,
  type AccountListAction,
} from '../../../source/screens/account-list/state.js';
import {lastUsedCell} from '../../../source/screens/account-list/views.js';

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

describe('last use in the account list', () => {
  const DAY = 86_400_000;
  const now = 100 * DAY;
  const usage = new Map([
    [1, {lastUsed: now - 2 * 3_600_000, calls: 5, errors: 0}],
    [2, {lastUsed: now - 61 * DAY, calls: 1, errors: 0}],
  ]);
  const view = {usage, now, complete: true, progress: 1, needs: undefined, failed: false};

  it('sorts never used first, then the oldest use; ties keep their order; the input is kept', () => {
    const rows = [{id: 1}, {id: 3}, {id: 2}, {id: 4}];
    expect(sortByLastUse(rows, (row) => row.id, usage).map((row) => row.id)).toEqual([3, 4, 2, 1]);
    expect(rows.map((row) => row.id)).toEqual([1, 3, 2, 4]);
  });

  it('marks with a character and a word only once the whole window is read', () => {
    expect(lastUsedCell(1, view)).toBe('2 h ago');
    expect(lastUsedCell(2, view)).toBe('! unused 61 d');
    expect(lastUsedCell(3, view)).toBe('!! never used');
    const partial = {...view, complete: false, progress: 0.5};
    expect(lastUsedCell(2, partial)).toBe('61 d ago');
    expect(lastUsedCell(3, partial)).toBe('…');
    expect(lastUsedCell(1, {...view, now: undefined, complete: false})).toBe('…');
    expect(lastUsedCell(1, {...view, needs: 'iam_admin or org owner'})).toBe('needs iam_admin');
    expect(lastUsedCell(1, {...view, failed: true})).toBe('?');
  });
});
