/**
 * Sign-in: pick the zone, paste a refresh token (masked; whitespace and newlines removed), check
 * it by exchanging it at the zone's login host, keep it in the session's store, then sign in.
 * A refused token can be tried at the other zones; a store that fails asks before anything is
 * kept in memory. Shown by the app whenever the session has no client.
 */
import {Box, Text} from 'ink';
import {useMemo, useReducer, type ReactNode} from 'react';
import {ZONE_IDS, ZONES} from '../../api/zones.js';
import {endpointsForZone, useSignIn} from '../../hooks/sign-in.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession, type Session} from '../../session.js';
import {
  ConfirmDialog,
  SpinnerLine,
  TextField,
  cleanPastedSecret,
  marks,
  theme,
} from '../../ui/index.js';
import {GLOBAL_ACTIONS} from '../../ui/keys/keymap.js';
import {HELP, hintsFor, useSignInInput} from './input.js';
import {hostOf, hostsOf} from './layout.js';
import {wrap} from '../../ui/text.js';
import {initialSignInForm, signInFormReducer} from './state.js';
import {
  CHANGE_ZONE,
  DIALOG_WIDTH,
  Explanation,
  FailedView,
  ProbingView,
  RefusedView,
  dialogBody,
} from './views.js';
import {ZoneList, type ZoneChoice} from './zone-rows.js';

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
  // Other zones are known (to pick, or to try a refused token at) unless custom origins left one.
  const picker = choices.length > 1;
  const [form, dispatch] = useReducer(signInFormReducer, undefined, () =>
    initialSignInForm(
      picker,
      choices.findIndex((choice) => choice.zone === session.endpoints.zone),
    ),
  );
  const {stage} = form;
  const chosen = choices[Math.min(form.cursor, choices.length - 1)] ?? {
    zone: session.endpoints.zone,
    endpoints: session.endpoints,
  };
  const working = state.step === 'probing' ? state.probes.filter((p) => p.verdict === 'works') : [];
  const selected = working.find((p) => p.zone === form.probeCursor) ?? working[0];

  useSignInInput({
    step: state,
    form,
    dispatch,
    picker,
    zoneCount: choices.length,
    working,
    selected,
    zoneIndex: (zone) => choices.findIndex((choice) => choice.zone === zone),
    cancel: signIn.cancel,
    tryOtherZones: signIn.tryOtherZones,
    retry: signIn.retry,
    switchTo: (probe) => signIn.switchTo(probe.endpoints),
  });
  useScreenChrome({
    title: 'Sign in',
    hints: hintsFor(state, stage, picker, selected !== undefined),
    help: HELP,
  });

  const submit = (raw: string) => {
    const token = cleanPastedSecret(raw);
    dispatch({type: 'submit', error: token === '' ? EMPTY_TOKEN : undefined});
    if (token !== '') signIn.submit(chosen.endpoints, token);
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
  const explanation = <Explanation session={session} width={width} maxLines={roomy ? 3 : 2} />;

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
        <RefusedView state={state} canTryOthers={picker} width={width} boxInner={boxInner} />
      );
      break;
    case 'failed':
      content = <FailedView state={state} width={width} boxInner={boxInner} />;
      break;
    case 'probing':
      content = <ProbingView state={state} selected={selected} width={width} roomy={roomy} />;
      break;
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
            <ZoneList choices={choices} cursor={form.cursor} width={width} />
            {gap}
            {explanation}
          </Box>
        ) : (
          <Box flexDirection="column">
            <Text wrap="truncate-end">
              <Text bold>{ZONES[chosen.zone].label}</Text>
              <Text dimColor>{` ${marks.separator.trim()} ${hostsOf(chosen.endpoints)}`}</Text>
              {picker ? <Text dimColor>{CHANGE_ZONE}</Text> : null}
            </Text>
            {gap}
            <TextField
              label="Refresh token"
              value={form.value}
              // Cleaned as it arrives, so the count shown is the token's own length.
              onChange={(next) => dispatch({type: 'type', value: cleanPastedSecret(next)})}
              onSubmit={submit}
              focus
              mask
              placeholder="paste it here"
              hint={`Paste it (spaces and line breaks are removed), then press ${GLOBAL_ACTIONS.open.label}.`}
              error={form.fieldError}
              width={width}
            />
            {gap}
            {explanation}
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
