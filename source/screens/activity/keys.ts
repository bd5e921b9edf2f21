/** The activity screen's keys, and the key on the account screen that opens it. */
import {GLOBAL_ACTIONS, SCREEN_ACTIONS, defineActions, pick} from '../../ui/keys/keymap.js';

export const ACTIVITY_ACTIONS = defineActions({
  status: {
    keys: ['s'],
    label: 's',
    hint: 'status',
    description: 'Show calls of one status class: all, 2xx, 3xx, 4xx, 5xx, no code',
  },
  chart: {keys: ['b'], label: 'b', hint: 'chart', description: 'Show or hide the per-day chart'},
  curl: {
    ...SCREEN_ACTIONS.curl,
    description: "Show the curl command that reads the org's API events",
  },
});

export const ACTIVITY_HELP = {
  ...ACTIVITY_ACTIONS,
  filter: {...GLOBAL_ACTIONS.filter, description: 'Filter the calls by path, method, IP or agent'},
  refresh: GLOBAL_ACTIONS.refresh,
};

export const ACTIVITY_HINTS = [
  ...pick(ACTIVITY_ACTIONS, 'status'),
  ACTIVITY_HELP.filter,
  ...pick(ACTIVITY_ACTIONS, 'chart', 'curl'),
];

/** On the account screen: `u` opens the account's activity. */
export const OPEN_ACTIVITY = {
  keys: ['u'],
  label: 'u',
  hint: 'activity',
  description:
    'Activity: its API calls over the last 90 days: when, what, from where, with what answer',
} as const;
