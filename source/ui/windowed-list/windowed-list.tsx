/**
 * <WindowedList>: a keyboard list that never draws more than `height` lines, however many items
 * (2,000 is fine: only the visible window is rendered; filtering is one O(n) pass per key).
 *
 * Lines used, top to bottom: column header (when columns have headers), filter line (while typing or
 * when a filter is applied), the window of rows (group headers + items), a status line
 * ("showing 21–40 of 2,000"). When `height` is small the status, then the header, are dropped first.
 *
 * Keys (see use-windowed-list-input.ts): ↑/k ↓/j g G PgUp PgDn, Enter = onSelect, Space = onToggle,
 * / = filter (typing narrows, Enter applies, Esc clears), Esc with nothing to clear = onBack.
 *
 * Rows are drawn with `renderRow(item, ctx)` or from a `columns` spec; every string from `columns`
 * is drawn inert. A custom `renderRow` must use inert()/fitToWidth()/<Highlight> for its strings;
 * each row is clipped to one line of `width` columns either way.
 */
import React, {useEffect, useMemo, useRef} from 'react';
import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {resolveColumnWidths} from '../columns.js';
import {fitToWidth, formatCount, graphemes, inert, truncateToWidth, displayWidth} from '../text.js';
import {marks, theme} from '../theme.js';
import {GLOBAL_ACTIONS, keyLine, relabel} from '../keys/keymap.js';
import {useLatest} from '../use-latest.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {highlightSegments} from './highlight.js';
import {queryWords} from './model.js';
import {useWindowedListInput} from './use-windowed-list-input.js';
import {useWindowedListState} from './use-windowed-list-state.js';

const FILTER_APPLY = relabel(
  GLOBAL_ACTIONS.open,
  'apply',
  'Keep the filter and go back to the list',
);
const FILTER_CLEAR = relabel(GLOBAL_ACTIONS.back, 'clear', 'Clear the filter');

export interface Column<T> {
  /** Column title (shown in a header line when any column has one). */
  readonly header?: string;
  /** Columns of text, or 'fill' for what is left. */
  readonly width: number | 'fill';
  /** A fill column's share of what is left (default 1; see resolveColumnWidths). */
  readonly share?: number;
  readonly align?: 'left' | 'right';
  /** The cell text (drawn inert, truncated with … and padded to the width). */
  readonly value: (item: T) => string;
  /** Optional colour per item (e.g. theme.warning for a broad role). */
  readonly color?: (item: T) => string | undefined;
}

export interface RowContext {
  readonly focused: boolean;
  readonly checked: boolean;
  /** Columns available to the row's content (after the pointer and checkbox). */
  readonly width: number;
  /** Lower-case words of the filter, for <Highlight>. */
  readonly words: readonly string[];
}

export interface WindowedListProps<T> {
  readonly items: readonly T[];
  /** A stable, unique key per item (focus follows it across refreshes). */
  readonly getKey: (item: T) => string;
  /** Total lines the list may use, including its header, filter and status lines (≥ 1). */
  readonly height: number;
  /** Default: the terminal's columns. */
  readonly width?: number;
  readonly columns?: readonly Column<T>[];
  readonly renderRow?: (item: T, ctx: RowContext) => ReactNode;
  /** Text the filter searches. Default: the columns' values, else String(item). */
  readonly getFilterText?: (item: T) => string;
  /** Group header label per item; items must already be ordered by group. */
  readonly groupBy?: (item: T) => string;
  /** Multi-select: Space calls onToggle(item); checkboxes are shown. The parent owns `checked`. */
  readonly onToggle?: (item: T) => void;
  readonly checked?: ReadonlySet<string>;
  /** Enter on an item. */
  readonly onSelect?: (item: T) => void;
  /** Esc when no filter is left to clear. Without it, Esc goes on to lower handlers. */
  readonly onBack?: () => void;
  /** Called when the focused item changes (undefined when nothing matches). */
  readonly onFocusChange?: (item: T | undefined) => void;
  /** Called when filter typing starts or ends (e.g. to change the footer hints). */
  readonly onFilterModeChange?: (typing: boolean) => void;
  /** Shown when there are no items at all. */
  readonly emptyText?: string;
  /** Default true. */
  readonly filterable?: boolean;
  /** Mark filter matches in column cells (default true). */
  readonly highlight?: boolean;
  /** Keys handled only while true (default true). */
  readonly isActive?: boolean;
  /** Item focused on mount. */
  readonly initialFocusKey?: string;
}

