/** The role picker's keys: the footer and help of each stage, and what each key does there. */
import type {Dispatch} from 'react';
import {Priority, useKeys} from '../../ui/index.js';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  SCROLL_PAGES,
  defineActions,
  matchAction,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import {SCRIPT_COPY, SCRIPT_WRITE} from '../credentials/index.js';
import {queryKey} from '../shared/query-edit.js';
import type {PickerAction, PickerState, Stage} from './state.js';

export const ROLE_PICKER_ACTIONS = defineActions({
  scope: {
    keys: ['o'],
    label: 'o',
    hint: 'scope',
    description: 'Choose the scope: the whole org (all its projects) or one project',
  },
  privileges: {
    keys: ['p'],
    label: 'p',
    hint: 'privileges',
    description: "Show or hide the focused role's privileges",
  },
});

const REVIEW = relabel(
  GLOBAL_ACTIONS.open,
  'review',
  'Review the changes; nothing is sent before you confirm',
);
const APPLY = relabel(GLOBAL_ACTIONS.open, 'apply', 'Apply the reviewed changes, one request each');
const BACK_TO_ROLES = relabel(
  GLOBAL_ACTIONS.back,
  'back',
  'Back to the roles (your checks are kept)',
);
const FILTER_APPLY = relabel(
  GLOBAL_ACTIONS.open,
  'apply filter',
  'Apply the filter and go back to the list',
);
const FILTER_CLEAR = relabel(GLOBAL_ACTIONS.back, 'clear', 'Clear the filter');
const TO_ACCOUNT = relabel(GLOBAL_ACTIONS.back, 'account', 'Back to the account');
const TO_ROLES = relabel(GLOBAL_ACTIONS.open, 'roles', 'Back to the roles');

const PICK_HINTS = [
  COMMON_ACTIONS.toggle,
  REVIEW,
  GLOBAL_ACTIONS.filter,
  ROLE_PICKER_ACTIONS.scope,
  ROLE_PICKER_ACTIONS.privileges,
];
const TYPING_HINTS = [FILTER_APPLY, FILTER_CLEAR];
const PREVIEW_HINTS = [APPLY, SCREEN_ACTIONS.curl, BACK_TO_ROLES];
const CURL_HINTS = [
  SCRIPT_COPY,
  SCRIPT_WRITE,
  SCROLL_PAGES,
  relabel(GLOBAL_ACTIONS.back, 'back', 'Back to the review'),
];
const DONE_HINTS = [TO_ACCOUNT, TO_ROLES];
const NO_HINTS: KeyBinding[] = [];
export const HELP: KeyBinding[] = [
  COMMON_ACTIONS.toggle,
  REVIEW,
  relabel(
    GLOBAL_ACTIONS.filter,
    'filter',
    'Filter the roles by name, display name, category or privilege (user:index)',
  ),
  ROLE_PICKER_ACTIONS.scope,
  ROLE_PICKER_ACTIONS.privileges,
  relabel(SCREEN_ACTIONS.curl, 'curl', 'In the review: the equivalent curl commands'),
  GLOBAL_ACTIONS.refresh,
];

const PICK_KEYS = {
  ...ROLE_PICKER_ACTIONS,
  filter: GLOBAL_ACTIONS.filter,
  open: GLOBAL_ACTIONS.open,
  back: GLOBAL_ACTIONS.back,
};
const PREVIEW_KEYS = {
  open: GLOBAL_ACTIONS.open,
  curl: SCREEN_ACTIONS.curl,
  back: GLOBAL_ACTIONS.back,
};

/** The footer of a stage (nothing while the changes are sent). */
export function pickerHints(
  stage: Stage,
  typing: boolean,
  applying: boolean,
): readonly KeyBinding[] {
  switch (stage) {
    case 'pick':
      return typing ? TYPING_HINTS : PICK_HINTS;
    case 'preview':
      return PREVIEW_HINTS;
    case 'curl':
      return CURL_HINTS;
    case 'applying':
      return applying ? NO_HINTS : DONE_HINTS;
    default:
      return NO_HINTS;
  }
}

