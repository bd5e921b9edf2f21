/**
 * Account list: the org's service accounts (GET …/service-accounts) with their roles (from the
 * org's access rules) and client counts; Enter opens one; n creates, e edits, d deletes (typing
 * the name); o starts the guided setup; c shows the curl equivalent; / filters; r refreshes.
 *
 * State in state.ts, keys in input.ts, what it draws in views.tsx.
 */
import {Box} from 'ink';
import {useEffect, useReducer, useRef, type ReactNode} from 'react';
import {curlFor} from '../../curl/index.js';
import {useAccountRows, type AccountRow} from '../../hooks/accounts.js';
import {useLastUsed} from '../../hooks/events.js';
import {useCreateServiceAccount, useUpdateServiceAccount} from '../../hooks/mutations.js';
import {useReadServiceAccountsNow} from '../../hooks/queries.js';
import {describeError, errorLine} from '../../errors/describe.js';
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../limits.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {useLatest, type RowContext} from '../../ui/index.js';
import {GLOBAL_ACTIONS} from '../../ui/keys/keymap.js';
import {DeleteAccountDialog} from '../account-delete/index.js';
import {
  ACCOUNT_FORM_KEYS,
  AccountForm,
  CHECKING_NAME,
  SameNameDialog,
  accountChanges,
  accountInput,
  useSameNameGuard,
} from '../account-form/index.js';
import {CurlOverlay, HeldSpinner} from '../shared/index.js';
import {CLOSE_HINTS, HELP, HINTS, limitMessage, useAccountListInput} from './input.js';
import {
  accountListReducer,
  initialAccountList,
  shownMode,
  sortByLastUse,
  type AccountListNotice,
} from './state.js';
import {AccountCells, AccountRowsView, accountKey, type LastUseView} from './views.js';

/** The focused account of each accounts route in the navigation stack (gone with the entry). */
const focusByRoute = new WeakMap<object, string>();

/** A failed mutation is shown from its state (mutation.error); the promise's rejection is not news. */
const ignore = () => undefined;

