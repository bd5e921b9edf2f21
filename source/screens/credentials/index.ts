/** Reusable credential pieces: the minting screen, the guided flow and rotation share them. */
export {
  FORMAT_TOGGLE,
  HANDOFF_ACTIONS,
  HANDOFF_HELP,
  HANDOFF_NEXT_KEYS,
  SecretHandoff,
  handoffSummary,
  type HandoffCredentials,
  type HandoffEvent,
  type HandoffView,
  type SecretHandoffProps,
} from './secret-handoff.js';
export {
  VerifyPanel,
  describeVerifyStep,
  verifyLines,
  type VerifyLine,
  type VerifyPanelProps,
} from './verify-panel.js';
export {ScrollText, wrapLines, type ScrollTextProps} from './scroll-text.js';
export {
  SAVE_SECRET_QUESTION,
  SaveSecretDialog,
  type SaveSecretDialogProps,
} from './save-secret-dialog.js';
export {useMintedSecret, type MintSource, type MintedSecret} from './use-minted-secret.js';
export {DeleteClientDialog, MintFailed} from './client-dialogs.js';
