/**
 * The guided flow's state: the step showing, what was typed (kept whichever way the user moves),
 * the roles picked, the role search, the plan a run works through, the open overlay, the
 * hand-off's view and a one-line message. The minted secret is not here: useMintedSecret holds
 * it. A reducer, so keys that arrive before a re-render still act on the latest state. Pure.
 */
import type {RecipePlan} from '../../hooks/guide.js';
import type {AccountFields} from '../account-form/index.js';
import {editQuery, type QueryEdit} from '../shared/query-edit.js';
import type {HandoffView} from '../credentials/index.js';
import type {GuideStep} from './recipe.js';

interface Notice {
  readonly text: string;
  readonly tone: 'info' | 'warning';
}

/**
 * What covers the step: the curl commands, a confirmation, the leave question, the hand-off
 * gate's "saved it elsewhere?".
 */
export type GuideOverlay = 'curl' | 'broad' | 'leave' | 'undo' | 'saved-elsewhere';

export interface GuideState {
  readonly step: GuideStep;
  readonly fields: AccountFields;
  /** Role names, in the order picked. */
  readonly picked: readonly string[];
  readonly query: string;
  /** The search field has the keys (else the list does). */
  readonly typing: boolean;
  readonly focused?: string;
  readonly notice?: Notice;
  readonly overlay?: GuideOverlay;
  /**
   * What a run creates, fixed when the first run starts: a retry resumes the same plan, so
   * nothing is created twice. Dropped when nothing exists any more (undone, or the first step
   * failed), so the next run takes the choices as they are then.
   */
  readonly plan?: RecipePlan;
  readonly handoffView: HandoffView;
  /** A warning above the step ("Wait: a request is in flight."). */
  readonly message?: string;
}

export type GuideAction =
  | {type: 'step'; step: GuideStep}
  | {type: 'fields'; fields: AccountFields}
  | {type: 'toggle'; roleName: string; refusal?: string; notice?: Notice}
  | {type: 'focus'; roleName: string | undefined}
  | {type: 'search-start'}
  | {type: 'search-edit'; edit: QueryEdit}
  | {type: 'search-clear'}
  | {type: 'notice'; notice: Notice | undefined}
  | {type: 'overlay'; overlay: GuideOverlay | undefined}
  /** A run starts (or resumes) with this plan, on the run step. */
  | {type: 'run'; plan: RecipePlan}
  /** Nothing of the plan exists (undone, or nothing was created): back to the review. */
  | {type: 'drop-plan'; message?: string}
  | {type: 'handoff-view'; view: HandoffView}
  | {type: 'message'; text: string};

export const initialGuideState: GuideState = {
  step: 'about',
  fields: {name: '', description: ''},
  picked: [],
  query: '',
  typing: true,
  handoffView: 'panel',
};

export function guideReducer(state: GuideState, action: GuideAction): GuideState {
  switch (action.type) {
    case 'step':
      return {
        ...state,
        step: action.step,
        overlay: undefined,
        notice: undefined,
        message: undefined,
        // The roles step starts in the search field until something is picked.
        typing: action.step === 'roles' ? state.picked.length === 0 : state.typing,
      };
    case 'fields':
      return {...state, fields: action.fields};
    case 'toggle': {
      if (state.picked.includes(action.roleName)) {
        return {
          ...state,
          picked: state.picked.filter((name) => name !== action.roleName),
          notice: undefined,
        };
      }
      if (action.refusal !== undefined) {
        return {...state, notice: {text: action.refusal, tone: 'warning'}};
      }
      return {...state, picked: [...state.picked, action.roleName], notice: action.notice};
    }
    case 'focus':
      return state.focused === action.roleName ? state : {...state, focused: action.roleName};
    case 'search-start':
      return {...state, typing: true, notice: undefined};
    case 'search-edit':
      return editQuery(state, action.edit);
    case 'search-clear':
      return {...state, typing: false, query: '', notice: undefined};
    case 'notice':
      return {...state, notice: action.notice};
    case 'overlay':
      return {...state, overlay: action.overlay};
    case 'run':
      return {
        ...state,
        plan: action.plan,
        step: 'run',
        overlay: undefined,
        notice: undefined,
        message: undefined,
      };
    case 'drop-plan':
      return {
        ...state,
        plan: undefined,
        step: 'review',
        overlay: undefined,
        notice: undefined,
        message: action.message,
      };
    case 'handoff-view':
      return {...state, handoffView: action.view};
    case 'message':
      return {...state, message: action.text};
  }
}
