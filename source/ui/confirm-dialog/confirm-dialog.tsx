/**
 * <ConfirmDialog>: asks before a change. One behaviour everywhere; Esc always cancels.
 *
 * - yes/no: the letter shown acts at once (y confirms, n cancels); Enter presses the focused
 *   choice (Cancel at first, so Enter alone never confirms); ←/→/Tab move the focus. The key line
 *   says exactly that: "y delete · n/Esc cancel · Enter presses › · ←/→ move ›".
 * - type-to-confirm (`requireText`): "Type billing-export to delete it, or press Esc to cancel";
 *   y and n are text there; Enter confirms only when the typed text is exactly `requireText`.
 *
 * `body` states the consequences ("Its 2 clients stop working."), one line per entry, drawn inert.
 * `busy` shows a spinner line and ignores keys (but Ctrl+C); `error` shows a failure in place.
 * It is modal: while mounted and active, no key reaches anything below it.
 */
import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {ErrorLine} from '../error-box.js';
import {ClipWhenShort, Keep} from '../fit.js';
import {SpinnerLine} from '../spinner-line.js';
import {TextField} from '../text-field/index.js';
import {Priority} from '../keys/index.js';
import {DIALOG_ACTIONS, GLOBAL_ACTIONS, keyLine, relabel, type KeyBinding} from '../keys/keymap.js';
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
  /**
   * What y and n do, in the key line, where the labels say too little: {yes: "leaves and forgets
   * it", no: "stays"}. Default: the labels.
   */
  readonly keyWords?: {readonly yes: string; readonly no: string};
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
  } = props;
  const terminal = useTerminalSize();
  const width = Math.max(20, props.width ?? Math.min(72, terminal.columns));
  const inner = width - 4;
  const [state, dispatch] = useConfirmDialogState();
  const typeToConfirm = requireText !== undefined;
  const yesWords = props.keyWords?.yes ?? confirmLabel.toLowerCase();
  const noWords = props.keyWords?.no ?? cancelLabel.toLowerCase();
  // Kept while the words stay: a new list each render would re-declare the live keys (a loop).
  const choiceKeys = useMemo(() => yesNoKeys(yesWords, noWords), [yesWords, noWords]);
  const {confirm} = useConfirmDialogInput(state, dispatch, {
    choiceKeys,
    isActive,
    busy,
    error,
    typeToConfirm,
    onConfirm,
    onCancel,
  });

  const lines = body === undefined ? [] : typeof body === 'string' ? [body] : body;
  const border = danger ? theme.warning : theme.accent;
  const prompt =
    props.prompt ??
    `Type ${requireText ?? ''} to ${confirmLabel.toLowerCase()} it, or press ${DIALOG_ACTIONS.cancel.label} to cancel`;

  const submitTyped = (typed: string) => {
    if (typed === requireText) confirm();
    else dispatch({type: 'mismatch'});
  };

  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={border} paddingX={1}>
      {/* The question stays whole and wraps rather than losing its end ("… Quit anyway?"); the
          consequences give way first on a short screen. */}
      <Keep>
        <Text bold wrap="wrap">
          {/* The yellow frame says "dangerous" only in colour; the mark says it without. */}
          {`${danger ? `${marks.warning} ` : ''}${inert(title)}`}
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
              : keyLine(...choiceKeys)}
          </Text>
        </Keep>
      )}
    </Box>
  );
}

/**
 * "y delete · n/Esc cancel · Enter presses › · ←/→ move ›": what each key does, the letter first (it
 * acts at once), in the words of the choices. The key line and the footer's live keys both read it.
 */
export function yesNoKeys(yesWords: string, noWords: string): KeyBinding[] {
  return [
    relabel(DIALOG_ACTIONS.yes, yesWords),
    {
      ...DIALOG_ACTIONS.cancel,
      keys: [...DIALOG_ACTIONS.no.keys, ...DIALOG_ACTIONS.cancel.keys],
      label: `${DIALOG_ACTIONS.no.label}/${DIALOG_ACTIONS.cancel.label}`,
      hint: noWords,
    },
    DIALOG_ACTIONS.select,
    DIALOG_ACTIONS.choose,
  ];
}

function Choice({label, focused, color}: {label: string; focused: boolean; color: string}) {
  const text = truncateToWidth(inert(label), 30);
  return focused ? (
    <Text color={color} bold>{`${marks.pointer} [ ${text} ]`}</Text>
  ) : (
    <Text dimColor>{`  [ ${text} ]`}</Text>
  );
}
