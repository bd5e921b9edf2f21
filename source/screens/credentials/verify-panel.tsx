/**
 * <VerifyPanel>: proves a client works — a client_credentials exchange at the zone's login host,
 * then one call its roles allow — and shows each step ✓/✗ in words a person can act on.
 * `v` runs it (again); `autoStart` runs it once on mount (the guided flow's verify step).
 * The secret is read from `credentials` only when a run starts and is never kept by the panel.
 */
import {Box, Text} from 'ink';
import {useEffect, useRef} from 'react';
import type {Endpoints} from '../../api/zones.js';
import {describeError, errorLine} from '../../errors/describe.js';
import {
  VERIFY_CALL_LABELS,
  useVerifyClient,
  type VerifyCall,
  type VerifyCredentials,
  type VerifyProgress,
  type VerifyResult,
  type VerifyStep,
} from '../../hooks/verify.js';
import {SCREEN_ACTIONS, matchAction} from '../../ui/keys/keymap.js';
import {useSession} from '../../session.js';
import {SpinnerLine, inert, marks, theme, useKeys, useLatest} from '../../ui/index.js';

const VERIFY_KEY = {verify: SCREEN_ACTIONS.verify};

export interface VerifyLine {
  ok: boolean;
  /** "✓ exchange the client credentials at …" */
  text: string;
  /** What it means and what to do, for a failure. */
  hint?: string;
}

/** The words for one finished step (pure; the one place verify wording lives). */
function describeVerifyStep(step: VerifyStep, endpoints?: Endpoints): VerifyLine {
  if (step.ok) {
    const count =
      step.step === 'call' && step.count !== undefined ? ` (${step.count} returned)` : '';
    return {ok: true, text: `${marks.ok} ${step.label}${count}`};
  }
  const {error, status} = step;
  const text = `${marks.error} ${step.label}${status === undefined ? '' : ` (${status})`}`;
  if (step.step === 'call' && status === 403) {
    const needs = describeError(error, endpoints).detail;
    return {
      ok: false,
      text,
      hint:
        `The token works, but the account has no role allowing ${step.label} — grant one in ` +
        `the role picker.${needs ? ` ${needs}` : ''}`,
    };
  }
  if (step.step === 'token' && status !== undefined && status < 500 && status !== 429) {
    // describe.ts words a refused token for a person's refresh token; these are client credentials.
    return {
      ok: false,
      text,
      hint:
        'The client credentials were refused: the client may have been deleted, or the secret ' +
        'is not the one minted with it.',
    };
  }
  const described = describeError(error, endpoints);
  const detail = errorLine(described);
  const action = described.retryable
    ? `Press ${SCREEN_ACTIONS.verify.label} to try again.`
    : described.action;
  return {ok: false, text, hint: [detail, action].filter(Boolean).join(' ')};
}

/** What the panel shows for a progress state (pure). */
function verifyLines(progress: VerifyProgress, endpoints?: Endpoints): VerifyLine[] {
  return progress.steps.map((step) => describeVerifyStep(step, endpoints));
}

export interface VerifyPanelProps {
  readonly orgId: number;
  /** Read when a run starts; the panel keeps nothing of it. */
  readonly credentials: VerifyCredentials;
  /**
   * The call that proves the roles work (`verifyCallFor` / `useVerifyCall` choose it, the same
   * everywhere); undefined while the account's roles load, and `v` waits for it.
   */
  readonly call: VerifyCall | undefined;
  /** Run once when mounted (default false). */
  readonly autoStart?: boolean;
  /** Each change of it runs it once (a parent's `v` that asked something first). */
  readonly startSignal?: number;
  /** `v` runs it while true (default true). */
  readonly isActive?: boolean;
  readonly width: number;
  /** Told each finished run. */
  readonly onResult?: (result: VerifyResult) => void;
}

export function VerifyPanel(props: VerifyPanelProps) {
  const {orgId, credentials, call, autoStart = false, isActive = true, width} = props;
  const session = useSession();
  // `start` waits for the call, so the hook never runs with the stand-in below.
  const {progress, verify, running} = useVerifyClient(orgId, {call: call ?? 'roles'});
  const latest = useLatest(props);

  const start = () => {
    void verify(latest.current.credentials).then((result) => {
      if (result) latest.current.onResult?.(result);
    });
  };

  // Once, as soon as the call is known (on mount where it already is).
  const started = useRef(false);
  useEffect(() => {
    if (autoStart && call !== undefined && !started.current) {
      started.current = true;
      start();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [call]);

  const signalled = useRef(props.startSignal);
  useEffect(() => {
    if (props.startSignal === signalled.current) return;
    signalled.current = props.startSignal;
    if (!running) start();
    // Only when the signal changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.startSignal]);

  useKeys(
    (input, key) => {
      if (matchAction(input, key, VERIFY_KEY) !== 'verify') return false;
      // The call is not known yet (the roles load): the idle line says so.
      if (!running && call !== undefined) start();
      return true;
    },
    {isActive, keys: running ? [] : VERIFY_KEY},
  );

  const tokenUrl = `${session.endpoints.login.replace(/\/+$/, '')}/oidc/token`;
  const callWords =
    call === undefined
      ? 'the call its roles allow (reading its roles…)'
      : `${VERIFY_CALL_LABELS[call]} in org ${orgId}`;
  // A run for another client (the parent swapped credentials) is not this client's result.
  const current = progress.clientId === undefined || progress.clientId === credentials.clientId;
  const lines = current ? verifyLines(progress, session.endpoints) : [];

  return (
    <Box flexDirection="column" width={width}>
      {progress.status === 'idle' || !current ? (
        <Text dimColor wrap="wrap">
          {inert(
            `${SCREEN_ACTIONS.verify.label} verify: exchange these credentials at ${tokenUrl}, then ${callWords}.`,
          )}
        </Text>
      ) : (
        <Text bold>
          {progress.status === 'running'
            ? 'Verifying the credentials…'
            : progress.ok
              ? 'Verified: these credentials work.'
              : 'Verification failed.'}
        </Text>
      )}
      {lines.map((line, index) => (
        <Box key={index} flexDirection="column">
          <Text color={line.ok ? theme.accent : theme.error} wrap="truncate-end">
            {inert(line.text)}
          </Text>
          {line.hint ? (
            <Box paddingLeft={2} width={width}>
              <Text wrap="wrap">{inert(line.hint)}</Text>
            </Box>
          ) : null}
        </Box>
      ))}
      {progress.status === 'running' && current ? (
        <SpinnerLine
          label={
            progress.current === 'call'
              ? `${callWords} with the client's token…`
              : `exchanging the client credentials at ${tokenUrl}…`
          }
          width={width}
        />
      ) : null}
      {progress.status === 'done' && current ? (
        <Text dimColor>{`${SCREEN_ACTIONS.verify.label} verify again`}</Text>
      ) : null}
    </Box>
  );
}