export interface RolePickerInputOptions {
  readonly state: PickerState;
  readonly dispatch: Dispatch<PickerAction>;
  /** The roles and the account's grants in this scope are loaded. */
  readonly ready: boolean;
  readonly rolesLoaded: boolean;
  /** How many changes are pending, and how many of them grant a broad role. */
  readonly changes: number;
  readonly broad: number;
  /** The changes are being sent. */
  readonly applyPending: boolean;
  readonly startApply: () => void;
  readonly backToPicker: () => void;
  /** Back to the account. */
  readonly leave: () => void;
}

/** The keys of the scope, review, curl and result stages (the footer shows only these). */
function stageKeys(stage: Stage, applyPending: boolean): KeyBinding[] {
  switch (stage) {
    case 'preview':
      return Object.values(PREVIEW_KEYS);
    case 'applying':
      return applyPending ? [] : [GLOBAL_ACTIONS.open, GLOBAL_ACTIONS.back];
    case 'scope':
    case 'curl':
      return [GLOBAL_ACTIONS.back];
    default:
      return [];
  }
}

export function useRolePickerInput(o: RolePickerInputOptions): void {
  const {state, dispatch} = o;
  const {stage, typing} = state;
  // Filter typing: text narrows the list; arrows still move it (the list handles them).
  useKeys(
    (input, key) => {
      const edit = queryKey(input, key);
      if (edit === 'list') return false;
      if (edit === 'escape') dispatch({type: 'filter-clear'});
      else if (edit) dispatch({type: 'filter-edit', edit});
      return true;
    },
    {
      priority: Priority.Input,
      isActive: o.ready && stage === 'pick' && typing,
      keys: TYPING_HINTS,
      takes: 'all',
    },
  );

  useKeys(
    (input, key) => {
      const action = matchAction(input, key, PICK_KEYS);
      // While the grants load or failed, only the scope and Esc make sense.
      if (!o.ready && action !== 'scope' && action !== 'back') return false;
      switch (action) {
        case 'filter':
          dispatch({type: 'filter-start'});
          return true;
        case 'scope':
          dispatch({type: 'stage', stage: 'scope'});
          return true;
        case 'privileges':
          dispatch({type: 'privileges'});
          return true;
        case 'open':
          if (o.changes === 0) {
            dispatch({
              type: 'notice',
              notice: {
                text: `No changes: ${COMMON_ACTIONS.toggle.label} checks or unchecks the focused role.`,
                tone: 'info',
              },
            });
          } else dispatch({type: 'stage', stage: 'preview'});
          return true;
        case 'back':
          if (state.query !== '') dispatch({type: 'filter-clear'});
          else if (o.changes > 0) dispatch({type: 'stage', stage: 'discard'});
          else return false;
          return true;
        default:
          return false;
      }
    },
    {
      priority: Priority.Normal,
      isActive: o.rolesLoaded && stage === 'pick' && !typing,
      keys: o.ready
        ? [
            ...Object.values(ROLE_PICKER_ACTIONS),
            PICK_KEYS.filter,
            PICK_KEYS.open,
            ...(state.query !== '' || o.changes > 0 ? [PICK_KEYS.back] : []),
          ]
        : [ROLE_PICKER_ACTIONS.scope, ...(o.changes > 0 ? [PICK_KEYS.back] : [])],
    },
  );

  useKeys(
    (input, key) => {
      switch (stage) {
        case 'scope':
          if (!key.escape) return false;
          dispatch({type: 'stage', stage: 'pick'});
          return true;
        case 'preview':
          switch (matchAction(input, key, PREVIEW_KEYS)) {
            case 'open':
              if (o.broad > 0) dispatch({type: 'stage', stage: 'broad'});
              else o.startApply();
              return true;
            case 'curl':
              dispatch({type: 'stage', stage: 'curl'});
              return true;
            case 'back':
              dispatch({type: 'stage', stage: 'pick'});
              return true;
            default:
              return false;
          }
        case 'curl':
          if (!key.escape) return false;
          dispatch({type: 'stage', stage: 'preview'});
          return true;
        case 'applying':
          if (o.applyPending) return key.escape || key.return;
          if (key.escape) o.leave();
          else if (key.return) o.backToPicker();
          else return false;
          return true;
        default:
          return false;
      }
    },
    {
      priority: Priority.Normal,
      isActive:
        stage === 'scope' || stage === 'preview' || stage === 'curl' || stage === 'applying',
      keys: stageKeys(stage, o.applyPending),
    },
  );
}
