/**
 * The picker's body: a header line (account, scope, pending changes), the filter line, the roles
 * grouped by category with checkboxes, then the focused role's description, its flags and (on
 * `p`) its privileges. Every line is counted (layout.ts), so the body never outgrows its rows.
 */
import {Box, Text} from 'ink';
import {useCallback, type ReactNode} from 'react';
import type {Role} from '../../api/schemas.js';
import {matchedPrivileges, roleCategory, searchWords} from '../../roles/index.js';
import {
  Highlight,
  WindowedList,
  displayWidth,
  fitToWidth,
  graphemes,
  inert,
  marks,
  theme,
  truncateToWidth,
  type RowContext,
} from '../../ui/index.js';
import {wrap} from '../../ui/text.js';
import type {PickerLayout} from './layout.js';
import type {Notice} from './state.js';
import {GLOBAL_ACTIONS, keyLine, relabel} from '../../ui/keys/keymap.js';

export interface RoleRow {
  readonly role: Role;
  /** The pending change on this role in the current scope. */
  readonly change: 'grant' | 'revoke' | undefined;
  readonly broad: string | undefined;
  /** The capability this role needs and the org lacks (API.md §12.5): it cannot be granted. */
  readonly missingCapability?: string;
  readonly refusal: string | undefined;
}

export interface RoleListViewProps {
  readonly rows: readonly RoleRow[];
  readonly totalRoles: number;
  readonly checked: ReadonlySet<string>;
  readonly header: string;
  readonly pending: number;
  readonly query: string;
  readonly typing: boolean;
  readonly notice: Notice | undefined;
  readonly noticeLines: readonly string[];
  readonly layout: PickerLayout;
  readonly showPrivileges: boolean;
  readonly focused: RoleRow | undefined;
  readonly initialFocusKey: string | undefined;
  readonly width: number;
  readonly isActive: boolean;
  readonly onToggle: (row: RoleRow) => void;
  readonly onFocusChange: (row: RoleRow | undefined) => void;
}

const getKey = (row: RoleRow) => row.role.name;
const groupBy = (row: RoleRow) => roleCategory(row.role);
/** Marks and words, so they read without colour (NO_COLOR). */
const BROAD = `${marks.warning} broad`;
export const MISSING_CAPABILITY_FLAG = `${marks.warning} no capability`;

export function RoleListView(props: RoleListViewProps) {
  const {width, layout, query} = props;
  const words = searchWords(query).filter((word) => !word.includes(':'));
  // The flag column is wider when some role is out of the org's reach (same width on every row).
  const flagText = props.rows.some((row) => row.missingCapability !== undefined)
    ? MISSING_CAPABILITY_FLAG
    : BROAD;
  const renderRow = useCallback(
    (row: RoleRow, ctx: RowContext) => (
      <RoleRowView row={row} ctx={ctx} words={words} flagWidth={flagText.length} />
    ),
    // words is derived from query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [query, flagText],
  );
  const showFilter = props.typing || query !== '';
  return (
    <Box flexDirection="column" width={width}>
      <Box height={1} overflow="hidden">
        <Text wrap="truncate-end">
          <Text>{truncateToWidth(inert(props.header), Math.max(1, width - 14))}</Text>
          {props.pending > 0 ? (
            <Text color={theme.accent}>
              {` · ${props.pending} change${props.pending === 1 ? '' : 's'}`}
            </Text>
          ) : null}
        </Text>
      </Box>
      {showFilter ? (
        <FilterLine
          query={query}
          typing={props.typing}
          shown={props.rows.length}
          total={props.totalRoles}
          width={width}
        />
      ) : null}
      <WindowedList
        // A new query remounts the list: its cursor starts on the first match (or the kept focus).
        key={query}
        items={props.rows}
        getKey={getKey}
        groupBy={groupBy}
        height={layout.listRows}
        width={width}
        renderRow={renderRow}
        onToggle={props.onToggle}
        checked={props.checked}
        onFocusChange={props.onFocusChange}
        filterable={false}
        isActive={props.isActive}
        initialFocusKey={props.initialFocusKey}
        emptyText={
          query === ''
            ? 'This org has no roles to grant.'
            : `No role matches "${query}" — ${GLOBAL_ACTIONS.back.label} clears the filter`
        }
      />
      {props.noticeLines.map((line, i) => (
        <Box key={`notice:${i}`} height={1} overflow="hidden">
          <Text color={props.notice?.tone === 'warning' ? theme.warning : undefined}>{line}</Text>
        </Box>
      ))}
      {layout.detailRows > 0 ? (
        <Detail
          row={props.focused}
          layout={layout}
          width={width}
          showPrivileges={props.showPrivileges}
          query={query}
        />
      ) : null}
    </Box>
  );
}

