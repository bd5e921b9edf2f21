/** The sign-in screen's keys: the footer and help of each step, and what each key does. */
import type {Dispatch} from 'react';
import {describeError} from '../../errors/describe.js';
import type {SignInState, ZoneProbe} from '../../hooks/sign-in.js';
import {Priority, useKeys} from '../../ui/index.js';
import {
  GLOBAL_ACTIONS,
  SCROLL,
  defineActions,
  matchAction,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import type {SignInFormAction, SignInFormState} from './state.js';

export const SIGN_IN_ACTIONS = defineActions({
  otherZones: {
    keys: ['z'],
    label: 'z',
    hint: 'other zones',
    description: 'After a refusal: try the same token at the other zones and say where it works',
  },
});

const PICK_ZONE = relabel(GLOBAL_ACTIONS.open, 'choose', 'Choose the highlighted zone');
const MOVE = relabel(SCROLL, 'move', 'Move between zones');
const CHECK = relabel(GLOBAL_ACTIONS.open, 'sign in', 'Check the token with the zone and sign in');
const TO_ZONES = relabel(
  GLOBAL_ACTIONS.back,
  'zones',
  'Back to the zone picker (the field is cleared)',
);
export const NEW_TOKEN = relabel(
  GLOBAL_ACTIONS.back,
  'new token',
  'Back to the token field, for a new token',
);
const CANCEL = relabel(
  GLOBAL_ACTIONS.back,
  'cancel',
  'Cancel: stop checking and go back to the token field',
);
const SWITCH = relabel(
  GLOBAL_ACTIONS.open,
  'sign in there',
  'Sign in at the zone where the token works',
);
const QUIT = GLOBAL_ACTIONS.quit;
const MOVES = {up: GLOBAL_ACTIONS.up, down: GLOBAL_ACTIONS.down};
const RETRY = {refresh: GLOBAL_ACTIONS.refresh};
const RETRY_CHECK = relabel(
  GLOBAL_ACTIONS.refresh,
  'retry',
  'Retry after a network or server error: check the same token again',
);

export const HELP: readonly KeyBinding[] = [
  MOVE,
  PICK_ZONE,
  CHECK,
  TO_ZONES,
  SIGN_IN_ACTIONS.otherZones,
  SWITCH,
  RETRY_CHECK,
  QUIT,
];

// Stable arrays: useScreenChrome re-declares the footer only when they change.
const NO_HINTS: readonly KeyBinding[] = [];
const ZONE_HINTS = [PICK_ZONE, MOVE, QUIT];
const TOKEN_HINTS = [CHECK, TO_ZONES];
const TOKEN_HINTS_NO_PICKER = [CHECK];
const CHECKING_HINTS = [CANCEL];
const REFUSED_HINTS = [SIGN_IN_ACTIONS.otherZones, NEW_TOKEN, QUIT];
const NEW_TOKEN_HINTS = [NEW_TOKEN, QUIT];
const FAILED_HINTS = [RETRY_CHECK, NEW_TOKEN, QUIT];
const SWITCH_HINTS = [SWITCH, NEW_TOKEN, QUIT];

export function hintsFor(
  state: SignInState,
  stage: 'zone' | 'token',
  picker: boolean,
  canSwitch: boolean,
): readonly KeyBinding[] {
  switch (state.step) {
    case 'idle':
      return stage === 'zone' ? ZONE_HINTS : picker ? TOKEN_HINTS : TOKEN_HINTS_NO_PICKER;
    case 'checking':
      return CHECKING_HINTS;
    case 'storing':
      return NO_HINTS;
    case 'refused':
      return picker ? REFUSED_HINTS : NEW_TOKEN_HINTS;
    case 'failed':
      return describeError(state.error).retryable ? FAILED_HINTS : NEW_TOKEN_HINTS;
    case 'probing':
      return canSwitch ? SWITCH_HINTS : NEW_TOKEN_HINTS;
    case 'store-problem':
      return NO_HINTS;
  }
}

export interface SignInInputOptions {
  readonly step: SignInState;
  readonly form: SignInFormState;
  readonly dispatch: Dispatch<SignInFormAction>;
  /** More than one zone to choose from (else no zone picker and no other zones to try). */
  readonly picker: boolean;
  readonly zoneCount: number;
  /** The zones where the refused token works, and the highlighted one. */
  readonly working: readonly ZoneProbe[];
  readonly selected: ZoneProbe | undefined;
  /** Where a zone sits in the picker (-1: not there). */
  readonly zoneIndex: (zone: ZoneProbe['zone']) => number;
  readonly cancel: () => void;
  readonly tryOtherZones: () => void;
  readonly retry: () => void;
  readonly switchTo: (probe: ZoneProbe) => void;
}

/** The keys the handler of an answer (refused, failed, other zones tried) acts on now. */
function answerKeys(o: SignInInputOptions): KeyBinding[] {
  const {step} = o;
  const keys: KeyBinding[] = [NEW_TOKEN];
  if (step.step === 'refused' && o.picker) keys.push(SIGN_IN_ACTIONS.otherZones);
  if (step.step === 'failed' && describeError(step.error).retryable) keys.push(RETRY.refresh);
  if (step.step === 'probing') {
    if (o.working.length > 0) keys.push(MOVES.up, MOVES.down);
    if (o.selected) keys.push(SWITCH);
  }
  return keys;
}

export function useSignInInput(o: SignInInputOptions): void {
  const {step, form, dispatch} = o;
  // The zone picker.
  useKeys(
    (input, k) => {
      const move = matchAction(input, k, MOVES);
      if (move !== undefined) {
        dispatch({type: 'move', by: move === 'up' ? -1 : 1, count: o.zoneCount});
        return true;
      }
      if (!k.return) return false;
      dispatch({type: 'pick-zone'});
      return true;
    },
    {
      priority: Priority.Normal,
      isActive: step.step === 'idle' && form.stage === 'zone',
      keys: [MOVES.up, MOVES.down, PICK_ZONE],
    },
  );

  // The token field: Esc leaves it (before the field sees it), and forgets what was typed.
  useKeys(
    (_input, k) => {
      if (!k.escape || !o.picker) return false;
      dispatch({type: 'to-zones'});
      return true;
    },
    {
      priority: Priority.Input + 1,
      isActive: step.step === 'idle' && form.stage === 'token',
      keys: o.picker ? [TO_ZONES] : [],
    },
  );

  // After an answer: refused, failed, or the other zones tried.
  useKeys(
    (input, k) => {
      if (k.escape) {
        o.cancel();
        return true;
      }
      if (step.step === 'refused' && o.picker) {
        if (matchAction(input, k, SIGN_IN_ACTIONS) !== 'otherZones') return false;
        dispatch({type: 'probe-cursor', zone: undefined});
        o.tryOtherZones();
        return true;
      }
      if (step.step === 'failed') {
        if (matchAction(input, k, RETRY) !== 'refresh') return false;
        if (describeError(step.error).retryable) o.retry();
        return true;
      }
      if (step.step === 'probing') {
        const move = matchAction(input, k, MOVES);
        const {working, selected} = o;
        if (move !== undefined && working.length > 0) {
          const at = Math.max(0, working.indexOf(selected as ZoneProbe));
          const next = move === 'up' ? Math.max(0, at - 1) : Math.min(working.length - 1, at + 1);
          dispatch({type: 'probe-cursor', zone: working[next]?.zone});
          return true;
        }
        if (k.return && selected) {
          const index = o.zoneIndex(selected.zone);
          if (index >= 0) dispatch({type: 'cursor', index});
          o.switchTo(selected);
          return true;
        }
      }
      return false;
    },
    {
      priority: Priority.Normal,
      isActive: step.step === 'refused' || step.step === 'failed' || step.step === 'probing',
      keys: answerKeys(o),
    },
  );

  // Checking: Esc stops waiting (the exchange's answer is then ignored).
  useKeys(
    (_input, k) => {
      if (!k.escape) return false;
      o.cancel();
      return true;
    },
    {priority: Priority.Normal, isActive: step.step === 'checking', keys: [CANCEL]},
  );
}
