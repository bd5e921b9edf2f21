/**
 * Account list: the org's service accounts (GET …/service-accounts) with their roles (from the
 * org's access rules) and client counts; Enter opens one; n creates, e edits, d deletes (typing
 * the name); o starts the guided setup; c shows the curl equivalent; / filters; r refreshes.
 */
import {Box, Text} from 'ink';
import {useRef, useState, type ReactNode} from 'react';
import {curlFor} from '../curl/index.js';
import {describeError} from '../errors/describe.js';
import {useAccountRows, type AccountRow} from '../hooks/accounts.js';
import {useCreateServiceAccount, useUpdateServiceAccount} from '../hooks/mutations.js';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  defineActions,
  matchAction,
  type KeyBinding,
} from '../keymap.js';
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../limits.js';
import {useNavigation, type OrgSummary} from '../navigation.js';
import {useBodySize, useScreenChrome} from '../screen-chrome.js';
import {useSession} from '../session.js';
import {
  Highlight,
  Priority,
  WindowedList,
  fitToWidth,
  inert,
  resolveColumnWidths,
  theme,
  toneColor,
  truncateToWidth,
  useKeys,
  type RowContext,
  type Column,
  type Tone,
} from '../ui/index.js';
import {ACCOUNT_FORM_KEYS, AccountForm, accountChanges, accountInput} from './account-form.js';
import {DeleteAccountDialog} from './account-delete.js';
import {formatDay} from './account-detail.js';
import {CurlOverlay} from './curl-overlay.js';
import {OPEN_ORG_CHANGES} from './org-changes/index.js';
import {QueryState, useRefreshKey} from './query-state.js';

export const ACCOUNT_LIST_ACTIONS = defineActions({
  guide: {
    keys: ['o'],
    label: 'o',
    hint: 'guided setup',
    description: 'Guided setup: create, grant roles, mint and verify, step by step',
  },
  curl: {
    keys: ['c'],
    label: 'c',
    hint: 'curl',
    description: 'Show the curl command that lists these service accounts',
  },
  changes: OPEN_ORG_CHANGES,
});
const KEYS = {
  new: COMMON_ACTIONS.new,
  edit: COMMON_ACTIONS.edit,
  delete: COMMON_ACTIONS.delete,
  ...ACCOUNT_LIST_ACTIONS,
};
const HELP = {
  open: GLOBAL_ACTIONS.open,
  ...KEYS,
  filter: GLOBAL_ACTIONS.filter,
  refresh: GLOBAL_ACTIONS.refresh,
};
const HINTS: readonly KeyBinding[] = [
  GLOBAL_ACTIONS.open,
  COMMON_ACTIONS.new,
  COMMON_ACTIONS.edit,
  COMMON_ACTIONS.delete,
  ACCOUNT_LIST_ACTIONS.guide,
];
const CLOSE_HINTS: readonly KeyBinding[] = [GLOBAL_ACTIONS.back];

export const EMPTY_ORG_HINT =
  'No service accounts yet — press o for a guided setup, or n to create one';

type Mode =
  | {kind: 'browse'}
  | {kind: 'create'}
  | {kind: 'edit'; id: number}
  | {kind: 'delete'; id: number}
  | {kind: 'curl'};

interface Notice {
  text: string;
  tone?: Tone;
}

/** The focused account of each accounts route in the navigation stack (gone with the entry). */
const focusByRoute = new WeakMap<object, string>();

/** A failed mutation is shown from its state (mutation.error); the promise's rejection is not news. */
const ignore = () => undefined;

const accountKey = (row: AccountRow) => String(row.account.id);

function clientCell(count: number | undefined | null): string {
  return count === undefined ? '…' : count === null ? '?' : String(count);
}

const COLUMNS: readonly Column<AccountRow>[] = [
  {header: 'Name', width: 'fill', value: (row) => row.account.name},
  {header: 'ID', width: 6, align: 'right', value: (row) => String(row.account.id)},
  {
    header: 'Roles',
    width: 'fill',
    value: (row) => (row.roleNames.length === 0 ? '—' : row.roleNames.join(', ')),
  },
  {header: 'Clients', width: 7, align: 'right', value: (row) => clientCell(row.clientCount)},
  {header: 'Created', width: 10, value: (row) => formatDay(row.account.createdAt)},
];

