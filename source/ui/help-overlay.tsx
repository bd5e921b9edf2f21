/**
 * <HelpOverlay>: the keys of this screen, then the keys that work everywhere, all from the key map
 * (labels and descriptions are the same ones the footer and handlers use). Esc or ? closes it
 * (onClose). Modal: while open no key reaches the screen below (Ctrl+C still does).
 *
 * Each key is listed once: a key the screen binds is shown with the screen's meaning and left out
 * of "Everywhere"; ?, q and Ctrl+C are always under "Everywhere". It fits `width` × `height`
 * (default: the terminal, minus one line) and scrolls like a list (↑/↓ j/k, PgUp/PgDn, g/G,
 * Home/End) when the keys do not fit, saying which lines are shown ("12–30 of 41").
 */
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {GLOBAL_HELP, MOVE_ACTIONS, SCROLL_PAGES, keyLine, matchAction} from './keys/keymap.js';
import type {ActionMap, KeyBinding, KeyToken} from './keys/keymap.js';
import {Priority, useKeys} from './keys/index.js';
import {displayWidth, inert, padToWidth, truncateToWidth, wrap} from './text.js';
import {theme} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface HelpOverlayProps {
  /** The screen's name: "Service accounts". */
  readonly title?: string;
  /** The screen's own keys (a defineActions map or a list of bindings). */
  readonly actions?: ActionMap | readonly KeyBinding[];
  /** The keys that work everywhere (default GLOBAL_HELP). */
  readonly global?: readonly KeyBinding[];
  readonly onClose: () => void;
  readonly width?: number;
  readonly height?: number;
  /** Default true. */
  readonly isActive?: boolean;
}

const HELP_KEYS = {
  ...MOVE_ACTIONS,
  close: {keys: ['esc', '?'], label: 'Esc/?', hint: 'close', description: 'Close this help'},
} as const satisfies ActionMap;

/** Keys every screen has, always listed under "Everywhere" (with the screen's words if it has some). */
const ALWAYS: readonly KeyToken[] = ['?', 'q', 'ctrl+c'];

const TOKEN_LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  enter: 'Enter',
  esc: 'Esc',
  space: 'Space',
  ' ': 'Space',
  tab: 'Tab',
  shiftTab: 'Shift+Tab',
  backspace: 'Backspace',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  home: 'Home',
  end: 'End',
};

function canonical(token: KeyToken): string {
  return token === ' ' ? 'space' : token;
}

/** "↑/k": a label for what is left of a binding's keys once some are listed elsewhere. */
function tokensLabel(tokens: readonly string[]): string {
  return tokens
    .map((t) => TOKEN_LABELS[t] ?? (t.startsWith('ctrl+') ? `Ctrl+${t.slice(5).toUpperCase()}` : t))
    .join('/');
}

/** The binding limited to `tokens` (its label rebuilt when keys were taken out). */
function withTokens(binding: KeyBinding, tokens: readonly string[]): KeyBinding {
  if (tokens.length === binding.keys.length) return binding;
  return {...binding, keys: tokens, label: tokensLabel(tokens)};
}

export interface HelpSections {
  readonly screen: readonly KeyBinding[];
  readonly everywhere: readonly KeyBinding[];
}

/**
 * The two lists the overlay shows, each key once. A screen key that repeats an earlier screen key
 * under the same label adds its sentence to that line (Enter "choose" and "sign in"); the global
 * lines lose the keys the screen lists; ?, q and Ctrl+C go first under "Everywhere".
 */
export function helpSections(
  screenKeys: readonly KeyBinding[],
  global: readonly KeyBinding[] = GLOBAL_HELP,
): HelpSections {
  const screen: KeyBinding[] = [];
  const taken = new Set<string>();
  /** ?, q, Ctrl+C with the screen's words, when the screen has its own. */
  const own = new Map<string, KeyBinding>();
  for (const binding of screenKeys) {
    const tokens = binding.keys.map(canonical);
    for (const t of tokens) if (ALWAYS.includes(t) && !own.has(t)) own.set(t, binding);
    const left = tokens.filter((t) => !ALWAYS.includes(t) && !taken.has(t));
    if (left.length === 0) {
      // Every key already listed: under the same label, its sentence joins that line.
      const same = screen.findIndex((b) => b.label === binding.label);
      const previous = screen[same];
      if (previous !== undefined && !previous.description.includes(binding.description)) {
        screen[same] = {
          ...previous,
          description: `${previous.description}; ${binding.description}`,
        };
      }
      continue;
    }
    for (const t of left) taken.add(t);
    screen.push(withTokens(binding, left));
  }

  const everywhere: KeyBinding[] = [];
  for (const t of ALWAYS) {
    const binding = own.get(t) ?? global.find((b) => b.keys.map(canonical).includes(t));
    if (binding !== undefined) everywhere.push(withTokens(binding, [t]));
  }
  for (const binding of global) {
    const left = binding.keys.map(canonical).filter((t) => !ALWAYS.includes(t) && !taken.has(t));
    if (left.length > 0) everywhere.push(withTokens(binding, left));
  }
  return {screen, everywhere};
}

