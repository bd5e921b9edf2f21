/**
 * How step 2 draws a role: the search line, one role per list row (display name, name, and a
 * refused / broad / suggested flag), and the focused role's description and privileges.
 */
import {Box, Text} from 'ink';
import type {Role} from '../../api/schemas.js';
import {matchedPrivileges} from '../../roles/index.js';
import {
  Highlight,
  fitToWidth,
  inert,
  marks,
  theme,
  truncateToWidth,
  type RowContext,
} from '../../ui/index.js';
import {FilterLine} from '../role-picker/role-list.js';

export interface Row {
  readonly role: Role;
  readonly broad?: string;
  readonly refusal?: string;
  readonly suggested: boolean;
}

export function SearchLine(props: {
  query: string;
  typing: boolean;
  shown: number;
  total: number;
  width: number;
}) {
  const {query, typing, width} = props;
  if (!typing && query === '') {
    return (
      <Box height={1} overflow="hidden">
        <Text dimColor>
          {truncateToWidth(
            `/ search by name, category or privilege (user:index) · ${props.total} roles`,
            width,
          )}
        </Text>
      </Box>
    );
  }
  return <FilterLine {...props} enterHint="pick from the list" />;
}

export function RoleLine({row, ctx, words}: {row: Row; ctx: RowContext; words: string[]}) {
  const w = ctx.width;
  // Each flag has its mark, so it reads without colour (NO_COLOR).
  const flag = row.refusal
    ? `${marks.error} refused`
    : row.broad
      ? `${marks.warning} broad`
      : row.suggested
        ? '★ suggested'
        : '';
  const flagW = w >= 50 ? 12 : w >= 36 ? 8 : 0;
  const nameW = Math.max(8, Math.min(28, Math.floor((w - flagW) * 0.4)));
  const displayW = Math.max(1, w - flagW - nameW - 1);
  const color = row.refusal ? 'gray' : ctx.focused ? theme.accent : undefined;
  const flagColor = row.refusal ? 'gray' : row.broad ? theme.warning : theme.accent;
  return (
    <Text bold={ctx.focused}>
      <Highlight
        text={fitToWidth(row.role.displayName ?? row.role.name, displayW)}
        words={words}
        color={color}
      />
      <Text> </Text>
      <Highlight text={fitToWidth(row.role.name, nameW)} words={words} color="gray" />
      {flagW > 0 ? (
        <Text color={flagColor}>{fitToWidth(flag === '' ? '' : ` ${flag}`, flagW)}</Text>
      ) : null}
    </Text>
  );
}

export function Detail({row, query, width}: {row: Row | undefined; query: string; width: number}) {
  if (row === undefined) return <Box height={2} />;
  const {role} = row;
  const description = role.description?.trim() || 'No description.';
  const privileges = role.privileges ?? [];
  const matched = matchedPrivileges(role, query);
  const second = row.refusal
    ? {text: `${marks.warning} ${row.refusal}`, color: theme.warning}
    : row.broad
      ? {text: `${marks.warning} broad: ${row.broad}`, color: theme.warning}
      : {
          text:
            (row.suggested ? '★ the narrowest match (least privilege) · ' : '') +
            (matched.length > 0
              ? `grants ${matched.slice(0, 3).join(', ')}${matched.length > 3 ? ' …' : ''} · ${privileges.length} privileges in all`
              : `${privileges.length} privilege${privileges.length === 1 ? '' : 's'}: ${privileges.slice(0, 4).join(', ')}${privileges.length > 4 ? ' …' : ''}`),
          color: row.suggested ? theme.accent : undefined,
        };
  return (
    <Box flexDirection="column" height={2} overflow="hidden">
      <Text dimColor wrap="truncate-end">
        {truncateToWidth(inert(description), width)}
      </Text>
      <Text color={second.color} dimColor={second.color === undefined} wrap="truncate-end">
        {truncateToWidth(inert(second.text), width)}
      </Text>
    </Box>
  );
}
