/**
 * What a screen tells the app shell about itself: its title (the breadcrumb's last part), the
 * 3–5 keys for the footer, its own keys for the help overlay, and a transient status message.
 * The shell owns the frame (breadcrumb, footer, help); a screen owns only its body.
 */
import {createContext, useContext, useEffect, useMemo, type ReactNode} from 'react';
import type {ActionMap, KeyBinding} from './ui/keys/keymap.js';
import type {StatusMessageValue} from './ui/index.js';

export interface ScreenChrome {
  title: string;
  /** Footer hints, most useful first ("? help" is added by the footer). */
  hints?: readonly KeyBinding[];
  /** The screen's keys for the help overlay. */
  help?: ActionMap | readonly KeyBinding[];
  /** Replaces the hints while set ("Saving…", "2 changes pending"). */
  message?: StatusMessageValue;
  /**
   * Set while quitting would lose something (a secret shown once): `q` asks this question first,
   * and Ctrl+C needs a second press.
   */
  confirmQuit?: string;
}

export interface BodySize {
  columns: number;
  /** Lines the screen may use. */
  rows: number;
}

interface ChromeContextValue {
  setChrome: (chrome: ScreenChrome) => void;
  body: BodySize;
}

const ChromeContext = createContext<ChromeContextValue | undefined>(undefined);

export function ChromeProvider(props: {
  setChrome: (chrome: ScreenChrome) => void;
  body: BodySize;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({setChrome: props.setChrome, body: props.body}),
    [props.setChrome, props.body],
  );
  return <ChromeContext.Provider value={value}>{props.children}</ChromeContext.Provider>;
}

/** Declare the screen's chrome; re-declared whenever it changes. */
export function useScreenChrome(chrome: ScreenChrome): void {
  const context = useContext(ChromeContext);
  const {title, hints, help, message, confirmQuit} = chrome;
  useEffect(() => {
    context?.setChrome({title, hints, help, message, confirmQuit});
  }, [context, title, hints, help, message, confirmQuit]);
}

/** The space a screen's body may fill (the shell keeps lines for breadcrumb and footer). */
export function useBodySize(): BodySize {
  const context = useContext(ChromeContext);
  return context?.body ?? {columns: 80, rows: 20};
}
