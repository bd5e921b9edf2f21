/**
 * No-downtime client rotation (from the account detail): mint a second client → hand it off →
 * verify it → the user confirms the application uses it → delete the old one after asking. Every
 * step says what is live at that moment. At 2 clients it first asks which one to retire; with none
 * there is nothing to rotate (m opens minting). Leaving while the new secret is in memory asks
 * "did you save it?"; `c` shows the curl equivalents.
 */
import {Box, Text} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import {serviceAccountRef} from '../api/refs.js';
import type {Role, ServiceAccountClient} from '../api/schemas.js';
import {describeError, errorLine} from '../errors/describe.js';
import {useDeleteClient, useMintClient} from '../hooks/mutations.js';
import {useAccessRules, useClients, useRoles, useServiceAccount} from '../hooks/queries.js';
import {GLOBAL_ACTIONS, SCREEN_ACTIONS, matchAction, type KeyBinding} from '../keymap.js';
import {useNavigation, type OrgSummary} from '../navigation.js';
import {rolesByName} from '../roles/index.js';
import {useBodySize, useScreenChrome} from '../screen-chrome.js';
import {useSession} from '../session.js';
import {
  ConfirmDialog,
  Priority,
  SpinnerLine,
  WindowedList,
  inert,
  marks,
  theme,
  truncateToWidth,
  useKeys,
  type Column,
} from '../ui/index.js';
import {
  HANDOFF_HELP,
  ScrollText,
  SecretHandoff,
  VerifyPanel,
  handoffSummary,
  type HandoffEvent,
  type HandoffView,
} from './credentials/index.js';
import {VERIFY_CALL_WORDS, verifyCallFor} from './guide/recipe.js';
import {ApiErrorBox, QueryState, useRefreshKey} from './query-state.js';
import {wrap} from '../ui/text.js';
import {liveLine, rotateCurlText, rotateStepLine, type RotatePhase} from './rotate/phases.js';

const binding = (keys: string[], label: string, hint: string, description: string): KeyBinding => ({
  keys,
  label,
  hint,
  description,
});
const NEXT = binding(['enter'], 'Enter', 'next', 'Go on to the next step');
const BACK = binding(
  ['esc'],
  'Esc',
  'back',
  'Back one step (asks first while the new secret is shown)',
);
const CURL = {...SCREEN_ACTIONS.curl, description: 'Show the rotation as curl commands'};
const RETIRE = binding(
  ['enter'],
  'Enter',
  'retire',
  'Retire (delete) the selected client, after asking',
);

const HINTS: Record<RotatePhase, readonly KeyBinding[]> = {
  retire: [RETIRE, CURL, BACK],
  mint: [SCREEN_ACTIONS.mint, CURL, BACK],
  handoff: [SCREEN_ACTIONS.reveal, SCREEN_ACTIONS.copy, SCREEN_ACTIONS.write, NEXT, CURL],
  verify: [SCREEN_ACTIONS.verify, NEXT, CURL, BACK],
  switch: [
    binding(['enter'], 'Enter', 'it uses it', 'The application now uses the new client'),
    CURL,
    BACK,
  ],
  delete: [CURL],
  done: [binding(['enter'], 'Enter', 'account', 'Back to the account')],
};
const HELP: readonly KeyBinding[] = [
  SCREEN_ACTIONS.mint,
  NEXT,
  BACK,
  CURL,
  ...HANDOFF_HELP,
  SCREEN_ACTIONS.verify,
];
const KEYS = {
  open: GLOBAL_ACTIONS.open,
  back: GLOBAL_ACTIONS.back,
  curl: SCREEN_ACTIONS.curl,
  mint: SCREEN_ACTIONS.mint,
};

const ROTATE_SECRET_QUESTION = 'Did you save the new secret? It cannot be shown again.';

interface Minted {
  client: ServiceAccountClient;
  /** The only copy the app keeps; cleared when the rotation ends or the screen is left. */
  clientSecret: string;
}

type Dialog = 'retire' | 'leave';

