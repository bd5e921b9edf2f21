/**
 * Ctrl+C: exits at once when idle; while `busy` (a change is in flight) the first press arms and
 * returns a message, a second press within `windowMs` exits.
 *
 * Needs Ink rendered with `exitOnCtrlC: false` (otherwise Ink exits before any handler runs).
 * `now` is injectable so tests can step past the window without waiting.
 */
import {useEffect, useRef, useState} from 'react';
import {Priority, useKeys} from './key-provider.js';
import {GLOBAL_ACTIONS, isInterrupt} from './keymap.js';

const CTRL_C_KEYS = [GLOBAL_ACTIONS.interrupt];

export const CTRL_C_AGAIN_MESSAGE = 'Press Ctrl+C again to quit (a change is in flight)';

export interface UseCtrlCOptions {
  /** A change is in flight: ask for a second press. */
  readonly busy: boolean;
  /** Called to quit (e.g. `useApp().exit()` after cancelling requests). */
  readonly onExit: () => void;
  /** How long the second press is awaited (default 2000 ms). */
  readonly windowMs?: number;
  /** Clock (default Date.now). */
  readonly now?: () => number;
  /** Default true. */
  readonly isActive?: boolean;
}

export interface CtrlCState {
  /** The "press again" message while armed, else undefined: show it in the status bar. */
  readonly message: string | undefined;
}

export function useCtrlC({
  busy,
  onExit,
  windowMs = 2000,
  now = Date.now,
  isActive = true,
}: UseCtrlCOptions): CtrlCState {
  const [armedAt, setArmedAt] = useState<number | undefined>(undefined);
  const armed = useRef<number | undefined>(undefined);

  const disarm = () => {
    armed.current = undefined;
    setArmedAt(undefined);
  };

  useKeys(
    (input, key) => {
      if (!isInterrupt(input, key)) return false;
      const t = now();
      if (!busy || (armed.current !== undefined && t - armed.current <= windowMs)) {
        disarm();
        onExit();
        return true;
      }
      armed.current = t;
      setArmedAt(t);
      return true;
    },
    {priority: Priority.Critical, isActive, keys: CTRL_C_KEYS},
  );

  // The message goes away after the window, or as soon as nothing is in flight any more.
  useEffect(() => {
    if (armedAt === undefined) return undefined;
    if (!busy) {
      armed.current = undefined;
      setArmedAt(undefined);
      return undefined;
    }
    const timer = setTimeout(() => {
      armed.current = undefined;
      setArmedAt(undefined);
    }, windowMs);
    return () => clearTimeout(timer);
  }, [armedAt, busy, windowMs]);

  return {message: armedAt === undefined ? undefined : CTRL_C_AGAIN_MESSAGE};
}
