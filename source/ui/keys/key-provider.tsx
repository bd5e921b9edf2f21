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
 * Keys are delivered one at a time, in order, each to the handlers as they stand after the
 * previous key's render and effects. Ink 6 on React 19 renders an update later (not inside the key
 * event), so two keys in one read, or a key and a paste written back to back, would otherwise both
 * reach the handlers of the frame before: `/` then `dat` typed fast would send the `d` to the list,
 * not to the filter the `/` opened. So each key also re-renders this provider (cheap: its children
 * are the same element and bail out), and the next key waits for that commit's effects. Ctrl+C
 * never waits. `keysIdle()` tells tests when every key written so far has been handled.
 * `useHoldKeys()` holds every key while a screen's code loads.
 * Handlers are read through a ref at dispatch time (the latest rendered one runs).
 * Raw mode is only requested when stdin supports it, so a non-TTY never crashes with Ink's
 * "Raw mode is not supported". A nested <KeyProvider> is a pass-through.
 */
import React, {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type {ReactNode} from 'react';
import {useInput, useStdin} from 'ink';
import type {Key} from 'ink';
import {isInterrupt} from './keymap.js';
import type {ActionMap, KeyBinding} from './keymap.js';
import {liveHints, type KeyOwner, type Takes} from './live-keys.js';

export const Priority = {
  Low: -100,
  Normal: 0,
  Input: 100,
  Modal: 200,
  Critical: 300,
} as const;

/** Return true when the key was handled: lower handlers then do not see it. */
export type KeyHandler = (input: string, key: Key) => boolean | void;

interface Entry extends KeyOwner {
  readonly id: number;
  readonly priority: number;
  readonly handler: {current: KeyHandler};
  /** What it acts on now (updated on every render of its owner). */
  keys: readonly KeyBinding[] | undefined;
  takes: Takes | undefined;
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

class Registry {
  private entries: Entry[] = [];
  private nextId = 0;
  private holds = 0;
  /** Told when the last hold is released (the provider then delivers what waited). */
  onRelease: () => void = () => undefined;

  /** While held, keys wait in the queue (a screen's code is still loading: they are its keys). */
  get held(): boolean {
    return this.holds > 0;
  }

  hold(): () => void {
    this.holds++;
    return () => {
      this.holds--;
      if (this.holds === 0) this.onRelease();
    };
  }

  add(
    priority: number,
    handler: {current: KeyHandler},
    declared: {current: Pick<KeyOwner, 'keys' | 'takes'>},
  ): Entry {
    const entry: Entry = {id: this.nextId++, priority, handler, ...declared.current};
    this.entries = [...this.entries, entry].sort((a, b) => b.priority - a.priority || b.id - a.id);
    this.changed();
    return entry;
  }

  remove(entry: Entry): void {
    this.entries = this.entries.filter((e) => e !== entry);
    this.changed();
  }

  /** A handler now acts on other keys (its screen changed state). */
  declare(entry: Entry, keys: readonly KeyBinding[] | undefined, takes: Takes | undefined): void {
    if (sameList(entry.keys, keys) && entry.takes === takes) return;
    entry.keys = keys;
    entry.takes = takes;
    this.changed();
  }

  // Who owns which key, for the footer: a snapshot that changes when a handler comes, goes, or
  // says it acts on other keys.
  private owners: readonly KeyOwner[] = [];
  private listeners = new Set<() => void>();

  private changed(): void {
    this.owners = this.entries.map(({priority, keys, takes}) => ({priority, keys, takes}));
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): readonly KeyOwner[] => this.owners;

  /** True when a handler took the key. */
  dispatch(input: string, key: Key): boolean {
    // Ctrl+C is the way out: only Critical handlers (useCtrlC) see it, so no dialog, field or
    // list can swallow it, and none of them has to remember to let it through.
    const floor = isInterrupt(input, key) ? Priority.Critical : -Infinity;
    // A handler may (un)register others while running: iterate over a snapshot.
    for (const entry of this.entries) {
      if (entry.priority < floor) break;
      if (entry.handler.current(input, key) === true) return true;
    }
    return false;
  }
}

/**
 * A chunk of more characters than this is a paste, not typing ahead: outside a field it is
 * dropped, never replayed as commands (a pasted paragraph would press d, n, e... for 30 s).
 */
const MAX_BURST_KEYS = 64;
/** Keys waiting to be replayed, at most; beyond it (a flood of input) more are dropped. */
const MAX_QUEUED_KEYS = 256;
/**
 * Text this short followed by one Enter, in one read, was typed ahead ("dat⏎" into a filter, or
 * tmux send-keys under load), not pasted: the Enter is its own key after the text. A field would
 * otherwise take the whole chunk as a paste and drop the Enter. Longer chunks (a pasted token with
 * its newline) stay one paste, as before.
 */
const MAX_TYPED_AHEAD_TEXT = 32;

const NO_KEY: Key = {
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

/**
 * Ink 6 splits escape sequences that arrive in one read, but hands plain text over whole: "jj",
 * "y\r", two Backspaces. A focused field takes such a chunk as a paste; when nothing does, it is a
 * burst of keys (typing ahead, a slow link, tmux send-keys) and is split into one key per
 * character. Undefined when the chunk is one key already, or holds anything but text and
 * Enter/Tab/Backspace.
 */
export function splitBurst(input: string, key: Key): Array<[string, Key]> | undefined {
  const chars = [...input];
  if (chars.length < 2 || chars.length > MAX_BURST_KEYS || key.ctrl || key.meta) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u000c\u000e-\u001f]/.test(input)) return undefined;
  return chars.map((char): [string, Key] => {
    if (char === '\r') return ['', {...NO_KEY, return: true}];
    if (char === '\t') return ['', {...NO_KEY, tab: true}];
    if (char === '\u007f') return ['', {...NO_KEY, delete: true}];
    return [char, {...NO_KEY, shift: /[A-Z]/.test(char)}];
  });
}

/**
 * Keys typed ahead that no field may take as a paste: a read that mixes short text with Enter, Tab
 * or Backspace ("inv⏎", "v⏎⏎", "⏎⏎") is that text and those keys, in order. A field would
 * otherwise take the whole chunk as a paste and drop the keys. A longer run of text (a pasted token
 * with its newline) keeps the chunk one paste, as before. Undefined when nothing is to split.
 */
export function splitTypedEnter(input: string, key: Key): Array<[string, Key]> | undefined {
  if (key.ctrl || key.meta || input.length < 2 || !/[\r\t\u007f]/.test(input)) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u000c\u000e-\u001f]/.test(input)) return undefined;
  const parts = input.split(/([\r\t\u007f])/).filter((part) => part !== '');
  if (parts.some((part) => [...part].length > MAX_TYPED_AHEAD_TEXT)) return undefined;
  return parts.map((part): [string, Key] => {
    if (part === '\r') return ['', {...NO_KEY, return: true}];
    if (part === '\t') return ['', {...NO_KEY, tab: true}];
    if (part === '\u007f') return ['', {...NO_KEY, delete: true}];
    return [part, {...NO_KEY, shift: [...part].length === 1 && /[A-Z]/.test(part)}];
  });
}

