/** What the account list draws: the count, notices, and the accounts as a windowed list. */
import {Text} from 'ink';
import type {ReactNode} from 'react';
import {describeError} from '../../errors/describe.js';
import {relativeTime, usageMark, type AccountUsage} from '../../events/usage.js';
import type {AccountRow, useAccountRows} from '../../hooks/accounts.js';
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../limits.js';
import {useBodySize} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {
  Highlight,
  WindowedList,
  fitToWidth,
  inert,
  marks,
  resolveColumnWidths,
  theme,
  toneColor,
  truncateToWidth,
  wrap,
  type Column,
  type RowContext,
} from '../../ui/index.js';
import {formatDay} from '../account-detail/format.js';
import {QueryState} from '../shared/index.js';
import {EMPTY_ORG_HINT} from './input.js';
import type {AccountListNotice} from './state.js';

export const accountKey = (row: AccountRow) => String(row.account.id);

function clientCell(count: number | undefined | null): string {
  return count === undefined ? '…' : count === null ? '?' : String(count);
}

/** What the org's one read of API events says so far (useLastUsed), for the "Last used" column. */
export interface LastUseView {
  readonly usage: ReadonlyMap<number, AccountUsage>;
  /** The end of the window read (epoch ms), once the read has started. */
  readonly now: number | undefined;
  readonly complete: boolean;
  readonly progress: number;
  /** Set without the privilege to read events: what would be needed, in words. */
  readonly needs: string | undefined;
  readonly failed: boolean;
}

/** A mark and a word, so the state reads without colour (NO_COLOR). */
export const UNUSED_MARK = `${marks.warning} unused`;
// Not the error mark (✗): an unused account is a finding, not a failure.
export const NEVER_USED_MARK = `${marks.warning}${marks.warning} never used`;
export const NEEDS_PRIVILEGE_CELL = 'needs iam_admin';

/**
 * The cell: "3 h ago", "! unused 61 d", "✗ never used"; marks only once the whole window is read
 * (events come oldest first, so a partial read cannot tell "unused" yet); "…" before any call.
 */
export function lastUsedCell(id: number, view: LastUseView): string {
  if (view.needs !== undefined) return NEEDS_PRIVILEGE_CELL;
  if (view.failed) return '?';
  const usage = view.usage.get(id);
  if (view.now === undefined) return '…';
  if (!view.complete) return usage ? relativeTime(usage.lastUsed, view.now) : '…';
  const mark = usageMark(usage, view.now);
  if (mark === 'never' || !usage) return NEVER_USED_MARK;
  const ago = relativeTime(usage.lastUsed, view.now);
  return mark === 'unused' ? `${UNUSED_MARK} ${ago.replace(/ ago$/, '')}` : ago;
}

/**
 * Below this screen width the name comes first: ID and Created (both on the account screen) give
 * their columns to it, and it takes two shares of the rest to the roles' one.
 */
const NARROW_BELOW = 80;

// "Last used" sits before Clients and Created: a narrow terminal shrinks columns from the right.
function accountColumns(lastUse: LastUseView, width: number): readonly Column<AccountRow>[] {
  const narrow = width < NARROW_BELOW;
  const columns: Column<AccountRow>[] = [
    {header: 'Name', width: 'fill', share: narrow ? 2 : 1, value: (row) => row.account.name},
    {header: 'ID', width: 6, align: 'right', value: (row) => String(row.account.id)},
    {
      header: 'Roles',
      width: 'fill',
      value: (row) => (row.roleNames.length === 0 ? '—' : row.roleNames.join(', ')),
    },
    {
      header: 'Last used',
      width: NEEDS_PRIVILEGE_CELL.length,
      value: (row) => lastUsedCell(row.account.id, lastUse),
      color: (row) =>
        lastUse.complete &&
        usageMark(lastUse.usage.get(row.account.id), lastUse.now ?? 0) !== 'active'
          ? theme.warning
          : undefined,
    },
    {header: 'Clients', width: 7, align: 'right', value: (row) => clientCell(row.clientCount)},
    {header: 'Created', width: 10, value: (row) => formatDay(row.account.createdAt)},
  ];
  return narrow ? columns.filter((c) => c.header !== 'ID' && c.header !== 'Created') : columns;
}

