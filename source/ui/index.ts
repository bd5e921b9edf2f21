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
export {useTerminalSize} from './use-terminal-size.js';
export {SizeGuard} from './size-guard.js';
export * from './windowed-list/index.js';
export * from './text-field/index.js';
export * from './confirm-dialog/index.js';
export {StatusBar} from './status-bar.js';
export type {TokenSource} from './status-bar.js';
export {HelpOverlay} from './help-overlay.js';
export {SecretPanel, SECRET_MASK} from './secret-panel.js';
export type {SecretAction} from './secret-panel.js';
export {ErrorBox} from './error-box.js';
export {SpinnerLine, toneColor} from './spinner-line.js';
export type {StatusMessageValue, Tone} from './spinner-line.js';
export {formatCells, resolveColumnWidths} from './columns.js';
export {ClipWhenShort, Keep} from './fit.js';
