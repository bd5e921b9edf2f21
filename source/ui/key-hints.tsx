/**
 * Key hints: "n new · e edit · ? help", from keymap bindings (never hand-written labels).
 * `fitHints` drops hints from the end until the line fits a width; <KeyHints> draws them with the
 * key in the accent colour and the word dim.
 */
import React from 'react';
import {Text} from 'ink';
import {hintText} from './keys/keymap.js';
import type {KeyBinding} from './keys/keymap.js';
import {displayWidth} from './text.js';
import {marks, theme} from './theme.js';

/** The hints that fit in `width` columns, in order (dropping from the end). */
export function fitHints(hints: readonly KeyBinding[], width: number): KeyBinding[] {
  const out: KeyBinding[] = [];
  let used = 0;
  for (const hint of hints) {
    const w = displayWidth(hintText(hint)) + (out.length > 0 ? marks.separator.length : 0);
    if (used + w > width) break;
    out.push(hint);
    used += w;
  }
  return out;
}

export function hintsWidth(hints: readonly KeyBinding[]): number {
  return hints.reduce(
    (sum, hint, i) => sum + displayWidth(hintText(hint)) + (i > 0 ? marks.separator.length : 0),
    0,
  );
}

export interface KeyHintsProps {
  readonly hints: readonly KeyBinding[];
  /** Drop hints from the end to fit. */
  readonly width?: number;
}

export function KeyHints({hints, width}: KeyHintsProps) {
  const shown = width === undefined ? hints : fitHints(hints, width);
  return (
    <Text>
      {shown.map((hint, i) => (
        <Text key={`${hint.label}:${i}`}>
          {i > 0 ? <Text dimColor>{marks.separator}</Text> : null}
          <Text color={theme.accent}>{hint.label}</Text>
          <Text dimColor>{` ${hint.hint}`}</Text>
        </Text>
      ))}
    </Text>
  );
}
