/**
 * <SizeGuard minColumns minRows>: shows its children only when the terminal is at least that big;
 * otherwise one calm message ("Terminal too small: need 60×16, have 40×10 — enlarge the window")
 * instead of a garbled layout. It re-checks on every resize.
 *
 * The children stay mounted while hidden, so shrinking the window and enlarging it again returns
 * to the same screen with nothing lost. While hidden, every key but Ctrl+C is swallowed (nothing
 * is done blind); Ctrl+C still reaches the app, so it can always be quit.
 */
import React from 'react';
import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {Priority, useKeys} from './keys/index.js';
import {theme} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface SizeGuardProps {
  readonly minColumns: number;
  readonly minRows: number;
  readonly children?: ReactNode;
}

function tooSmallMessage(
  need: {columns: number; rows: number},
  have: {columns: number; rows: number},
): string {
  return `Terminal too small: need ${need.columns}×${need.rows}, have ${have.columns}×${have.rows} — enlarge the window`;
}

export function SizeGuard({minColumns, minRows, children}: SizeGuardProps) {
  const size = useTerminalSize();
  const fits = size.columns >= minColumns && size.rows >= minRows;
  useKeys(() => true, {
    isActive: !fits,
    priority: Priority.Critical - 1,
    keys: [],
    takes: 'all',
  });
  return (
    <>
      {fits ? null : (
        <Text color={theme.warning}>
          {tooSmallMessage({columns: minColumns, rows: minRows}, size)}
        </Text>
      )}
      <Box display={fits ? 'flex' : 'none'} flexDirection="column">
        {children}
      </Box>
    </>
  );
}
