/**
 * Client minting: a service account's clients (clientId, created, created by); `m` mints one and
 * hands its secret off once (SecretHandoff: masked until `s`, `y` copy, `w` new 0600 file, `a`
 * app snippet); `v` verifies it against the zone; `x` deletes (revokes) a client after asking;
 * `c` shows the curl equivalents. Leaving while the secret is in memory asks "did you save it?";
 * after that the secret is gone (state cleared, the screen unmounts).
 */
import {Box, Text} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import type {ServiceAccountClient} from '../api/schemas.js';
import {curlFor, type CurlAction} from '../curl/index.js';
import {describeError} from '../errors/describe.js';
import {useDeleteClient, useMintClient} from '../hooks/mutations.js';
import {useClients, useIdentity, useServiceAccount} from '../hooks/queries.js';
import {GLOBAL_ACTIONS, SCREEN_ACTIONS, defineActions, matchAction} from '../keymap.js';
// [C] API.md §6.3, "at most 2 clients per service account": checked before minting, so the limit
// is explained and no request is sent. The one constant lives in limits.ts.
import {MAX_CLIENTS_PER_SERVICE_ACCOUNT} from '../limits.js';
import {useNavigation, type OrgSummary} from '../navigation.js';
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
import {ApiErrorBox, QueryState, useRefreshKey} from './query-state.js';

const CLIENT_MINT_ACTIONS = defineActions({
  deleteClient: {
    keys: ['x'],
    label: 'x',
    hint: 'delete',
    description:
      'Delete (revoke) the selected client, after asking: applications using it stop working',
  },
});

const SCREEN_KEYS = {
  mint: SCREEN_ACTIONS.mint,
  curl: SCREEN_ACTIONS.curl,
  deleteClient: CLIENT_MINT_ACTIONS.deleteClient,
  back: GLOBAL_ACTIONS.back,
};

const LIST_HINTS = [
  SCREEN_ACTIONS.mint,
  CLIENT_MINT_ACTIONS.deleteClient,
  SCREEN_ACTIONS.curl,
  GLOBAL_ACTIONS.refresh,
];
const MINTED_HINTS = [
  SCREEN_ACTIONS.reveal,
  SCREEN_ACTIONS.copy,
  SCREEN_ACTIONS.write,
  SCREEN_ACTIONS.verify,
  SCREEN_ACTIONS.curl,
];
const HELP = [
  SCREEN_ACTIONS.mint,
  CLIENT_MINT_ACTIONS.deleteClient,
  SCREEN_ACTIONS.curl,
  GLOBAL_ACTIONS.refresh,
  ...HANDOFF_HELP,
  SCREEN_ACTIONS.verify,
  {...GLOBAL_ACTIONS.back, description: 'Back (asks "did you save the secret?" while it is shown)'},
];

const LIMIT_MESSAGE = `At most ${MAX_CLIENTS_PER_SERVICE_ACCOUNT} clients per service account — API.md §6.3; delete one first (${CLIENT_MINT_ACTIONS.deleteClient.label}).`;
export const LEAVE_QUESTION = 'Did you save the secret? It cannot be shown again.';

interface Minted {
  client: ServiceAccountClient;
  /** The only copy the app keeps; cleared when leaving. */
  clientSecret: string;
}

type Dialog = {kind: 'leave'} | {kind: 'delete'; clientId: string};

interface ClientRow {
  clientId: string;
  created: string;
  createdBy: string;
}

