/**
 * The reusable terminal UI pieces. Screens import from here:
 *   import {WindowedList, StatusBar, useKeys, Priority, inert} from '../ui/index.js';
 * Every component that takes key input needs a <KeyProvider> above it (the app shell renders one;
 * test/helpers/ink.tsx adds one).
 */
export * from './keys/index.js';
export * from './text.js';
export {theme, marks} from './theme.js';
export {useLatest} from './use-latest.js';
export {FALLBACK_SIZE, useTerminalSize} from './use-terminal-size.js';
export type {TerminalSize} from './use-terminal-size.js';
export {SizeGuard, tooSmallMessage} from './size-guard.js';
export type {SizeGuardProps} from './size-guard.js';
export * from './windowed-list/index.js';
export * from './text-field/index.js';
export * from './confirm-dialog/index.js';
export {StatusBar} from './status-bar.js';
export type {StatusBarProps, TokenSource} from './status-bar.js';
export {HelpOverlay} from './help-overlay.js';
export type {HelpOverlayProps} from './help-overlay.js';
export {SecretPanel, SECRET_MASK} from './secret-panel.js';
export type {SecretAction, SecretField, SecretPanelProps} from './secret-panel.js';
export {ErrorBox, ErrorLine, withoutStack} from './error-box.js';
export type {ErrorBoxProps} from './error-box.js';
export {SpinnerLine, StatusMessage, toneColor} from './spinner-line.js';
export type {
  SpinnerLineProps,
  StatusMessageProps,
  StatusMessageValue,
  Tone,
} from './spinner-line.js';
export {KeyHints, fitHints, hintsWidth} from './key-hints.js';
export type {KeyHintsProps} from './key-hints.js';
export {formatCells, resolveColumnWidths} from './columns.js';
export type {Cell, ColumnWidthSpec} from './columns.js';