const POINTER = `${marks.pointer} `;

function stringOf(item: unknown): string {
  return typeof item === 'string' ? item : String(item);
}

export function WindowedList<T>(props: WindowedListProps<T>) {
  const {
    items,
    getKey,
    height,
    columns,
    renderRow,
    groupBy,
    onToggle,
    checked,
    onSelect,
    onBack,
    emptyText = 'Nothing here yet.',
    filterable = true,
    highlight = true,
    isActive = true,
  } = props;
  const terminal = useTerminalSize();
  const width = Math.max(1, props.width ?? terminal.columns);
  const hasHeader = columns?.some((c) => c.header !== undefined) ?? false;

  const defaultFilterText = useMemo(
    () =>
      columns === undefined ? stringOf : (item: T) => columns.map((c) => c.value(item)).join(' '),
    [columns],
  );
  const state = useWindowedListState({
    items,
    getKey,
    getFilterText: props.getFilterText ?? defaultFilterText,
    groupBy,
    height,
    hasHeader,
    initialFocusKey: props.initialFocusKey,
  });
  useWindowedListInput(state, {isActive, filterable, onSelect, onToggle, onBack});

  const onFocusChange = useLatest(props.onFocusChange);
  const focusedKey = state.focused === undefined ? undefined : getKey(state.focused);
  const focusedItem = state.focused;
  useEffect(() => {
    onFocusChange.current?.(focusedItem);
    // Only a change of the focused key is news.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusedKey]);
  const onFilterModeChange = useLatest(props.onFilterModeChange);
  const {editing} = state;
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    onFilterModeChange.current?.(editing);
  }, [editing, onFilterModeChange]);

  const selectable = onToggle !== undefined;
  const contentWidth = Math.max(1, width - POINTER.length - (selectable ? 4 : 0));
  const widths = useMemo(
    () => (columns === undefined ? [] : resolveColumnWidths(columns, contentWidth)),
    [columns, contentWidth],
  );
  const words = useMemo(() => (highlight ? queryWords(state.query) : []), [highlight, state.query]);
  const {chrome, view, model} = state;
  const indent = ' '.repeat(width - contentWidth);

  const lines: ReactNode[] = [];
  if (chrome.showHeader && columns !== undefined) {
    const header = columns
      .map((c, i) => ({text: c.header ?? '', width: widths[i] ?? 0, align: c.align}))
      .filter((c) => c.width > 0)
      .map((c) => fitToWidth(c.text, c.width, c.align))
      .join(' ');
    lines.push(
      <Box key="header" height={1} overflow="hidden">
        <Text dimColor>{truncateToWidth(indent + header, width)}</Text>
      </Box>,
    );
  }
  if (chrome.showFilter) {
    lines.push(
      <Box key="filter" height={1} overflow="hidden">
        <FilterLine query={state.query} editing={state.editing} width={width} />
      </Box>,
    );
  }

  if (model.filtered.length === 0) {
    const text =
      items.length === 0
        ? emptyText
        : `No match for "${state.query}" — ${FILTER_CLEAR.label} clears the filter`;
    lines.push(
      <Box key="empty" height={1} overflow="hidden">
        <Text dimColor>{truncateToWidth(inert(text), width)}</Text>
      </Box>,
    );
  } else {
    view.visible.forEach((row, i) => {
      if (row.kind === 'header') {
        lines.push(
          <Box key={`group:${view.offset + i}`} height={1} overflow="hidden">
            <Text bold dimColor>
              {truncateToWidth(inert(row.label), width)}
            </Text>
          </Box>,
        );
        return;
      }
      const item = model.filtered[row.index] as T;
      const key = getKey(item);
      const focused = row.index === view.cursor;
      const isChecked = checked?.has(key) ?? false;
      const ctx: RowContext = {focused, checked: isChecked, width: contentWidth, words};
      let content: ReactNode;
      if (renderRow !== undefined) content = renderRow(item, ctx);
      else if (columns !== undefined)
        content = <Cells item={item} columns={columns} widths={widths} ctx={ctx} />;
      else
        content = (
          <Cell text={fitToWidth(stringOf(item), contentWidth)} words={words} focused={focused} />
        );
      lines.push(
        <Box key={`item:${key}`} height={1} overflow="hidden">
          <Text color={theme.accent}>{focused ? POINTER : '  '}</Text>
          {selectable ? (
            <Text color={isChecked ? theme.accent : undefined}>
              {isChecked ? `${marks.checked} ` : `${marks.unchecked} `}
            </Text>
          ) : null}
          <Box width={contentWidth} height={1} overflow="hidden">
            {content}
          </Box>
        </Box>,
      );
    });
  }

  if (chrome.showStatus && model.filtered.length > 0) {
    let status = `showing ${formatCount(view.firstItem)}–${formatCount(view.lastItem)} of ${formatCount(model.filtered.length)}`;
    if (state.query !== '') status += ` (filtered from ${formatCount(items.length)})`;
    if (state.editing) status += ` · ${keyLine(FILTER_APPLY, FILTER_CLEAR)}`;
    lines.push(
      <Box key="status" height={1} overflow="hidden">
        <Text dimColor>{truncateToWidth(status, width)}</Text>
      </Box>,
    );
  }

  return (
    <Box flexDirection="column" width={width}>
      {lines}
    </Box>
  );
}

