/**
 * <Highlight text words>: draws inert text with the parts matching any of the (lower-case) words
 * in the accent colour, underlined. For custom `renderRow`s that want filter matches shown.
 */
import React from 'react';
import {Text} from 'ink';
import {inert} from '../text.js';
import {theme} from '../theme.js';

export interface Segment {
  readonly text: string;
  readonly match: boolean;
}

/** Split text into matching / non-matching runs (case-insensitive). */
export function highlightSegments(text: string, words: readonly string[]): Segment[] {
  const lower = text.toLowerCase();
  // Lower-casing can change lengths (e.g. "İ"); then indices do not map back: no highlight.
  if (words.length === 0 || lower.length !== text.length) return [{text, match: false}];
  const mask = new Uint8Array(text.length);
  for (const word of words) {
    if (word === '') continue;
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
      mask.fill(1, at, at + word.length);
    }
  }
  const out: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || mask[i] !== mask[start]) {
      out.push({text: text.slice(start, i), match: mask[start] === 1});
      start = i;
    }
  }
  return out;
}

export interface HighlightProps {
  readonly text: string;
  /** Lower-case words to mark (see `queryWords`). */
  readonly words: readonly string[];
  readonly color?: string;
}

export function Highlight({text, words, color}: HighlightProps) {
  const segments = highlightSegments(inert(text), words);
  return (
    <Text color={color}>
      {segments.map((s, i) =>
        s.match ? (
          <Text key={i} color={theme.accent} underline>
            {s.text}
          </Text>
        ) : (
          s.text
        ),
      )}
    </Text>
  );
}