/** The list's filter line: "/ query · 3 of 54 roles · Enter apply · Esc clear". */
export function FilterLine(props: {
  query: string;
  typing: boolean;
  shown: number;
  total: number;
  width: number;
  /** What Enter does while typing (default "apply"). */
  enterHint?: string;
}) {
  const enter = props.enterHint ?? 'apply';
  const suffix = ` · ${props.shown} of ${props.total} roles · ${keyLine(
    props.typing ? relabel(GLOBAL_ACTIONS.open, enter) : relabel(GLOBAL_ACTIONS.filter, 'edit'),
    relabel(GLOBAL_ACTIONS.back, 'clear'),
  )}`;
  const room = Math.max(4, props.width - displayWidth(suffix) - 3);
  let text = inert(props.query);
  if (displayWidth(text) > room) {
    const gs = graphemes(text);
    while (gs.length > 0 && displayWidth(gs.join('')) > room - 1) gs.shift();
    text = `…${gs.join('')}`;
  }
  return (
    <Box height={1} overflow="hidden">
      <Text wrap="truncate-end">
        <Text color={theme.accent}>/ </Text>
        <Text>{text}</Text>
        {props.typing ? <Text inverse> </Text> : null}
        <Text dimColor>{truncateToWidth(suffix, Math.max(0, props.width - room - 3))}</Text>
      </Text>
    </Box>
  );
}

function RoleRowView(props: {row: RoleRow; ctx: RowContext; words: string[]; flagWidth: number}) {
  const {row, ctx, words} = props;
  const {role} = row;
  const w = ctx.width;
  const markW = 2;
  const broadW = w >= 40 ? props.flagWidth + 1 : 0;
  const nameW = Math.max(8, Math.min(30, Math.floor((w - markW - broadW) * 0.4)));
  const displayW = Math.max(1, w - markW - broadW - nameW - 1);
  const mark = row.change === 'grant' ? '+ ' : row.change === 'revoke' ? '− ' : '  ';
  const dim = row.refusal !== undefined;
  const color = dim ? 'gray' : ctx.focused ? theme.accent : undefined;
  return (
    <Text bold={ctx.focused}>
      <Text color={row.change === 'revoke' ? theme.warning : theme.accent}>{mark}</Text>
      <Highlight
        text={fitToWidth(role.displayName ?? role.name, displayW)}
        words={words}
        color={color}
      />
      <Text> </Text>
      <Highlight text={fitToWidth(role.name, nameW)} words={words} color="gray" />
      {broadW > 0 ? (
        <Text color={theme.warning}>
          {row.missingCapability !== undefined
            ? ` ${MISSING_CAPABILITY_FLAG}`
            : row.broad !== undefined
              ? ` ${BROAD}`
              : ''}
        </Text>
      ) : null}
    </Text>
  );
}

function Detail(props: {
  row: RoleRow | undefined;
  layout: PickerLayout;
  width: number;
  showPrivileges: boolean;
  query: string;
}) {
  const {row, layout, width} = props;
  const lines: ReactNode[] = [];
  const push = (node: ReactNode) =>
    lines.push(
      <Box key={lines.length} height={1} overflow="hidden">
        {node}
      </Box>,
    );
  if (row !== undefined) {
    const {role} = row;
    const description = role.description?.trim() || 'No description.';
    for (const line of wrap(description, width, {maxLines: layout.descriptionLines})) {
      push(<Text>{line}</Text>);
    }
    while (lines.length < layout.descriptionLines) push(<Text> </Text>);
    if (row.missingCapability !== undefined) {
      push(
        <Text color={theme.warning}>
          {truncateToWidth(
            inert(
              `${marks.warning} needs the ${row.missingCapability} capability, which this org lacks`,
            ),
            width,
          )}
        </Text>,
      );
    } else if (row.refusal !== undefined) {
      push(
        <Text color={theme.warning}>
          {truncateToWidth('! cannot be granted to a service account', width)}
        </Text>,
      );
    } else if (row.broad !== undefined) {
      push(
        <Text color={theme.warning}>{truncateToWidth(inert(`! broad: ${row.broad}`), width)}</Text>,
      );
    } else {
      push(<Text> </Text>);
    }
    const privileges = role.privileges ?? [];
    if (props.showPrivileges) {
      const text =
        privileges.length === 0
          ? 'No privileges listed.'
          : `Privileges (${privileges.length}): ${privileges.join(', ')}`;
      for (const line of wrap(text, width, {maxLines: layout.privilegeLines})) {
        push(<Text dimColor>{line}</Text>);
      }
    } else {
      const matched = matchedPrivileges(role, props.query);
      const count = `${privileges.length} privilege${privileges.length === 1 ? '' : 's'} (p shows them)`;
      const text =
        matched.length > 0
          ? `matches ${matched.slice(0, 3).join(', ')}${matched.length > 3 ? ' …' : ''} · ${count}`
          : count;
      push(<Text dimColor>{truncateToWidth(inert(text), width)}</Text>);
    }
  }
  return (
    <Box flexDirection="column" height={layout.detailRows} overflow="hidden">
      {lines.slice(0, layout.detailRows)}
    </Box>
  );
}
