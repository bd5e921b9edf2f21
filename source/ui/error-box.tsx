/**
 * <ErrorBox>: an error shown in place, in words a person can act on: a title, what happened, what
 * to do, and optionally the key that retries. Never a stack trace: any "    at …" frame lines in
 * the given text are dropped, and all text is drawn inert.
 * <ErrorLine>: the one-line form ("✗ That name is taken.") for fields and dialogs.
 */
import React from 'react';
import {Box, Text} from 'ink';
import type {KeyBinding} from './keys/keymap.js';
import {inert, truncateToWidth} from './text.js';
import {marks, theme} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';

/** Removes stack-frame lines ("    at fn (file:1:2)") and trims the rest. */
function withoutStack(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*at\s.+/.test(line))
    .join('\n')
    .trim();
}

export interface ErrorBoxProps {
  /** Short: "Token refused by NAM". */
  readonly title: string;
  /** What happened, in a sentence. */
  readonly what?: string;
  /** What to do about it. */
  readonly todo?: string;
  /** The retry key (e.g. GLOBAL_ACTIONS.refresh), shown as "r retry". */
  readonly retry?: KeyBinding;
  /** Default: the terminal's columns. */
  readonly width?: number;
}

export function ErrorBox({title, what, todo, retry, width}: ErrorBoxProps) {
  const terminal = useTerminalSize();
  const w = Math.max(10, width ?? terminal.columns);
  return (
    <Box
      flexDirection="column"
      width={w}
      borderStyle="round"
      borderColor={theme.error}
      paddingX={1}
    >
      <Text color={theme.error} bold wrap="truncate-end">
        {`${marks.error} ${inert(withoutStack(title))}`}
      </Text>
      {what === undefined ? null : <Text wrap="wrap">{inert(withoutStack(what))}</Text>}
      {todo === undefined ? null : <Text wrap="wrap">{inert(withoutStack(todo))}</Text>}
      {retry === undefined ? null : (
        <Text>
          <Text color={theme.accent}>{retry.label}</Text>
          <Text dimColor> retry</Text>
        </Text>
      )}
    </Box>
  );
}

export function ErrorLine({text, width}: {readonly text: string; readonly width?: number}) {
  const line = `${marks.error} ${inert(withoutStack(text))}`;
  return (
    <Text color={theme.error}>{width === undefined ? line : truncateToWidth(line, width)}</Text>
  );
}
