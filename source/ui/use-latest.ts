/** A ref that always holds the latest value (for callbacks read from effects or key handlers). */
import {useLayoutEffect, useRef} from 'react';

export function useLatest<T>(value: T): {readonly current: T} {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