/** One drawn row of the help: a section title, a blank, or (part of) a key's line. */
type Row =
  {kind: 'section'; text: string} | {kind: 'blank'} | {kind: 'key'; label: string; text: string};

function layoutRows(sections: HelpSections, labelWidth: number, textWidth: number): Row[] {
  const rows: Row[] = [];
  const keys = (bindings: readonly KeyBinding[]) => {
    for (const b of bindings) {
      const label = truncateToWidth(b.label, labelWidth);
      // Whole sentences, wrapped: a narrow window shows more rows, not cut words.
      wrap(b.description, textWidth).forEach((text, i) =>
        rows.push({kind: 'key', label: i === 0 ? label : '', text}),
      );
    }
  };
  if (sections.screen.length > 0) {
    rows.push({kind: 'section', text: 'On this screen'});
    keys(sections.screen);
    rows.push({kind: 'blank'});
  }
  rows.push({kind: 'section', text: 'Everywhere'});
  keys(sections.everywhere);
  return rows;
}

export function HelpOverlay({
  title,
  actions,
  global = GLOBAL_HELP,
  onClose,
  width,
  height,
  isActive = true,
}: HelpOverlayProps) {
  const terminal = useTerminalSize();
  const w = Math.max(20, width ?? Math.min(terminal.columns, 80));
  const h = Math.max(5, height ?? terminal.rows - 1);

  const screenKeys: readonly KeyBinding[] =
    actions === undefined
      ? []
      : Array.isArray(actions)
        ? actions
        : Object.values(actions as ActionMap);
  const sections = helpSections(screenKeys, global);
  const inner = w - 4; // border + padding
  const labelWidth = Math.min(
    14,
    Math.max(...[...sections.screen, ...sections.everywhere].map((b) => displayWidth(b.label)), 1),
  );
  const rows = layoutRows(sections, labelWidth, Math.max(1, inner - labelWidth - 2));
  // Title + position line + border take 4 lines.
  const page = Math.max(1, h - 4);
  const maxTop = Math.max(0, rows.length - page);
  const [top, setTop] = useState(0);
  const shownTop = Math.min(top, maxTop);

  useKeys(
    (input, key) => {
      const clamp = (n: number) => Math.max(0, Math.min(maxTop, n));
      switch (matchAction(input, key, HELP_KEYS)) {
        case 'close':
          onClose();
          break;
        case 'up':
          setTop((t) => clamp(Math.min(t, maxTop) - 1));
          break;
        case 'down':
          setTop((t) => clamp(t + 1));
          break;
        case 'pageUp':
          setTop((t) => clamp(Math.min(t, maxTop) - page));
          break;
        case 'pageDown':
          setTop((t) => clamp(t + page));
          break;
        case 'first':
          setTop(0);
          break;
        case 'last':
          setTop(maxTop);
          break;
        default:
          break;
      }
      return true;
    },
    {
      isActive,
      priority: Priority.Modal,
      keys: rows.length > page ? [SCROLL_PAGES, HELP_KEYS.close] : [HELP_KEYS.close],
      takes: 'all',
    },
  );

  const shown = rows.slice(shownTop, shownTop + page);
  const where =
    rows.length > page
      ? `${shownTop + 1}–${shownTop + shown.length} of ${rows.length} · ${keyLine(SCROLL_PAGES, HELP_KEYS.close)}`
      : keyLine(HELP_KEYS.close);

  return (
    <Box
      flexDirection="column"
      width={w}
      borderStyle="round"
      borderColor={theme.accent}
      paddingX={1}
    >
      <Text bold wrap="truncate-end">
        {truncateToWidth(title === undefined ? 'Keys' : `Keys — ${inert(title)}`, inner)}
      </Text>
      {shown.map((row, i) =>
        row.kind === 'blank' ? (
          <Text key={shownTop + i}> </Text>
        ) : row.kind === 'section' ? (
          <Text key={shownTop + i} dimColor>
            {truncateToWidth(row.text, inner)}
          </Text>
        ) : (
          <Text key={shownTop + i} wrap="truncate-end">
            <Text color={theme.accent}>{padToWidth(row.label, labelWidth)}</Text>
            {`  ${row.text}`}
          </Text>
        ),
      )}
      <Text dimColor wrap="truncate-end">
        {truncateToWidth(where, inner)}
      </Text>
    </Box>
  );
}