export function limitMessage(count: number): string {
  return `${count} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts: an org may hold at most ${MAX_SERVICE_ACCOUNTS_PER_ORG}. Delete one (d) before creating another; nothing was sent.`;
}

export function AccountListScreen(props: {org: OrgSummary}) {
  const {org} = props;
  const navigation = useNavigation();
  const session = useSession();
  const body = useBodySize();
  const data = useAccountRows(org.id);
  const create = useCreateServiceAccount(org.id);
  const update = useUpdateServiceAccount(org.id);
  const [chosenMode, setMode] = useState<Mode>({kind: 'browse'});
  const [filtering, setFiltering] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  // Kept per route entry, so coming back from an account's detail lands on that account again.
  const entry = navigation.route;
  const [focusKey, setFocusKeyState] = useState(() => focusByRoute.get(entry));
  const setFocusKey = (key: string | undefined) => {
    setFocusKeyState(key);
    if (key === undefined) focusByRoute.delete(entry);
    else focusByRoute.set(entry, key);
  };
  // Bumped to remount the list on an account that just appeared (create) or on a neighbour.
  const [listGeneration, setListGeneration] = useState(0);

  const {rows} = data;
  const loaded = data.accounts.data !== undefined;
  const rowOf = (id: number) => rows.find((row) => row.account.id === id);
  // An account edited or deleted elsewhere (gone after a refresh) closes its form or dialog.
  const mode: Mode =
    (chosenMode.kind === 'edit' || chosenMode.kind === 'delete') && !rowOf(chosenMode.id)
      ? {kind: 'browse'}
      : chosenMode;
  const browsing = mode.kind === 'browse';
  // The row drawn focused in the frame on screen, written while the list draws it: a key that
  // arrives right after a move acts on what the user sees (onFocusChange runs later, in an effect).
  const drawnFocus = useRef<AccountRow | undefined>(undefined);
  const renderRow = (row: AccountRow, ctx: RowContext) => {
    if (ctx.focused) drawnFocus.current = row;
    return <AccountCells row={row} ctx={ctx} />;
  };

  const chromeHints =
    mode.kind === 'create' || mode.kind === 'edit'
      ? ACCOUNT_FORM_KEYS
      : browsing
        ? HINTS
        : CLOSE_HINTS;
  useScreenChrome({
    title: org.name,
    hints: chromeHints,
    help: mode.kind === 'create' || mode.kind === 'edit' ? ACCOUNT_FORM_KEYS : HELP,
  });
  useRefreshKey(() => {
    setNotice(undefined);
    return data.refetch();
  }, browsing && !filtering);

  const focusOn = (key: string | undefined) => {
    setFocusKey(key);
    setListGeneration((n) => n + 1);
  };

  useKeys(
    (input, key) => {
      const action = matchAction(input, key, KEYS);
      switch (action) {
        case 'curl':
          setMode({kind: 'curl'});
          return true;
        case 'guide':
          navigation.push({name: 'guide', org});
          return true;
        case 'changes':
          navigation.push({name: 'org-changes', org});
          return true;
        case undefined:
          return false;
      }
      if (!loaded) return false;
      if (action === 'new') {
        if (rows.length >= MAX_SERVICE_ACCOUNTS_PER_ORG) {
          setNotice({text: limitMessage(rows.length), tone: 'warning'});
          return true;
        }
        create.reset();
        setNotice(undefined);
        setMode({kind: 'create'});
        return true;
      }
      const focused = drawnFocus.current && rowOf(drawnFocus.current.account.id);
      if (focused === undefined) return false;
      setNotice(undefined);
      if (action === 'edit') {
        update.reset();
        setMode({kind: 'edit', id: focused.account.id});
      } else {
        setMode({kind: 'delete', id: focused.account.id});
      }
      return true;
    },
    {priority: Priority.Normal, isActive: browsing && !filtering},
  );

  const formWidth = body.columns;
  let overlay: ReactNode = null;
  if (mode.kind === 'curl') {
    overlay = (
      <CurlOverlay
        commands={[curlFor(session.endpoints, {kind: 'list-service-accounts', orgId: org.id})]}
        onClose={() => setMode({kind: 'browse'})}
        width={body.columns}
        height={body.rows}
      />
    );
  } else if (mode.kind === 'create') {
    overlay = (
      <AccountForm
        title={`New service account in ${org.name}`}
        note={`${rows.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts in use.`}
        submitLabel="create"
        busy={create.isPending}
        busyLabel="Creating the service account…"
        error={create.error ?? undefined}
        onCancel={() => setMode({kind: 'browse'})}
        onSubmit={(values) =>
          // The refusal stays in create.error, shown in the form with the input kept.
          create.mutateAsync(accountInput(values)).then((created) => {
            focusOn(String(created.id));
            setMode({kind: 'browse'});
            setNotice({
              text: `Created ${created.name} (${created.id}). Enter opens it to grant roles and mint a client.`,
              tone: 'success',
            });
          }, ignore)
        }
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
          onCancel={() => setMode({kind: 'browse'})}
          onSubmit={(values) => {
            const patch = accountChanges(account, values);
            if (Object.keys(patch).length === 0) {
              setMode({kind: 'browse'});
              setNotice({text: 'Nothing changed, so nothing was sent.'});
              return;
            }
            update.mutateAsync({id: account.id, patch}).then(() => {
              setMode({kind: 'browse'});
              setNotice({text: `Saved ${patch.name ?? account.name}.`, tone: 'success'});
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
          onCancel={() => setMode({kind: 'browse'})}
          onDeleted={(account) => {
            focusOn(neighbour ? accountKey(neighbour) : undefined);
            setMode({kind: 'browse'});
            setNotice({
              text: `Deleted ${account.name} (${account.id}); its clients no longer work.`,
              tone: 'success',
            });
          }}
          width={body.columns}
        />
      );
    }
  }
  const showList = overlay === null;

  const extraLines =
    1 + (notice ? 1 : 0) + (data.rules.isError ? 1 : 0) + (data.clientsFailed ? 1 : 0);
  const line = (text: string) => truncateToWidth(inert(text), body.columns);

  return (
    <Box flexDirection="column">
      {overlay}
      {/* Hidden, not unmounted, under a form or dialog: the filter and focus survive. */}
      <Box display={showList ? 'flex' : 'none'} flexDirection="column">
        <QueryState query={data.accounts} what="service accounts" width={body.columns}>
          {() => (
            <>
              <Text dimColor>
                {line(
                  `${rows.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts${data.clientsLoading ? ' · counting clients…' : ''}`,
                )}
              </Text>
              {notice ? <Text color={toneColor(notice.tone)}>{line(notice.text)}</Text> : null}
              {data.rules.isError ? (
                <Text color={theme.warning}>
                  {line(
                    `Roles unknown: ${describeError(data.rules.error, session.endpoints).title}`,
                  )}
                </Text>
              ) : null}
              {data.clientsFailed ? (
                <Text color={theme.warning}>
                  {line(
                    `Some client counts unknown (?): ${describeError(data.clientsFailed, session.endpoints).title}`,
                  )}
                </Text>
              ) : null}
              {rows.length === 0 ? (
                <Text color={theme.accent}>{line(EMPTY_ORG_HINT)}</Text>
              ) : (
                <WindowedList
                  key={listGeneration}
                  items={rows}
                  getKey={accountKey}
                  height={Math.max(1, body.rows - extraLines)}
                  width={body.columns}
                  columns={COLUMNS}
                  renderRow={renderRow}
                  initialFocusKey={focusKey}
                  isActive={browsing}
                  onSelect={(row) =>
                    navigation.push({name: 'account', org, accountId: row.account.id})
                  }
                  onFocusChange={(row) => {
                    if (row === undefined) drawnFocus.current = undefined;
                    setFocusKey(row ? accountKey(row) : undefined);
                  }}
                  onFilterModeChange={setFiltering}
                />
              )}
            </>
          )}
        </QueryState>
      </Box>
    </Box>
  );
}

/** One row's cells, as the list draws column cells (inert, fitted, filter matches marked). */
function AccountCells({row, ctx}: {row: AccountRow; ctx: RowContext}) {
  const widths = resolveColumnWidths(COLUMNS, ctx.width);
  const cells: ReactNode[] = [];
  COLUMNS.forEach((column, i) => {
    const width = widths[i] ?? 0;
    if (width <= 0) return;
    if (cells.length > 0) cells.push(' ');
    cells.push(
      <Highlight
        key={i}
        text={fitToWidth(column.value(row), width, column.align)}
        words={ctx.words}
        color={ctx.focused ? theme.accent : column.color?.(row)}
      />,
    );
  });
  return <Text bold={ctx.focused}>{cells}</Text>;
}
