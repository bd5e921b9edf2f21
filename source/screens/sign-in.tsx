/**
 * Sign-in: pick the zone, paste a refresh token (masked; whitespace and newlines removed), check
 * it by exchanging it at the zone's login host, keep it in the session's store, then sign in.
 * A refused token can be tried at the other zones; a store that fails asks before anything is
 * kept in memory. Shown by the app whenever the session has no client.
 */
import {Box, Text} from 'ink';
import {useMemo, useState, type ReactNode} from 'react';
import {ZONE_IDS, ZONES, type ZoneId} from '../api/zones.js';
import {describeError, zoneName} from '../errors/describe.js';
import {endpointsForZone, useSignIn, type SignInState, type ZoneProbe} from '../hooks/sign-in.js';
import {GLOBAL_ACTIONS, defineActions, matchAction, type KeyBinding} from '../keymap.js';
import {useBodySize, useScreenChrome} from '../screen-chrome.js';
import {useSession, type Session} from '../session.js';
import {
  ConfirmDialog,
  ErrorBox,
  Priority,
  SpinnerLine,
  TextField,
  cleanPastedSecret,
  marks,
  theme,
  truncateToWidth,
  useKeys,
} from '../ui/index.js';
import {hostOf, hostsOf} from './sign-in/layout.js';
import {wrap} from '../ui/text.js';
import {ProbeList, ZoneList, type ZoneChoice} from './sign-in/zone-rows.js';

const SIGN_IN_ACTIONS = defineActions({
  otherZones: {
    keys: ['z'],
    label: 'z',
    hint: 'other zones',
    description: 'After a refusal: try the same token at the other zones and say where it works',
  },
});

const key = (keys: string[], label: string, hint: string, description: string): KeyBinding => ({
  keys,
  label,
  hint,
  description,
});
const PICK_ZONE = key(['enter'], 'Enter', 'choose', 'Choose the highlighted zone');
const MOVE = key(['up', 'down'], '↑↓', 'move', 'Move between zones');
const CHECK = key(['enter'], 'Enter', 'sign in', 'Check the token with the zone and sign in');
const TO_ZONES = key(['esc'], 'Esc', 'zones', 'Back to the zone picker (the field is cleared)');
const NEW_TOKEN = key(['esc'], 'Esc', 'new token', 'Back to the token field');
const CANCEL = key(['esc'], 'Esc', 'cancel', 'Stop checking and go back to the token field');
const SWITCH = key(
  ['enter'],
  'Enter',
  'sign in there',
  'Sign in at the zone where the token works',
);
const QUIT = GLOBAL_ACTIONS.quit;

const HELP: readonly KeyBinding[] = [
  MOVE,
  PICK_ZONE,
  CHECK,
  TO_ZONES,
  SIGN_IN_ACTIONS.otherZones,
  SWITCH,
  key(['r'], 'r', 'retry', 'After a network or server error: check the same token again'),
  QUIT,
];

const EMPTY_TOKEN =
  'Paste your refresh token first: the field is empty (spaces and line breaks do not count).';

/** The zones this session can sign in to; with custom origins often only its own. */
function zoneChoices(session: Session): ZoneChoice[] {
  const out: ZoneChoice[] = [];
  for (const zone of ZONE_IDS) {
    const endpoints = endpointsForZone(session, zone);
    if (endpoints) out.push({zone, endpoints});
  }
  return out;
}