export function ClientMintScreen(props: {org: OrgSummary; accountId: number}) {
  const {org, accountId} = props;
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  const account = useServiceAccount(org.id, accountId);
  const clients = useClients(org.id, accountId);
  const identity = useIdentity();
  const minter = useMintClient(org.id, accountId);
  const remover = useDeleteClient(org.id, accountId);

  const [minted, setMinted] = useState<Minted | undefined>();
  const [minting, setMinting] = useState(false);
  const [mintError, setMintError] = useState<unknown>();
  const [limitShown, setLimitShown] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [focused, setFocused] = useState<ClientRow | undefined>();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [deleteError, setDeleteError] = useState<string | undefined>();
  const [curlOpen, setCurlOpen] = useState(false);
  const [handoffView, setHandoffView] = useState<HandoffView>('panel');
  const [handedOff, setHandedOff] = useState<HandoffEvent[]>([]);
  const mintingRef = useRef(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const accountName = account.data?.name ?? `account ${accountId}`;
  const count = clients.data?.length;
  const userId = identity.data?.kind === 'user' ? identity.data.userId : undefined;
  const rows = useMemo(
    () => (clients.data ?? []).map((client) => toRow(client, userId)),
    [clients.data, userId],
  );

  // The list's first item is focused before it reports any focus change.
  const target = rows.find((row) => row.clientId === focused?.clientId) ?? rows[0];

  const mint = useCallback(() => {
    if (mintingRef.current) return;
    if (count !== undefined && count >= MAX_CLIENTS_PER_SERVICE_ACCOUNT) {
      setLimitShown(true);
      setMessage(undefined);
      return;
    }
    mintingRef.current = true;
    setMinting(true);
    setMintError(undefined);
    setLimitShown(false);
    setMessage(undefined);
    minter.mint().then(
      ({client, clientSecret}) => {
        mintingRef.current = false;
        // Unmounted meanwhile: drop the secret rather than keep it anywhere.
        if (!mounted.current) return;
        setMinting(false);
        setMessage(undefined);
        setHandedOff([]);
        setHandoffView('panel');
        setMinted({client, clientSecret});
      },
      (error: unknown) => {
        mintingRef.current = false;
        if (!mounted.current) return;
        setMinting(false);
        setMintError(error);
      },
    );
  }, [count, minter]);

  const leave = useCallback(() => {
    // Forget the secret first; the screen then unmounts with the route.
    setMinted(undefined);
    setDialog(undefined);
    setHandedOff([]);
    navigation.back();
  }, [navigation]);

  const confirmDelete = (clientId: string) => {
    if (remover.isPending) return;
    setDeleteError(undefined);
    remover.mutateAsync(clientId).then(
      () => {
        if (!mounted.current) return;
        setDialog(undefined);
        setLimitShown(false);
        setMessage(
          `Deleted client ${clientId}: its credentials no longer work.` +
            (limitShown ? ` Press ${SCREEN_ACTIONS.mint.label} to mint a new one.` : ''),
        );
        void clients.refetch();
      },
      (error: unknown) => {
        if (!mounted.current) return;
        const description = describeError(error, session.endpoints);
        setDeleteError(
          [description.title, description.detail, description.action].filter(Boolean).join(' — '),
        );
      },
    );
  };

  const listMode = !minted && !minting;
  const screenKeysActive = !dialog && !curlOpen && handoffView === 'panel';
  useRefreshKey(clients.refetch, screenKeysActive && listMode);
  useKeys(
    (input, key) => {
      const action = matchAction(input, key, SCREEN_KEYS);
      if (action === undefined) return false;
      if (minting) {
        // Leaving now would lose the secret on its way: wait for it.
        if (action === 'back') setMessage('Minting… wait for the secret before leaving.');
        return true;
      }
      switch (action) {
        case 'curl':
          setCurlOpen(true);
          return true;
        case 'back':
          if (minted) {
            setDialog({kind: 'leave'});
            return true;
          }
          if (limitShown) {
            setLimitShown(false);
            return true;
          }
          return false;
        case 'mint':
          if (minted) return false;
          mint();
          return true;
        case 'deleteClient':
          if (minted) return false;
          if (!target) {
            setMessage('There is no client to delete.');
            return true;
          }
          setDeleteError(undefined);
          setDialog({kind: 'delete', clientId: target.clientId});
          return true;
      }
    },
    {isActive: screenKeysActive},
  );

  // The leave question takes y / n as answers (y leaves and forgets, n stays); Enter and Esc
  // work as in any ConfirmDialog.
  useKeys(
    (input) => {
      if (input === 'y' || input === 'Y') {
        leave();
        return true;
      }
      if (input === 'n' || input === 'N') {
        setDialog(undefined);
        return true;
      }
      return false;
    },
    {isActive: dialog?.kind === 'leave' && !curlOpen, priority: Priority.Modal + 1},
  );
  // `c` on the delete confirmation shows its curl command.
  useKeys(
    (input, key) => {
      if (matchAction(input, key, {curl: SCREEN_ACTIONS.curl}) !== 'curl') return false;
      setCurlOpen(true);
      return true;
    },
    {
      isActive: dialog?.kind === 'delete' && !curlOpen && !remover.isPending,
      priority: Priority.Modal + 1,
    },
  );

  useScreenChrome({
    title: 'Clients',
    hints: minted ? MINTED_HINTS : LIST_HINTS,
    help: HELP,
    confirmQuit: minted ? `${LEAVE_QUESTION} Quit anyway?` : undefined,
  });

  const width = body.columns;
  const header = truncateToWidth(
    inert(
      `${accountName} (${accountId}) · ${count ?? '?'}/${MAX_CLIENTS_PER_SERVICE_ACCOUNT} clients` +
        (minted ? ' · the new secret is shown once' : ''),
    ),
    width,
  );

  let overlay: ReactNode = null;
  if (curlOpen) {
    const curl = curlText(session.endpoints, org.id, accountId, {
      minted: minted?.client.clientId,
      focused: dialog?.kind === 'delete' ? dialog.clientId : target?.clientId,
    });
    overlay = (
      <ScrollText
        title="The same with curl (secrets only as $ACCESS_TOKEN / $CLIENT_SECRET)"
        text={curl}
        height={body.rows}
        width={width}
        onClose={() => setCurlOpen(false)}
      />
    );
  } else if (dialog?.kind === 'leave') {
    const summary = handoffSummary(handedOff);
    overlay = (
      <Box flexDirection="column">
        <Text dimColor>{header}</Text>
        <ConfirmDialog
          title={LEAVE_QUESTION}
          body={[
            ...(summary ? [summary] : ['You have not copied it or written it to a file here.']),
            'y leaves and forgets it · n stays on this screen',
          ]}
          confirmLabel="Leave and forget"
          cancelLabel="Stay"
          onConfirm={leave}
          onCancel={() => setDialog(undefined)}
          width={Math.min(width, 76)}
        />
      </Box>
    );
  } else if (dialog?.kind === 'delete') {
    overlay = (
      <Box flexDirection="column">
        <Text dimColor>{header}</Text>
        <ConfirmDialog
          title={`Delete client ${dialog.clientId}?`}
          body={[
            `Applications using ${dialog.clientId} stop working immediately.`,
            `${SCREEN_ACTIONS.curl.label} shows the curl command.`,
          ]}
          confirmLabel="Delete"
          busy={remover.isPending}
          busyLabel="Deleting…"
          error={deleteError}
          onConfirm={() => confirmDelete(dialog.clientId)}
          onCancel={() => {
            setDialog(undefined);
            setDeleteError(undefined);
          }}
          width={Math.min(width, 76)}
        />
      </Box>
    );
  }

  let main: ReactNode;
  if (minted) {
    const credentials = {clientId: minted.client.clientId, clientSecret: minted.clientSecret};
    main = (
      <>
        <Text dimColor>{header}</Text>
        <SecretHandoff
          credentials={credentials}
          orgId={org.id}
          serviceAccountId={accountId}
          accountName={accountName}
          width={width}
          height={Math.max(3, body.rows - 1)}
          isActive={!dialog && !curlOpen}
          onViewChange={setHandoffView}
          onHandedOff={(event) => setHandedOff((events) => [...events, event])}
        />
        {/* Hidden, not unmounted, while the write form or snippet is open: a run keeps going. */}
        <Box display={handoffView === 'panel' ? 'flex' : 'none'} flexDirection="column">
          <VerifyPanel
            orgId={org.id}
            credentials={credentials}
            isActive={screenKeysActive}
            width={width}
          />
        </Box>
      </>
    );
  } else {
    const noticeLines =
      (minting ? 1 : 0) +
      (mintError !== undefined && !minting ? 6 : 0) +
      (limitShown ? (width >= 90 ? 4 : 5) : 0) +
      (message !== undefined ? Math.ceil((message.length + 1) / Math.max(1, width)) : 0);
    main = (
      <>
        <Text dimColor>{header}</Text>
        {minting ? (
          <SpinnerLine label={`Minting a client for ${accountName}…`} width={width} />
        ) : null}
        {mintError !== undefined && !minting ? (
          <>
            <ApiErrorBox error={mintError} width={width} retryable={false} />
            <Text color={theme.accent}>{`Press ${SCREEN_ACTIONS.mint.label} to try again.`}</Text>
          </>
        ) : null}
        {limitShown ? (
          <Box
            flexDirection="column"
            borderStyle="round"
            borderColor={theme.warning}
            paddingX={1}
            width={width}
          >
            <Text color={theme.warning} wrap="wrap">{`${marks.warning} ${LIMIT_MESSAGE}`}</Text>
            <Text wrap="wrap">
              {`Pick the client to delete with ↑/↓ and press ${CLIENT_MINT_ACTIONS.deleteClient.label}, then ${SCREEN_ACTIONS.mint.label} mints.`}
            </Text>
          </Box>
        ) : null}
        {message !== undefined ? (
          <Text color={theme.accent} wrap="wrap">
            {inert(message)}
          </Text>
        ) : null}
        <QueryState query={clients} what="clients" width={width}>
          {() => (
            <WindowedList
              items={rows}
              getKey={(row) => row.clientId}
              height={Math.max(1, body.rows - 1 - noticeLines)}
              width={width}
              columns={COLUMNS}
              filterable={false}
              isActive={screenKeysActive && listMode}
              onFocusChange={setFocused}
              emptyText={`No clients yet. Press ${SCREEN_ACTIONS.mint.label} to mint one: its secret is shown once.`}
            />
          )}
        </QueryState>
      </>
    );
  }

  // Overlays hide the main view without unmounting it: the panel, the list focus and a running
  // verification survive a dialog or the curl view.
  return (
    <Box flexDirection="column" width={width}>
      {overlay}
      <Box display={overlay ? 'none' : 'flex'} flexDirection="column" width={width}>
        {main}
      </Box>
    </Box>
  );
}

const COLUMNS: readonly Column<ClientRow>[] = [
  {header: 'Client ID', width: 'fill', value: (row) => row.clientId},
  {header: 'Created (UTC)', width: 16, value: (row) => row.created},
  {header: 'Created by', width: 16, value: (row) => row.createdBy},
];

function toRow(client: ServiceAccountClient, userId: number | undefined): ClientRow {
  return {
    clientId: client.clientId,
    created: client.createdAt ? client.createdAt.replace('T', ' ').slice(0, 16) : '—',
    createdBy:
      client.createdBy === undefined
        ? '—'
        : client.createdBy === userId
          ? `you (${client.createdBy})`
          : `user ${client.createdBy}`,
  };
}

/** The curl equivalents of this screen's actions; secrets only as shell variables. */
function curlText(
  endpoints: Parameters<typeof curlFor>[0],
  orgId: number,
  serviceAccountId: number,
  ids: {minted?: string; focused?: string},
): string {
  const clientId = ids.minted ?? ids.focused;
  const actions: CurlAction[] = [
    {kind: 'mint-client', orgId, serviceAccountId},
    ...(clientId
      ? [
          {kind: 'client-credentials-exchange', clientId} as const,
          {kind: 'verify', orgId} as const,
          {kind: 'delete-client', orgId, serviceAccountId, clientId} as const,
        ]
      : [{kind: 'client-credentials-exchange', clientId: '<clientId>'} as const]),
  ];
  const blocks = actions.map((action) => {
    const command = curlFor(endpoints, action);
    return [
      `# ${command.title}`,
      ...(command.variables.length
        ? [`# reads: ${command.variables.map((v) => `$${v}`).join(' ')}`]
        : []),
      command.command,
      ...(command.note ? [`# ${command.note}`] : []),
    ].join('\n');
  });
  return blocks.join('\n\n');
}
