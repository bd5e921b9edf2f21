/**
 * <SecretPanel>: credentials shown once (e.g. clientId + clientSecret after minting).
 *
 * Secret fields are fully masked (a fixed row of •, neither the length nor the last characters)
 * until the reveal key (SCREEN_ACTIONS.reveal, `s`) is pressed; it toggles back. Fully, because
 * "last 4" still puts part of the secret into screenshots, recordings and scrollback, and this
 * secret is new, so there is nothing to recognise it by. Non-secret fields (clientId) are shown.
 *
 * Actions (copy, write file …) come from the screen: the panel draws their keys and calls
 * `onAction`; what they do stays with the screen. `notice` shows the last result ("Copied").
 */
import React, {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {SCREEN_ACTIONS, hintText, matchKey} from './keys/keymap.js';
import type {KeyBinding} from './keys/keymap.js';
import {useKeys} from './keys/index.js';
import {displayWidth, inert, padToWidth} from './text.js';
import {marks, theme} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';

interface SecretField {
  /** "clientId", "clientSecret". */
  readonly label: string;
  readonly value: string;
  /** Masked until revealed. */
  readonly secret?: boolean;
}

export interface SecretAction {
  readonly binding: KeyBinding;
  readonly onAction: () => void;
  readonly disabled?: boolean;
}

export interface SecretPanelProps {
  readonly title?: string;
  readonly fields: readonly SecretField[];
  readonly actions?: readonly SecretAction[];
  /** Result of the last action: "Copied to the clipboard." */
  readonly notice?: string;
  /** Default: "Shown once: save it now. It cannot be shown again." */
  readonly warning?: string;
  /** Default SCREEN_ACTIONS.reveal. */
  readonly revealBinding?: KeyBinding;
  /** Start revealed (default false). */
  readonly initiallyRevealed?: boolean;
  /** Called when the secret is shown or hidden. */
  readonly onRevealChange?: (revealed: boolean) => void;
  /** Keys handled only while true (default true). */
  readonly isActive?: boolean;
  readonly width?: number;
}

export const SECRET_MASK = marks.mask.repeat(16);

export function SecretPanel({
  title = 'New credentials',
  fields,
  actions = [],
  notice,
  warning = 'Shown once: save it now. It cannot be shown again.',
  revealBinding = SCREEN_ACTIONS.reveal,
  initiallyRevealed = false,
  onRevealChange,
  isActive = true,
  width,
}: SecretPanelProps) {
  const terminal = useTerminalSize();
  const w = Math.max(20, width ?? terminal.columns);
  const [revealed, setRevealed] = useState(initiallyRevealed);
  // Mirror for key events that arrive before a re-render.
  const shown = useRef(initiallyRevealed);

  useKeys(
    (input, key) => {
      if (revealBinding.keys.some((t) => matchKey(input, key, t))) {
        const next = !shown.current;
        shown.current = next;
        setRevealed(next);
        onRevealChange?.(next);
        return true;
      }
      for (const action of actions) {
        if (action.binding.keys.some((t) => matchKey(input, key, t))) {
          if (action.disabled !== true) action.onAction();
          return true;
        }
      }
      return false;
    },
    {
      isActive,
      keys: [revealBinding, ...actions.filter((a) => a.disabled !== true).map((a) => a.binding)],
    },
  );

  const labelWidth = Math.max(...fields.map((f) => displayWidth(inert(f.label))), 1);
  const hasSecret = fields.some((f) => f.secret === true);
  const hints = [
    ...(hasSecret ? [{...revealBinding, hint: revealed ? 'hide' : 'show'}] : []),
    ...actions.filter((a) => a.disabled !== true).map((a) => a.binding),
  ];

  return (
    <Box
      flexDirection="column"
      width={w}
      borderStyle="round"
      borderColor={theme.accent}
      paddingX={1}
    >
      <Text bold wrap="truncate-end">
        {inert(title)}
      </Text>
      {fields.map((f) => (
        <Box key={f.label}>
          {/* The label keeps its width; a long value wraps beside it instead of under it. */}
          <Box flexShrink={0}>
            <Text dimColor>{`${padToWidth(inert(f.label), labelWidth)}  `}</Text>
          </Box>
          <Text wrap="wrap">{f.secret === true && !revealed ? SECRET_MASK : inert(f.value)}</Text>
        </Box>
      ))}
      {hasSecret ? (
        <Text color={theme.warning} wrap="wrap">
          {`${marks.warning} ${inert(warning)}`}
        </Text>
      ) : null}
      {notice === undefined ? null : (
        <Text color={theme.accent} wrap="wrap">
          {`${marks.ok} ${inert(notice)}`}
        </Text>
      )}
      <Text wrap="truncate-end">
        {hints.map((b, i) => (
          <Text key={`${b.label}:${i}`}>
            {i > 0 ? <Text dimColor>{marks.separator}</Text> : null}
            <Text color={theme.accent}>{b.label}</Text>
            <Text dimColor>{hintText(b).slice(b.label.length)}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
