/**
 * <ScrollLines>: a fixed-height window over prepared lines (each cut to the width), scrolled with
 * ↑/k ↓/j PgUp PgDn g G. `anchor` keeps one line in view (the change being applied).
 */
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {useState} from 'react';
import {MOVE_ACTIONS, matchAction} from '../../ui/keys/keymap.js';
import {Priority, inert, theme, truncateToWidth, useKeys} from '../../ui/index.js';

export interface Line {
  readonly text: string;
  readonly color?: string;
  readonly dim?: boolean;
  readonly bold?: boolean;
  readonly spinner?: boolean;
  /** Drawn after the text in its own colour ("  broad"). */
  readonly suffix?: {readonly text: string; readonly color?: string};
}

const MOVES = MOVE_ACTIONS;

const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), hi);

export function ScrollLines(props: {
  lines: readonly Line[];
  height: number;
  width: number;
  isActive: boolean;
  anchor?: number;
}) {
  const {lines, width} = props;
  const height = Math.max(1, props.height);
  const max = Math.max(0, lines.length - height);
  const [offset, setOffset] = useState(0);
  let top = clamp(offset, 0, max);
  if (props.anchor !== undefined) {
    if (props.anchor < top) top = props.anchor;
    else if (props.anchor >= top + height) top = clamp(props.anchor - height + 1, 0, max);
  }
  useKeys(
    (input, key) => {
      const move = matchAction(input, key, MOVES);
      if (move === undefined) return false;
      setOffset((previous) => {
        const from = clamp(previous, 0, max);
        switch (move) {
          case 'up':
            return clamp(from - 1, 0, max);
          case 'down':
            return clamp(from + 1, 0, max);
          case 'first':
            return 0;
          case 'last':
            return max;
          case 'pageUp':
            return clamp(from - height, 0, max);
          case 'pageDown':
            return clamp(from + height, 0, max);
        }
      });
      return true;
    },
    {
      isActive: props.isActive && props.anchor === undefined,
      priority: Priority.Normal,
      keys: max > 0 ? MOVES : [],
    },
  );
  const visible = lines.slice(top, top + height);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {visible.map((line, i) => {
        const prefix = line.spinner ? 2 : 0;
        const suffix = line.suffix === undefined ? '' : inert(line.suffix.text);
        const text = truncateToWidth(inert(line.text), Math.max(1, width - prefix - suffix.length));
        return (
          <Box key={top + i} height={1} overflow="hidden">
            <Text color={line.color} dimColor={line.dim} bold={line.bold}>
              {line.spinner ? (
                <Text color={theme.accent}>
                  <Spinner type="dots" />{' '}
                </Text>
              ) : null}
              {text}
              {suffix === '' ? null : <Text color={line.suffix?.color}>{suffix}</Text>}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
