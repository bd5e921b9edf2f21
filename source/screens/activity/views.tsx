/** The activity screen's pieces, and the read-progress line the org-changes screen shares. */
import {Box, Text} from 'ink';
import type {ActivityEvent} from '../../api/api-events.js';
import {curlListApiEvents} from '../../curl/index.js';
import {DAY_MS, EVENT_WINDOW_DAYS, dailyBuckets, type DayBucket} from '../../events/usage.js';
import {useSession} from '../../session.js';
import {CurlOverlay} from '../shared/curl-overlay.js';
import {ApiErrorBox} from '../shared/query-state.js';
import {formatCount, inert, theme, truncateToWidth, type Column} from '../../ui/index.js';
import {barChart} from './chart.js';

/** `11-27 14:05` (UTC). */
export function formatWhen(at: number): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** What both event screens read from useOrgEvents. */
export interface EventsReadView {
  complete: boolean;
  pagesRead: number;
  events: readonly unknown[];
  progress: number;
  needs?: string;
  error: unknown;
  window?: {to: number};
}

/** The heading once the read is complete; until then how far it got. */
export function ReadHeading(props: {read: EventsReadView; heading: string; width: number}) {
  const {read, width} = props;
  if (!read.complete)
    return (
      <ReadProgress
        pagesRead={read.pagesRead}
        events={read.events.length}
        progress={read.progress}
        width={width}
      />
    );
  return (
    <Text bold wrap="truncate-end">
      {truncateToWidth(props.heading, width)}
    </Text>
  );
}

/** In place of the data: the privilege needed, or the error (null when the read is fine). */
export function ReadProblem(props: {read: EventsReadView; width: number}) {
  const {read, width} = props;
  if (read.needs) return <NeedsPrivilege needs={read.needs} width={width} />;
  if (read.error && read.pagesRead === 0) return <ApiErrorBox error={read.error} width={width} />;
  return null;
}

/** `c`: the curl of the read behind the screen (the same 90-day window). */
export function EventsCurl(props: {
  orgId: number;
  read: EventsReadView;
  onClose: () => void;
  width: number;
  height: number;
}) {
  const session = useSession();
  const to = props.read.window?.to ?? Date.now();
  return (
    <CurlOverlay
      commands={[
        curlListApiEvents(session.endpoints, props.orgId, {
          from: to - EVENT_WINDOW_DAYS * DAY_MS,
          to,
        }),
      ]}
      onClose={props.onClose}
      width={props.width}
      height={props.height}
    />
  );
}

/** While the org's events are read: how far, so a long history never looks stuck. */
function ReadProgress(props: {pagesRead: number; events: number; progress: number; width: number}) {
  const percent = Math.round(props.progress * 100);
  const text = `Reading the org's API events… ${percent}% of 90 days · ${formatCount(props.events)} events in ${props.pagesRead} page${props.pagesRead === 1 ? '' : 's'}`;
  return (
    <Text color={theme.accent} wrap="truncate-end">
      {truncateToWidth(text, props.width)}
    </Text>
  );
}

/** Without the privilege (API.md §12.1): what is needed, in place of the data. */
function NeedsPrivilege(props: {needs: string; width: number}) {
  return (
    <Box flexDirection="column" width={props.width}>
      <Text color={theme.warning} wrap="wrap">
        Reading API events needs {props.needs} in this org.
      </Text>
      <Text dimColor wrap="wrap">
        Ask an org owner to grant you iam_admin, or open an org where you hold it.
      </Text>
    </Box>
  );
}

export const CHART_LINES = 5;

/** Calls per day over the window (bars), errors under them (red), then the time axis. */
export function DailyChart(props: {
  calls: readonly ActivityEvent[];
  window: {from: number; to: number};
  width: number;
}) {
  const buckets: DayBucket[] = dailyBuckets(props.calls, props.window.from, props.window.to);
  const chartWidth = Math.max(10, props.width - 12);
  const chart = barChart(buckets, chartWidth, 3);
  const perColumn = chart.daysPerColumn === 1 ? 'day' : `${chart.daysPerColumn} days`;
  const label = (text: string) => text.padEnd(11).slice(0, 11);
  const axisLeft = `${Math.round((props.window.to - props.window.from) / 86_400_000)} d ago`;
  const axisRoom = Math.max(0, chart.bars[0]!.length - axisLeft.length - 'today'.length);
  return (
    <Box flexDirection="column" width={props.width}>
      {chart.bars.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          <Text dimColor>
            {label(i === 0 ? `${formatCount(chart.maxCalls)}/${perColumn}` : '')}{' '}
          </Text>
          <Text color={theme.accent}>{line}</Text>
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text dimColor>{label(`errors ${formatCount(chart.maxErrors)}`)} </Text>
        <Text color={theme.error}>{chart.errors}</Text>
      </Text>
      <Text dimColor wrap="truncate-end">
        {label('')} {axisLeft}
        {' '.repeat(axisRoom)}today
      </Text>
    </Box>
  );
}

export const CALL_COLUMNS: readonly Column<ActivityEvent>[] = [
  {header: 'When (UTC)', width: 11, value: (e) => formatWhen(e.at)},
  {header: 'Method', width: 6, value: (e) => e.method},
  {
    header: 'St',
    width: 3,
    align: 'right',
    value: (e) => (e.status === undefined ? '—' : String(e.status)),
    color: (e) => (e.status !== undefined && e.status >= 400 ? theme.error : undefined),
  },
  {header: 'Path', width: 'fill', value: (e) => e.path ?? '(no path recorded)'},
  {header: 'IP', width: 15, value: (e) => e.ip ?? '—'},
  {header: 'Agent', width: 14, value: (e) => e.userAgent ?? '—'},
];

export function callFilterText(event: ActivityEvent): string {
  return [event.method, event.path ?? '', event.ip ?? '', event.userAgent ?? ''].join(' ');
}

/** The focused call in full (path and agent are cut in the list). */
export function CallDetail(props: {call: ActivityEvent | undefined; width: number}) {
  const {call} = props;
  const text = call
    ? `${call.method} ${call.path ?? '(no path)'} · ${call.userAgent ?? 'no agent'}${call.durationMs !== undefined ? ` · ${call.durationMs} ms` : ''}`
    : '';
  return (
    <Text dimColor wrap="truncate-end">
      {truncateToWidth(inert(text), props.width)}
    </Text>
  );
}
