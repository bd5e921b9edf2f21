/**
 * <HelpOverlay>: the keys of this screen, then the keys that work everywhere, all from the key map
 * (labels and descriptions are the same ones the footer and handlers use). Esc or ? closes it
 * (onClose). Modal: while open no key reaches the screen below (Ctrl+C still does).
 * It fits `width` × `height` (default: the terminal, minus one line); when the list is longer the
 * rest is cut with a "…" line.
 */
import React from 'react';
import {Box, Text} from 'ink';
import {GLOBAL_HELP, matchAction} from './keys/keymap.js';
import type {ActionMap, KeyBinding} from './keys/keymap.js';
import {Priority, useKeys} from './keys/index.js';
import {displayWidth, inert, padToWidth, truncateToWidth} from './text.js';
import {theme} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface HelpOverlayProps {
  /** The screen's name: "Service accounts". */
  readonly title?: string;
  /** The screen's own keys (a defineActions map or a list of bindings). */
  readonly actions?: ActionMap | readonly KeyBinding[];
  /** The keys that work everywhere (default GLOBAL_HELP). */
  readonly global?: readonly KeyBinding[];
  readonly onClose: () => void;
  readonly width?: number;
  readonly height?: number;
  /** Default true. */
  readonly isActive?: boolean;
}

const CLOSE_KEYS = {
  close: {keys: ['esc', '?'], label: 'Esc/?', hint: 'close', description: 'Close this help'},
} as const satisfies ActionMap;

type Line = {kind: 'section'; text: string} | {kind: 'key'; binding: KeyBinding} | {kind: 'blank'};

export function HelpOverlay({
  title,
  actions,
  global = GLOBAL_HELP,
  onClose,
  width,
  height,
  isActive = true,
}: HelpOverlayProps) {
  const terminal = useTerminalSize();
  const w = Math.max(20, width ?? Math.min(terminal.columns, 80));
  const h = Math.max(5, height ?? terminal.rows - 1);

  useKeys(
    (input, key) => {
      if (matchAction(input, key, CLOSE_KEYS) !== undefined) onClose();
      return true;
    },
    {isActive, priority: Priority.Modal},
  );

  const screen: readonly KeyBinding[] =
    actions === undefined
      ? []
      : Array.isArray(actions)
        ? actions
        : Object.values(actions as ActionMap);
  const lines: Line[] = [];
  if (screen.length > 0) {
    lines.push({kind: 'section', text: 'On this screen'});
    for (const b of screen) lines.push({kind: 'key', binding: b});
    lines.push({kind: 'blank'});
  }
  lines.push({kind: 'section', text: 'Everywhere'});
  for (const b of global) lines.push({kind: 'key', binding: b});

  const inner = w - 4; // border + padding
  const labelWidth = Math.min(
    14,
    Math.max(...[...screen, ...global].map((b) => displayWidth(b.label)), 1),
  );
  // Title + footer + border take 4 lines.
  const room = h - 4;
  const shown = lines.length > room ? lines.slice(0, Math.max(0, room - 1)) : lines;
  const cut = shown.length < lines.length;

  return (
    <Box
      flexDirection="column"
      width={w}
      borderStyle="round"
      borderColor={theme.accent}
      paddingX={1}
    >
      <Text bold wrap="truncate-end">
        {truncateToWidth(title === undefined ? 'Keys' : `Keys — ${inert(title)}`, inner)}
      </Text>
      {shown.map((line, i) =>
        line.kind === 'blank' ? (
          <Text key={i}> </Text>
        ) : line.kind === 'section' ? (
          <Text key={i} dimColor>
            {truncateToWidth(line.text, inner)}
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            <Text color={theme.accent}>
              {padToWidth(truncateToWidth(line.binding.label, labelWidth), labelWidth)}
            </Text>
            {`  ${truncateToWidth(inert(line.binding.description), Math.max(0, inner - labelWidth - 2))}`}
          </Text>
        ),
      )}
      {cut ? <Text dimColor>… (enlarge the window to see all keys)</Text> : null}
      <Text dimColor wrap="truncate-end">
        Esc or ? closes this help
      </Text>
    </Box>
  );
}
