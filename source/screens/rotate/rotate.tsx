/**
 * No-downtime client rotation (from the account detail). In place where the client has secret
 * endpoints (API.md §12.3; one client only): the same steps with a second secret on the same
 * client, the older secret deleted at the end; the client id never changes. Otherwise (they
 * answer 404, or 2 clients) with two clients: mint a second client → hand it off →
 * verify it → the user confirms the application uses it → delete the old one after asking. Every
 * step says what is live at that moment. At 2 clients it first asks which one to retire; with none
 * there is nothing to rotate (m opens the Clients screen). Leaving while the new secret is in
 * memory asks "did you save it?"; `c` shows the curl equivalents.
 *
 * State in state.ts, keys in input.ts, what it draws in views.tsx, the phases' words in phases.ts.
 */
import {Box, Text} from 'ink';
import {useEffect, useReducer, type ReactNode} from 'react';
import {describeError} from '../../errors/describe.js';
import {
  useAddClientSecret,
  useClientSecrets,
  useDeleteClientSecret,
} from '../../hooks/client-secrets.js';
import {useDeleteClient, useMintClient} from '../../hooks/mutations.js';
import {useClients, useServiceAccount} from '../../hooks/queries.js';
import {useVerifyCall} from '../../hooks/verify.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {SpinnerLine, inert, theme, truncateToWidth} from '../../ui/index.js';
import {
  CURL_VIEW_HINTS,
  DeleteClientDialog,
  SaveSecretDialog,
  SavedElsewhereDialog,
  ScrollText,
  useMintedSecret,
} from '../credentials/index.js';
import {wrap} from '../../ui/text.js';
import {QueryState} from '../shared/index.js';
import {HELP, HINTS, START_HINTS, useRotateInput} from './input.js';
import {liveLine, rotateCurlText, rotateInPlaceCurlText, rotateStepLine} from './phases.js';
import {initialRotateState, rotateReducer} from './state.js';
import {DoneView, Lines, MintView, NewClient, NothingToRotate, RetireView} from './views.js';

const ROTATE_SECRET_QUESTION = 'Did you save the new secret? It cannot be shown again.';