const KeyContext = createContext<Registry | null>(null);

/** Root providers that still have keys to deliver (or wait for a key's commit). */
const busy = new Set<object>();

/** True when every key written so far has been delivered and its render committed (tests wait on it). */
export function keysIdle(): boolean {
  return busy.size === 0;
}

function RootKeyProvider({children}: {readonly children?: ReactNode}) {
  const registry = useRef<Registry | null>(null);
  registry.current ??= new Registry();
  const {isRawModeSupported} = useStdin();
  const queue = useRef<Array<[string, Key]>>([]);
  const awaitingCommit = useRef(false);
  const [, setDelivered] = useState(0);

  /** Hands one key to the handlers; the next key waits for the commit this one causes. */
  const deliver = useCallback((input: string, key: Key) => {
    awaitingCommit.current = true;
    busy.add(queue);
    setDelivered((n) => n + 1);
    // Taken whole (a paste into a field), or one key: done.
    if (registry.current?.dispatch(input, key)) return;
    // A burst no handler took whole (typing ahead, tmux send-keys): one key per character, each
    // after the previous one's commit.
    const keys = splitBurst(input, key);
    if (keys === undefined) return;
    const [first, ...rest] = keys;
    queue.current.unshift(...rest);
    registry.current?.dispatch(...first!);
  }, []);

  const onInput = useCallback(
    (input: string, key: Key) => {
      // Ctrl+C never waits behind queued keys: what was typed before it is dropped, and it acts now.
      if (isInterrupt(input, key)) {
        queue.current = [];
        registry.current?.dispatch(input, key);
        return;
      }
      const keys = splitTypedEnter(input, key) ?? [[input, key] as [string, Key]];
      if (awaitingCommit.current || queue.current.length > 0 || registry.current?.held) {
        busy.add(queue);
        // A flood of input beyond this is dropped, not replayed for minutes.
        if (queue.current.length < MAX_QUEUED_KEYS) queue.current.push(...keys);
        return;
      }
      const [first, ...rest] = keys;
      queue.current.push(...rest);
      deliver(...first!);
    },
    [deliver],
  );

  // After every commit of this provider, which each delivered key causes: the next key, if any.
  useEffect(() => {
    awaitingCommit.current = false;
    if (registry.current?.held) return;
    const next = queue.current.shift();
    if (next === undefined) busy.delete(queue);
    else deliver(...next);
  });
  useLayoutEffect(
    () => () => {
      queue.current = [];
      busy.delete(queue);
    },
    [],
  );
  // A hold released (the screen that was loading has committed): a render, whose effect delivers.
  registry.current.onRelease = () => setDelivered((n) => n + 1);
  useInput(onInput, {isActive: isRawModeSupported});
  return <KeyContext.Provider value={registry.current}>{children}</KeyContext.Provider>;
}

