/**
 * <SizeGuard minColumns minRows>: renders its children only when the terminal is at least that big;
 * otherwise one calm message ("Terminal too small: need 60×16, have 40×10 — enlarge the window")
 * instead of a garbled layout. It re-checks on every resize.
 */
import React from 'react';
import type {ReactNode} from 'react';
import {Text} from 'ink';
import {theme} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface SizeGuardProps {
  readonly minColumns: number;
  readonly minRows: number;
  readonly children?: ReactNode;
}

export function tooSmallMessage(
  need: {columns: number; rows: number},
  have: {columns: number; rows: number},
): string {
  return `Terminal too small: need ${need.columns}×${need.rows}, have ${have.columns}×${have.rows} — enlarge the window`;
}

export function SizeGuard({minColumns, minRows, children}: SizeGuardProps) {
  const size = useTerminalSize();
  if (size.columns >= minColumns && size.rows >= minRows) return <>{children}</>;
  return (
    <Text color={theme.warning}>{tooSmallMessage({columns: minColumns, rows: minRows}, size)}</Text>
  );
}
