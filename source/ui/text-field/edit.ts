/**
 * Pure single-line editing on (value, cursor). The cursor is a UTF-16 offset that always sits on a
 * grapheme boundary, so é, 日 and 👨‍👩‍👧 are moved over and deleted as one character.
 */
import {graphemes} from '../text.js';

export interface Edit {
  readonly value: string;
  readonly cursor: number;
}

function lastGraphemeLength(s: string): number {
  const gs = graphemes(s);
  return gs.length === 0 ? 0 : (gs[gs.length - 1] ?? '').length;
}

function firstGraphemeLength(s: string): number {
  const gs = graphemes(s);
  return gs.length === 0 ? 0 : (gs[0] ?? '').length;
}

export const edits = {
  insert: ({value, cursor}: Edit, text: string): Edit => ({
    value: value.slice(0, cursor) + text + value.slice(cursor),
    cursor: cursor + text.length,
  }),
  backspace: ({value, cursor}: Edit): Edit => {
    const n = lastGraphemeLength(value.slice(0, cursor));
    return {value: value.slice(0, cursor - n) + value.slice(cursor), cursor: cursor - n};
  },
  left: ({value, cursor}: Edit): Edit => ({
    value,
    cursor: cursor - lastGraphemeLength(value.slice(0, cursor)),
  }),
  right: ({value, cursor}: Edit): Edit => ({
    value,
    cursor: cursor + firstGraphemeLength(value.slice(cursor)),
  }),
  home: ({value}: Edit): Edit => ({value, cursor: 0}),
  end: ({value}: Edit): Edit => ({value, cursor: value.length}),
  /** Ctrl+U: delete everything before the cursor. */
  clearBefore: ({value, cursor}: Edit): Edit => ({value: value.slice(cursor), cursor: 0}),
};
