/**
 * <StatusBar>: the one-line footer. Left: an optional SANDBOX badge, zone, org, where the token
 * came from. Right: the screen's 3–5 key hints and "? help", or a transient message (spinner +
 * text, e.g. "Rate limited, retrying in 4 s", or the Ctrl+C "press again" warning).
 *
 * It never wraps: at its width (default the terminal's) hints are dropped from the end first
 * ("? help" stays), then the left side is cut with "…", then the message.
 */
import React from 'react';
import {Box, Text} from 'ink';
import {GLOBAL_ACTIONS} from './keys/keymap.js';
import type {KeyBinding} from './keys/keymap.js';
import {fitHints, hintsWidth, KeyHints} from './key-hints.js';
import {StatusMessage, statusMessagePrefixWidth} from './spinner-line.js';
import type {StatusMessageValue} from './spinner-line.js';
import {displayWidth, inert, truncateToWidth} from './text.js';
import {marks, theme} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';

/** Where the refresh token came from (DESIGN.md: keychain / env / session). */
export type TokenSource = 'keychain' | 'env' | 'session' | 'none';

export interface StatusBarProps {
  /** "NAM", "EU", "APAC". */
  readonly zone?: string;
  /** "Acme Corp (12345)". */
  readonly org?: string;
  readonly tokenSource?: TokenSource;
  /** After the token source: its expiry ("expires in 12 d"), in the warning colour when `warning`. */
  readonly tokenNote?: {readonly text: string; readonly warning?: boolean};
  /** Shows a SANDBOX badge first. */
  readonly sandbox?: boolean;
  /** 3–5 keys for this screen; "? help" is added last. */
  readonly hints?: readonly KeyBinding[];
  /** Whether `?` opens the help now (default true); false while a dialog or field has the keys. */
  readonly help?: boolean;
  /** Replaces the hints while set. */
  readonly message?: StatusMessageValue;
  /** Default: the terminal's columns. */
  readonly width?: number;
}

const SANDBOX = ' SANDBOX ';
const GAP = 2;

const TOKEN_LABEL: Record<TokenSource, string> = {
  keychain: 'token: keychain',
  env: 'token: env',
  session: 'token: session',
  none: 'not signed in',
};

interface Segment {
  readonly text: string;
  readonly color?: string;
  readonly dim?: boolean;
  readonly bold?: boolean;
}

/** Cut a sequence of segments to `width` columns (ending with … when cut). */
function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const [i, s] of segments.entries()) {
    const w = displayWidth(s.text);
    const last = i === segments.length - 1;
    if (w <= left && (last || left - w > 0)) {
      out.push(s);
      left -= w;
      continue;
    }
    if (left > 0) out.push({...s, text: truncateToWidth(s.text, left)});
    break;
  }
  return out;
}

export function StatusBar({
  zone,
  org,
  tokenSource,
  tokenNote,
  sandbox = false,
  hints = [],
  help: showHelp = true,
  message,
  width,
}: StatusBarProps) {
  const terminal = useTerminalSize();
  const w = Math.max(1, width ?? terminal.columns);

  const context: Segment[] = [];
  const push = (s: Segment) => {
    if (context.length > 0) context.push({text: marks.separator, dim: true});
    context.push(s);
  };
  if (zone !== undefined && zone !== '') push({text: inert(zone), color: theme.accent, bold: true});
  if (org !== undefined && org !== '') push({text: inert(org)});
  if (tokenSource !== undefined) push({text: TOKEN_LABEL[tokenSource], dim: true});
  if (tokenNote !== undefined) {
    push(
      tokenNote.warning
        ? {text: `${marks.warning} ${inert(tokenNote.text)}`, color: theme.warning, bold: true}
        : {text: inert(tokenNote.text), dim: true},
    );
  }
  const contextWidth = context.reduce((n, s) => n + displayWidth(s.text), 0);

  const badgeWidth = sandbox ? SANDBOX.length + 1 : 0;
  let room = w - badgeWidth;
  const showBadge = sandbox && room >= 0;
  if (!showBadge) room = w;

  let right: React.ReactNode;
  let rightWidth: number;
  if (message !== undefined) {
    const full = statusMessagePrefixWidth(message) + displayWidth(inert(message.text));
    // The message comes first: it may take all but a little of the context.
    rightWidth = Math.min(full, room);
    right = <StatusMessage {...message} width={rightWidth} />;
  } else {
    const help = showHelp ? [GLOBAL_ACTIONS.help] : [];
    const helpWidth = hintsWidth(help);
    const sepWidth = showHelp ? marks.separator.length : 0;
    // Keys matter more than a long org name: hints may take up to half the line, and the
    // context (zone · org · token) is cut with … to make room for them.
    const hintBudget = Math.min(hintsWidth([...hints, ...help]), Math.floor(room / 2));
    const contextShown = Math.min(contextWidth, Math.max(0, room - hintBudget - GAP));
    const forHints = room - contextShown - (contextShown > 0 ? GAP : 0) - helpWidth - sepWidth;
    const shown = [...fitHints(hints, Math.max(0, forHints)), ...help];
    rightWidth = hintsWidth(shown);
    if (rightWidth > room) {
      rightWidth = helpWidth <= room ? helpWidth : 0;
      right = rightWidth > 0 ? <KeyHints hints={help} /> : null;
    } else {
      right = shown.length > 0 ? <KeyHints hints={shown} /> : null;
    }
  }

  const contextRoom = room - rightWidth - (rightWidth > 0 ? GAP : 0);
  const shownContext = contextRoom > 0 ? fitSegments(context, contextRoom) : [];

  return (
    <Box width={w} height={1} overflow="hidden">
      {showBadge ? (
        <Text>
          <Text inverse color={theme.accent}>
            {SANDBOX}
          </Text>{' '}
        </Text>
      ) : null}
      <Text>
        {shownContext.map((s, i) => (
          <Text key={i} color={s.color} dimColor={s.dim} bold={s.bold}>
            {s.text}
          </Text>
        ))}
      </Text>
      <Box flexGrow={1} />
      {right}
    </Box>
  );
}
