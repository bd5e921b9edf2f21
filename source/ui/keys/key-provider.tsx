/**
 * The input layer: one Ink `useInput` for the whole app, and handlers that register with a priority.
 *
 * Why: every Ink 6 `useInput` receives every key and there is no stopPropagation, so a `q` typed in a
 * field would also quit. Here, handlers run from the highest priority down (within one priority the
 * most recently registered first) and a handler that returns `true` has consumed the key.
 *
 *   Critical (300)  Ctrl+C (useCtrlC)
 *   Modal    (200)  dialogs and the help overlay: they consume every key while open
 *   Input    (100)  the focused text field, a list's filter while typing: they consume text keys
 *   Normal     (0)  lists and screen actions
 *   Low     (-100)  app-wide keys: q, ?, Esc = back
 *
 * Handlers are read through a ref at dispatch time (the latest rendered one runs, not one captured
 * when Ink re-subscribed). Keys that arrive before React re-renders still share one render's
 * closure, so handlers change state with reducers or functional updates, as every component here does.
 * Raw mode is only requested when stdin supports it, so a non-TTY never crashes with Ink's
 * "Raw mode is not supported". A nested <KeyProvider> is a pass-through.
 */
import React, {createContext, useCallback, useContext, useLayoutEffect, useRef} from 'react';
import type {ReactNode} from 'react';
import {useInput, useStdin} from 'ink';
import type {Key} from 'ink';

export const Priority = {
  Low: -100,
  Normal: 0,
  Input: 100,
  Modal: 200,
  Critical: 300,
} as const;

/** Return true when the key was handled: lower handlers then do not see it. */
export type KeyHandler = (input: string, key: Key) => boolean | void;

interface Entry {
  readonly id: number;
  readonly priority: number;
  readonly handler: {current: KeyHandler};
}

class Registry {
  private entries: Entry[] = [];
  private nextId = 0;

  add(priority: number, handler: {current: KeyHandler}): () => void {
    const entry: Entry = {id: this.nextId++, priority, handler};
    this.entries = [...this.entries, entry].sort((a, b) => b.priority - a.priority || b.id - a.id);
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
    };
  }

  dispatch(input: string, key: Key): void {
    // A handler may (un)register others while running: iterate over a snapshot.
    for (const entry of this.entries) {
      if (entry.handler.current(input, key) === true) return;
    }
  }
}

const KeyContext = createContext<Registry | null>(null);

function RootKeyProvider({children}: {readonly children?: ReactNode}) {
  const registry = useRef<Registry | null>(null);
  registry.current ??= new Registry();
  const {isRawModeSupported} = useStdin();
  const onInput = useCallback(
    (input: string, key: Key) => registry.current?.dispatch(input, key),
    [],
  );
  useInput(onInput, {isActive: isRawModeSupported});
  return <KeyContext.Provider value={registry.current}>{children}</KeyContext.Provider>;
}

/** Owns keyboard input for everything below it. Render once, near the root (renderInk adds one). */
export function KeyProvider({children}: {readonly children?: ReactNode}) {
  const parent = useContext(KeyContext);
  if (parent !== null) return <>{children}</>;
  return <RootKeyProvider>{children}</RootKeyProvider>;
}

export interface UseKeysOptions {
  /** When false the handler is not registered (default true). */
  readonly isActive?: boolean;
  /** See `Priority` (default Priority.Normal). */
  readonly priority?: number;
}

/**
 * Register a key handler with the nearest <KeyProvider>. The handler may change on every render;
 * the latest one is always called.
 */
export function useKeys(handler: KeyHandler, options: UseKeysOptions = {}): void {
  const {isActive = true, priority = Priority.Normal} = options;
  const registry = useContext(KeyContext);
  if (registry === null) {
    throw new Error('useKeys needs a <KeyProvider> above it (the app shell and renderInk add one)');
  }
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useLayoutEffect(() => {
    if (!isActive) return undefined;
    return registry.add(priority, ref);
  }, [registry, isActive, priority]);
}
