/**
 * Ink test helpers: render, press keys, wait for frames.
 *
 *   const ui = renderInk(<Screen />, {columns: 80, rows: 24});
 *   await ui.press('down', 2);
 *   await ui.waitForText('billing-export');
 *   await ui.resize(60, 20);
 *
 * - Without a set size, a non-TTY stdin or a wait for exit, renders with ink-testing-library's
 *   render() (100 columns, no rows). Otherwise with Ink's own render() on fake streams of the
 *   same kind: stdout has `columns`, `rows`, isTTY and `resize(columns, rows)` (updates and emits
 *   'resize'); stdin is a TTY (or not) whose setRawMode is a no-op. Both: debug mode, so every frame
 *   is written whole; exitOnCtrlC off, as in the app (useCtrlC handles Ctrl+C).
 * - The element is wrapped in a <KeyProvider> (pass `keys: false` to opt out).
 * - `press()` and `type()` write, then wait until the key dispatcher is idle: every key written has
 *   reached its handlers and the render it caused is committed (source/ui/keys, `keysIdle`). No
 *   helper sleeps a fixed time: `waitFor` polls the frame between event-loop turns until a deadline.
 * - Every render is unmounted after each test (afterEach registered here; `cleanup()` is exported).
 */
import {EventEmitter} from 'node:events';
import {stripVTControlCharacters} from 'node:util';
import React from 'react';
import type {ReactElement} from 'react';
import {render as inkRender} from 'ink';
import {cleanup as cleanupTestRenders, render as renderForTest} from 'ink-testing-library';
import type {Instance} from 'ink';
import {afterEach} from 'vitest';
import {KeyProvider} from '../../source/ui/keys/index.js';
import {keysIdle} from '../../source/ui/keys/key-provider.js';

/** Escape sequences for named keys (what a terminal sends). */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  space: ' ',
  backspace: '\u007F',
  delete: '\u001B[3~',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
  ctrlA: '\u0001',
  ctrlE: '\u0005',
} as const;

export type KeyName = keyof typeof KEYS;

const DEFAULT_TIMEOUT_MS = 5000;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(() => setTimeout(resolve, 0)));

/** A terminal-like stdout that records every frame Ink writes. */
class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly frames: string[] = [];
  private ignoreEmpty = false;

  constructor(
    public columns: number,
    // undefined = ink-testing-library's stdout, which has no rows.
    public rows: number | undefined,
  ) {
    super();
  }

  write = (frame: string): boolean => {
    // Shrinking the width makes Ink clear its (debug-unused) log first: an empty write, not a frame.
    if (!(this.ignoreEmpty && frame === '')) this.frames.push(frame);
    return true;
  };

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.ignoreEmpty = true;
    try {
      this.emit('resize');
    } finally {
      this.ignoreEmpty = false;
    }
  }
}

/** The last frame, skipping writes that are only terminal controls (Ink shows the cursor on exit). */
function lastDrawn(frames: readonly string[]): string {
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i] as string;
    if (frame === '' || stripVTControlCharacters(frame) !== '') return frame;
  }
  return '';
}

/** A TTY stdin that Ink reads through 'readable' + read(), as ink-testing-library's does. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;

  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };

  read = (): string | null => {
    const {data} = this;
    this.data = null;
    return data;
  };

  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface RenderInkOptions {
  /** Terminal width; with `rows`, a fake terminal of that size (default 100, no rows). */
  readonly columns?: number;
  readonly rows?: number;
  /** Wrap in <KeyProvider> (default true). */
  readonly keys?: boolean;
  /** stdin is a terminal (default true); false to test the no-raw-mode path. */
  readonly tty?: boolean;
  /** The test waits for the app to exit (waitForExit/hasExited need Ink's own instance). */
  readonly exits?: boolean;
}

interface WaitOptions {
  /** Default 5000 ms. */
  readonly timeout?: number;
  /** Named in the timeout error. */
  readonly label?: string;
}

export interface InkHandle {
  /** The last frame, ANSI styling removed. */
  lastFrame(): string;
  /** The last frame exactly as written (styling and anything else included). */
  lastRawFrame(): string;
  /** Every frame as written (raw). */
  readonly frames: readonly string[];
  /** Writes to stdin as is, without settling (keys arriving back to back). */
  readonly stdin: {write(data: string): void};
  readonly stderr: {readonly frames: readonly string[]};
  /** The fake stdout of a sized render (Ink keys its instance by it: test/helpers/layout.ts). */
  readonly stdout?: object;
  /** Write a named key (or a literal string) `times` times, settling after each. */
  press(key: KeyName | (string & {}), times?: number): Promise<void>;
  /** Write text in one write (a paste), then settle. */
  type(text: string): Promise<void>;
  /** Poll until predicate(lastFrame()) holds; returns that frame; throws with the last frame. */
  waitFor(predicate: (frame: string) => boolean, options?: WaitOptions): Promise<string>;
  waitForText(text: string, options?: WaitOptions): Promise<string>;
  /** Resize the fake terminal (emits 'resize'), then settle. */
  resize(columns: number, rows: number): Promise<void>;
  /**
   * Resolves when the app exits (useApp().exit(), or a render error), with the error it exited
   * with, if any; throws on timeout.
   */
  waitForExit(options?: WaitOptions): Promise<Error | undefined>;
  /** Whether the app has exited. */
  hasExited(): boolean;
  rerender(element: ReactElement): void;
  unmount(): void;
}