function FilterLine({query, editing, width}: {query: string; editing: boolean; width: number}) {
  const shown = inert(query);
  if (!editing) {
    const suffix = `  (${keyLine(relabel(GLOBAL_ACTIONS.filter, 'edit'), FILTER_CLEAR)})`;
    const text = truncateToWidth(`/ ${shown}`, Math.max(1, width - suffix.length));
    return (
      <Text>
        <Text color={theme.accent}>{text}</Text>
        <Text dimColor>{displayWidth(text) + suffix.length <= width ? suffix : ''}</Text>
      </Text>
    );
  }
  // While typing, keep the end of a long query (where the cursor is) in view.
  const room = Math.max(0, width - 3);
  let tail = shown;
  if (displayWidth(tail) > room) {
    const gs = graphemes(tail);
    while (gs.length > 0 && displayWidth(gs.join('')) > room - 1) gs.shift();
    tail = `…${gs.join('')}`;
  }
  return (
    <Text>
      <Text color={theme.accent}>/ </Text>
      {tail}
      <Text inverse> </Text>
    </Text>
  );
}

function Cell({
  text,
  words,
  focused,
  color,
}: {
  text: string;
  words: readonly string[];
  focused: boolean;
  color?: string;
}) {
  const segments = highlightSegments(text, words);
  return (
    <Text color={color ?? (focused ? theme.accent : undefined)} bold={focused}>
      {segments.map((s, i) =>
        s.match ? (
          <Text key={i} underline color={theme.accent}>
            {s.text}
          </Text>
        ) : (
          s.text
        ),
      )}
    </Text>
  );
}

function Cells<T>({
  item,
  columns,
  widths,
  ctx,
}: {
  item: T;
  columns: readonly Column<T>[];
  widths: readonly number[];
  ctx: RowContext;
}) {
  const parts: ReactNode[] = [];
  columns.forEach((c, i) => {
    const w = widths[i] ?? 0;
    if (w <= 0) return;
    if (parts.length > 0) parts.push(' ');
    parts.push(
      <Cell
        key={i}
        text={fitToWidth(c.value(item), w, c.align)}
        words={ctx.words}
        focused={ctx.focused}
        color={c.color?.(item)}
      />,
    );
  });
  return <Text>{parts}</Text>;
}
