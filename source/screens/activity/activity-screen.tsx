/**
 * Activity of one service account (issue 13): its API calls over the last 90 days, newest first
 * (when, method, path, status, IP, agent), a per-day chart of calls and errors, filters by status
 * class (`s`) and by path (`/`). Read from the org's one cached events read (hooks/events.ts), so
 * opening another account's activity costs no request; the list pages through any number of
 * calls, and a progress line shows while the read goes on.
 */
import {Box, Text} from 'ink';
import {useMemo, useReducer, useState} from 'react';
import type {ActivityEvent} from '../../api/api-events.js';
import {isError, relativeTime} from '../../events/usage.js';
import {useAccountActivity} from '../../hooks/events.js';
import {useServiceAccounts} from '../../hooks/queries.js';
import type {OrgSummary} from '../../navigation.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {WindowedList, formatCount, inert, theme, truncateToWidth} from '../../ui/index.js';
import {useRefreshKey} from '../shared/query-state.js';
import {ACTIVITY_HELP, ACTIVITY_HINTS} from './keys.js';
import {activityReducer, initialActivityState, selectCalls} from './state.js';
import {useActivityInput} from './use-activity-input.js';
import {
  CALL_COLUMNS,
  CHART_LINES,
  CallDetail,
  DailyChart,
  EventsCurl,
  ReadHeading,
  ReadProblem,
  callFilterText,
} from './views.js';

export function ActivityScreen(props: {org: OrgSummary; accountId: number}) {
  const {org, accountId} = props;
  const body = useBodySize();
  const activity = useAccountActivity(org.id, accountId);
  const accounts = useServiceAccounts(org.id);
  const [state, dispatch] = useReducer(activityReducer, initialActivityState);
  const [focused, setFocused] = useState<ActivityEvent | undefined>();
  const name = accounts.data?.find((account) => account.id === accountId)?.name;

  useScreenChrome({title: 'Activity', hints: ACTIVITY_HINTS, help: ACTIVITY_HELP});
  useActivityInput(state, dispatch);
  useRefreshKey(activity.refetch, state.overlay === 'none' && !state.filtering);

  const shown = useMemo(
    () => selectCalls(activity.calls, state.statusClass),
    [activity.calls, state.statusClass],
  );
  const errors = useMemo(() => activity.calls.filter(isError).length, [activity.calls]);

  if (state.overlay === 'curl') {
    return (
      <EventsCurl
        orgId={org.id}
        read={activity}
        onClose={() => dispatch({type: 'curl', open: false})}
        width={body.columns}
        height={body.rows}
      />
    );
  }

  const who = `${name ?? 'service account'} (${accountId})`;
  const problem = <ReadProblem read={activity} width={body.columns} />;
  if (activity.needs || (activity.error && activity.pagesRead === 0)) {
    return (
      <Box flexDirection="column">
        <Text bold wrap="truncate-end">
          {inert(who)}
        </Text>
        {problem}
      </Box>
    );
  }

  const newest = activity.calls[0];
  const summary = `${inert(who)} · ${formatCount(activity.calls.length)} calls, ${formatCount(errors)} errors in 90 d · ${
    newest
      ? `last call ${relativeTime(newest.at, activity.window?.to ?? Date.now())}`
      : 'never called'
  }`;
  const showChart = state.chart && body.rows >= 14 && activity.window !== undefined;
  const listHeight = Math.max(1, body.rows - 3 - (showChart ? CHART_LINES : 0));
  const filterLine = `status: ${state.statusClass} (s) · / filters path, IP, agent${
    shown.length !== activity.calls.length
      ? ` · ${formatCount(shown.length)} of ${formatCount(activity.calls.length)}`
      : ''
  }`;

  return (
    <Box flexDirection="column">
      <ReadHeading read={activity} heading={summary} width={body.columns} />
      {showChart ? (
        <DailyChart calls={activity.calls} window={activity.window!} width={body.columns} />
      ) : null}
      <Text color={state.statusClass === 'all' ? undefined : theme.accent} wrap="truncate-end">
        {truncateToWidth(filterLine, body.columns)}
      </Text>
      <WindowedList
        items={shown}
        getKey={callKey}
        height={listHeight}
        width={body.columns}
        columns={CALL_COLUMNS}
        getFilterText={callFilterText}
        onFocusChange={setFocused}
        onFilterModeChange={(on) => dispatch({type: 'filtering', on})}
        emptyText={
          activity.complete
            ? state.statusClass === 'all'
              ? 'No calls in the last 90 days: nothing has used this account.'
              : `No ${state.statusClass} calls (s shows another status class).`
            : 'Reading…'
        }
      />
      <CallDetail call={focused} width={body.columns} />
    </Box>
  );
}

/** Calls have no id of their own: time, method and path and a sequence make one. */
const keys = new WeakMap<ActivityEvent, string>();
let sequence = 0;
function callKey(event: ActivityEvent): string {
  let key = keys.get(event);
  if (key === undefined) keys.set(event, (key = `${event.at}:${++sequence}`));
  return key;
}