export function RotateScreen(props: {org: OrgSummary; accountId: number}) {
  const {org, accountId} = props;
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  const account = useServiceAccount(org.id, accountId);
  const clients = useClients(org.id, accountId);
  const [state, dispatch] = useReducer(rotateReducer, initialRotateState);
  const {phase, oldId, newId, dialog, curlOpen} = state;
  const inPlace = state.mode === 'in-place';
  const list = clients.data;

  // With one client, whether it has secret endpoints decides the mode (404: two clients).
  const only = list?.length === 1 ? list[0]!.clientId : undefined;
  const clientRef = {orgId: org.id, serviceAccountId: accountId, clientId: oldId ?? only ?? ''};
  const secrets = useClientSecrets(clientRef, {enabled: only !== undefined && phase === undefined});
  const minter = useMintClient(org.id, accountId);
  const adder = useAddClientSecret(clientRef);
  const secret = useMintedSecret(
    inPlace ? {mint: adder.add, isPending: adder.isPending, error: adder.error} : minter,
  );
  const remover = useDeleteClient(org.id, accountId);
  const secretRemover = useDeleteClientSecret(clientRef);
  const deleting = remover.isPending || secretRemover.isPending;

  // The first answer decides where the rotation starts (later answers include the new client).
  // Any failure of the secrets list but a 404 also falls back to two clients: that path is known.
  const secretsKnown = secrets.supported !== undefined || secrets.isError;
  useEffect(() => {
    if (list === undefined || (list.length === 1 && !secretsKnown)) return;
    dispatch({
      type: 'start',
      clientIds: list.map((c) => c.clientId),
      secrets: secrets.supported === true,
    });
  }, [list, secretsKnown, secrets.supported]);

  const accountName = account.data?.name ?? `account ${accountId}`;
  const call = useVerifyCall(org.id, accountId);

  const mint = () => {
    dispatch({type: 'mint-started'});
    void secret.mint().then((result) => {
      if (result) dispatch({type: 'minted', clientId: result.client.clientId});
    });
  };

  const remove = (request: () => Promise<unknown>, then: () => void) => {
    if (deleting) return;
    request().then(then, (error: unknown) => {
      const described = describeError(error, session.endpoints);
      dispatch({
        type: 'delete-failed',
        error: [described.title, described.detail].filter(Boolean).join(': '),
      });
    });
  };

  const deleteClient = (clientId: string, then: () => void) =>
    remove(() => remover.mutateAsync(clientId), then);

  const leave = () => {
    // Forget the secret first; the screen then unmounts with the route.
    secret.forget();
    dispatch({type: 'close-dialog'});
    navigation.back();
  };

  useRotateInput({
    state,
    dispatch,
    minting: secret.pending,
    deleting,
    handedOff: secret.safe,
    noClients: list?.length === 0,
    mint,
    openClients: () => navigation.replace({name: 'clients', org, accountId}),
    back: () => navigation.back(),
    refetch: () => void clients.refetch(),
  });

  const minted = secret.held;
  useScreenChrome({
    title: 'Rotate',
    hints: state.curlOpen ? CURL_VIEW_HINTS : phase ? HINTS[phase] : START_HINTS,
    help: HELP,
    confirmQuit: minted ? `${ROTATE_SECRET_QUESTION} Quit anyway?` : undefined,
  });

  const width = body.columns;
  const live = phase
    ? liveLine(
        phase,
        {old: oldId, new: newId, all: (list ?? []).map((c) => c.clientId)},
        state.mode,
      )
    : undefined;
  const liveLines = live ? wrap(live, width, {maxLines: 2}) : [];
  const messageLines = state.message ? wrap(state.message, width, {maxLines: 2}) : [];
  const rows = Math.max(1, body.rows - 1 - liveLines.length - messageLines.length);
  const overlayOpen = curlOpen || dialog !== undefined;

  let overlay: ReactNode = null;
  if (curlOpen) {
    overlay = (
      <ScrollText
        title="The rotation with curl (secrets only as $ACCESS_TOKEN / $CLIENT_SECRET)"
        script
        text={
          inPlace && oldId
            ? rotateInPlaceCurlText(session.endpoints, {
                orgId: org.id,
                accountId,
                clientId: oldId,
                call,
              })
            : rotateCurlText(session.endpoints, {
                orgId: org.id,
                accountId,
                oldClientId: oldId,
                newClientId: newId,
                call,
                retire:
                  phase === 'retire'
                    ? (state.retireTarget ?? state.focusedClient ?? list?.[0]?.clientId)
                    : undefined,
              })
        }
        height={rows}
        width={width}
        onClose={() => dispatch({type: 'curl', open: false})}
      />
    );
  } else if (dialog === 'retire' && state.retireTarget) {
    const target = state.retireTarget;
    const stays = (list ?? []).find((c) => c.clientId !== target)?.clientId ?? '?';
    overlay = (
      <DeleteClientDialog
        title={`Retire (delete) client ${target}?`}
        consequences={[
          `Applications using ${target} stop working immediately.`,
          `${stays} stays live; the rotation then replaces it with a new client.`,
        ]}
        deleting={remover.isPending}
        error={state.deleteError}
        onConfirm={() => deleteClient(target, () => dispatch({type: 'retired', stays}))}
        onCancel={() => dispatch({type: 'close-dialog'})}
        width={width}
      />
    );
  } else if (dialog === 'saved-elsewhere') {
    overlay = (
      <SavedElsewhereDialog
        nextWords="go on to verify"
        onSaved={() => {
          secret.noteHandedOff({kind: 'elsewhere'});
          dispatch({type: 'saved-elsewhere'});
        }}
        onBack={() => dispatch({type: 'close-dialog'})}
        width={width}
      />
    );
  } else if (dialog === 'leave') {
    overlay = (
      <SaveSecretDialog
        title={ROTATE_SECRET_QUESTION}
        handedOff={secret.handedOff}
        lines={[
          inPlace
            ? `Both secrets of ${oldId ?? '?'} stay live: the rotation stops here.`
            : `Both ${oldId ?? '?'} and ${newId ?? '?'} stay live: the rotation stops here (delete one later on the Clients screen).`,
        ]}
        leaveWords="leaves and forgets the secret"
        stayWords="stays"
        onLeave={leave}
        onStay={() => dispatch({type: 'close-dialog'})}
        width={width}
      />
    );
  }

  let content: ReactNode = null;
  switch (phase) {
    case undefined:
      content = (
        <QueryState query={clients} what="clients" width={width}>
          {(data) =>
            data.length === 0 ? (
              <NothingToRotate accountName={accountName} accountId={accountId} width={width} />
            ) : (
              <SpinnerLine label="Starting…" width={width} />
            )
          }
        </QueryState>
      );
      break;
    case 'retire':
      content = (
        <RetireView
          accountName={accountName}
          clients={list ?? []}
          isActive={!overlayOpen}
          onFocus={(clientId) => dispatch({type: 'focus', clientId})}
          onPick={(clientId) => dispatch({type: 'ask-retire', clientId})}
          width={width}
          rows={rows}
        />
      );
      break;
    case 'mint':
      content = (
        <MintView
          inPlace={inPlace}
          accountName={accountName}
          oldId={oldId}
          minting={secret.pending}
          error={secret.error}
          width={width}
        />
      );
      break;
    case 'handoff':
    case 'verify':
    case 'switch':
    case 'delete':
      if (minted) {
        content = (
          <NewClient
            phase={phase}
            orgId={org.id}
            accountId={accountId}
            accountName={accountName}
            credentials={{clientId: minted.client.clientId, clientSecret: minted.clientSecret}}
            oldId={oldId}
            call={call}
            verified={state.verified}
            handoffView={state.handoffView}
            width={width}
            rows={rows}
            isActive={!overlayOpen}
            inPlace={inPlace}
            deleting={deleting}
            deleteError={state.deleteError}
            onVerified={(ok) => dispatch({type: 'verified', ok})}
            onHandoffView={(view) => dispatch({type: 'handoff-view', view})}
            onHandedOff={secret.noteHandedOff}
            onDelete={() => {
              const done = () => {
                secret.forget();
                dispatch({type: 'go', phase: 'done'});
              };
              if (inPlace) remove(() => secretRemover.mutateAsync(), done);
              else if (oldId) deleteClient(oldId, done);
            }}
            onCancelDelete={() => dispatch({type: 'go', phase: 'switch'})}
          />
        );
      }
      break;
    case 'done':
      content = (
        <DoneView
          inPlace={inPlace}
          accountName={accountName}
          accountId={accountId}
          newId={newId}
          width={width}
        />
      );
      break;
  }

  return (
    <Box flexDirection="column" width={width}>
      <Box height={1} overflow="hidden">
        <Text bold color={theme.accent}>
          {truncateToWidth(
            inert(
              phase
                ? rotateStepLine(phase, state.mode)
                : `Rotate the client of ${accountName} (${accountId})`,
            ),
            width,
          )}
        </Text>
      </Box>
      <Lines lines={liveLines} bold />
      <Lines lines={messageLines} color={theme.warning} />
      {overlay}
      {/* Hidden, not unmounted, under an overlay: the hand-off and a verification survive. */}
      <Box display={overlay ? 'none' : 'flex'} flexDirection="column" width={width}>
        {content}
      </Box>
    </Box>
  );
}
