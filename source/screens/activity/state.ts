/**
 * The activity screen's state: which status class is shown, whether the chart is drawn, and
 * which overlay is open. The path filter is the list's own `/` filter. A reducer, so keys that
 * arrive before a re-render act on the latest state.
 */
import type {ActivityEvent} from '../../api/api-events.js';

const STATUS_CLASSES = ['all', '2xx', '3xx', '4xx', '5xx', 'no code'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export interface ActivityState {
  readonly statusClass: StatusClass;
  readonly chart: boolean;
  readonly overlay: 'none' | 'curl';
  /** The list's filter line is being typed in: screen keys are off. */
  readonly filtering: boolean;
}

export type ActivityAction =
  | {type: 'cycle-status'}
  | {type: 'toggle-chart'}
  | {type: 'curl'; open: boolean}
  | {type: 'filtering'; on: boolean};

export const initialActivityState: ActivityState = {
  statusClass: 'all',
  chart: true,
  overlay: 'none',
  filtering: false,
};

export function activityReducer(state: ActivityState, action: ActivityAction): ActivityState {
  switch (action.type) {
    case 'cycle-status': {
      const next = (STATUS_CLASSES.indexOf(state.statusClass) + 1) % STATUS_CLASSES.length;
      return {...state, statusClass: STATUS_CLASSES[next]!};
    }
    case 'toggle-chart':
      return {...state, chart: !state.chart};
    case 'curl':
      return {...state, overlay: action.open ? 'curl' : 'none'};
    case 'filtering':
      return state.filtering === action.on ? state : {...state, filtering: action.on};
  }
}

/** `2xx` … `5xx`, or `no code` when the service recorded none (API.md §12.1). */
export function statusClassOf(status: number | undefined): StatusClass {
  if (status === undefined) return 'no code';
  const hundred = Math.floor(status / 100);
  return hundred >= 2 && hundred <= 5 ? (`${hundred}xx` as StatusClass) : 'no code';
}

export function selectCalls(
  calls: readonly ActivityEvent[],
  statusClass: StatusClass,
): readonly ActivityEvent[] {
  if (statusClass === 'all') return calls;
  return calls.filter((call) => statusClassOf(call.status) === statusClass);
}
