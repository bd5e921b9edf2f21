/**
 * Account detail: one service account (served from the list cache when it is there), its granted
 * roles with their scope, its clients; keys to the role picker, client minting, rotation, edit,
 * delete, and the curl equivalent of what this screen reads.
 */
import {Box, Text} from 'ink';
import {useState, type ReactNode} from 'react';
import {parseRef, serviceAccountRef} from '../api/refs.js';
import type {AccessRule, Project, ServiceAccount, ServiceAccountClient} from '../api/schemas.js';
import {curlFor, type CurlCommand} from '../curl/index.js';
import {describeError} from '../errors/describe.js';
import {isProjectScoped, roleNamesOf, useProjectGrants} from '../hooks/accounts.js';
import {useUpdateServiceAccount} from '../hooks/mutations.js';
import {useAccessRules, useClients, useIdentity, useServiceAccount} from '../hooks/queries.js';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  matchAction,
  type KeyBinding,
} from '../keymap.js';
import {MAX_CLIENTS_PER_SERVICE_ACCOUNT} from '../limits.js';
import {useNavigation, type OrgSummary} from '../navigation.js';
import {useBodySize, useScreenChrome} from '../screen-chrome.js';
import {useSession} from '../session.js';
import {
  Priority,
  SpinnerLine,
  displayWidth,
  formatCells,
  graphemes,
  inert,
  marks,
  resolveColumnWidths,
  theme,
  truncateToWidth,
  useKeys,
} from '../ui/index.js';
import {
  ACCOUNT_FORM_KEYS,
  AccountForm,
  accountChanges,
  type AccountFields,
} from './account-form.js';
import {DeleteAccountDialog} from './account-delete.js';
import {OPEN_ACTIVITY} from './activity/index.js';
import {CurlOverlay} from './curl-overlay.js';
import {ApiErrorBox, useRefreshKey} from './query-state.js';

export const ACCOUNT_DETAIL_ACTIONS = defineActions({
  roles: {
    keys: ['a'],
    label: 'a',
    hint: 'roles',
    description: 'Assign roles: grant or revoke (the role picker)',
  },
  mint: SCREEN_ACTIONS.mint,
  activity: OPEN_ACTIVITY,
  rotate: {
    keys: ['t'],
    label: 't',
    hint: 'rotate',
    description: 'Rotate its credentials without downtime (mint, switch, retire the old client)',
  },
  curl: {
    keys: ['c'],
    label: 'c',
    hint: 'curl',
    description: 'Show the curl commands that read this account',
  },
});
const KEYS = {
  ...ACCOUNT_DETAIL_ACTIONS,
  edit: {...COMMON_ACTIONS.edit, description: 'Edit its name or description'},
  delete: {
    ...COMMON_ACTIONS.delete,
    description: 'Delete it (type its name; its clients stop working)',
  },
};
const HELP = {...KEYS, refresh: GLOBAL_ACTIONS.refresh};
const HINTS: readonly KeyBinding[] = [
  ACCOUNT_DETAIL_ACTIONS.roles,
  ACCOUNT_DETAIL_ACTIONS.mint,
  ACCOUNT_DETAIL_ACTIONS.rotate,
  KEYS.edit,
  KEYS.delete,
];
const CLOSE_HINTS: readonly KeyBinding[] = [GLOBAL_ACTIONS.back];

type Mode = 'browse' | 'edit' | 'delete' | 'curl';

/** `2025-03-01` from an RFC 3339 stamp; '—' when there is none. */
export function formatDay(stamp: string | undefined): string {
  if (stamp === undefined) return '—';
  const date = new Date(stamp);
  return Number.isNaN(date.getTime()) ? inert(stamp) : date.toISOString().slice(0, 10);
}

