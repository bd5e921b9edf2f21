/**
 * The secret hand-off's state: which view shows (the panel, the write form, the snippet), the
 * last notice (where the secret went), whether a copy is running, and the write form. A reducer,
 * so an answer that arrives late still acts on the latest state. Never holds the secret.
 */
import type {SecretFileFormat} from '../../../handoff/index.js';

export type HandoffView = 'panel' | 'write' | 'snippet';

export interface Notice {
  readonly text: string;
  readonly tone: 'ok' | 'unsure';
}

/** The file would sit unignored in a git work tree (handoff/git-exposure.ts): asked before writing. */
interface Exposure {
  /** Where the user asked to write it. */
  readonly target: string;
  readonly workTree: string;
  /** The free name offered in the per-user folder instead. */
  readonly perUserPath: string;
}

export interface WriteForm {
  readonly path: string;
  readonly format: SecretFileFormat;
  /** The user typed in the path: a format switch no longer replaces it. */
  readonly edited: boolean;
  readonly busy: boolean;
  readonly error?: string;
  /** Set while the form asks where to write instead (a git work tree would see the file). */
  readonly exposure?: Exposure;
}

export interface HandoffState {
  readonly view: HandoffView;
  readonly notice?: Notice;
  readonly copying: boolean;
  readonly form: WriteForm;
}

export type HandoffAction =
  | {type: 'view'; view: HandoffView}
  /** Opens the write form afresh, keeping the last format. */
  | {type: 'open-write'}
  /** A free file name for `format`, found on disk. */
  | {type: 'suggested'; path: string; format: SecretFileFormat}
  | {type: 'typed'; path: string}
  | {type: 'toggle-format'}
  | {type: 'copy-start'}
  | {type: 'copied'; message: string; certain: boolean}
  | {type: 'write-start'}
  | {type: 'written'; path: string; format: SecretFileFormat}
  | {type: 'write-failed'; message: string}
  | {type: 'exposed'; exposure: Exposure}
  /** "Cancel" on the exposure question: back to the form, the path kept. */
  | {type: 'exposure-cancel'};

export const initialHandoffState: HandoffState = {
  view: 'panel',
  copying: false,
  form: {path: '', format: 'env', edited: false, busy: false},
};

export const formatName = (format: SecretFileFormat) => (format === 'json' ? 'JSON' : '.env');

export function handoffReducer(state: HandoffState, action: HandoffAction): HandoffState {
  const {form} = state;
  switch (action.type) {
    case 'view':
      return {...state, view: action.view};
    case 'open-write':
      return {
        ...state,
        view: 'write',
        form: {path: '', format: form.format, edited: false, busy: false},
      };
    case 'suggested':
      return form.edited || form.format !== action.format
        ? state
        : {...state, form: {...form, path: action.path}};
    case 'typed':
      return {...state, form: {...form, path: action.path, edited: true, error: undefined}};
    case 'toggle-format':
      return {
        ...state,
        form: {...form, format: form.format === 'env' ? 'json' : 'env', error: undefined},
      };
    case 'copy-start':
      return {...state, copying: true};
    case 'copied':
      return {
        ...state,
        copying: false,
        notice: {
          text: action.certain ? action.message : `Not confirmed: ${action.message}`,
          tone: action.certain ? 'ok' : 'unsure',
        },
      };
    case 'write-start':
      return {...state, form: {...form, busy: true, error: undefined}};
    case 'written':
      return {
        ...state,
        view: 'panel',
        form: {...form, busy: false, exposure: undefined},
        notice: {
          text: `Wrote ${action.path} (${formatName(action.format)}, mode 0600).`,
          tone: 'ok',
        },
      };
    case 'write-failed':
      return {...state, form: {...form, busy: false, error: action.message, exposure: undefined}};
    case 'exposed':
      return {...state, form: {...form, busy: false, exposure: action.exposure}};
    case 'exposure-cancel':
      return {...state, form: {...form, exposure: undefined}};
  }
}
