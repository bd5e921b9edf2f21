/**
 * The Clients screen: a service account's clients (clientId, created, created by); `m` mints one and
 * hands its secret off once (SecretHandoff: masked until `s`, `y` copy, `w` new 0600 file, `a`
 * app snippet); `v` verifies it against the zone; `x` deletes (revokes) a client after asking;
 * `c` shows the curl equivalents. Leaving while the secret is in memory asks "did you save it?";
 * after that the secret is gone (forgotten, and the screen unmounts).
 *
 * State in state.ts, keys in input.ts, what it draws in views.tsx.
 */
import {Box, Text} from 'ink';
import {useCallback, useMemo, useReducer, type ReactNode} from 'react';
import {describeError} from '../../errors/describe.js';
import {useSecretsOfClients} from '../../hooks/client-secrets.js';
import {useDeleteClient, useMintClient} from '../../hooks/mutations.js';
import {useClients, useIdentity, useServiceAccount} from '../../hooks/queries.js';
import {useVerifyCall} from '../../hooks/verify.js';
import {MAX_CLIENTS_PER_SERVICE_ACCOUNT} from '../../limits.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {Keep, inert, truncateToWidth} from '../../ui/index.js';
import {
  CURL_VIEW_HINTS,
  DeleteClientDialog,
  SAVE_SECRET_QUESTION,
  SaveSecretDialog,
  SavedElsewhereDialog,
  ScrollText,
  useMintedSecret,
} from '../credentials/index.js';
import {curlText} from './curl.js';
import {HELP, LIST_HINTS, MINTED_HINTS, useClientsInput} from './input.js';
import {clientsReducer, initialClientsState} from './state.js';
import {ClientListView, MintedView, secretLines, toRow} from './views.js';

