/**
 * <SpinnerLine label>: "⠋ Loading service accounts…" on one line (ink-spinner, accent colour).
 * <StatusMessage>: a transient message with an optional spinner and a tone (info, warning, error),
 * e.g. "Rate limited, retrying in 4 s". Both draw their text inert and on one line.
 */
import React from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {inert, truncateToWidth} from './text.js';
import {marks, theme} from './theme.js';

export interface SpinnerLineProps {
  readonly label: string;
  /** Truncate the label to this many columns (spinner included). */
  readonly width?: number;
}

export function SpinnerLine({label, width}: SpinnerLineProps) {
  const text = inert(label);
  return (
    <Box height={1} overflow="hidden">
      <Text color={theme.accent}>
        <Spinner type="dots" />
      </Text>
      <Text> {width === undefined ? text : truncateToWidth(text, Math.max(0, width - 2))}</Text>
    </Box>
  );
}

export type Tone = 'info' | 'warning' | 'error' | 'success';

export interface StatusMessageValue {
  readonly text: string;
  /** Show a spinner before the text (something is still happening). */
  readonly spinner?: boolean;
  readonly tone?: Tone;
}

export function toneColor(tone: Tone | undefined): string | undefined {
  switch (tone) {
    case 'warning':
      return theme.warning;
    case 'error':
      return theme.error;
    case 'success':
      return theme.accent;
    default:
      return undefined;
  }
}

function toneMark(tone: Tone | undefined): string {
  return tone === 'error'
    ? marks.error
    : tone === 'warning'
      ? marks.warning
      : tone === 'success'
        ? marks.ok
        : '';
}

export interface StatusMessageProps extends StatusMessageValue {
  readonly width?: number;
}

/** Columns the message takes before its text (spinner and tone mark, each with a space). */
export function statusMessagePrefixWidth(message: StatusMessageValue): number {
  return (message.spinner === true ? 2 : 0) + (toneMark(message.tone) !== '' ? 2 : 0);
}

export function StatusMessage({text, spinner = false, tone, width}: StatusMessageProps) {
  const mark = toneMark(tone);
  const prefix = statusMessagePrefixWidth({text, spinner, tone});
  const shown =
    width === undefined ? inert(text) : truncateToWidth(inert(text), Math.max(0, width - prefix));
  return (
    <Text color={toneColor(tone)}>
      {spinner ? (
        <Text color={theme.accent}>
          <Spinner type="dots" />{' '}
        </Text>
      ) : null}
      {/* The tone's mark stays beside a spinner: without colour it is the only sign. */}
      {mark !== '' ? `${mark} ` : null}
      {shown}
    </Text>
  );
}
