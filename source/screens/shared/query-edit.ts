/**
 * Typing a role search (the role picker's filter, the guide's step 2): what each key does while
 * typing, and how the query changes. Typed text is cleaned of control characters, Backspace
 * removes a whole character, and a new query puts the cursor on its first match.
 */
import type {Key} from 'ink';
import {graphemes, sanitizeTyped} from '../../ui/index.js';
import {isBackspace, isTextInput} from '../../ui/keys/keymap.js';

export type QueryEdit =
  | {readonly kind: 'type'; readonly text: string}
  | {readonly kind: 'pop'}
  /** Ctrl+U: empties the query, typing goes on. */
  | {readonly kind: 'clear-text'}
  /** Enter: typing ends, the query stays (a blank one is dropped). */
  | {readonly kind: 'apply'};

interface QueryFields {
  readonly query: string;
  readonly typing: boolean;
  /** The focused row (undefined: the first match). */
  readonly focused?: string;
}

export function editQuery<S extends QueryFields>(state: S, edit: QueryEdit): S {
  switch (edit.kind) {
    case 'type': {
      const text = sanitizeTyped(edit.text);
      return text === '' ? state : {...state, query: state.query + text, focused: undefined};
    }
    case 'pop':
      return {...state, query: graphemes(state.query).slice(0, -1).join(''), focused: undefined};
    case 'clear-text':
      return {...state, query: '', focused: undefined};
    case 'apply':
      return {...state, typing: false, query: state.query.trim() === '' ? '' : state.query};
  }
}

/**
 * A key while typing: the edit it makes, `escape` (the screen decides), `list` for the arrows and
 * pages (the list moves), or undefined for a key that does nothing (but is still taken).
 */
export function queryKey(input: string, key: Key): QueryEdit | 'escape' | 'list' | undefined {
  if (key.escape) return 'escape';
  if (key.return) return {kind: 'apply'};
  if (isBackspace(key)) return {kind: 'pop'};
  if (key.ctrl && input === 'u') return {kind: 'clear-text'};
  if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) return 'list';
  if (isTextInput(input, key)) return {kind: 'type', text: input};
  return undefined;
}