export function ClientsScreen(props: {org: OrgSummary; accountId: number}) {
  const {org, accountId} = props;
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  const account = useServiceAccount(org.id, accountId);
  const clients = useClients(org.id, accountId);
  const identity = useIdentity();
  const verifyCall = useVerifyCall(org.id, accountId);
  const secret = useMintedSecret(useMintClient(org.id, accountId));
  const remover = useDeleteClient(org.id, accountId);
  const [state, dispatch] = useReducer(clientsReducer, initialClientsState);

  const accountName = account.data?.name ?? `account ${accountId}`;
  const count = clients.data?.length;
  const userId = identity.data?.kind === 'user' ? identity.data.userId : undefined;
  const rows = useMemo(
    () => (clients.data ?? []).map((client) => toRow(client, userId)),
    [clients.data, userId],
  );
  const clientIds = useMemo(() => (clients.data ?? []).map((c) => c.clientId), [clients.data]);
  const secrets = secretLines(useSecretsOfClients(org.id, accountId, clientIds));
  // The list's first item is focused before it reports any focus change.
  const target = rows.find((row) => row.clientId === state.focused) ?? rows[0];
  const minted = secret.held;

  const {mint: mintSecret} = secret;
  const mint = useCallback(() => {
    if (count !== undefined && count >= MAX_CLIENTS_PER_SERVICE_ACCOUNT) {
      dispatch({type: 'limit'});
      return;
    }
    dispatch({type: 'mint-started'});
    void mintSecret().then((result) => {
      if (result) dispatch({type: 'minted'});
    });
  }, [count, mintSecret]);

  const leave = () => {
    // Forget the secret first; the screen then unmounts with the route.
    secret.forget();
    dispatch({type: 'close-dialog'});
    navigation.back();
  };

  const confirmDelete = (clientId: string) => {
    if (remover.isPending) return;
    remover.mutateAsync(clientId).then(
      () => {
        dispatch({type: 'deleted', clientId});
        void clients.refetch();
      },
      (error: unknown) => {
        const description = describeError(error, session.endpoints);
        dispatch({
          type: 'delete-failed',
          error: [description.title, description.detail, description.action]
            .filter(Boolean)
            .join(' — '),
        });
      },
    );
  };

  useClientsInput({
    state,
    dispatch,
    minted: minted !== undefined,
    handedOff: secret.safe,
    minting: secret.pending,
    deleting: remover.isPending,
    target: target?.clientId,
    mint,
    refetch: clients.refetch,
  });

  useScreenChrome({
    title: 'Clients',
    hints: state.curlOpen ? CURL_VIEW_HINTS : minted ? MINTED_HINTS : LIST_HINTS,
    help: HELP,
    confirmQuit: minted ? `${SAVE_SECRET_QUESTION} Quit anyway?` : undefined,
  });

  const width = body.columns;
  const header = (
    <Keep>
      <Text dimColor>
        {truncateToWidth(
          inert(
            `${accountName} (${accountId}) · ${count ?? '?'}/${MAX_CLIENTS_PER_SERVICE_ACCOUNT} clients` +
              (minted ? ' · the new secret is shown once' : ''),
          ),
          width,
        )}
      </Text>
    </Keep>
  );
  const {dialog, curlOpen} = state;
  const screenKeysActive = dialog === undefined && !curlOpen && state.handoffView === 'panel';

  let overlay: ReactNode = null;
  if (curlOpen) {
    overlay = (
      <ScrollText
        title="The same with curl (secrets only as $ACCESS_TOKEN / $CLIENT_SECRET)"
        script
        text={curlText(session.endpoints, org.id, accountId, {
          minted: minted?.client.clientId,
          focused: dialog?.kind === 'delete' ? dialog.clientId : target?.clientId,
        })}
        height={body.rows}
        width={width}
        onClose={() => dispatch({type: 'curl', open: false})}
      />
    );
  } else if (dialog?.kind === 'saved-elsewhere') {
    overlay = (
      <Box flexDirection="column">
        {header}
        <SavedElsewhereDialog
          nextWords="verify it"
          onSaved={() => {
            secret.noteHandedOff({kind: 'elsewhere'});
            dispatch({type: 'saved-elsewhere'});
          }}
          onBack={() => dispatch({type: 'close-dialog'})}
          width={width}
        />
      </Box>
    );
  } else if (dialog?.kind === 'leave') {
    overlay = (
      <Box flexDirection="column">
        {header}
        <SaveSecretDialog
          handedOff={secret.handedOff}
          leaveWords="leaves and forgets it"
          stayWords="stays on this screen"
          onLeave={leave}
          onStay={() => dispatch({type: 'close-dialog'})}
          width={width}
        />
      </Box>
    );
  } else if (dialog?.kind === 'delete') {
    overlay = (
      <Box flexDirection="column">
        {header}
        <DeleteClientDialog
          title={`Delete client ${dialog.clientId}?`}
          consequences={[`Applications using ${dialog.clientId} stop working immediately.`]}
          deleting={remover.isPending}
          error={state.deleteError}
          onConfirm={() => confirmDelete(dialog.clientId)}
          onCancel={() => dispatch({type: 'close-dialog'})}
          width={width}
        />
      </Box>
    );
  }

  // Overlays hide the main view without unmounting it: the panel, the list focus and a running
  // verification survive a dialog or the curl view.
  return (
    <Box flexDirection="column" width={width}>
      {overlay}
      <Box display={overlay ? 'none' : 'flex'} flexDirection="column" width={width}>
        {header}
        {minted ? (
          <MintedView
            credentials={{clientId: minted.client.clientId, clientSecret: minted.clientSecret}}
            orgId={org.id}
            accountId={accountId}
            accountName={accountName}
            handoffView={state.handoffView}
            isActive={dialog === undefined && !curlOpen}
            verifyActive={screenKeysActive && secret.safe}
            verifyCall={verifyCall}
            verifyRequests={state.verifyRequests}
            onViewChange={(view) => dispatch({type: 'handoff-view', view})}
            onHandedOff={secret.noteHandedOff}
            width={width}
            rows={body.rows}
          />
        ) : (
          <ClientListView
            query={clients}
            rows={rows}
            accountName={accountName}
            minting={secret.pending}
            mintError={secret.error}
            limitShown={state.limitShown}
            message={state.message}
            secrets={secrets}
            isActive={screenKeysActive && !secret.pending}
            onFocus={(row) => dispatch({type: 'focus', clientId: row?.clientId})}
            width={width}
            height={body.rows}
          />
        )}
      </Box>
    </Box>
  );
}
