/** What the account list draws: the count, notices, and the accounts as a windowed list. */
import {Text} from 'ink';
import type {ReactNode} from 'react';
import {describeError} from '../../errors/describe.js';
import type {AccountRow, useAccountRows} from '../../hooks/accounts.js';
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../limits.js';
import {useSession} from '../../session.js';
import {
  Highlight,
  WindowedList,
  fitToWidth,
  inert,
  resolveColumnWidths,
  theme,
  toneColor,
  truncateToWidth,
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

const COLUMNS: readonly Column<AccountRow>[] = [
  {header: 'Name', width: 'fill', value: (row) => row.account.name},
  {header: 'ID', width: 6, align: 'right', value: (row) => String(row.account.id)},
  {
    header: 'Roles',
    width: 'fill',
    value: (row) => (row.roleNames.length === 0 ? '—' : row.roleNames.join(', ')),
  },
  {header: 'Clients', width: 7, align: 'right', value: (row) => clientCell(row.clientCount)},
  {header: 'Created', width: 10, value: (row) => formatDay(row.account.createdAt)},
];

export function AccountRowsView(props: {
  data: ReturnType<typeof useAccountRows>;
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
  const {data, notice, width} = props;
  const {rows} = data;
  const extraLines =
    1 + (notice ? 1 : 0) + (data.rules.isError ? 1 : 0) + (data.clientsFailed ? 1 : 0);
  const line = (text: string) => truncateToWidth(inert(text), width);
  return (
    <QueryState query={data.accounts} what="service accounts" width={width}>
      {() => (
        <>
          <Text dimColor>
            {line(
              `${rows.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts${data.clientsLoading ? ' · counting clients…' : ''}`,
            )}
          </Text>
          {notice ? <Text color={toneColor(notice.tone)}>{line(notice.text)}</Text> : null}
          {data.rules.isError ? (
            <Text color={theme.warning}>
              {line(`Roles unknown: ${describeError(data.rules.error, session.endpoints).title}`)}
            </Text>
          ) : null}
          {data.clientsFailed ? (
            <Text color={theme.warning}>
              {line(
                `Some client counts unknown (?): ${describeError(data.clientsFailed, session.endpoints).title}`,
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
              columns={COLUMNS}
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
export function AccountCells({row, ctx}: {row: AccountRow; ctx: RowContext}) {
  const widths = resolveColumnWidths(COLUMNS, ctx.width);
  const cells: ReactNode[] = [];
  COLUMNS.forEach((column, i) => {
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
