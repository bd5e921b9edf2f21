/** Reusable credential pieces: the minting screen, the guided flow and rotation share them. */
export {
  FORMAT_TOGGLE,
  HANDOFF_ACTIONS,
  HANDOFF_HELP,
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
export {ScrollText, type ScrollTextProps} from './scroll-text.js';
