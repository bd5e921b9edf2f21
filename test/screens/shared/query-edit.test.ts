import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {editQuery, queryKey} from '../../../source/screens/shared/query-edit.js';

/** Ink's key flags: the ones not named are unset (falsy), as queryKey reads them. */
const key = (flags: Partial<Key> = {}) => flags as Key;

describe('typing a role search', () => {
  it('maps the keys: Enter applies, Backspace pops, Ctrl+U clears, arrows go to the list', () => {
    expect(queryKey('', key({return: true}))).toEqual({kind: 'apply'});
    expect(queryKey('', key({backspace: true}))).toEqual({kind: 'pop'});
    expect(queryKey('u', key({ctrl: true}))).toEqual({kind: 'clear-text'});
    expect(queryKey('', key({escape: true}))).toBe('escape');
    expect(queryKey('', key({downArrow: true}))).toBe('list');
    expect(queryKey('b', key())).toEqual({kind: 'type', text: 'b'});
    expect(queryKey('', key({tab: true}))).toBeUndefined();
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
