import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {editQuery, queryKey} from '../../../source/screens/shared/query-edit.js';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('typing a role search', () => {
  it('maps the keys: Enter applies, Backspace pops, Ctrl+U clears, arrows go to the list', () => {
    expect(queryKey('', {...noKey, return: true})).toEqual({kind: 'apply'});
    expect(queryKey('', {...noKey, backspace: true})).toEqual({kind: 'pop'});
    expect(queryKey('u', {...noKey, ctrl: true})).toEqual({kind: 'clear-text'});
    expect(queryKey('', {...noKey, escape: true})).toBe('escape');
    expect(queryKey('', {...noKey, downArrow: true})).toBe('list');
    expect(queryKey('b', noKey)).toEqual({kind: 'type', text: 'b'});
    expect(queryKey('', {...noKey, tab: true})).toBeUndefined();
  });

  it('a new query drops the focus; Enter keeps the query but drops a blank one', () => {
    const typed = editQuery({query: 'bi', typing: true, focused: 'x'}, {kind: 'type', text: 'l'});
    expect(typed).toEqual({query: 'bil', typing: true, focused: undefined});
    expect(editQuery(typed, {kind: 'apply'})).toEqual({...typed, typing: false});
    expect(editQuery({query: '  ', typing: true}, {kind: 'apply'})).toEqual({
      query: '',
      typing: false,
    });
    expect(editQuery(typed, {kind: 'clear-text'}).query).toBe('');
  });
});
