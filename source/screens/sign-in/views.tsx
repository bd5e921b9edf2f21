/** What the sign-in screen draws after an answer: refused, failed, the other zones tried. */
import {Box, Text} from 'ink';
import {ZONES} from '../../api/zones.js';
import {describeError, zoneName} from '../../errors/describe.js';
import type {SignInState, ZoneProbe} from '../../hooks/sign-in.js';
import type {Session} from '../../session.js';
import {ErrorBox, SpinnerLine, marks, theme, truncateToWidth} from '../../ui/index.js';
import {GLOBAL_ACTIONS, hintText, relabel} from '../../ui/keys/keymap.js';
import {NEW_TOKEN, SIGN_IN_ACTIONS} from './input.js';
import {wrap} from '../../ui/text.js';
import {ProbeList} from './zone-rows.js';

type Step<K extends SignInState['step']> = Extract<SignInState, {step: K}>;

/** "z try it at the other zones · Esc paste another token", the keys in the accent colour. */
function NextKeys(props: {otherZones: boolean}) {
  return (
    <Text wrap="truncate-end">
      {props.otherZones ? (
        <>
          <Text color={theme.accent}>{SIGN_IN_ACTIONS.otherZones.label}</Text> try it at the other
          zones ·{' '}
        </>
      ) : null}
      <Text color={theme.accent}>{NEW_TOKEN.label}</Text> paste another token
    </Text>
  );
}

export function RefusedView(props: {
  state: Step<'refused'>;
  canTryOthers: boolean;
  width: number;
  boxInner: number;
}) {
  const {state, canTryOthers, boxInner} = props;
  return (
    <Box flexDirection="column">
      <ErrorBox
        title={`The token was refused by ${zoneName(state.endpoints)}`}
        what={clamp(state.error.serverMessage, boxInner, 2)}
        todo={clamp(
          canTryOthers
            ? 'It may be revoked or expired, or it was made in another zone.'
            : 'It may be revoked or expired: create a new one in Flexera One (User settings → API Credentials).',
          boxInner,
          2,
        )}
        width={props.width}
      />
      <NextKeys otherZones={canTryOthers} />
    </Box>
  );
}

export function FailedView(props: {state: Step<'failed'>; width: number; boxInner: number}) {
  const {state, boxInner} = props;
  const description = describeError(state.error, state.endpoints);
  return (
    <Box flexDirection="column">
      <ErrorBox
        title={description.title}
        what={description.detail && clamp(description.detail, boxInner, 2)}
        todo={description.action && clamp(description.action, boxInner, 2)}
        retry={description.retryable ? GLOBAL_ACTIONS.refresh : undefined}
        width={props.width}
      />
      <NextKeys otherZones={false} />
    </Box>
  );
}

export function ProbingView(props: {
  state: Step<'probing'>;
  selected: ZoneProbe | undefined;
  width: number;
  roomy: boolean;
}) {
  const {state, selected, width} = props;
  const done = state.probes.every((p) => p.verdict !== 'checking');
  const outcome = selected
    ? `It works in ${ZONES[selected.zone].label}. Press ${GLOBAL_ACTIONS.open.label} to sign in there.`
    : done
      ? state.probes.some((p) => p.verdict === 'unreachable')
        ? `No zone that answered accepts it. Press ${GLOBAL_ACTIONS.back.label}, then try again or paste another token.`
        : 'Every zone refused it: it is revoked, expired or mistyped. Create a new one in Flexera One (User settings → API Credentials).'
      : undefined;
  return (
    <Box flexDirection="column">
      <Text bold>Where does this token work?</Text>
      <ProbeList probes={state.probes} selected={selected?.zone} width={width} />
      {state.probes
        .filter((p) => p.verdict === 'unreachable')
        .map((p) => (
          <Text key={p.zone} color={theme.warning}>
            {truncateToWidth(
              `${ZONES[p.zone].label}: ${describeError(p.error, p.endpoints).title}`,
              width,
            )}
          </Text>
        ))}
      {props.roomy ? <Text> </Text> : null}
      {outcome === undefined ? (
        <SpinnerLine label="Asking the other zones…" width={width} />
      ) : (
        wrap(outcome, width, {maxLines: 2}).map((line, i) => (
          <Text key={i} color={selected ? theme.accent : undefined}>
            {line}
          </Text>
        ))
      )}
    </Box>
  );
}

/** " (Esc changes the zone)" after the zone above the token field. */
export const CHANGE_ZONE = ` (${hintText(relabel(GLOBAL_ACTIONS.back, 'changes the zone'))})`;

export const DIALOG_WIDTH = 76;

/** Text cut to what `lines` lines of `width` hold (an ErrorBox wraps it the same way again). */
function clamp(text: string, width: number, lines: number): string {
  return wrap(text, width, {maxLines: lines}).join(' ');
}

/**
 * The dialog's paragraphs in at most `budget` lines, pre-wrapped: the reason (≤ 2 lines) and the
 * choice (last) come first; what to do about the keychain gets what is left.
 */
export function dialogBody(
  [reason, action, choice]: [string, string, string],
  width: number,
  budget: number,
): string[] {
  const total = Math.max(1, budget);
  const last = wrap(choice, width, {maxLines: Math.min(2, Math.max(0, total - 1))});
  const first = wrap(reason, width, {maxLines: Math.min(2, Math.max(1, total - last.length))});
  const middle = wrap(action, width, {maxLines: Math.max(0, total - first.length - last.length)});
  return [...first, ...middle, ...last];
}

/** Where tokens come from and where this one will be kept. */
export function Explanation({
  session,
  width,
  maxLines,
}: {
  session: Session;
  width: number;
  maxLines: number;
}) {
  const where =
    session.store.kind === 'keychain'
      ? 'It will be kept in the OS keychain.'
      : session.store.kind === 'memory'
        ? 'It will be kept for this session only (in memory, never on disk).'
        : 'FLEXERA_REFRESH_TOKEN is set, so it can be used for this session only.';
  const lines = wrap(
    `Create a refresh token in Flexera One → User settings → API Credentials. ${where}`,
    width,
    {maxLines: maxLines},
  );
  const problem = session.keychainProblem
    ? wrap(
        `${marks.warning} The keychain is unavailable: ${session.keychainProblem.reason}. You will be asked before a token is kept in memory.`,
        width,
        {maxLines: 2},
      )
    : [];
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} dimColor>
          {line}
        </Text>
      ))}
      {problem.map((line, i) => (
        <Text key={`p${i}`} color={theme.warning}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
