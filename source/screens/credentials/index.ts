/** Reusable credential pieces: the minting screen, the guided flow and rotation share them. */
export {
  HANDOFF_HELP,
  HANDOFF_NEXT_KEYS,
  SecretHandoff,
  handoffSummary,
  HANDOFF_ACTIONS,
  type HandoffCredentials,
  type HandoffEvent,
  type HandoffView,
} from './secret-handoff.js';
export {VerifyPanel, type VerifyLine, type VerifyPanelProps} from './verify-panel.js';
export {ScrollText, type ScrollTextProps} from './scroll-text.js';
export {
  SAVE_SECRET_QUESTION,
  SaveSecretDialog,
  type SaveSecretDialogProps,
} from './save-secret-dialog.js';
export {useMintedSecret, type MintSource, type MintedSecret} from './use-minted-secret.js';
export {DeleteClientDialog, MintFailed} from './client-dialogs.js';
