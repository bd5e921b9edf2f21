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
export {VerifyPanel} from './verify-panel.js';
export {ScrollText} from './scroll-text.js';
export {SAVE_SECRET_QUESTION, SaveSecretDialog} from './save-secret-dialog.js';
export {useMintedSecret} from './use-minted-secret.js';
export {DeleteClientDialog, MintFailed} from './client-dialogs.js';
export {SavedElsewhereDialog} from './handoff-gate.js';
export {CURL_VIEW_HINTS, SCRIPT_COPY, SCRIPT_WRITE} from './script-handoff.js';
