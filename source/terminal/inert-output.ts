/**
 * The one way text leaves a non-interactive command or a message on stderr: each line through
 * `inert()` (ui/text.ts), the function the app draws with. Nothing a server, a file, the
 * environment or the user supplied can then move the cursor, clear the screen, set the title or the
 * clipboard (OSC 0/52), open a link (OSC 8), ring the bell or reorder text (U+202E).
 */
import {inert} from '../ui/text.js';

export interface Output {
  write(text: string): unknown;
}

/** `inert` line by line: the newlines that end lines stay, every other control is made visible. */
export function inertLines(text: string): string {
  return text.split('\n').map(inert).join('\n');
}

/** `out`, with every write made inert first. */
export function inertOutput(out: Output): Output {
  return {write: (text: string) => out.write(inertLines(String(text)))};
}