/** `2025-03-01 14:05 UTC` from an RFC 3339 stamp. */
export function formatStamp(stamp: string | undefined): string {
  if (stamp === undefined) return '—';
  const date = new Date(stamp);
  return Number.isNaN(date.getTime())
    ? inert(stamp)
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "org" or "project Staging (2346)" for a grant's scope. */
export function scopeLabel(rule: AccessRule, projects: readonly Project[] | undefined): string {
  const ref = rule.scope?.ref === undefined ? undefined : parseRef(rule.scope.ref);
  if (ref === undefined || ref.type === 'org') return 'org';
  if (ref.type === 'project') {
    const project = projects?.find((p) => String(p.id) === ref.id);
    return project ? `project ${project.name} (${ref.id})` : `project ${ref.id}`;
  }
  return `${ref.type} ${ref.id}`;
}

/** Plain text wrapped at word boundaries to `width` columns (long words are cut). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('⏎')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (displayWidth(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (displayWidth(rest) > width) {
        let head = '';
        const parts = graphemes(rest);
        let i = 0;
        while (i < parts.length && displayWidth(head + parts[i]!) <= width) head += parts[i++]!;
        if (head === '') break;
        lines.push(head);
        rest = parts.slice(i).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** The read this screen does, as curl (API.md §6.2 list, §6.5 access rules). */
export function accountCurl(
  endpoints: Parameters<typeof curlFor>[0],
  orgId: number,
  accountId: number,
): CurlCommand[] {
  // The curl module has no "show one service account" action: the account is read from the list.
  return [
    curlFor(endpoints, {kind: 'list-service-accounts', orgId}),
    curlFor(endpoints, {
      kind: 'list-access-rules',
      orgId,
      subjectRef: serviceAccountRef(accountId),
    }),
  ];
}

/** Curl commands in place of the screen; Esc (or c) closes. Modal while open. */
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
  const [chosenMode, setMode] = useState<Mode>('browse');
  const [notice, setNotice] = useState<string | undefined>();

  const loaded = account.data;
  // Without the account (loading, gone, refused) there is nothing to edit or delete: r and Esc work.
  const mode: Mode = loaded === undefined && chosenMode !== 'curl' ? 'browse' : chosenMode;
  const title = loaded ? loaded.name : `Account ${accountId}`;
  const browsing = mode === 'browse';
  useScreenChrome({
    title,
    hints: browsing ? HINTS : mode === 'edit' ? ACCOUNT_FORM_KEYS : CLOSE_HINTS,
    help: browsing ? HELP : mode === 'edit' ? ACCOUNT_FORM_KEYS : CLOSE_HINTS,
  });
  useRefreshKey(() => {
    setNotice(undefined);
    return Promise.all([
      account.refetch(),
      orgGrants.refetch(),
      projectGrants.refetch(),
      clients.refetch(),
    ]);
  }, browsing);

  useKeys(
    (input, key) => {
      const action = matchAction(input, key, KEYS);
      if (action === undefined) return false;
      if (action === 'curl') {
        setMode('curl');
        return true;
      }
      if (loaded === undefined) return false;
      setNotice(undefined);
      switch (action) {
        case 'roles':
          navigation.push({name: 'roles', org, accountId});
          break;
        case 'mint':
          navigation.push({name: 'mint', org, accountId});
          break;
        case 'rotate':
          navigation.push({name: 'rotate', org, accountId});
          break;
        case 'activity':
          navigation.push({name: 'activity', org, accountId});
          break;
        case 'edit':
          update.reset();
          setMode('edit');
          break;
        case 'delete':
          setMode('delete');
          break;
      }
      return true;
    },
    {priority: Priority.Normal, isActive: browsing},
  );

  if (mode === 'curl') {
    return (
      <CurlOverlay
        commands={accountCurl(session.endpoints, org.id, accountId)}
        onClose={() => setMode('browse')}
        width={body.columns}
        height={body.rows}
      />
    );
  }

  if (account.isPending) {
    return <SpinnerLine label="Loading the service account…" width={body.columns} />;
  }
  if (account.isError || loaded === undefined) {
    const described = describeError(account.error, session.endpoints);
    if (described.kind === 'not-found') {
      return (
        <Box flexDirection="column">
          <Text color={theme.warning} wrap="wrap">
            {inert(
              `Service account ${accountId} no longer exists in ${org.name}: it was probably deleted elsewhere.`,
            )}
          </Text>
          <Text dimColor>Esc goes back to the list · r refreshes</Text>
        </Box>
      );
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
        onCancel={() => setMode('browse')}
        onSubmit={(values) => {
          const patch = accountChanges(loaded, values);
          if (Object.keys(patch).length === 0) {
            setMode('browse');
            setNotice('Nothing changed, so nothing was sent.');
            return;
          }
          // A refusal stays in update.error, shown in the form with the input kept.
          update.mutateAsync({id: loaded.id, patch}).then(
            () => {
              setMode('browse');
              setNotice('Saved.');
            },
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
        onCancel={() => setMode('browse')}
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
      notice={notice}
      width={body.columns}
      height={body.rows}
    />
  );
}

interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

function AccountView(props: {
  account: ServiceAccount;
  grants: QueryLike<AccessRule[]>;
  clients: QueryLike<ServiceAccountClient[]>;
  projects: readonly Project[] | undefined;
  /** Project-scoped grants: still being read, read, or the error that stopped it. */
  projectGrants: 'pending' | 'done' | unknown;
  you: number | undefined;
  notice: string | undefined;
  width: number;
  height: number;
}) {
  const {account, grants, clients, width, height} = props;
  const projectProblem =
    props.projectGrants === 'pending' || props.projectGrants === 'done'
      ? undefined
      : props.projectGrants;
  const session = useSession();
  const who = (id: number | undefined) =>
    id === undefined ? 'unknown' : id === props.you ? `you (${id})` : `user ${id}`;
  const line = (text: string) => truncateToWidth(inert(text), width);
  const problem = (error: unknown) => {
    const described = describeError(error, session.endpoints);
    return `${marks.error} ${described.title}${described.detail ? `: ${described.detail}` : ''}`;
  };

  const clientRows = clients.data ?? [];
  const grantRows = grants.data ?? [];
  const roomy = height >= 18;

  const created = `created ${formatStamp(account.createdAt)} by ${who(account.createdBy)}`;
  const updated = `updated ${formatStamp(account.updatedAt)}`;
  const stamps =
    displayWidth(`${created} · ${updated}`) <= width
      ? [`${created} · ${updated}`]
      : [created, updated];

  // Lines, top to bottom: name, id/ref, stamps, description, (blank), roles heading + rows,
  // (blank), clients heading + table, notice. Roles take what is left; the description ≤ 4 lines.
  const clientLines = clientRows.length === 0 ? 1 : 1 + Math.min(clientRows.length, 3);
  const fixed =
    2 +
    stamps.length +
    1 +
    1 +
    clientLines +
    (props.notice ? 1 : 0) +
    (projectProblem !== undefined ? 1 : 0) +
    (roomy ? 2 : 0);
  const descriptionText = account.description?.trim() ? inert(account.description) : undefined;
  const descriptionAll = descriptionText ? wrapText(descriptionText, width) : [];
  const descriptionRoom = Math.max(1, Math.min(4, height - fixed - 2));
  const descriptionLines =
    descriptionAll.length <= descriptionRoom
      ? descriptionAll
      : [
          ...descriptionAll.slice(0, descriptionRoom - 1),
          truncateToWidth(`${descriptionAll[descriptionRoom - 1] ?? ''} …`, width),
        ];
  const rolesRoom = Math.max(1, height - fixed - Math.max(1, descriptionLines.length));

  const scopes = grantRows.map((rule) => scopeLabel(rule, props.projects));
  const widest = (texts: readonly string[]) =>
    texts.reduce((most, text) => Math.max(most, displayWidth(inert(text))), 0);
  const roleWidths = resolveColumnWidths(
    [
      {width: Math.min(30, widest(grantRows.map((rule) => rule.role.name)))},
      {width: 'fill'},
      {width: Math.min(Math.floor(width / 3), widest(scopes))},
    ],
    width - 2,
  );
  const clientWidths = resolveColumnWidths(
    [
      {width: Math.min(40, Math.max(9, widest(clientRows.map((client) => client.clientId))))},
      {width: 10},
      {width: 'fill'},
    ],
    width - 2,
  );
  const clientCells = (texts: [string, string, string]) =>
    formatCells(texts.map((text, i) => ({text, width: clientWidths[i] ?? 0})));

  let roleLines: ReactNode[];
  if (grants.isPending) roleLines = [<SpinnerLine key="s" label="Loading roles…" width={width} />];
  else if (grants.isError) {
    roleLines = [
      <Text key="e" color={theme.error}>
        {line(problem(grants.error))}
      </Text>,
    ];
  } else if (grantRows.length === 0) {
    roleLines = [
      <Text key="none" dimColor>
        {line('  none: it can do nothing yet. Press a to grant roles.')}
      </Text>,
    ];
  } else {
    const shown =
      grantRows.length <= rolesRoom ? grantRows : grantRows.slice(0, Math.max(0, rolesRoom - 1));
    roleLines = shown.map((rule, i) => (
      <Text key={i}>
        {'  '}
        {formatCells([
          {text: rule.role.name, width: roleWidths[0] ?? 0},
          {text: rule.role.displayName ?? '', width: roleWidths[1] ?? 0},
          {text: scopes[i] ?? '', width: roleWidths[2] ?? 0},
        ])}
      </Text>
    ));
    if (shown.length < grantRows.length) {
      roleLines.push(
        <Text key="more" dimColor>
          {line(`  … and ${grantRows.length - shown.length} more (a shows them all)`)}
        </Text>,
      );
    }
  }

  let clientLinesNodes: ReactNode[];
  if (clients.isPending) {
    clientLinesNodes = [<SpinnerLine key="s" label="Loading clients…" width={width} />];
  } else if (clients.isError) {
    clientLinesNodes = [
      <Text key="e" color={theme.error}>
        {line(problem(clients.error))}
      </Text>,
    ];
  } else if (clientRows.length === 0) {
    clientLinesNodes = [
      <Text key="none" dimColor>
        {line('  none: press m to mint a client (clientId + secret).')}
      </Text>,
    ];
  } else {
    clientLinesNodes = [
      <Text key="header" dimColor>
        {'  '}
        {clientCells(['Client ID', 'Created', 'Created by'])}
      </Text>,
      ...clientRows.slice(0, 3).map((client) => (
        <Text key={client.clientId}>
          {'  '}
          {clientCells([client.clientId, formatDay(client.createdAt), who(client.createdBy)])}
        </Text>
      )),
    ];
  }

  const ref = account.ref ?? serviceAccountRef(account.id);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold color={theme.accent}>
        {line(account.name)}
      </Text>
      <Text>{line(`id ${account.id} · ref ${ref}`)}</Text>
      {stamps.map((text) => (
        <Text key={text} dimColor>
          {line(text)}
        </Text>
      ))}
      {descriptionLines.length === 0 ? (
        <Text dimColor>(no description)</Text>
      ) : (
        descriptionLines.map((text, i) => <Text key={i}>{truncateToWidth(text, width)}</Text>)
      )}
      {roomy ? <Box height={1} /> : null}
      <Text bold>
        {line(
          `Roles (${grants.data ? grantRows.length : '…'}) · a to change${props.projectGrants === 'pending' ? ' · reading project grants…' : ''}`,
        )}
      </Text>
      {roleLines}
      {projectProblem === undefined ? null : (
        <Text color={theme.warning}>
          {line(
            `Project-scoped roles unknown: ${describeError(projectProblem, session.endpoints).title}`,
          )}
        </Text>
      )}
      {roomy ? <Box height={1} /> : null}
      <Text bold>
        {line(
          `Clients (${clients.data ? `${clientRows.length} of ${MAX_CLIENTS_PER_SERVICE_ACCOUNT}` : '…'}) · m mint · t rotate`,
        )}
      </Text>
      {clientLinesNodes}
      {props.notice ? <Text color={theme.accent}>{line(props.notice)}</Text> : null}
    </Box>
  );
}
