/** The guided flow's keys: the footer and help of each step, and what each key does there. */
import type {Dispatch} from 'react';
import {useKeys} from '../../ui/index.js';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  matchAction,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import {ACCOUNT_FORM_KEYS} from '../account-form/index.js';
import {HANDOFF_HELP} from '../credentials/index.js';
import type {GuideStep} from './recipe.js';
import type {GuideAction, GuideState} from './state.js';

export const GUIDE_ACTIONS = defineActions({
  undo: {
    keys: ['u'],
    label: 'u',
    hint: 'undo',
    description:
      'Undo after a failure: delete the half-made account (its roles and clients go with it)',
  },
  keep: {
    keys: ['o'],
    label: 'o',
    hint: 'keep it',
    description: 'After a failure: keep the account and finish it later on its own screen',
  },
});

const NEXT = relabel(GLOBAL_ACTIONS.open, 'next', 'Go on to the next step');
const BACK = relabel(GLOBAL_ACTIONS.back, 'back', 'Back one step (what you typed is kept)');
export const RETRY = relabel(
  GLOBAL_ACTIONS.refresh,
  'retry',
  'Retry after a failure: try the failed step again',
);
const SEARCH = relabel(
  GLOBAL_ACTIONS.filter,
  'search',
  'Search roles by name, display name, category or privilege (user:index)',
);
const CURL = relabel(
  SCREEN_ACTIONS.curl,
  'curl',
  'Show the whole recipe as curl commands ($ACCESS_TOKEN / $CLIENT_SECRET)',
);

const HINTS: Record<GuideStep, readonly KeyBinding[]> = {
  about: ACCOUNT_FORM_KEYS,
  roles: [COMMON_ACTIONS.toggle, SEARCH, NEXT, CURL, BACK],
  review: [relabel(GLOBAL_ACTIONS.open, 'create', 'Create it all'), CURL, BACK],
  run: [NEXT, CURL],
  handoff: [SCREEN_ACTIONS.reveal, SCREEN_ACTIONS.copy, SCREEN_ACTIONS.write, NEXT, CURL],
  verify: [SCREEN_ACTIONS.verify, relabel(GLOBAL_ACTIONS.open, 'finish', 'Finish'), CURL, BACK],
};
const FAILED_HINTS = [RETRY, GUIDE_ACTIONS.undo, GUIDE_ACTIONS.keep, CURL];
const FAILED_EARLY_HINTS = [RETRY, CURL, relabel(BACK, BACK.hint, 'Back to the review')];
export const HELP: readonly KeyBinding[] = [
  NEXT,
  BACK,
  COMMON_ACTIONS.toggle,
  SEARCH,
  CURL,
  RETRY,
  GUIDE_ACTIONS.undo,
  GUIDE_ACTIONS.keep,
  ...HANDOFF_HELP,
  SCREEN_ACTIONS.verify,
];

/** Step 2 while the search has the keys: Space is a space between words once text is typed. */
const SEARCH_TYPED_HINTS = [
  relabel(GLOBAL_ACTIONS.open, 'end search', 'End the search: the list has the keys'),
  relabel(GLOBAL_ACTIONS.back, 'clear search'),
];
const SEARCH_EMPTY_HINTS = [
  COMMON_ACTIONS.toggle,
  relabel(GLOBAL_ACTIONS.open, 'to the list', 'End the search: the list has the keys'),
  BACK,
];

/**
 * The footer: a failed run offers retry (and undo / keep once something exists); step 2 says
 * what Space and Enter do while the search is typed.
 */
export function guideHints(
  step: GuideStep,
  failed: boolean,
  exists: boolean,
  search?: {typing: boolean; query: string},
): readonly KeyBinding[] {
  if (step === 'run' && failed) return exists ? FAILED_HINTS : FAILED_EARLY_HINTS;
  if (step === 'roles' && search?.typing) {
    return search.query === '' ? SEARCH_EMPTY_HINTS : SEARCH_TYPED_HINTS;
  }
  return HINTS[step];
}

const KEYS = {
  open: GLOBAL_ACTIONS.open,
  back: GLOBAL_ACTIONS.back,
  curl: SCREEN_ACTIONS.curl,
  retry: GLOBAL_ACTIONS.refresh,
  ...GUIDE_ACTIONS,
};

