/** What the rotation draws in each phase; the screen picks one. */
import {Box, Text} from 'ink';
import type {ServiceAccountClient} from '../../api/schemas.js';
import {VERIFY_CALL_LABELS, type VerifyCall} from '../../hooks/verify.js';
import {
  SpinnerLine,
  WindowedList,
  inert,
  marks,
  theme,
  truncateToWidth,
  type Column,
} from '../../ui/index.js';
import {GLOBAL_ACTIONS, SCREEN_ACTIONS, hintText, keyLine, relabel} from '../../ui/keys/keymap.js';
import {
  DeleteClientDialog,
  HANDOFF_NEXT_KEYS,
  MintFailed,
  SecretHandoff,
  VerifyPanel,
  type HandoffCredentials,
  type HandoffEvent,
  type HandoffView,
} from '../credentials/index.js';
import {wrap} from '../../ui/text.js';
import {BACK, TO_ACCOUNT} from './input.js';

/** One line each, cut to the width (the step, what is live, a message). */
export function Lines(props: {
  lines: readonly string[];
  color?: string;
  bold?: boolean;
  dim?: boolean;
}) {
  return (
    <>
      {props.lines.map((line, i) => (
        <Box key={i} height={1} overflow="hidden">
          <Text bold={props.bold} color={props.color} dimColor={props.dim}>
            {line}
          </Text>
        </Box>
      ))}
    </>
  );
}

export function NothingToRotate(props: {accountName: string; accountId: number; width: number}) {
  return (
    <Box flexDirection="column" width={props.width}>
      <Text wrap="wrap">
        {inert(
          `Nothing to rotate: ${props.accountName} (${props.accountId}) has no client yet. ${SCREEN_ACTIONS.mint.label} mints its first client instead (opens the Clients screen).`,
        )}
      </Text>
      <Text dimColor>{hintText(TO_ACCOUNT)}</Text>
    </Box>
  );
}

const COLUMNS: readonly Column<ServiceAccountClient>[] = [
  {header: 'Client ID', width: 'fill', value: (c) => c.clientId},
  {
    header: 'Created (UTC)',
    width: 16,
    value: (c) => (c.createdAt ? c.createdAt.replace('T', ' ').slice(0, 16) : '—'),
  },
];

/** At 2 clients: which one goes first. */
export function RetireView(props: {
  accountName: string;
  clients: readonly ServiceAccountClient[];
  isActive: boolean;
  onFocus: (clientId: string | undefined) => void;
  onPick: (clientId: string) => void;
  width: number;
  rows: number;
}) {
  const {width} = props;
  // The question and what to do stay whole (two lines each at most); the list takes the rest.
  const question = wrap(
    `${props.accountName} has 2 of 2 clients. Which one do you retire (delete) first?`,
    width,
    {maxLines: 2},
  );
  const advice = wrap(
    `Retire the one your application does NOT use · ${hintText(relabel(GLOBAL_ACTIONS.open, 'picks it (asks first)'))}`,
    width,
    {maxLines: 2},
  );
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={question} />
      <WindowedList
        items={props.clients}
        getKey={(c) => c.clientId}
        height={Math.max(1, props.rows - question.length - advice.length)}
        width={width}
        columns={COLUMNS}
        filterable={false}
        isActive={props.isActive}
        onFocusChange={(c) => props.onFocus(c?.clientId)}
        onSelect={(c) => props.onPick(c.clientId)}
      />
      <Lines lines={advice} dim />
    </Box>
  );
}

export function MintView(props: {
  inPlace: boolean;
  accountName: string;
  oldId: string | undefined;
  minting: boolean;
  error: unknown;
  width: number;
}) {
  const {width} = props;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="wrap">
        {inert(
          props.inPlace
            ? `A second secret for client ${props.oldId ?? '?'} of ${props.accountName}: the client id stays, and the old secret keeps working meanwhile, so nothing stops.`
            : `A second client for ${props.accountName}: ${props.oldId ?? 'the old one'} keeps working meanwhile, so nothing stops.`,
        )}
      </Text>
      {props.minting ? (
        <SpinnerLine
          label={props.inPlace ? 'Adding the new secret…' : 'Minting the new client…'}
          width={width}
        />
      ) : props.error !== undefined && props.error !== null ? (
        <MintFailed error={props.error} width={width} />
      ) : (
        <Text color={theme.accent}>
          {truncateToWidth(
            `${SCREEN_ACTIONS.mint.label} (or ${GLOBAL_ACTIONS.open.label}) ${props.inPlace ? 'adds' : 'mints'} it · ${hintText(BACK)}`,
            width,
          )}
        </Text>
      )}
    </Box>
  );
}

export function DoneView(props: {
  inPlace: boolean;
  accountName: string;
  accountId: number;
  newId: string | undefined;
  width: number;
}) {
  const {width} = props;
  return (
    <Box flexDirection="column" width={width}>
      <Text color={theme.accent} bold>
        {truncateToWidth(`${marks.ok} Rotation complete, without downtime.`, width)}
      </Text>
      <Text wrap="wrap">
        {inert(
          props.inPlace
            ? `Client ${props.newId ?? '?'} of ${props.accountName} (${props.accountId}) has one secret: the new one. Same client id. flexera-sa has forgotten the new secret.`
            : `${props.accountName} (${props.accountId}) has one client: ${props.newId ?? '?'}. flexera-sa has forgotten the new secret.`,
        )}
      </Text>
      <Text dimColor>{`${GLOBAL_ACTIONS.open.label} or ${hintText(TO_ACCOUNT)}`}</Text>
    </Box>
  );
}