export function AccountListScreen(props: {org: OrgSummary}) {
  const {org} = props;
  const navigation = useNavigation();
  const session = useSession();
  const body = useBodySize();
  const data = useAccountRows(org.id);
  // The org's one events read, started with the list (rows show before it completes).
  const used = useLastUsed(org.id);
  const lastUse: LastUseView = {
    usage: used.usage,
    now: used.now,
    complete: used.complete,
    progress: used.progress,
    needs: used.needs,
    failed: used.error !== null && used.needs === undefined,
  };
  const create = useCreateServiceAccount(org.id);
  const update = useUpdateServiceAccount(org.id);
  const sameName = useSameNameGuard(org.id);
  // The focus is kept per route entry, so coming back from an account lands on it again.
  const entry = navigation.route;
  const [state, dispatch] = useReducer(accountListReducer, undefined, () =>
    initialAccountList(focusByRoute.get(entry)),
  );
  // Written at once, not in an effect: Enter right after a move leaves the screen before that.
  const remember = (key: string | undefined) => {
    if (key === undefined) focusByRoute.delete(entry);
    else focusByRoute.set(entry, key);
  };
  /** Back to the list, on `key` (remounted there), saying what happened. */
  const closeOn = (key: string | undefined, notice: AccountListNotice) => {
    remember(key);
    dispatch({type: 'close', focus: {key}, notice});
  };

  const {rows} = data;
  const shown = state.byLastUse ? sortByLastUse(rows, (row) => row.account.id, used.usage) : rows;
  const rowOf = (id: number) => rows.find((row) => row.account.id === id);
  const mode = shownMode(state.mode, (id) => rowOf(id) !== undefined);
  const browsing = mode.kind === 'browse';
  const close = () => dispatch({type: 'close'});
  // The row drawn focused in the frame on screen, written while the list draws it: a key that
  // arrives right after a move acts on what the user sees (onFocusChange runs later, in an effect).
  const drawnFocus = useRef<AccountRow | undefined>(undefined);
  const renderRow = (row: AccountRow, ctx: RowContext) => {
    if (ctx.focused) drawnFocus.current = row;
    return <AccountCells row={row} ctx={ctx} lastUse={lastUse} />;
  };

  const form = mode.kind === 'create' || mode.kind === 'edit';
  useScreenChrome({
    title: org.name,
    hints: form ? ACCOUNT_FORM_KEYS : browsing ? HINTS : CLOSE_HINTS,
    help: form ? ACCOUNT_FORM_KEYS : HELP,
  });
  useAccountListInput({
    dispatch,
    isActive: browsing && !state.filtering,
    loaded: data.accounts.data !== undefined,
    count: rows.length,
    focusedId: () => {
      const id = drawnFocus.current?.account.id;
      return id !== undefined && rowOf(id) ? id : undefined;
    },
    openGuide: () => navigation.push({name: 'guide', org}),
    openChanges: () => navigation.push({name: 'org-changes', org}),
    resetUpdate: update.reset,
    refetch: () => Promise.all([data.refetch(), used.refetch()]),
  });

  const formWidth = body.columns;
  let overlay: ReactNode = null;
  if (mode.kind === 'curl') {
    overlay = (
      <CurlOverlay
        commands={[curlFor(session.endpoints, {kind: 'list-service-accounts', orgId: org.id})]}
        onClose={close}
        width={body.columns}
        height={body.rows}
      />
    );
  } else if (mode.kind === 'counting') {
    overlay = (
      <CountAccounts
        orgId={org.id}
        onCount={(count) => {
          if (count >= MAX_SERVICE_ACCOUNTS_PER_ORG) {
            dispatch({type: 'close', notice: {text: limitMessage(count), tone: 'warning'}});
          } else {
            // A new form starts clean: no refusal or failed name check from the last one.
            create.reset();
            sameName.reset();
            dispatch({type: 'open', mode: {kind: 'create'}});
          }
        }}
        onFailed={(error) =>
          dispatch({
            type: 'close',
            notice: {
              text: `The account count could not be read, so nothing is offered: ${errorLine(describeError(error, session.endpoints))} ${GLOBAL_ACTIONS.refresh.label} reloads.`,
              tone: 'error',
            },
          })
        }
        width={body.columns}
      />
    );
  } else if (mode.kind === 'create') {
    overlay = (
      <AccountForm
        title={`New service account in ${org.name}`}
        note={`${rows.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts in use.`}
        submitLabel="create"
        busy={create.isPending || sameName.checking}
        busyLabel={sameName.checking ? CHECKING_NAME : 'Creating the service account…'}
        error={create.error ?? sameName.error ?? undefined}
        question={
          sameName.question ? (
            <SameNameDialog
              question={sameName.question}
              orgLabel={`${org.name} (${org.id})`}
              onConfirm={sameName.confirm}
              onCancel={sameName.cancel}
              width={formWidth}
            />
          ) : undefined
        }
        onCancel={close}
        onSubmit={(values) => {
          const input = accountInput(values);
          create.reset();
          sameName.check(input.name, () => {
            // The refusal stays in create.error, shown in the form with the input kept.
            create.mutateAsync(input).then((created) => {
              closeOn(String(created.id), {
                text: `Created ${created.name} (${created.id}). ${GLOBAL_ACTIONS.open.label} opens it to grant roles and mint a client.`,
                tone: 'success',
              });
            }, ignore);
          });
        }}
        width={formWidth}
        height={body.rows}
      />
    );
  } else if (mode.kind === 'edit' || mode.kind === 'delete') {
    const row = rowOf(mode.id)!;
    if (mode.kind === 'edit') {
      const {account} = row;
      overlay = (
        <AccountForm
          title={`Edit ${account.name} (${account.id})`}
          note="Only the fields you change are sent."
          initial={{name: account.name, description: account.description ?? ''}}
          submitLabel="save"
          busy={update.isPending}
          busyLabel="Saving…"
          error={update.error ?? undefined}
          onCancel={close}
          onSubmit={(values) => {
            const patch = accountChanges(account, values);
            if (Object.keys(patch).length === 0) {
              dispatch({type: 'close', notice: {text: 'Nothing changed, so nothing was sent.'}});
              return;
            }
            update.mutateAsync({id: account.id, patch}).then(() => {
              dispatch({
                type: 'close',
                notice: {text: `Saved ${patch.name ?? account.name}.`, tone: 'success'},
              });
            }, ignore);
          }}
          width={formWidth}
          height={body.rows}
        />
      );
    } else {
      const index = rows.indexOf(row);
      const neighbour = rows[index + 1] ?? rows[index - 1];
      overlay = (
        <DeleteAccountDialog
          orgId={org.id}
          account={row.account}
          clientCount={row.clientCount}
          roleNames={row.roleNames}
          onCancel={close}
          onDeleted={(account) => {
            closeOn(neighbour ? accountKey(neighbour) : undefined, {
              text: `Deleted ${account.name} (${account.id}); its clients no longer work.`,
              tone: 'success',
            });
          }}
          width={body.columns}
        />
      );
    }
  }

  return (
    <Box flexDirection="column">
      {overlay}
      {/* Hidden, not unmounted, under a form or dialog: the filter and focus survive. */}
      <Box display={overlay === null ? 'flex' : 'none'} flexDirection="column">
        <AccountRowsView
          data={data}
          items={shown}
          lastUse={lastUse}
          notice={state.notice}
          listGeneration={state.listGeneration}
          focusKey={state.focusKey}
          isActive={browsing}
          renderRow={renderRow}
          onOpen={(row) => navigation.push({name: 'account', org, accountId: row.account.id})}
          onFocusChange={(row) => {
            if (row === undefined) drawnFocus.current = undefined;
            const key = row ? accountKey(row) : undefined;
            remember(key);
            dispatch({type: 'focus', key});
          }}
          onFilterModeChange={(on) => dispatch({type: 'filtering', on})}
          width={body.columns}
          rows={body.rows}
        />
      </Box>
    </Box>
  );
}

/**
 * `n`: reads the org's accounts again (the list updates too) and says how many there are; keys
 * typed meanwhile wait for the form (HeldSpinner), so a fast "n" then a name never reaches the list.
 */
function CountAccounts(props: {
  orgId: number;
  onCount: (count: number) => void;
  onFailed: (error: unknown) => void;
  width: number;
}) {
  const readNow = useReadServiceAccountsNow(props.orgId);
  const latest = useLatest(props);
  useEffect(() => {
    let live = true;
    readNow().then(
      (accounts) => {
        if (live) latest.current.onCount(accounts.length);
      },
      (error: unknown) => {
        if (live) latest.current.onFailed(error);
      },
    );
    return () => {
      live = false;
    };
  }, [readNow, latest]);
  return <HeldSpinner label="Counting the org's service accounts…" width={props.width} />;
}