export interface GuideInputOptions {
  readonly state: GuideState;
  readonly dispatch: Dispatch<GuideAction>;
  /** The step's own part (the form, the role list, a hand-off form) does not have the keys. */
  readonly isActive: boolean;
  /** The org's roles are loaded (else Esc on the roles step goes back). */
  readonly rolesLoaded: boolean;
  /** The run: in flight, failed, all done; what it created. */
  readonly running: boolean;
  readonly failed: boolean;
  readonly allDone: boolean;
  readonly accountName: string | undefined;
  /** The minted secret is held. */
  readonly holdsSecret: boolean;
  /** The hand-off gate is open (the secret went somewhere, or the user said so). */
  readonly handedOff: boolean;
  readonly startRun: () => void;
  /** Enter on the review: checks the name, asks about broad roles, then runs. */
  readonly create: () => void;
  readonly askUndo: () => void;
  /** Leave for the account's own screen (forgetting the secret). */
  readonly finish: () => void;
  readonly leave: () => void;
}

/** The keys the guide's handler acts on at this step (the footer shows only these). */
function guideKeys(o: GuideInputOptions, exists: boolean): KeyBinding[] {
  const curl = [KEYS.curl];
  switch (o.state.step) {
    case 'about':
      return [KEYS.back];
    case 'roles':
      return o.rolesLoaded ? curl : [KEYS.back, ...curl];
    case 'review':
    case 'handoff':
    case 'verify':
      return [KEYS.open, KEYS.back, ...curl];
    case 'run':
      if (o.running) return [KEYS.open, KEYS.back, ...curl];
      return [
        ...(o.failed ? [KEYS.retry] : []),
        ...(o.failed && exists ? [KEYS.undo, KEYS.keep] : []),
        ...(o.allDone && o.holdsSecret ? [KEYS.open] : []),
        ...(o.failed || o.holdsSecret ? [KEYS.back] : []),
        ...curl,
      ];
  }
}

export function useGuideInput(options: GuideInputOptions): void {
  const {state, dispatch} = options;
  const exists = options.accountName !== undefined;
  useKeys(
    (input, key) => {
      const action = matchAction(input, key, KEYS);
      if (action === undefined) return false;
      const act = (next: GuideAction) => {
        dispatch(next);
        return true;
      };
      const go = (step: GuideStep) => act({type: 'step', step});
      if (action === 'curl' && state.step !== 'about')
        return act({type: 'overlay', overlay: 'curl'});
      switch (state.step) {
        case 'about':
          // The form has the keys; only the limit or a failed check leave Esc to us.
          if (action !== 'back') return false;
          options.leave();
          return true;
        case 'roles':
          return action === 'back' && !options.rolesLoaded ? go('about') : false;
        case 'review':
          if (action === 'back') return go('roles');
          if (action !== 'open') return false;
          options.create();
          return true;
        case 'run':
          return runKey(action, options);
        case 'handoff':
          if (action === 'open') {
            return options.handedOff
              ? go('verify')
              : act({type: 'overlay', overlay: 'saved-elsewhere'});
          }
          return action === 'back' ? act({type: 'overlay', overlay: 'leave'}) : false;
        case 'verify':
          if (action === 'open') return act({type: 'overlay', overlay: 'leave'});
          return action === 'back' ? go('handoff') : false;
      }
    },
    {isActive: options.isActive, keys: guideKeys(options, exists)},
  );

  function runKey(action: keyof typeof KEYS, o: GuideInputOptions): boolean {
    if (o.running) {
      if (action !== 'back' && action !== 'open') return false;
      dispatch({type: 'message', text: 'Wait: a request is in flight.'});
      return true;
    }
    switch (action) {
      case 'retry':
        if (!o.failed) return false;
        o.startRun();
        return true;
      case 'undo':
        if (!o.failed || !exists) return false;
        o.askUndo();
        return true;
      case 'keep':
        if (!o.failed || !exists) return false;
        o.finish();
        return true;
      case 'open':
        if (o.allDone && o.holdsSecret) dispatch({type: 'step', step: 'handoff'});
        return true;
      case 'back':
        // Nothing exists: the next run takes the choices as they will be then.
        if (o.failed && !exists) dispatch({type: 'drop-plan'});
        else if (o.holdsSecret) dispatch({type: 'overlay', overlay: 'leave'});
        else if (o.failed) {
          dispatch({
            type: 'message',
            text: `"${o.accountName ?? ''}" exists half-made: ${GLOBAL_ACTIONS.refresh.label} retry, ${GUIDE_ACTIONS.undo.label} undo, or ${GUIDE_ACTIONS.keep.label} keep it.`,
          });
        }
        return true;
      default:
        return false;
    }
  }
}
