/**
 * <ConfirmDialog>: asks before a change. Default = cancel; Esc always cancels.
 *
 * - yes/no: `Enter` acts on the focused choice (Cancel at first); `y` or ←/→/Tab move to the confirm
 *   choice. So Enter alone never confirms.
 * - `quickAnswers`: y confirms and n cancels at once (for questions, not destructive changes:
 *   "Did you save the secret?").
 * - type-to-confirm (`requireText`): "Type billing-export to delete it, or press Esc to cancel";
 *   Enter confirms only when the typed text is exactly `requireText`.
 *
 * `body` states the consequences ("Its 2 clients stop working."), one line per entry, drawn inert.
 * `busy` shows a spinner line and ignores keys (but Ctrl+C); `error` shows a failure in place.
 * It is modal: while mounted and active, no key reaches anything below it.
 */
import React from 'react';
import {Box, Text} from 'ink';
import {ErrorLine} from '../error-box.js';
import {ClipWhenShort, Keep} from '../fit.js';
import {SpinnerLine} from '../spinner-line.js';
import {TextField} from '../text-field/index.js';
import {Priority} from '../keys/index.js';
import {DIALOG_ACTIONS, GLOBAL_ACTIONS, keyLine, relabel} from '../keys/keymap.js';
import {inert, truncateToWidth} from '../text.js';
import {marks, theme} from '../theme.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {useConfirmDialogInput} from './use-confirm-dialog-input.js';
import {useConfirmDialogState} from './use-confirm-dialog-state.js';

export interface ConfirmDialogProps {
  /** The question: "Delete service account billing-export?" */
  readonly title: string;
  /** Consequences, one line each: "Its 2 clients stop working." */
  readonly body?: string | readonly string[];
  /** Default "Confirm"; e.g. "Delete", "Revoke". */
  readonly confirmLabel?: string;
  /** Default "Cancel". */
  readonly cancelLabel?: string;
  /** Type-to-confirm: the exact text the user must type (e.g. the account's name). */
  readonly requireText?: string;
  /** Overrides "Type <requireText> to <confirmLabel> it, or press Esc to cancel". */
  readonly prompt?: string;
  /** Destructive (default true): the frame and the confirm choice are drawn in the warning colour. */
  readonly danger?: boolean;
  /** A request is running: spinner with `busyLabel`, keys ignored. */
  readonly busy?: boolean;
  readonly busyLabel?: string;
  /** The change failed: shown inside the dialog (Esc still cancels, Enter retries). */
  readonly error?: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  /** y confirms and n cancels at once, rather than moving to a choice (default false). */
  readonly quickAnswers?: boolean;
  /** Default true. */
  readonly isActive?: boolean;
  /** Default: the terminal's columns (at most 72). */
  readonly width?: number;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    title,
    body,
    confirmLabel = 'Confirm',
    cancelLabel = 'Cancel',
    requireText,
    danger = true,
    busy = false,
    busyLabel = 'Working…',
    error,
    onConfirm,
    onCancel,
    isActive = true,
    quickAnswers = false,
  } = props;
  const terminal = useTerminalSize();
  const width = Math.max(20, props.width ?? Math.min(72, terminal.columns));
  const inner = width - 4;
  const [state, dispatch] = useConfirmDialogState();
  const typeToConfirm = requireText !== undefined;
  useConfirmDialogInput(state, dispatch, {
    isActive,
    busy,
    typeToConfirm,
    quickAnswers,
    onConfirm,
    onCancel,
  });

  const lines = body === undefined ? [] : typeof body === 'string' ? [body] : body;
  const border = danger ? theme.warning : theme.accent;
  const prompt =
    props.prompt ??
    `Type ${requireText ?? ''} to ${confirmLabel.toLowerCase()} it, or press ${DIALOG_ACTIONS.cancel.label} to cancel`;

  const submitTyped = (typed: string) => {
    if (typed === requireText) onConfirm();
    else dispatch({type: 'mismatch'});
  };

  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={border} paddingX={1}>
      {/* The question stays whole; the consequences give way first on a short screen. */}
      <Keep>
        <Text bold wrap="wrap">
          {inert(title)}
        </Text>
      </Keep>
      <ClipWhenShort>
        {lines.map((line, i) => (
          <Text key={i} wrap="wrap">
            {inert(line)}
          </Text>
        ))}
      </ClipWhenShort>
      <Box marginTop={1} flexDirection="column" flexShrink={0}>
        {busy ? (
          <SpinnerLine label={busyLabel} />
        ) : typeToConfirm ? (
          <>
            <Text wrap="wrap">{inert(prompt)}</Text>
            <TextField
              label=""
              value={state.typed}
              onChange={(text) => dispatch({type: 'type', text})}
              onSubmit={submitTyped}
              focus={isActive && !busy}
              priority={Priority.Modal + 10}
              width={inner}
              error={
                state.mismatch
                  ? `That is not "${requireText ?? ''}": type it exactly, or press ${DIALOG_ACTIONS.cancel.label}.`
                  : undefined
              }
            />
          </>
        ) : (
          <Box>
            <Choice label={cancelLabel} focused={state.focus === 'cancel'} color={theme.accent} />
            <Text> </Text>
            <Choice
              label={confirmLabel}
              focused={state.focus === 'confirm'}
              color={danger ? theme.warning : theme.accent}
            />
          </Box>
        )}
        {error !== undefined && !busy ? <ErrorLine text={error} width={inner} /> : null}
      </Box>
      {busy ? null : (
        <Keep>
          <Text dimColor wrap="truncate-end">
            {typeToConfirm
              ? keyLine(
                  relabel(GLOBAL_ACTIONS.open, confirmLabel.toLowerCase()),
                  DIALOG_ACTIONS.cancel,
                )
              : keyLine(
                  DIALOG_ACTIONS.choose,
                  relabel(DIALOG_ACTIONS.yes, confirmLabel.toLowerCase()),
                  DIALOG_ACTIONS.select,
                  DIALOG_ACTIONS.cancel,
                )}
          </Text>
        </Keep>
      )}
    </Box>
  );
}

function Choice({label, focused, color}: {label: string; focused: boolean; color: string}) {
  const text = truncateToWidth(inert(label), 30);
  return focused ? (
    <Text color={color} bold>{`${marks.pointer} [ ${text} ]`}</Text>
  ) : (
    <Text dimColor>{`  [ ${text} ]`}</Text>
  );
}
