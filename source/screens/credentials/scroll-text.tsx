/**
 * <ScrollText>: a long text (a snippet, curl commands) in a window of `height` lines that ↑/↓,
 * PgUp/PgDn, g/G scroll; Esc closes it. Lines are cut to the width here (not by Ink), so the
 * line count is exact and the frame never grows past the window.
 */
import {Box, Text} from 'ink';
import {useState} from 'react';
import {layoutScript} from '../../curl/index.js';
import {
  GLOBAL_ACTIONS,
  MOVE_ACTIONS,
  SCROLL,
  keyLine,
  matchAction,
  relabel,
} from '../../ui/keys/keymap.js';
import {Priority, inert, theme, truncateToWidth, useKeys, wrap} from '../../ui/index.js';

const CLOSE = relabel(GLOBAL_ACTIONS.back, 'close');

const SCROLL_KEYS = {...MOVE_ACTIONS, back: GLOBAL_ACTIONS.back};

export interface ScrollTextProps {
  readonly title: string;
  readonly text: string;
  /**
   * The text is a shell script: laid out so that what a person copies from the screen runs
   * (curl/layout.ts), instead of being cut at the window edge.
   */
  readonly script?: boolean;
  /** Lines it may use, title and key line included (≥ 3). */
  readonly height: number;
  readonly width: number;
  readonly onClose: () => void;
  /** Default true. */
  readonly isActive?: boolean;
  /** Of its scroll keys; default Priority.Input (Priority.Modal when it is an overlay). */
  readonly priority?: number;
}

export function ScrollText({
  title,
  text,
  script = false,
  height,
  width,
  onClose,
  isActive = true,
  priority = Priority.Input,
}: ScrollTextProps) {
  const lines = script
    ? layoutScript(text, width).map(inert)
    : wrap(text, width, {breakAt: 'anywhere'});
  const pageSize = Math.max(1, height - 2);
  const maxTop = Math.max(0, lines.length - pageSize);
  const [top, setTop] = useState(0);
  const shownTop = Math.min(top, maxTop);

  useKeys(
    (input, key) => {
      const action = matchAction(input, key, SCROLL_KEYS);
      const clamp = (n: number) => Math.max(0, Math.min(maxTop, n));
      switch (action) {
        case 'back':
          onClose();
          return true;
        case 'up':
          setTop((t) => clamp(Math.min(t, maxTop) - 1));
          return true;
        case 'down':
          setTop((t) => clamp(t + 1));
          return true;
        case 'pageUp':
          setTop((t) => clamp(Math.min(t, maxTop) - pageSize));
          return true;
        case 'pageDown':
          setTop((t) => clamp(t + pageSize));
          return true;
        case 'first':
          setTop(0);
          return true;
        case 'last':
          setTop(maxTop);
          return true;
        default:
          return false;
      }
    },
    {isActive, priority, keys: maxTop > 0 ? SCROLL_KEYS : [SCROLL_KEYS.back]},
  );

  const visible = lines.slice(shownTop, shownTop + pageSize);
  const position =
    lines.length > pageSize
      ? `lines ${shownTop + 1}–${shownTop + visible.length} of ${lines.length} · ${keyLine(SCROLL, CLOSE)}`
      : keyLine(CLOSE);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>
        {truncateToWidth(inert(title), width)}
      </Text>
      {visible.map((line, index) => (
        <Text key={shownTop + index}>{line === '' ? ' ' : line}</Text>
      ))}
      <Text dimColor>{truncateToWidth(position, width)}</Text>
    </Box>
  );
}