/** The new client from its hand-off to the deletion of the old one. */
export function NewClient(props: {
  phase: 'handoff' | 'verify' | 'switch' | 'delete';
  orgId: number;
  accountId: number;
  accountName: string;
  credentials: HandoffCredentials;
  oldId: string | undefined;
  call: VerifyCall | undefined;
  verified: boolean | undefined;
  /** One client, a second secret (the words change; the steps are the same). */
  inPlace: boolean;
  handoffView: HandoffView;
  width: number;
  rows: number;
  isActive: boolean;
  deleting: boolean;
  deleteError: string | undefined;
  onVerified: (ok: boolean) => void;
  onHandoffView: (view: HandoffView) => void;
  onHandedOff: (event: HandoffEvent) => void;
  onDelete: () => void;
  onCancelDelete: () => void;
}) {
  const {phase, width, credentials, oldId} = props;
  const newId = credentials.clientId;
  switch (phase) {
    case 'handoff':
      return (
        <Box flexDirection="column" width={width}>
          <SecretHandoff
            credentials={credentials}
            orgId={props.orgId}
            serviceAccountId={props.accountId}
            accountName={props.accountName}
            title={
              props.inPlace
                ? `New secret for client ${newId} (same id): give it to the application`
                : `New client for ${props.accountName}: give it to the application`
            }
            width={width}
            height={Math.max(3, props.rows - 1)}
            isActive={props.isActive}
            onViewChange={props.onHandoffView}
            onHandedOff={props.onHandedOff}
          />
          {props.handoffView === 'panel' ? (
            <Text dimColor wrap="truncate-end">
              {truncateToWidth(props.inPlace ? IN_PLACE_NEXT_KEYS : HANDOFF_NEXT_KEYS, width)}
            </Text>
          ) : null}
        </Box>
      );
    case 'verify':
      return (
        <Box flexDirection="column" width={width}>
          <Text dimColor wrap="truncate-end">
            {truncateToWidth(
              inert(
                `A token for ${newId}, then ${props.call ? VERIFY_CALL_LABELS[props.call] : 'the call its roles allow'} with it.`,
              ),
              width,
            )}
          </Text>
          <VerifyPanel
            orgId={props.orgId}
            credentials={credentials}
            call={props.call}
            autoStart
            isActive={props.isActive}
            width={width}
            onResult={(result) => props.onVerified(result.ok)}
          />
          <Text
            color={props.verified ? theme.accent : undefined}
            dimColor={!props.verified}
            wrap="truncate-end"
          >
            {truncateToWidth(
              inert(verifyFooter(props.verified, props.inPlace ? 'the old secret' : oldId)),
              width,
            )}
          </Text>
        </Box>
      );
    case 'switch': {
      const lines = props.inPlace
        ? [
            `Now give the new secret to the application: FLEXERA_CLIENT_SECRET from where you saved it. FLEXERA_CLIENT_ID stays ${newId}.`,
            'Restart or reload it, and check that it works. Both secrets work meanwhile.',
            `Then press ${GLOBAL_ACTIONS.open.label}: you confirm it uses the new secret, and the old secret can go.`,
          ]
        : [
            `Now give ${newId} to the application: FLEXERA_CLIENT_ID=${newId}, and FLEXERA_CLIENT_SECRET from where you saved it.`,
            'Restart or reload it, and check that it works. Both clients work meanwhile.',
            `Then press ${GLOBAL_ACTIONS.open.label}: you confirm it uses ${newId}, and ${oldId ?? 'the old client'} can go.`,
          ];
      return (
        <Box flexDirection="column" width={width}>
          <Lines lines={lines.flatMap((line) => wrap(line, width, {maxLines: 3}))} />
          <Text dimColor>
            {keyLine(
              relabel(
                GLOBAL_ACTIONS.open,
                props.inPlace ? 'it uses the new secret' : 'it uses the new client',
              ),
              relabel(GLOBAL_ACTIONS.back, 'back to verify'),
            )}
          </Text>
        </Box>
      );
    }
    case 'delete':
      return (
        <DeleteClientDialog
          title={
            props.inPlace
              ? `Delete the old secret of client ${newId}?`
              : `Delete the old client ${oldId ?? '?'}?`
          }
          consequences={
            props.inPlace
              ? [
                  'You said the application now uses the new secret.',
                  `Anything still using the old secret of ${newId} stops working immediately; the client id stays.`,
                ]
              : [
                  `You said the application now uses ${newId}.`,
                  `Anything still using ${oldId ?? 'it'} stops working immediately.`,
                ]
          }
          deleting={props.deleting}
          busyLabel={props.inPlace ? 'Deleting the old secret…' : `Deleting ${oldId ?? ''}…`}
          error={props.deleteError}
          onConfirm={props.onDelete}
          onCancel={props.onCancelDelete}
          isActive={props.isActive}
          width={width}
        />
      );
  }
}

/** In place, Enter waits for the secret to go somewhere (or asks whether it was saved elsewhere). */
const IN_PLACE_NEXT_KEYS = keyLine(
  relabel(GLOBAL_ACTIONS.open, 'verify it (once saved)'),
  relabel(GLOBAL_ACTIONS.back, 'leave (asks first)'),
);

function verifyFooter(verified: boolean | undefined, oldId: string | undefined): string {
  if (verified) {
    return `${GLOBAL_ACTIONS.open.label}: next, switch the application to the new client · ${hintText(BACK)}`;
  }
  if (verified === false) {
    return `Do not switch yet: ${oldId ?? 'the old client'} stays live · ${SCREEN_ACTIONS.verify.label} again · ${hintText(BACK)}`;
  }
  return hintText(relabel(GLOBAL_ACTIONS.back, 'back to the hand-off'));
}