/** The line under the count: reading progress, the marks' legend, or what is missing. */
function lastUseLine(view: LastUseView): {text: string; warn: boolean} | undefined {
  if (view.needs !== undefined)
    return {text: `Last used: reading API events needs ${view.needs} in this org.`, warn: true};
  if (view.failed)
    return {text: 'Last used unknown (?): the API events could not be read.', warn: true};
  if (!view.complete)
    return {
      text: `Last used: reading 90 days of API events… ${Math.round(view.progress * 100)}%`,
      warn: false,
    };
  return {
    text: `Last used in 90 days · ${UNUSED_MARK} 30+ days · ${NEVER_USED_MARK} in 90 days`,
    warn: false,
  };
}

export function AccountRowsView(props: {
  data: ReturnType<typeof useAccountRows>;
  /** The rows in the order shown (sorted by last use or as served). */
  items: readonly AccountRow[];
  lastUse: LastUseView;
  notice: AccountListNotice | undefined;
  listGeneration: number;
  focusKey: string | undefined;
  isActive: boolean;
  renderRow: (row: AccountRow, ctx: RowContext) => ReactNode;
  onOpen: (row: AccountRow) => void;
  onFocusChange: (row: AccountRow | undefined) => void;
  onFilterModeChange: (on: boolean) => void;
  width: number;
  rows: number;
}) {
  const session = useSession();
  const {data, notice, width, items: rows} = props;
  const usageLine = lastUseLine(props.lastUse);
  const line = (text: string) => truncateToWidth(inert(text), width);
  // A warning says what to do (the 20-account limit): wrapped whole, not cut at the edge. A
  // confirmation ("Created <name>") stays one line, cut.
  const noticeLines = !notice
    ? []
    : notice.tone === 'warning'
      ? wrap(notice.text, width, {maxLines: 3})
      : [line(notice.text)];
  const extraLines =
    1 +
    (usageLine ? 1 : 0) +
    noticeLines.length +
    (data.rules.isError ? 1 : 0) +
    (data.clientsFailed ? 1 : 0);
  return (
    <QueryState query={data.accounts} what="service accounts" width={width}>
      {() => (
        <>
          <Text dimColor>
            {line(
              `${rows.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts${data.clientsLoading ? ' · counting clients…' : ''}`,
            )}
          </Text>
          {usageLine ? (
            <Text color={usageLine.warn ? theme.warning : undefined} dimColor={!usageLine.warn}>
              {line(usageLine.text)}
            </Text>
          ) : null}
          {notice ? <Text color={toneColor(notice.tone)}>{noticeLines.join('\n')}</Text> : null}
          {data.rules.isError ? (
            <Text color={theme.warning}>
              {line(
                `${marks.warning} Roles unknown: ${describeError(data.rules.error, session.endpoints).title}`,
              )}
            </Text>
          ) : null}
          {data.clientsFailed ? (
            <Text color={theme.warning}>
              {line(
                `${marks.warning} Some client counts unknown (?): ${describeError(data.clientsFailed, session.endpoints).title}`,
              )}
            </Text>
          ) : null}
          {rows.length === 0 ? (
            <Text color={theme.accent}>{line(EMPTY_ORG_HINT)}</Text>
          ) : (
            <WindowedList
              key={props.listGeneration}
              items={rows}
              getKey={accountKey}
              height={Math.max(1, props.rows - extraLines)}
              width={width}
              columns={accountColumns(props.lastUse, width)}
              renderRow={props.renderRow}
              initialFocusKey={props.focusKey}
              isActive={props.isActive}
              onSelect={props.onOpen}
              onFocusChange={props.onFocusChange}
              onFilterModeChange={props.onFilterModeChange}
            />
          )}
        </>
      )}
    </QueryState>
  );
}

/** One row's cells, as the list draws column cells (inert, fitted, filter matches marked). */
export function AccountCells(props: {row: AccountRow; ctx: RowContext; lastUse: LastUseView}) {
  const {row, ctx} = props;
  // The screen's width, as the list's header decides its columns by (ctx.width is a row's).
  const columns = accountColumns(props.lastUse, useBodySize().columns);
  const widths = resolveColumnWidths(columns, ctx.width);
  const cells: ReactNode[] = [];
  columns.forEach((column, i) => {
    const width = widths[i] ?? 0;
    if (width <= 0) return;
    if (cells.length > 0) cells.push(' ');
    cells.push(
      <Highlight
        key={i}
        text={fitToWidth(column.value(row), width, column.align)}
        words={ctx.words}
        color={ctx.focused ? theme.accent : column.color?.(row)}
      />,
    );
  });
  return <Text bold={ctx.focused}>{cells}</Text>;
}
