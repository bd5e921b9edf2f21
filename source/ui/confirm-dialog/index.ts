export {ConfirmDialog} from './confirm-dialog.js';
export type {ConfirmDialogProps} from './confirm-dialog.js';
export {
  confirmDialogReducer,
  initialConfirmDialogState,
  useConfirmDialogState,
} from './use-confirm-dialog-state.js';
export type {Choice, ConfirmDialogAction, ConfirmDialogState} from './use-confirm-dialog-state.js';
export {useConfirmDialogInput} from './use-confirm-dialog-input.js';