export function SignInScreen() {
  const session = useSession();
  const body = useBodySize();
  const signIn = useSignIn();
  const {state} = signIn;
  const choices = useMemo(() => zoneChoices(session), [session]);
  const picker = choices.length > 1;
  const [stage, setStage] = useState<'zone' | 'token'>(picker ? 'zone' : 'token');
  const [cursor, setCursor] = useState(() =>
    Math.max(
      0,
      choices.findIndex((choice) => choice.zone === session.endpoints.zone),
    ),
  );
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [probeCursor, setProbeCursor] = useState<ZoneId | undefined>();
  const chosen = choices[Math.min(cursor, choices.length - 1)] ?? {
    zone: session.endpoints.zone,
    endpoints: session.endpoints,
  };

  const working = state.step === 'probing' ? state.probes.filter((p) => p.verdict === 'works') : [];
  const selected = working.find((p) => p.zone === probeCursor) ?? working[0];
  // Other zones are known unless custom origins left only this one.
  const canTryOthers = picker;

  const leaveField = () => {
    setValue('');
    setFieldError(undefined);
  };

  // The zone picker.
  useKeys(
    (input, k) => {
      switch (matchAction(input, k, {up: GLOBAL_ACTIONS.up, down: GLOBAL_ACTIONS.down})) {
        case 'up':
          setCursor((c) => Math.max(0, c - 1));
          return true;
        case 'down':
          setCursor((c) => Math.min(choices.length - 1, c + 1));
          return true;
      }
      if (!k.return) return false;
      setStage('token');
      return true;
    },
    {priority: Priority.Normal, isActive: state.step === 'idle' && stage === 'zone'},
  );

  // The token field: Esc leaves it (before the field sees it), and forgets what was typed.
  useKeys(
    (_input, k) => {
      if (!k.escape || !picker) return false;
      leaveField();
      setStage('zone');
      return true;
    },
    {priority: Priority.Input + 1, isActive: state.step === 'idle' && stage === 'token'},
  );

  // After an answer: refused, failed, or the other zones tried.
  useKeys(
    (input, k) => {
      if (k.escape) {
        signIn.cancel();
        return true;
      }
      if (state.step === 'refused' && canTryOthers) {
        if (matchAction(input, k, SIGN_IN_ACTIONS) !== 'otherZones') return false;
        setProbeCursor(undefined);
        signIn.tryOtherZones();
        return true;
      }
      if (state.step === 'failed') {
        if (matchAction(input, k, {refresh: GLOBAL_ACTIONS.refresh}) !== 'refresh') return false;
        if (describeError(state.error).retryable) signIn.retry();
        return true;
      }
      if (state.step === 'probing') {
        const move = matchAction(input, k, {up: GLOBAL_ACTIONS.up, down: GLOBAL_ACTIONS.down});
        if (move !== undefined && working.length > 0) {
          const at = Math.max(0, working.indexOf(selected as ZoneProbe));
          const next = move === 'up' ? Math.max(0, at - 1) : Math.min(working.length - 1, at + 1);
          setProbeCursor(working[next]?.zone);
          return true;
        }
        if (k.return && selected) {
          const index = choices.findIndex((choice) => choice.zone === selected.zone);
          if (index >= 0) setCursor(index);
          signIn.switchTo(selected.endpoints);
          return true;
        }
      }
      return false;
    },
    {
      priority: Priority.Normal,
      isActive: state.step === 'refused' || state.step === 'failed' || state.step === 'probing',
    },
  );

  // Checking: Esc stops waiting (the exchange's answer is then ignored).
  useKeys(
    (_input, k) => {
      if (!k.escape) return false;
      signIn.cancel();
      return true;
    },
    {priority: Priority.Normal, isActive: state.step === 'checking'},
  );

  useScreenChrome({
    title: 'Sign in',
    hints: hintsFor(state, stage, picker, canTryOthers, selected !== undefined),
    help: HELP,
  });

  const submit = (raw: string) => {
    const token = cleanPastedSecret(raw);
    setValue('');
    if (token === '') {
      setFieldError(EMPTY_TOKEN);
      return;
    }
    setFieldError(undefined);
    signIn.submit(chosen.endpoints, token);
  };

  // Every part below is wrapped here, to a known number of lines, so the body never overflows.
  const width = body.columns;
  const roomy = body.rows >= 16;
  const gap = roomy ? <Text> </Text> : null;
  const boxInner = Math.max(1, width - 4); // an ErrorBox's or dialog's border and padding
  // The notice is about the previous session: once a token works it gives way to the dialog.
  const notice =
    session.notice && state.step !== 'store-problem'
      ? wrap(`${marks.warning} ${session.notice}`, width, {maxLines: roomy ? 3 : 2})
      : [];
  const headerLines = notice.length + (notice.length > 0 && roomy ? 1 : 0) + 1;

  let content: ReactNode;
  switch (state.step) {
    case 'checking':
      content = (
        <SpinnerLine
          label={`Checking the token with ${hostOf(state.endpoints.login)}…`}
          width={width}
        />
      );
      break;
    case 'storing':
      content = <SpinnerLine label={`Keeping the token in ${state.where}…`} width={width} />;
      break;
    case 'refused':
      content = (
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
            width={width}
          />
          <Text wrap="truncate-end">
            {canTryOthers ? (
              <>
                <Text color={theme.accent}>z</Text> try it at the other zones ·{' '}
              </>
            ) : null}
            <Text color={theme.accent}>Esc</Text> paste another token
          </Text>
        </Box>
      );
      break;
    case 'failed': {
      const description = describeError(state.error, state.endpoints);
      content = (
        <Box flexDirection="column">
          <ErrorBox
            title={description.title}
            what={description.detail && clamp(description.detail, boxInner, 2)}
            todo={description.action && clamp(description.action, boxInner, 2)}
            retry={description.retryable ? GLOBAL_ACTIONS.refresh : undefined}
            width={width}
          />
          <Text wrap="truncate-end">
            <Text color={theme.accent}>Esc</Text> paste another token
          </Text>
        </Box>
      );
      break;
    }
    case 'probing': {
      const done = state.probes.every((p) => p.verdict !== 'checking');
      const outcome = selected
        ? `It works in ${ZONES[selected.zone].label}. Press Enter to sign in there.`
        : done
          ? state.probes.some((p) => p.verdict === 'unreachable')
            ? 'No zone that answered accepts it. Press Esc, then try again or paste another token.'
            : 'Every zone refused it: it is revoked, expired or mistyped. Create a new one in Flexera One (User settings → API Credentials).'
          : undefined;
      content = (
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
          {gap}
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
      break;
    }
    case 'store-problem':
      content = (
        <ConfirmDialog
          title="The token works, but it could not be kept"
          body={dialogBody(
            [
              `${state.problem.reason}.`,
              state.problem.action,
              'Use it for this session only (kept in memory, gone when you quit), or cancel.',
            ],
            Math.min(width, DIALOG_WIDTH) - 4,
            // Border 2, title 1, gap 1, choices 1, keys 1.
            body.rows - headerLines - 6,
          )}
          confirmLabel="Use it for this session only"
          cancelLabel="Cancel"
          danger
          onConfirm={signIn.keepForSession}
          onCancel={signIn.cancel}
          width={Math.min(width, DIALOG_WIDTH)}
        />
      );
      break;
    case 'idle':
      content =
        stage === 'zone' ? (
          <Box flexDirection="column">
            <Text>Which zone is your Flexera One org in?</Text>
            <ZoneList choices={choices} cursor={cursor} width={width} />
            {gap}
            {explanation(session, width, roomy ? 3 : 2)}
          </Box>
        ) : (
          <Box flexDirection="column">
            <Text wrap="truncate-end">
              <Text bold>{ZONES[chosen.zone].label}</Text>
              <Text dimColor>{` ${marks.separator.trim()} ${hostsOf(chosen.endpoints)}`}</Text>
              {picker ? <Text dimColor> (Esc changes the zone)</Text> : null}
            </Text>
            {gap}
            <TextField
              label="Refresh token"
              value={value}
              onChange={(next) => {
                // Cleaned as it arrives, so the count shown is the token's own length.
                setValue(cleanPastedSecret(next));
                setFieldError(undefined);
              }}
              onSubmit={submit}
              focus
              mask
              placeholder="paste it here"
              hint="Paste it (spaces and line breaks are removed), then press Enter."
              error={fieldError}
              width={width}
            />
            {gap}
            {explanation(session, width, roomy ? 3 : 2)}
          </Box>
        );
      break;
  }

  return (
    <Box flexDirection="column" width={width}>
      {notice.map((line, i) => (
        <Text key={i} color={theme.warning}>
          {line}
        </Text>
      ))}
      {notice.length > 0 ? gap : null}
      <Text bold wrap="truncate-end">
        Sign in to Flexera One
      </Text>
      {content}
    </Box>
  );
}

const DIALOG_WIDTH = 76;

/** Text cut to what `lines` lines of `width` hold (an ErrorBox wraps it the same way again). */
function clamp(text: string, width: number, lines: number): string {
  return wrap(text, width, {maxLines: lines}).join(' ');
}

/**
 * The dialog's paragraphs in at most `budget` lines, pre-wrapped: the reason (≤ 2 lines) and the
 * choice (last) come first; what to do about the keychain gets what is left.
 */
function dialogBody(
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
function explanation(session: Session, width: number, maxLines: number) {
  const where =
    session.store.kind === 'keychain'
      ? 'It will be kept in the OS keychain.'
      : session.store.kind === 'memory'
        ? 'It will be kept for this session only (in memory, never on disk).'
        : 'FLEXERA_REFRESH_TOKEN is set, so it can be used for this session only.';
  const lines = wrap(
    `Create a refresh token in Flexera One → User settings → API Credentials. ${where}`,
    width,
    {maxLines},
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

function hintsFor(
  state: SignInState,
  stage: 'zone' | 'token',
  picker: boolean,
  canTryOthers: boolean,
  canSwitch: boolean,
): readonly KeyBinding[] {
  switch (state.step) {
    case 'idle':
      return stage === 'zone' ? ZONE_HINTS : picker ? TOKEN_HINTS : TOKEN_HINTS_NO_PICKER;
    case 'checking':
      return CHECKING_HINTS;
    case 'storing':
      return NO_HINTS;
    case 'refused':
      return canTryOthers ? REFUSED_HINTS : NEW_TOKEN_HINTS;
    case 'failed':
      return describeError(state.error).retryable ? FAILED_HINTS : NEW_TOKEN_HINTS;
    case 'probing':
      return canSwitch ? SWITCH_HINTS : NEW_TOKEN_HINTS;
    case 'store-problem':
      return NO_HINTS;
  }
}

// Stable arrays: useScreenChrome re-declares the footer only when they change.
const NO_HINTS: readonly KeyBinding[] = [];
const ZONE_HINTS = [PICK_ZONE, MOVE, QUIT];
const TOKEN_HINTS = [CHECK, TO_ZONES];
const TOKEN_HINTS_NO_PICKER = [CHECK];
const CHECKING_HINTS = [CANCEL];
const REFUSED_HINTS = [SIGN_IN_ACTIONS.otherZones, NEW_TOKEN, QUIT];
const NEW_TOKEN_HINTS = [NEW_TOKEN, QUIT];
const FAILED_HINTS = [GLOBAL_ACTIONS.refresh, NEW_TOKEN, QUIT];
const SWITCH_HINTS = [SWITCH, NEW_TOKEN, QUIT];
