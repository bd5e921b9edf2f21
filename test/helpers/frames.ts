/**
 * Checks on rendered frames, shared by the screen and UI tests.
 *
 * - `expectFits(frame, columns, rows)`: the frame fits a terminal of that size, measured in
 *   display columns (string-width: CJK characters and emoji take two), one row left for the cursor.
 * - `resizeToFit(ui, columns, rows, marker)`: resizes, then waits for the redrawn frame (one that
 *   shows `marker` and fits); `checkSizes` does 80×24 → 64×18 → 80×24 that way.
 * - `anyFrameHas(frames, text)`: some frame written so far showed `text` (a flash between waits).
 * - `controlsBesidesColour(raw)`: what a raw frame holds that a terminal would act on, once Ink's
 *   own colour codes are taken out; a hostile string drawn inert leaves nothing.
 * - `flat(frame)`: line breaks and runs of spaces collapsed, so a wrapped sentence reads whole.
 */
import {stripVTControlCharacters} from 'node:util';
import stringWidth from 'string-width';
import {expect} from 'vitest';
import {frameLines, type InkHandle} from './ink.js';

export function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frameLines(frame);
  expect(lines.length, frame).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

function fits(frame: string, columns: number, rows: number): boolean {
  const lines = frameLines(frame);
  return lines.length <= rows - 1 && lines.every((line) => stringWidth(line) <= columns);
}

/**
 * Resizes the terminal, then returns the first frame that shows `marker` and fits it. The frame
 * drawn before the resize may still be the last one for a moment, so a plain wait for `marker`
 * could check the old layout; one that never fits times out, showing the last frame.
 */
export async function resizeToFit(
  ui: InkHandle,
  columns: number,
  rows: number,
  marker: string,
): Promise<string> {
  await ui.resize(columns, rows);
  return ui.waitFor((frame) => frame.includes(marker) && fits(frame, columns, rows), {
    label: `${JSON.stringify(marker)} within ${columns}×${rows}`,
  });
}

/** The screen fits 80×24, still fits (and still shows `marker`) at 64×18, and again at 80×24. */
export async function checkSizes(ui: InkHandle, marker: string): Promise<void> {
  expectFits(await ui.waitForText(marker), 80, 24);
  await resizeToFit(ui, 64, 18, marker);
  await resizeToFit(ui, 80, 24, marker);
}

/** True when a frame written so far (as plain text) contains `text` or matches it. */
export function anyFrameHas(frames: readonly string[], text: string | RegExp): boolean {
  return frames.some((raw) => {
    const frame = stripVTControlCharacters(raw);
    return typeof text === 'string' ? frame.includes(text) : text.test(frame);
  });
}

export function flat(frame: string): string {
  return frame.replace(/\s+/g, ' ');
}

/** The frame's words without box borders, whitespace collapsed: a wrapped dialog reads as one text. */
export function boxText(frame: string): string {
  return flat(frame.replace(/[│╭╮╰╯─]/g, ' '));
}

/**
 * True for a character a terminal interprets: C0 controls, DEL, C1 controls, and the bidi
 * embeddings, overrides, isolates and marks (they reorder what is drawn).
 */
export function isInterpreted(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

// Ink's colour and style codes: SGR, ESC [ params m. Built from the code so no literal control
// character sits in a regular expression.
const SGR = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, 'g');

/** What a raw frame holds that a terminal would act on, besides colour codes and line breaks. */
export function controlsBesidesColour(raw: string): string[] {
  return [...raw.replace(SGR, '')].filter((ch) => ch !== '\n' && isInterpreted(ch));
}