export function RotateScreen(props: {org: OrgSummary; accountId: number}) {
  const {org, accountId} = props;
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  const account = useServiceAccount(org.id, accountId);
  const clients = useClients(org.id, accountId);
  const roles = useRoles(org.id);
  const rules = useAccessRules(org.id, serviceAccountRef(accountId));
  const minter = useMintClient(org.id, accountId);
  const remover = useDeleteClient(org.id, accountId);

  const [phase, setPhase] = useState<RotatePhase | undefined>();
  const [oldId, setOldId] = useState<string | undefined>();
  const [minted, setMinted] = useState<Minted | undefined>();
  const [newId, setNewId] = useState<string | undefined>();
  const [minting, setMinting] = useState(false);
  const [mintError, setMintError] = useState<unknown>();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [retireTarget, setRetireTarget] = useState<string | undefined>();
  const [focusedClient, setFocusedClient] = useState<string | undefined>();
  const [deleteError, setDeleteError] = useState<string | undefined>();
  const [curlOpen, setCurlOpen] = useState(false);
  const [handoffView, setHandoffView] = useState<HandoffView>('panel');
  const [handedOff, setHandedOff] = useState<HandoffEvent[]>([]);
  const [verified, setVerified] = useState<boolean | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const mintingRef = useRef(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // The first answer decides where the rotation starts (later answers include the new client).
  const list = clients.data;
  useEffect(() => {
    if (phase !== undefined || list === undefined) return;
    if (list.length === 1) {
      setOldId(list[0]!.clientId);
      setPhase('mint');
    } else if (list.length >= 2) setPhase('retire');
  }, [phase, list]);

  const accountName = account.data?.name ?? `account ${accountId}`;
  const byName = useMemo(() => rolesByName(roles.data ?? []), [roles.data]);
  const heldRoles = useMemo(
    () =>
      [...new Set((rules.data ?? []).map((rule) => rule.role.name))]
        .map((name) => byName.get(name))
        .filter((role): role is Role => role !== undefined),
    [rules.data, byName],
  );
  const call = verifyCallFor(heldRoles);

  const mint = useCallback(() => {
    if (mintingRef.current) return;
    mintingRef.current = true;
    setMinting(true);
    setMintError(undefined);
    setMessage(undefined);
    minter.mint().then(
      ({client, clientSecret}) => {
        mintingRef.current = false;
        // Unmounted meanwhile: drop the secret rather than keep it anywhere.
        if (!mounted.current) return;
        setMinting(false);
        setHandedOff([]);
        setVerified(undefined);
        setNewId(client.clientId);
        setMinted({client, clientSecret});
        setPhase('handoff');
      },
      (error: unknown) => {
        mintingRef.current = false;
        if (!mounted.current) return;
        setMinting(false);
        setMintError(error);
      },
    );
  }, [minter]);

  const deleteClient = (clientId: string, then: () => void) => {
    if (remover.isPending) return;
    setDeleteError(undefined);
    remover.mutateAsync(clientId).then(
      () => {
        if (mounted.current) then();
      },
      (error: unknown) => {
        if (!mounted.current) return;
        setDeleteError(errorLine(describeError(error, session.endpoints)));
      },
    );
  };

  const leave = useCallback(() => {
    // Forget the secret first; the screen then unmounts with the route.
    setMinted(undefined);
    setDialog(undefined);
    navigation.back();
  }, [navigation]);

  const go = (next: RotatePhase) => {
    setMessage(undefined);
    setPhase(next);
  };

  const overlayOpen = curlOpen || dialog !== undefined;
  useRefreshKey(
    () => void clients.refetch(),
    !overlayOpen && (phase === undefined || phase === 'retire'),
  );
  useKeys(
    (input, key) => {
      const action = matchAction(input, key, KEYS);
      if (action === undefined) return false;
      if (action === 'curl' && phase !== undefined) {
        setCurlOpen(true);
        return true;
      }
      if (minting || remover.isPending) {
        if (action === 'back') setMessage('Wait: a request is in flight.');
        return true;
      }
      switch (phase) {
        case undefined:
          if (action === 'mint' && list?.length === 0) {
            navigation.replace({name: 'mint', org, accountId});
            return true;
          }
          return false;
        case 'retire':
          // Enter is the list's (onSelect); Esc leaves.
          return false;
        case 'mint':
          if (action === 'mint' || action === 'open') {
            mint();
            return true;
          }
          return false;
        case 'handoff':
          if (action === 'open') go('verify');
          else if (action === 'back') setDialog('leave');
          else return false;
          return true;
        case 'verify':
          if (action === 'open') {
            if (verified) go('switch');
            else {
              setMessage(
                `Verify the new client first (${SCREEN_ACTIONS.verify.label}): until it works, keep using the old one.`,
              );
            }
          } else if (action === 'back') go('handoff');
          else return false;
          return true;
        case 'switch':
          if (action === 'open') {
            setDeleteError(undefined);
            go('delete');
          } else if (action === 'back') go('verify');
          else return false;
          return true;
        case 'delete':
          return false;
        case 'done':
          if (action === 'open' || action === 'back') {
            navigation.back();
            return true;
          }
          return false;
      }
    },
    {isActive: !overlayOpen && handoffView === 'panel'},
  );

  useScreenChrome({
    title: 'Rotate',
    hints: phase ? HINTS[phase] : [SCREEN_ACTIONS.mint, GLOBAL_ACTIONS.refresh],
    help: HELP,
    confirmQuit: minted ? `${ROTATE_SECRET_QUESTION} Quit anyway?` : undefined,
  });

  const width = body.columns;
  const live = phase
    ? liveLine(phase, {old: oldId, new: newId, all: (list ?? []).map((c) => c.clientId)})
    : undefined;
  const liveLines = live ? wrap(live, width, {maxLines: 2}) : [];
  const messageLines = message ? wrap(message, width, {maxLines: 2}) : [];
  const rows = Math.max(1, body.rows - 1 - liveLines.length - messageLines.length);

  const header = (
    <>
      <Box height={1} overflow="hidden">
        <Text bold color={theme.accent}>
          {truncateToWidth(
            inert(
              phase ? rotateStepLine(phase) : `Rotate the client of ${accountName} (${accountId})`,
            ),
            width,
          )}
        </Text>
      </Box>
      {liveLines.map((line, i) => (
        <Box key={`live:${i}`} height={1} overflow="hidden">
          <Text bold>{line}</Text>
        </Box>
      ))}
      {messageLines.map((line, i) => (
        <Box key={`message:${i}`} height={1} overflow="hidden">
          <Text color={theme.warning}>{line}</Text>
        </Box>
      ))}
    </>
  );

  let overlay: ReactNode = null;
  if (curlOpen) {
    overlay = (
      <ScrollText
        title="The rotation with curl (secrets only as $ACCESS_TOKEN / $CLIENT_SECRET)"
        text={rotateCurlText(session.endpoints, {
          orgId: org.id,
          accountId,
          oldClientId: oldId,
          newClientId: newId,
          call,
          retire:
            phase === 'retire' ? (retireTarget ?? focusedClient ?? list?.[0]?.clientId) : undefined,
        })}
        height={rows}
        width={width}
        onClose={() => setCurlOpen(false)}
      />
    );
  } else if (dialog === 'retire' && retireTarget) {
    const stays = (list ?? []).find((c) => c.clientId !== retireTarget)?.clientId ?? '?';
    overlay = (
      <ConfirmDialog
        title={`Retire (delete) client ${retireTarget}?`}
        body={[
          `Applications using ${retireTarget} stop working immediately.`,
          `${stays} stays live; the rotation then replaces it with a new client.`,
          `${SCREEN_ACTIONS.curl.label} shows the curl command.`,
        ]}
        confirmLabel="Delete"
        busy={remover.isPending}
        busyLabel="Deleting…"
        error={deleteError}
        onConfirm={() =>
          deleteClient(retireTarget, () => {
            setDialog(undefined);
            setOldId(stays);
            go('mint');
            setMessage(`Retired ${retireTarget}: its credentials no longer work.`);
          })
        }
        onCancel={() => {
          setDialog(undefined);
          setDeleteError(undefined);
        }}
        width={Math.min(76, width)}
      />
    );
  } else if (dialog === 'leave') {
    overlay = (
      <ConfirmDialog
        title={ROTATE_SECRET_QUESTION}
        body={[
          handoffSummary(handedOff) ?? 'You have not copied it or written it to a file here.',
          `Both ${oldId ?? '?'} and ${newId ?? '?'} stay live: the rotation stops here (delete one later on the Clients screen).`,
          'y leaves and forgets the secret · n stays',
        ]}
        confirmLabel="Leave and forget"
        cancelLabel="Stay"
        onConfirm={leave}
        onCancel={() => setDialog(undefined)}
        width={Math.min(76, width)}
      />
    );
  }

  // The leave question takes y / n as answers (y leaves and forgets, n stays), as on the Clients
  // screen; Enter and Esc work as in any ConfirmDialog.
  useKeys(
    (input) => {
      if (input === 'y' || input === 'Y') leave();
      else if (input === 'n' || input === 'N') setDialog(undefined);
      else return false;
      return true;
    },
    {isActive: dialog === 'leave' && !curlOpen, priority: Priority.Modal + 1},
  );

  // `c` on the retire and delete confirmations shows the curl commands too.
  useKeys(
    (input, key) => {
      if (matchAction(input, key, {curl: SCREEN_ACTIONS.curl}) !== 'curl') return false;
      setCurlOpen(true);
      return true;
    },
    {
      isActive: !curlOpen && !remover.isPending && (dialog === 'retire' || phase === 'delete'),
      priority: Priority.Modal + 1,
    },
  );

  let content: ReactNode;
  if (phase === undefined) {
    content = (
      <QueryState query={clients} what="clients" width={width}>
        {(data) =>
          data.length === 0 ? (
            <Box flexDirection="column" width={width}>
              <Text wrap="wrap">
                {inert(
                  `Nothing to rotate: ${accountName} (${accountId}) has no client yet. ${SCREEN_ACTIONS.mint.label} mints its first client instead (opens the Clients screen).`,
                )}
              </Text>
              <Text dimColor>Esc back to the account</Text>
            </Box>
          ) : (
            <SpinnerLine label="Starting…" width={width} />
          )
        }
      </QueryState>
    );
  } else {
    switch (phase) {
      case 'retire':
        content = (
          <Box flexDirection="column" width={width}>
            <Text wrap="truncate-end">
              {truncateToWidth(
                inert(`${accountName} has 2 of 2 clients. Which one do you retire (delete) first?`),
                width,
              )}
            </Text>
            <WindowedList
              items={list ?? []}
              getKey={(c) => c.clientId}
              height={Math.max(1, rows - 2)}
              width={width}
              columns={COLUMNS}
              filterable={false}
              isActive={!overlayOpen}
              onFocusChange={(c) => setFocusedClient(c?.clientId)}
              onSelect={(c) => {
                setRetireTarget(c.clientId);
                setDeleteError(undefined);
                setDialog('retire');
              }}
            />
            <Text dimColor wrap="truncate-end">
              {truncateToWidth(
                'Retire the one your application does NOT use · Enter picks it (asks first)',
                width,
              )}
            </Text>
          </Box>
        );
        break;
      case 'mint':
        content = (
          <Box flexDirection="column" width={width}>
            <Text wrap="wrap">
              {inert(
                `A second client for ${accountName}: ${oldId ?? 'the old one'} keeps working meanwhile, so nothing stops.`,
              )}
            </Text>
            {minting ? (
              <SpinnerLine label="Minting the new client…" width={width} />
            ) : mintError !== undefined ? (
              <>
                <ApiErrorBox error={mintError} width={width} retryable={false} />
                <Text
                  color={theme.accent}
                >{`Press ${SCREEN_ACTIONS.mint.label} to try again.`}</Text>
              </>
            ) : (
              <Text color={theme.accent}>
                {truncateToWidth(
                  `${SCREEN_ACTIONS.mint.label} (or Enter) mints it · Esc back`,
                  width,
                )}
              </Text>
            )}
          </Box>
        );
        break;
      case 'handoff':
      case 'verify':
      case 'switch':
      case 'delete':
        content = minted ? (
          <NewClient
            phase={phase}
            orgId={org.id}
            accountId={accountId}
            accountName={accountName}
            minted={minted}
            oldId={oldId}
            call={call}
            verified={verified}
            width={width}
            rows={rows}
            isActive={!overlayOpen}
            deleting={remover.isPending}
            deleteError={deleteError}
            onVerified={setVerified}
            onHandoffView={setHandoffView}
            onHandedOff={(event) => setHandedOff((events) => [...events, event])}
            onDelete={() =>
              oldId &&
              deleteClient(oldId, () => {
                setMinted(undefined);
                go('done');
              })
            }
            onCancelDelete={() => go('switch')}
          />
        ) : null;
        break;
      case 'done':
        content = (
          <Box flexDirection="column" width={width}>
            <Text color={theme.accent} bold>
              {truncateToWidth(`${marks.ok} Rotation complete, without downtime.`, width)}
            </Text>
            <Text wrap="wrap">
              {inert(
                `${accountName} (${accountId}) has one client: ${newId ?? '?'}. flexera-sa has forgotten the new secret.`,
              )}
            </Text>
            <Text dimColor>Enter or Esc back to the account</Text>
          </Box>
        );
        break;
    }
  }

  return (
    <Box flexDirection="column" width={width}>
      {header}
      {overlay}
      {/* Hidden, not unmounted, under an overlay: the hand-off and a verification survive. */}
      <Box display={overlay ? 'none' : 'flex'} flexDirection="column" width={width}>
        {content}
      </Box>
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

function NewClient(props: {
  phase: 'handoff' | 'verify' | 'switch' | 'delete';
  orgId: number;
  accountId: number;
  accountName: string;
  minted: Minted;
  oldId: string | undefined;
  call: ReturnType<typeof verifyCallFor>;
  verified: boolean | undefined;
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
  const {phase, width, minted, oldId} = props;
  const newId = minted.client.clientId;
  const [view, setView] = useState<HandoffView>('panel');
  const credentials = {clientId: newId, clientSecret: minted.clientSecret};
  switch (phase) {
    case 'handoff':
      return (
        <Box flexDirection="column" width={width}>
          <SecretHandoff
            credentials={credentials}
            orgId={props.orgId}
            serviceAccountId={props.accountId}
            accountName={props.accountName}
            title={`New client for ${props.accountName}: give it to the application`}
            width={width}
            height={Math.max(3, props.rows - 1)}
            isActive={props.isActive}
            onViewChange={(next) => {
              setView(next);
              props.onHandoffView(next);
            }}
            onHandedOff={props.onHandedOff}
          />
          {view === 'panel' ? (
            <Text dimColor wrap="truncate-end">
              {truncateToWidth('Enter verify it · Esc leave (asks first)', width)}
            </Text>
          ) : null}
        </Box>
      );
    case 'verify':
      return (
        <Box flexDirection="column" width={width}>
          <Text dimColor wrap="truncate-end">
            {truncateToWidth(
              inert(`A token for ${newId}, then ${VERIFY_CALL_WORDS[props.call]} with it.`),
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
              inert(
                props.verified
                  ? 'Enter: next, switch the application to the new client · Esc back'
                  : props.verified === false
                    ? `Do not switch yet: ${oldId ?? 'the old client'} stays live · v again · Esc back`
                    : 'Esc back to the hand-off',
              ),
              width,
            )}
          </Text>
        </Box>
      );
    case 'switch': {
      const lines = [
        `Now give ${newId} to the application: FLEXERA_CLIENT_ID=${newId}, and FLEXERA_CLIENT_SECRET from where you saved it.`,
        'Restart or reload it, and check that it works. Both clients work meanwhile.',
        `Then press Enter: you confirm it uses ${newId}, and ${oldId ?? 'the old client'} can go.`,
      ];
      return (
        <Box flexDirection="column" width={width}>
          {lines
            .flatMap((line) => wrap(line, width, {maxLines: 3}))
            .map((line, i) => (
              <Box key={i} height={1} overflow="hidden">
                <Text>{line}</Text>
              </Box>
            ))}
          <Text dimColor>Enter it uses the new client · Esc back to verify</Text>
        </Box>
      );
    }
    case 'delete':
      return (
        <ConfirmDialog
          title={`Delete the old client ${oldId ?? '?'}?`}
          body={[
            `You said the application now uses ${newId}.`,
            `Anything still using ${oldId ?? 'it'} stops working immediately.`,
            `${SCREEN_ACTIONS.curl.label} shows the curl command.`,
          ]}
          confirmLabel="Delete"
          busy={props.deleting}
          busyLabel={`Deleting ${oldId ?? ''}…`}
          error={props.deleteError}
          onConfirm={props.onDelete}
          onCancel={props.onCancelDelete}
          isActive={props.isActive}
          width={Math.min(76, width)}
        />
      );
  }
}
