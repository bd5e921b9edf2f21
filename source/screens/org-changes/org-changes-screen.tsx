/**
 * Org changes (issue 13): who created, edited or deleted service accounts, granted or revoked
 * roles, minted or deleted clients and secrets in the last 90 days, read from the org's API
 * events (their method and path; the body is not recorded, so a grant does not say which role).
 * Enter opens the account a change was made to, while it still exists.
 */
import {Box, Text} from 'ink';
import {useMemo, useReducer} from 'react';
import {useOrgChanges} from '../../hooks/events.js';
import {useServiceAccounts} from '../../hooks/queries.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {WindowedList, formatCount, truncateToWidth} from '../../ui/index.js';
import {EventsCurl, ReadHeading, ReadProblem} from '../activity/views.js';
import {useRefreshKey} from '../shared/query-state.js';
import {CHANGES_HELP, CHANGES_HINTS} from './keys.js';
import {changesReducer, initialChangesState, selectChanges} from './state.js';
import {useChangesInput} from './use-changes-input.js';
import {CHANGE_COLUMNS, whatText, whoText, type ChangeRow} from './views.js';

export function OrgChangesScreen(props: {org: OrgSummary}) {
  const {org} = props;
  const navigation = useNavigation();
  const body = useBodySize();
  const read = useOrgChanges(org.id);
  const accounts = useServiceAccounts(org.id);
  const [state, dispatch] = useReducer(changesReducer, initialChangesState);

  useScreenChrome({
    title: 'Changes',
    hints: CHANGES_HINTS,
    help: CHANGES_HELP,
    message: state.notice ? {text: state.notice, tone: 'warning'} : undefined,
  });
  useChangesInput(state, dispatch);
  useRefreshKey(
    () => Promise.all([read.refetch(), accounts.refetch()]),
    state.overlay === 'none' && !state.filtering,
  );

  const names = useMemo(
    () => new Map((accounts.data ?? []).map((account) => [account.id, account.name])),
    [accounts.data],
  );
  const rows = useMemo<ChangeRow[]>(
    () =>
      selectChanges(read.changes, state.group).map((change, index) => ({
        change,
        key: `${change.at}:${change.kind}:${index}`,
        ...(change.accountId !== undefined && names.has(change.accountId)
          ? {accountName: names.get(change.accountId)!}
          : {}),
      })),
    [read.changes, state.group, names],
  );

  if (state.overlay === 'curl') {
    return (
      <EventsCurl
        orgId={org.id}
        read={read}
        onClose={() => dispatch({type: 'curl', open: false})}
        width={body.columns}
        height={body.rows}
      />
    );
  }
  if (read.needs || (read.error && read.pagesRead === 0))
    return <ReadProblem read={read} width={body.columns} />;

  const open = (row: ChangeRow) => {
    const id = row.change.accountId;
    if (id === undefined) {
      dispatch({type: 'notice', text: 'This change names no account.'});
    } else if (row.accountName === undefined) {
      dispatch({type: 'notice', text: `Account ${id} no longer exists.`});
    } else {
      dispatch({type: 'notice', text: undefined});
      navigation.push({name: 'account', org, accountId: id});
    }
  };

  const heading = `${formatCount(read.changes.length)} changes in the last 90 days · showing ${state.group} (t)`;
  return (
    <Box flexDirection="column">
      <ReadHeading read={read} heading={heading} width={body.columns} />
      <WindowedList
        items={rows}
        getKey={(row) => row.key}
        height={Math.max(1, body.rows - 2)}
        width={body.columns}
        columns={CHANGE_COLUMNS}
        getFilterText={(row) => `${whoText(row.change)} ${whatText(row)}`}
        onSelect={open}
        onFilterModeChange={(on) => dispatch({type: 'filtering', on})}
        emptyText={read.complete ? 'No changes in the last 90 days.' : 'Reading…'}
      />
      <Text dimColor wrap="truncate-end">
        {truncateToWidth(
          'Enter opens the account · grants and revokes do not record which role',
          body.columns,
        )}
      </Text>
    </Box>
  );
}
