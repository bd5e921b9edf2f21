/**
 * Step 2: what the application needs to do. The user types what it must do (a privilege such as
 * `user:index`, or words such as "billing"); the matching roles are listed least privilege first,
 * the narrowest one marked as the suggestion. Space picks the focused role, except while a search
 * is being typed (there it is a space between words: Enter ends the search, then Space picks);
 * the line under the list says which. org_owner and other superuser-type roles are refused with
 * the reason; broad roles are flagged here and confirmed again before sending.
 */
import {Box, Text} from 'ink';
import {useCallback, useMemo, type Dispatch} from 'react';
import type {Role} from '../../api/schemas.js';
import {COMMON_ACTIONS, FILTER_TYPING, GLOBAL_ACTIONS, matchAction} from '../../ui/keys/keymap.js';
import {
  broadReason,
  narrowerRoles,
  orderByCategory,
  roleCategory,
  searchRoles,
  searchWords,
  serviceAccountRefusal,
} from '../../roles/index.js';
import {
  Priority,
  WindowedList,
  inert,
  theme,
  truncateToWidth,
  useKeys,
  type RowContext,
} from '../../ui/index.js';
import {wrapNotice} from '../shared/notice-lines.js';
import {queryKey} from '../shared/query-edit.js';
import {leastPrivilegeFirst, suggestedRole} from './recipe.js';
import {Detail, RoleLine, SearchLine, type Row} from './role-rows.js';
import type {GuideAction, GuideState} from './state.js';

const LIST_KEYS = {
  filter: GLOBAL_ACTIONS.filter,
  open: GLOBAL_ACTIONS.open,
  back: GLOBAL_ACTIONS.back,
};

/** While the search is typed (every other key is text; ↑↓ still move the list). */
const TYPING_KEYS = [FILTER_TYPING.apply, FILTER_TYPING.clear];

export interface RolesStepProps {
  readonly catalogue: readonly Role[];
  readonly state: GuideState;
  readonly dispatch: Dispatch<GuideAction>;
  readonly accountName: string;
  readonly width: number;
  readonly rows: number;
  readonly isActive: boolean;
  readonly onBack: () => void;
  readonly onNext: () => void;
}

/** The picked roles' notice: why a broad one is broad, and what grants less. */
function broadNotice(role: Role, catalogue: readonly Role[], reason: string) {
  const narrower = narrowerRoles(role, catalogue);
  return {
    tone: 'warning' as const,
    text:
      `${role.name} is broad (${reason}); you confirm it again before anything is sent.` +
      (narrower.length > 0 ? ` Narrower: ${narrower.map((r) => r.name).join(', ')}.` : ''),
  };
}

