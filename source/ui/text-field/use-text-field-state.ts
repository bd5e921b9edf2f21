/**
 * State of a <TextField>: the value stays with the parent (controlled), the cursor lives here.
 * Edits read the latest value from a ref, so two key events that arrive before React re-renders
 * (a paste split around an escape sequence) both apply.
 */
import {useCallback, useLayoutEffect, useRef, useState} from 'react';
import type {Edit} from './edit.js';

export interface TextFieldState {
  readonly cursor: number;
  /** The latest value, including edits not yet rendered. */
  readonly current: () => string;
  readonly apply: (edit: (state: Edit) => Edit) => void;
}

export function useTextFieldState(
  value: string,
  onChange: (value: string) => void,
): TextFieldState {
  const valueRef = useRef(value);
  const cursorRef = useRef(value.length);
  const [cursor, setCursor] = useState(value.length);
  const onChangeRef = useRef(onChange);
  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  });

  // A value set by the parent (not by our own edit): cursor to the end.
  useLayoutEffect(() => {
    if (valueRef.current !== value) {
      valueRef.current = value;
      cursorRef.current = value.length;
      setCursor(value.length);
    }
  }, [value]);

  const apply = useCallback((edit: (state: Edit) => Edit) => {
    const before = valueRef.current;
    const next = edit({value: before, cursor: Math.min(cursorRef.current, before.length)});
    cursorRef.current = next.cursor;
    setCursor(next.cursor);
    if (next.value !== before) {
      valueRef.current = next.value;
      onChangeRef.current(next.value);
    }
  }, []);

  const current = useCallback(() => valueRef.current, []);
  return {cursor: Math.min(cursor, value.length), current, apply};
}
