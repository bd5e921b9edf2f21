/**
 * <ScrollText>: a long text (a snippet, curl commands) in a window of `height` lines that ↑/↓,
 * PgUp/PgDn, g/G scroll; Esc closes it. Lines are cut to the width here (not by Ink), so the
 * line count is exact and the frame never grows past the window. A script (`script`) is laid out
 * to run as copied from the screen, and `y` / `w` copy or write all of it (script-handoff.tsx).
 */
import {Box, Text, type Key} from 'ink';
import {useState, type ReactNode} from 'react';
import {layoutScript} from '../../curl/index.js';
import {
  GLOBAL_ACTIONS,
  MOVE_ACTIONS,
  SCROLL,
  keyLine,
  matchAction,
  relabel,
  type KeyBinding,
} from '../../ui/keys/keymap.js';
import {Priority, inert, theme, truncateToWidth, useKeys, wrap} from '../../ui/index.js';
import {SCRIPT_COPY, SCRIPT_WRITE, useScriptHandoff} from './script-handoff.js';

const CLOSE = relabel(GLOBAL_ACTIONS.back, 'close');

const SCROLL_KEYS = {...MOVE_ACTIONS, back: GLOBAL_ACTIONS.back};
const SCRIPT_KEYS = {copy: SCRIPT_COPY, write: SCRIPT_WRITE};

export interface ScrollTextProps {
  readonly title: string;
  readonly text: string;
  /**
   * The text is a shell script: laid out so that what a person copies from the screen runs
   * (curl/layout.ts), instead of being cut at the window edge; `y` copies it all, `w` writes it.
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

export function ScrollText(props: ScrollTextProps) {
  return props.script ? (
    <ScriptText {...props} />
  ) : (
    <ScrollWindow {...props} lines={wrap(props.text, props.width, {breakAt: 'anywhere'})} />
  );
}

function ScriptText(props: ScrollTextProps) {
  const {isActive = true, priority = Priority.Input} = props;
  const handoff = useScriptHandoff({
    script: props.text,
    width: props.width,
    isActive,
    priority: priority + 1,
  });
  return (
    <ScrollWindow
      {...props}
      lines={layoutScript(props.text, props.width).map(inert)}
      dimComments
      below={handoff.view}
      belowRows={handoff.rows}
      keys={keyLine(SCRIPT_COPY, SCRIPT_WRITE, CLOSE)}
      onKeyActs={handoff.writing ? [] : [SCRIPT_COPY, SCRIPT_WRITE]}
      onKey={(input, key) => {
        if (handoff.writing) {
          // The file name field has the keys; Esc closes it, not the view.
          if (!key.escape) return false;
          handoff.closeWrite();
          return true;
        }
        switch (matchAction(input, key, SCRIPT_KEYS)) {
          case 'copy':
            handoff.copy();
            return true;
          case 'write':
            handoff.openWrite();
            return true;
          default:
            return undefined;
        }
      }}
    />
  );
}

function ScrollWindow({
  title,
  lines,
  height,
  width,
  onClose,
  isActive = true,
  priority = Priority.Input,
  dimComments = false,
  below,
  belowRows = 0,
  keys = keyLine(CLOSE),
  onKey,
  onKeyActs = [],
}: ScrollTextProps & {
  readonly lines: readonly string[];
  /** Lines starting with `#` drawn dim. */
  readonly dimComments?: boolean;
  /** Drawn between the text and the key line, `belowRows` lines high. */
  readonly below?: ReactNode;
  readonly belowRows?: number;
  /** The key line's own keys (after the scroll keys). */
  readonly keys?: string;
  /** Sees each key first: true handled, false pass it on, undefined let the window have it. */
  readonly onKey?: (input: string, key: Key) => boolean | undefined;
  /** The keys `onKey` acts on now (for the footer's live keys). */
  readonly onKeyActs?: readonly KeyBinding[];
}) {
  const pageSize = Math.max(1, height - 2 - belowRows);
  const maxTop = Math.max(0, lines.length - pageSize);
  const [top, setTop] = useState(0);
  const shownTop = Math.min(top, maxTop);

  useKeys(
    (input, key) => {
      const handled = onKey?.(input, key);
      if (handled !== undefined) return handled;
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
    {
      isActive,
      priority,
      keys: [...(maxTop > 0 ? Object.values(SCROLL_KEYS) : [SCROLL_KEYS.back]), ...onKeyActs],
    },
  );

  const visible = lines.slice(shownTop, shownTop + pageSize);
  const position =
    lines.length > pageSize
      ? `lines ${shownTop + 1}–${shownTop + visible.length} of ${lines.length} · ${keyLine(SCROLL)} · ${keys}`
      : keys;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>
        {truncateToWidth(inert(title), width)}
      </Text>
      {visible.map((line, index) => (
        <Text key={shownTop + index} dimColor={dimComments && line.startsWith('#')}>
          {line === '' ? ' ' : line}
        </Text>
      ))}
      {below}
      <Text dimColor>{truncateToWidth(position, width)}</Text>
    </Box>
  );
}
