/**
 * Account detail: one service account (served from the list cache when it is there), its granted
 * roles with their scope, its clients; keys to the role picker, the Clients screen, rotation, edit,
 * delete, and the curl equivalent of what this screen reads.
 *
 * State in state.ts, keys in input.ts, what it draws in views.tsx.
 */
import {useReducer} from 'react';
import {serviceAccountRef} from '../../api/refs.js';
import type {AccessRule} from '../../api/schemas.js';
import {describeError} from '../../errors/describe.js';
import {isProjectScoped, roleNamesOf, useProjectGrants} from '../../hooks/accounts.js';
import {useUpdateServiceAccount} from '../../hooks/mutations.js';
import {useAccessRules, useClients, useIdentity, useServiceAccount} from '../../hooks/queries.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {SpinnerLine} from '../../ui/index.js';
import {DeleteAccountDialog} from '../account-delete/index.js';
import {
  ACCOUNT_FORM_KEYS,
  AccountForm,
  accountChanges,
  type AccountFields,
} from '../account-form/index.js';
import {ApiErrorBox, CurlOverlay} from '../shared/index.js';
import {accountCurl} from './curl.js';
import {CLOSE_HINTS, HELP, HINTS, useAccountDetailInput} from './input.js';
import {accountDetailReducer, initialAccountDetailState, shownMode} from './state.js';
import {AccountView, NotFoundView, type QueryLike} from './views.js';

export function AccountDetailScreen(props: {org: OrgSummary; accountId: number}) {
  const {org, accountId} = props;
  const navigation = useNavigation();
  const session = useSession();
  const body = useBodySize();
  const account = useServiceAccount(org.id, accountId);
  const orgGrants = useAccessRules(org.id, serviceAccountRef(accountId));
  const projectGrants = useProjectGrants(org.id, serviceAccountRef(accountId));
  const grants: QueryLike<AccessRule[]> = {
    // Project grants come from their own reads; the org's list is kept to the org scope, so a
    // server that also listed project grants there would not show them twice.
    data: orgGrants.data && [
      ...orgGrants.data.filter((rule) => !isProjectScoped(rule)),
      ...projectGrants.grants,
    ],
    isPending: orgGrants.isPending,
    isError: orgGrants.isError,
    error: orgGrants.error,
  };
  const clients = useClients(org.id, accountId);
  const identity = useIdentity();
  const update = useUpdateServiceAccount(org.id);
  const [state, dispatch] = useReducer(accountDetailReducer, initialAccountDetailState);

  const loaded = account.data;
  const mode = shownMode(state, loaded !== undefined);
  const browsing = mode === 'browse';
  useScreenChrome({
    title: loaded ? loaded.name : `Account ${accountId}`,
    hints: browsing ? HINTS : mode === 'edit' ? ACCOUNT_FORM_KEYS : CLOSE_HINTS,
    help: browsing ? HELP : mode === 'edit' ? ACCOUNT_FORM_KEYS : CLOSE_HINTS,
  });
  useAccountDetailInput({
    dispatch,
    isActive: browsing,
    loaded: loaded !== undefined,
    open: (name) => navigation.push({name, org, accountId}),
    resetEdit: update.reset,
    refetch: () =>
      Promise.all([
        account.refetch(),
        orgGrants.refetch(),
        projectGrants.refetch(),
        clients.refetch(),
      ]),
  });

  if (mode === 'curl') {
    return (
      <CurlOverlay
        commands={accountCurl(session.endpoints, org.id, accountId)}
        onClose={() => dispatch({type: 'close'})}
        width={body.columns}
        height={body.rows}
      />
    );
  }
  if (account.isPending) {
    return <SpinnerLine label="Loading the service account…" width={body.columns} />;
  }
  if (account.isError || loaded === undefined) {
    if (describeError(account.error, session.endpoints).kind === 'not-found') {
      return <NotFoundView accountId={accountId} orgName={org.name} />;
    }
    return <ApiErrorBox error={account.error} width={body.columns} />;
  }

  if (mode === 'edit') {
    const initial: AccountFields = {name: loaded.name, description: loaded.description ?? ''};
    return (
      <AccountForm
        title={`Edit ${loaded.name} (${loaded.id})`}
        note="Only the fields you change are sent."
        initial={initial}
        submitLabel="save"
        busy={update.isPending}
        busyLabel="Saving…"
        error={update.error ?? undefined}
        onCancel={() => dispatch({type: 'close'})}
        onSubmit={(values) => {
          const patch = accountChanges(loaded, values);
          if (Object.keys(patch).length === 0) {
            dispatch({type: 'close', notice: 'Nothing changed, so nothing was sent.'});
            return;
          }
          // A refusal stays in update.error, shown in the form with the input kept.
          update.mutateAsync({id: loaded.id, patch}).then(
            () => dispatch({type: 'close', notice: 'Saved.'}),
            () => undefined,
          );
        }}
        width={body.columns}
        height={body.rows}
      />
    );
  }

  if (mode === 'delete') {
    return (
      <DeleteAccountDialog
        orgId={org.id}
        account={loaded}
        clientCount={clients.data?.length ?? (clients.isError ? null : undefined)}
        roleNames={roleNamesOf(grants.data ?? [])}
        onCancel={() => dispatch({type: 'close'})}
        onDeleted={() => {
          if (!navigation.back()) navigation.replace({name: 'accounts', org});
        }}
        width={body.columns}
      />
    );
  }

  return (
    <AccountView
      account={loaded}
      grants={grants}
      clients={clients}
      projects={projectGrants.projects.data}
      projectGrants={
        projectGrants.isPending ? 'pending' : projectGrants.error ? projectGrants.error : 'done'
      }
      you={identity.data?.kind === 'user' ? identity.data.userId : undefined}
      notice={state.notice}
      width={body.columns}
      height={body.rows}
    />
  );
}