/** Owns keyboard input for everything below it. Render once, near the root (renderInk adds one). */
export function KeyProvider({children}: {readonly children?: ReactNode}) {
  const parent = useContext(KeyContext);
  if (parent !== null) return <>{children}</>;
  return <RootKeyProvider>{children}</RootKeyProvider>;
}

/**
 * While the calling component is mounted, keys wait instead of reaching the handlers (Ctrl+C
 * excepted); they are delivered, in order, after the commit that unmounts it. For a screen whose
 * code is still loading (lazyScreen): keys typed meanwhile act on that screen, not on
 * the frame's global keys or nothing.
 */
export function useHoldKeys(): void {
  const registry = useContext(KeyContext);
  useLayoutEffect(() => registry?.hold(), [registry]);
}

export interface UseKeysOptions {
  /** When false the handler is not registered (default true). */
  readonly isActive?: boolean;
  /** See `Priority` (default Priority.Normal). */
  readonly priority?: number;
  /**
   * The keys it acts on in this state (what `matchAction` is given): the footer shows a hint only
   * when its key reaches a handler that lists it (live-keys.ts). Not given = unknown.
   */
  readonly keys?: ActionMap | readonly KeyBinding[];
  /** Besides `keys`, it swallows every key ('all': a modal) or typing ('text': a field). */
  readonly takes?: Takes;
}

function bindingsOf(keys: ActionMap | readonly KeyBinding[] | undefined): KeyBinding[] | undefined {
  if (keys === undefined) return undefined;
  return Array.isArray(keys) ? [...(keys as readonly KeyBinding[])] : Object.values(keys);
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
  const declared = useRef<Pick<KeyOwner, 'keys' | 'takes'>>({keys: undefined, takes: undefined});
  const entry = useRef<Entry | undefined>(undefined);
  useLayoutEffect(() => {
    ref.current = handler;
    declared.current = {keys: bindingsOf(options.keys), takes: options.takes};
    if (entry.current) registry.declare(entry.current, declared.current.keys, options.takes);
  });
  useLayoutEffect(() => {
    if (!isActive) return undefined;
    const added = registry.add(priority, ref, declared);
    entry.current = added;
    return () => {
      entry.current = undefined;
      registry.remove(added);
    };
  }, [registry, isActive, priority]);
}

/**
 * Of `hints`, those whose keys act now as shown, after the keys of a modal on top (a dialog, the
 * filter being typed, the help): what the footer shows. Updates when handlers change.
 */
export function useLiveHints(hints: readonly KeyBinding[]): KeyBinding[] {
  const registry = useContext(KeyContext);
  const owners = useSyncExternalStore(
    registry?.subscribe ?? noSubscribe,
    registry?.snapshot ?? noOwners,
  );
  return registry === null ? [...hints] : liveHints(owners, hints, Priority.Normal);
}

const noSubscribe = () => () => undefined;
const noOwners = (): readonly KeyOwner[] => [];
