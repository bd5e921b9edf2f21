/**
 * <TextField>: a labelled single-line input with a hint, an inline validation message, an optional
 * mask and a length counter.
 *
 *   Name  12/512
 *   › billing-export█
 *   Letters, digits and dashes.            (hint, dim)   or   ✗ Name is required.   (error, red)
 *
 * - `focus` decides whether it takes keys (through the key dispatcher, Priority.Input): while
 *   focused, single-letter shortcuts are off; Esc, Tab, ↑/↓ go on to the form/dialog.
 * - `mask`: the value is never drawn, only bullets (at most the field's width) and its length;
 *   a paste of any length arrives in one write. Trim with `cleanPastedSecret` / `.trim()`: the
 *   caller decides (the field keeps exactly what was typed, minus control characters).
 * - `maxLength` shows "n/max" and, past it, a red "too long" line (unless `error` is given); it
 *   does not cut the text, so nothing pasted is silently lost. Counted in code points (charCount).
 * - The value is drawn inert; typed control characters are dropped, newlines/tabs become spaces.
 *
 * Not ink-text-input: that component draws its value raw (an ESC in it reaches the terminal),
 * listens to stdin on its own (outside the key dispatcher, so a dialog cannot shield it) and moves
 * its cursor by UTF-16 units. This one keeps the same props where they overlap.
 */
import React from 'react';
import {Box, Text} from 'ink';
import {Priority} from '../keys/index.js';
import {charCount, displayWidth, formatCount, graphemes, inert, truncateToWidth} from '../text.js';
import {marks, theme} from '../theme.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {useTextFieldInput} from './use-text-field-input.js';
import {useTextFieldState} from './use-text-field-state.js';

export interface TextFieldProps {
  /** Shown above the field; '' for none (then the line is only drawn for the counter). */
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Enter while focused. Without it, Enter goes on to lower handlers. */
  readonly onSubmit?: (value: string) => void;
  /** Takes keys only while true. */
  readonly focus: boolean;
  readonly placeholder?: string;
  /** Secondary text under the field (dim). */
  readonly hint?: string;
  /** Validation message under the field (red); replaces the hint. */
  readonly error?: string;
  /** true (•) or the mask character: the value is never drawn. */
  readonly mask?: boolean | string;
  /** Shows a counter and a "too long" message past it. */
  readonly maxLength?: number;
  /** Default: the terminal's columns. */
  readonly width?: number;
  /** Dispatcher priority (default Priority.Input; dialogs pass a higher one). */
  readonly priority?: number;
}

const PREFIX = 2;

export function TextField(props: TextFieldProps) {
  const {label, value, onChange, onSubmit, focus, placeholder, hint, error, mask, maxLength} =
    props;
  const terminal = useTerminalSize();
  const width = Math.max(4, props.width ?? terminal.columns);
  const state = useTextFieldState(value, onChange);
  useTextFieldInput(state, {isActive: focus, priority: props.priority ?? Priority.Input, onSubmit});

  const count = charCount(value);
  const over = maxLength !== undefined && count > maxLength;
  const counter = maxLength === undefined ? '' : `${formatCount(count)}/${formatCount(maxLength)}`;
  const labelText = truncateToWidth(inert(label), Math.max(1, width - counter.length - 2));
  const message =
    error ??
    (over && maxLength !== undefined
      ? `Too long: ${formatCount(count)} characters, at most ${formatCount(maxLength)}.`
      : undefined);
  const room = Math.max(1, width - PREFIX - 1);

  return (
    <Box flexDirection="column" width={width}>
      {labelText === '' && counter === '' ? null : (
        <Box height={1} overflow="hidden">
          <Text bold={focus}>{labelText}</Text>
          {counter === '' ? null : (
            <Text color={over ? theme.error : undefined} dimColor={!over}>{`  ${counter}`}</Text>
          )}
        </Box>
      )}
      <Box height={1} overflow="hidden">
        <Text color={theme.accent}>{focus ? `${marks.pointer} ` : '  '}</Text>
        {value === '' && placeholder !== undefined && !focus ? (
          <Text dimColor>{truncateToWidth(inert(placeholder), room)}</Text>
        ) : mask !== undefined && mask !== false ? (
          <Masked
            value={value}
            mask={typeof mask === 'string' ? mask : marks.mask}
            focus={focus}
            room={room}
          />
        ) : (
          <Plain
            value={value}
            cursor={state.cursor}
            focus={focus}
            room={room}
            placeholder={placeholder}
          />
        )}
      </Box>
      {message !== undefined ? (
        <Box height={1} overflow="hidden">
          <Text color={theme.error}>
            {truncateToWidth(`${marks.error} ${inert(message)}`, width)}
          </Text>
        </Box>
      ) : hint !== undefined ? (
        <Box height={1} overflow="hidden">
          <Text dimColor>{truncateToWidth(inert(hint), width)}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

function Masked({
  value,
  mask,
  focus,
  room,
}: {
  value: string;
  mask: string;
  focus: boolean;
  room: number;
}) {
  const n = graphemes(value).length;
  const suffix = n === 0 ? '' : ` (${formatCount(n)} characters)`;
  const bullets = Math.max(0, Math.min(n, room - suffix.length - 1));
  return (
    <Text>
      {mask.repeat(bullets)}
      {focus ? <Text inverse> </Text> : null}
      <Text dimColor>{suffix}</Text>
    </Text>
  );
}

function Plain({
  value,
  cursor,
  focus,
  room,
  placeholder,
}: {
  value: string;
  cursor: number;
  focus: boolean;
  room: number;
  placeholder: string | undefined;
}) {
  if (!focus) return <Text>{truncateToWidth(inert(value), room + 1)}</Text>;
  if (value === '') {
    return (
      <Text>
        <Text inverse> </Text>
        {placeholder === undefined ? null : (
          <Text dimColor>{truncateToWidth(inert(placeholder), room - 1)}</Text>
        )}
      </Text>
    );
  }
  // Cells: one per grapheme (drawn inert), the cursor on one of them or after the end.
  const before = graphemes(value.slice(0, cursor)).map(inert);
  const after = graphemes(value.slice(cursor)).map(inert);
  const atCursor = after.shift() ?? ' ';
  // Keep the cursor in view: drop cells from the left (one '…' marks the cut), then cut the right.
  let budget = room - displayWidth(atCursor);
  let start = before.length;
  let used = 0;
  const total = displayWidth(before.join(''));
  const limit = total > budget ? budget - 1 : budget;
  while (start > 0) {
    const w = displayWidth(before[start - 1] ?? '');
    if (used + w > limit) break;
    used += w;
    start--;
  }
  const left = start > 0 ? ['…', ...before.slice(start)] : before;
  budget -= displayWidth(left.join(''));
  const right = truncateToWidth(after.join(''), Math.max(0, budget));
  return (
    <Text>
      {left.join('')}
      <Text inverse>{atCursor}</Text>
      {right}
    </Text>
  );
}