export function RolesStep(props: RolesStepProps) {
  const {catalogue, state, dispatch, width, rows, isActive} = props;
  const {query, typing, picked} = state;
  const searching = searchWords(query).length > 0;

  const list: Row[] = useMemo(() => {
    const found = searching
      ? leastPrivilegeFirst(searchRoles(catalogue, query))
      : orderByCategory(catalogue);
    const suggestion = searching ? suggestedRole(found) : undefined;
    return found.map((role) => ({
      role,
      broad: broadReason(role),
      refusal: serviceAccountRefusal(role),
      suggested: role === suggestion,
    }));
  }, [catalogue, query, searching]);
  const checked = useMemo(() => new Set(picked), [picked]);
  const focused = list.find((row) => row.role.name === state.focused) ?? list[0];

  const toggle = useCallback(
    (row: Row) =>
      dispatch({
        type: 'toggle',
        roleName: row.role.name,
        refusal: row.refusal,
        notice: row.broad ? broadNotice(row.role, catalogue, row.broad) : undefined,
      }),
    [catalogue, dispatch],
  );

  // Typing in the search: text narrows the list; arrows still move it.
  useKeys(
    (input, key) => {
      const edit = queryKey(input, key);
      if (edit === 'list') return false;
      // Nothing typed yet: a search never starts with a space, so Space picks, as the words say.
      if (query === '' && typeof edit === 'object' && edit.kind === 'type' && edit.text === ' ') {
        if (focused) toggle(focused);
        return true;
      }
      if (edit === 'escape') {
        if (query === '') props.onBack();
        else dispatch({type: 'search-clear'});
      } else if (edit) dispatch({type: 'search-edit', edit});
      return true;
    },
    {priority: Priority.Input, isActive: isActive && typing, keys: TYPING_KEYS, takes: 'all'},
  );

  useKeys(
    (input, key) => {
      switch (matchAction(input, key, LIST_KEYS)) {
        case 'filter':
          dispatch({type: 'search-start'});
          return true;
        case 'open':
          if (picked.length === 0) {
            dispatch({
              type: 'notice',
              notice: {
                tone: 'info',
                text: `Pick at least one role (${COMMON_ACTIONS.toggle.label}): a client without a role can call nothing.`,
              },
            });
          } else props.onNext();
          return true;
        case 'back':
          if (query !== '') dispatch({type: 'search-clear'});
          else props.onBack();
          return true;
        default:
          return false;
      }
    },
    {isActive: isActive && !typing, keys: LIST_KEYS},
  );

  const words = searchWords(query).filter((word) => !word.includes(':'));
  const renderRow = useCallback(
    (row: Row, ctx: RowContext) => <RoleLine row={row} ctx={ctx} words={words} />,
    // words derive from query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [query],
  );

  const noticeLines = wrapNotice(state.notice, width);
  const detailRows = rows >= 14 ? 2 : 0;
  const fixed = 2 + noticeLines.length + detailRows + 1;
  const listRows = Math.max(1, rows - fixed);

  return (
    <Box flexDirection="column" width={width}>
      <Box height={1} overflow="hidden">
        <Text wrap="truncate-end">
          {truncateToWidth(
            inert(
              `What must "${props.accountName}" be able to do? Type a privilege (user:index) or words (billing).`,
            ),
            width,
          )}
        </Text>
      </Box>
      <SearchLine
        query={query}
        typing={typing}
        shown={list.length}
        total={catalogue.length}
        width={width}
      />
      <WindowedList
        key={query}
        items={list}
        getKey={(row) => row.role.name}
        groupBy={searching ? undefined : (row) => roleCategory(row.role)}
        height={listRows}
        width={width}
        renderRow={renderRow}
        onToggle={toggle}
        checked={checked}
        onFocusChange={(row) => dispatch({type: 'focus', roleName: row?.role.name})}
        filterable={false}
        isActive={isActive}
        initialFocusKey={focused?.role.name}
        emptyText={
          query === ''
            ? 'This org has no roles.'
            : `No role matches "${query}": try other words, or ${GLOBAL_ACTIONS.back.label} clears the search.`
        }
      />
      {noticeLines.map((line, i) => (
        <Box key={`notice:${i}`} height={1} overflow="hidden">
          <Text color={state.notice?.tone === 'warning' ? theme.warning : theme.accent}>
            {line}
          </Text>
        </Box>
      ))}
      {detailRows > 0 ? <Detail row={focused} query={query} width={width} /> : null}
      <Box height={1} overflow="hidden">
        <Text wrap="truncate-end" color={picked.length > 0 ? theme.accent : undefined}>
          {truncateToWidth(inert(pickedLine(picked, typing, query)), width)}
        </Text>
      </Box>
    </Box>
  );
}

/** The line under the list: what is picked, and what Space and Enter do right now. */
export function pickedLine(picked: readonly string[], typing: boolean, query: string): string {
  const space = COMMON_ACTIONS.toggle.label;
  const enter = GLOBAL_ACTIONS.open.label;
  if (typing && query !== '') {
    const then = `${enter} ends the search, then ${space} picks the focused role`;
    return picked.length > 0
      ? `Picked (${picked.length}): ${picked.join(', ')} · ${then}`
      : `Nothing picked yet: ${then}.`;
  }
  if (picked.length > 0) {
    return `Picked (${picked.length}): ${picked.join(', ')} · ${typing ? `${enter} ends the search` : `${enter} review`}`;
  }
  return typing
    ? `Nothing picked yet: ${space} picks the focused role, or type to search.`
    : `Nothing picked yet: ${space} picks the focused role.`;
}
