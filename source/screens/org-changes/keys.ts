/** The org-changes screen's keys, and the key on the account list that opens it. */
import {GLOBAL_ACTIONS, SCREEN_ACTIONS, defineActions, pick} from '../../ui/keys/keymap.js';

export const CHANGES_ACTIONS = defineActions({
  kind: {
    keys: ['t'],
    label: 't',
    hint: 'kind',
    description: 'Show one kind of change: all, accounts, roles, clients and secrets',
  },
  curl: {
    ...SCREEN_ACTIONS.curl,
    description: "Show the curl command that reads the org's API events",
  },
});

export const CHANGES_HELP = {
  open: {...GLOBAL_ACTIONS.open, description: 'Open the account the change was made to'},
  ...CHANGES_ACTIONS,
  filter: {...GLOBAL_ACTIONS.filter, description: 'Filter by who, what or account'},
  refresh: GLOBAL_ACTIONS.refresh,
};

export const CHANGES_HINTS = [GLOBAL_ACTIONS.open, ...pick(CHANGES_ACTIONS, 'kind', 'curl')];

/** On the account list: `h` opens the org's changes. */
export const OPEN_ORG_CHANGES = {
  keys: ['h'],
  label: 'h',
  hint: 'changes',
  description: 'Who changed accounts, roles, clients and secrets in the last 90 days',
} as const;
