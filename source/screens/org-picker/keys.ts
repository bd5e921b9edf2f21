/** The org picker's keys: the footer, the help, and the key that opens an org by id. */
import {
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  pick,
  relabel,
} from '../../ui/keys/keymap.js';

export const ORG_PICKER_ACTIONS = defineActions({
  byId: {keys: ['i'], label: 'i', hint: 'org id', description: 'Open an org by typing its id'},
  curl: relabel(
    SCREEN_ACTIONS.curl,
    SCREEN_ACTIONS.curl.hint,
    'Show the curl commands: the token exchange, then listing your orgs',
  ),
});
export const ORG_PICKER_HELP = {
  ...ORG_PICKER_ACTIONS,
  filter: GLOBAL_ACTIONS.filter,
  refresh: GLOBAL_ACTIONS.refresh,
};
export const ORG_PICKER_HINTS = [
  GLOBAL_ACTIONS.open,
  GLOBAL_ACTIONS.filter,
  ...pick(ORG_PICKER_ACTIONS, 'byId'),
];