const live = new Set<Instance>();

/** Unmounts every render still mounted. Registered with afterEach by this module. */
export function cleanup(): void {
  for (const instance of live) {
    instance.unmount();
    instance.cleanup();
  }
  live.clear();
  cleanupTestRenders();
}

afterEach(cleanup);

/** What the handle drives: a stdin to write to, the frames written, and the render's controls. */
interface Rendered {
  readonly stdin: {write(data: string): void};
  readonly frames: readonly string[];
  readonly stderr: {readonly frames: readonly string[]};
  readonly stdout?: object;
  rerender(element: ReactElement): void;
  unmount(): void;
  /** Settles when the app exits; undefined where the renderer does not say (ink-testing-library). */
  readonly exit?: Promise<void>;
  readonly exitError?: () => Error | undefined;
  resize?(columns: number, rows: number): void;
}

function renderWithFakeTerminal(element: ReactElement, options: RenderInkOptions): Rendered {
  const sized = options.columns !== undefined || options.rows !== undefined;
  const stdout = new FakeStdout(
    options.columns ?? (sized ? 80 : 100),
    sized ? (options.rows ?? 24) : undefined,
  );
  const stderr = new FakeStdout(stdout.columns, stdout.rows);
  const stdin = new FakeStdin();
  stdin.isTTY = options.tty ?? true;
  const instance = inkRender(element, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  live.add(instance);
  let exitError: Error | undefined;
  const exit = instance.waitUntilExit().then(
    () => undefined,
    (error: unknown) => {
      exitError = error instanceof Error ? error : new Error(String(error));
    },
  );
  return {
    stdin,
    frames: stdout.frames,
    stderr,
    stdout,
    rerender: (el) => instance.rerender(el),
    unmount: () => {
      instance.unmount();
      live.delete(instance);
    },
    exit,
    exitError: () => exitError,
    resize: sized
      ? (columns, rows) => {
          stdout.resize(columns, rows);
          stderr.resize(columns, rows);
        }
      : undefined,
  };
}

export function renderInk(element: ReactElement, options: RenderInkOptions = {}): InkHandle {
  const wrap = (el: ReactElement) =>
    options.keys === false ? el : <KeyProvider>{el}</KeyProvider>;
  const own =
    options.columns !== undefined ||
    options.rows !== undefined ||
    options.tty === false ||
    options.exits === true;
  const rendered: Rendered = own
    ? renderWithFakeTerminal(wrap(element), options)
    : renderForTest(wrap(element));
  let exited = false;
  void rendered.exit?.then(() => {
    exited = true;
  });
  const {stdin} = rendered;

  const lastRawFrame = () => lastDrawn(rendered.frames);

  /** Until every key written has been handled and its render committed, then one more turn. */
  const settle = async (timeout = DEFAULT_TIMEOUT_MS): Promise<void> => {
    const deadline = Date.now() + timeout;
    while (!keysIdle()) {
      if (Date.now() > deadline) throw new Error(`keys still pending after ${timeout} ms`);
      await yieldTurn();
    }
    await yieldTurn();
  };
  const lastFrame = () => stripVTControlCharacters(lastRawFrame());

  const waitFor = async (
    predicate: (frame: string) => boolean,
    {timeout = DEFAULT_TIMEOUT_MS, label}: WaitOptions = {},
  ): Promise<string> => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const frame = lastFrame();
      if (predicate(frame)) return frame;
      if (Date.now() > deadline) {
        throw new Error(
          `waitFor${label === undefined ? '' : ` (${label})`} timed out after ${timeout} ms. Last frame:\n${frame}`,
        );
      }
      await yieldTurn();
    }
  };

  return {
    lastFrame,
    lastRawFrame,
    frames: rendered.frames,
    stdin,
    stderr: rendered.stderr,
    stdout: rendered.stdout,
    async press(key, times = 1) {
      const sequence = key in KEYS ? KEYS[key as KeyName] : key;
      for (let i = 0; i < times; i++) {
        stdin.write(sequence);
        await settle();
      }
    },
    async type(text) {
      stdin.write(text);
      await settle();
    },
    waitFor,
    waitForText: (text, opts) =>
      waitFor((frame) => frame.includes(text), {label: `text ${JSON.stringify(text)}`, ...opts}),
    async resize(columns, rows) {
      if (!rendered.resize) throw new Error('resize() needs renderInk(element, {columns, rows})');
      rendered.resize(columns, rows);
      await settle();
    },
    async waitForExit({timeout = DEFAULT_TIMEOUT_MS}: WaitOptions = {}) {
      const {exit} = rendered;
      if (!exit) throw new Error('waitForExit() needs renderInk(element, {exits: true})');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`the app did not exit within ${timeout} ms. Last frame:\n${lastFrame()}`),
            ),
          timeout,
        );
      });
      try {
        await Promise.race([exit, timedOut]);
      } finally {
        clearTimeout(timer);
      }
      return rendered.exitError?.();
    },
    hasExited: () => {
      if (!rendered.exit) throw new Error('hasExited() needs renderInk(element, {exits: true})');
      return exited;
    },
    rerender: (el) => rendered.rerender(wrap(el)),
    unmount: () => rendered.unmount(),
  };
}

/** Lines of a frame (trailing spaces are already trimmed by Ink). */
export function frameLines(frame: string): string[] {
  return frame === '' ? [] : frame.split('\n');
}
