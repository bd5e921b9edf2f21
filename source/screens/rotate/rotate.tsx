/**
 * No-downtime client rotation (from the account detail): mint a second client → hand it off →
 * verify it → the user confirms the application uses it → delete the old one after asking. Every
 * step says what is live at that moment. At 2 clients it first asks which one to retire; with none
 * there is nothing to rotate (m opens the Clients screen). Leaving while the new secret is in
 * memory asks "did you save it?"; `c` shows the curl equivalents.
 *
 * State in state.ts, keys in input.ts, what it draws in views.tsx, the phases' words in phases.ts.
 */
import {Box, Text} from 'ink';
import {useEffect, useMemo, useReducer, type ReactNode} from 'react';
import {serviceAccountRef} from '../../api/refs.js';
import type {Role} from '../../api/schemas.js';
import {describeError} from '../../errors/describe.js';
import {useDeleteClient, useMintClient} from '../../hooks/mutations.js';
import {useAccessRules, useClients, useRoles, useServiceAccount} from '../../hooks/queries.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {rolesByName} from '../../roles/index.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {SpinnerLine, inert, theme, truncateToWidth} from '../../ui/index.js';
import {
  DeleteClientDialog,
  SaveSecretDialog,
  ScrollText,
  useMintedSecret,
} from '../credentials/index.js';
import {verifyCallFor} from '../guide/recipe.js';
import {wrap} from '../../ui/text.js';
import {QueryState} from '../shared/index.js';
import {HELP, HINTS, START_HINTS, useRotateInput} from './input.js';
import {liveLine, rotateCurlText, rotateStepLine} from './phases.js';
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
  const roles = useRoles(org.id);
  const rules = useAccessRules(org.id, serviceAccountRef(accountId));
  const secret = useMintedSecret(useMintClient(org.id, accountId));
  const remover = useDeleteClient(org.id, accountId);
  const [state, dispatch] = useReducer(rotateReducer, initialRotateState);
  const {phase, oldId, newId, dialog, curlOpen} = state;

  // The first answer decides where the rotation starts (later answers include the new client).
  const list = clients.data;
  useEffect(() => {
    if (list !== undefined) dispatch({type: 'start', clientIds: list.map((c) => c.clientId)});
  }, [list]);

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

  const mint = () => {
    dispatch({type: 'mint-started'});
    void secret.mint().then((result) => {
      if (result) dispatch({type: 'minted', clientId: result.client.clientId});
    });
  };

  const deleteClient = (clientId: string, then: () => void) => {
    if (remover.isPending) return;
    remover.mutateAsync(clientId).then(then, (error: unknown) => {
      const described = describeError(error, session.endpoints);
      dispatch({
        type: 'delete-failed',
        error: [described.title, described.detail].filter(Boolean).join(': '),
      });
    });
  };

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
    deleting: remover.isPending,
    noClients: list?.length === 0,
    mint,
    openClients: () => navigation.replace({name: 'clients', org, accountId}),
    back: () => navigation.back(),
    refetch: () => void clients.refetch(),
  });

  const minted = secret.held;
  useScreenChrome({
    title: 'Rotate',
    hints: phase ? HINTS[phase] : START_HINTS,
    help: HELP,
    confirmQuit: minted ? `${ROTATE_SECRET_QUESTION} Quit anyway?` : undefined,
  });

  const width = body.columns;
  const live = phase
    ? liveLine(phase, {old: oldId, new: newId, all: (list ?? []).map((c) => c.clientId)})
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
        text={rotateCurlText(session.endpoints, {
          orgId: org.id,
          accountId,
          oldClientId: oldId,
          newClientId: newId,
          call,
          retire:
            phase === 'retire'
              ? (state.retireTarget ?? state.focusedClient ?? list?.[0]?.clientId)
              : undefined,
        })}
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
  } else if (dialog === 'leave') {
    overlay = (
      <SaveSecretDialog
        title={ROTATE_SECRET_QUESTION}
        handedOff={secret.handedOff}
        lines={[
          `Both ${oldId ?? '?'} and ${newId ?? '?'} stay live: the rotation stops here (delete one later on the Clients screen).`,
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
            deleting={remover.isPending}
            deleteError={state.deleteError}
            onVerified={(ok) => dispatch({type: 'verified', ok})}
            onHandoffView={(view) => dispatch({type: 'handoff-view', view})}
            onHandedOff={secret.noteHandedOff}
            onDelete={() =>
              oldId &&
              deleteClient(oldId, () => {
                secret.forget();
                dispatch({type: 'go', phase: 'done'});
              })
            }
            onCancelDelete={() => dispatch({type: 'go', phase: 'switch'})}
          />
        );
      }
      break;
    case 'done':
      content = (
        <DoneView accountName={accountName} accountId={accountId} newId={newId} width={width} />
      );
      break;
  }

  return (
    <Box flexDirection="column" width={width}>
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
