/** Reusable credential pieces: the minting screen, the guided flow and rotation share them. */
export {
  HANDOFF_HELP,
  SecretHandoff,
  handoffSummary,
  type HandoffEvent,
  type HandoffView,
} from './secret-handoff.js';
export {VerifyPanel} from './verify-panel.js';
export {ScrollText} from './scroll-text.js';
