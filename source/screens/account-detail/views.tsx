/** What the account detail draws: the account, its roles with their scope, its clients. */
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {serviceAccountRef} from '../../api/refs.js';
import type {AccessRule, Project, ServiceAccount, ServiceAccountClient} from '../../api/schemas.js';
import {describeError} from '../../errors/describe.js';
import {MAX_CLIENTS_PER_SERVICE_ACCOUNT} from '../../limits.js';
import {useSession} from '../../session.js';
import {
  SpinnerLine,
  displayWidth,
  formatCells,
  inert,
  marks,
  resolveColumnWidths,
  theme,
  truncateToWidth,
} from '../../ui/index.js';
import {GLOBAL_ACTIONS, keyLine, relabel} from '../../ui/keys/keymap.js';
import {formatDay, formatStamp, scopeLabel} from './format.js';
import {wrap} from '../../ui/text.js';
import {ACCOUNT_DETAIL_ACTIONS} from './input.js';

/** The account is gone (deleted elsewhere): say so; Esc and r still work. */
export function NotFoundView(props: {accountId: number; orgName: string}) {
  return (
    <Box flexDirection="column">
      <Text color={theme.warning} wrap="wrap">
        {inert(
          `Service account ${props.accountId} no longer exists in ${props.orgName}: it was probably deleted elsewhere.`,
        )}
      </Text>
      <Text dimColor>
        {keyLine(
          relabel(GLOBAL_ACTIONS.back, 'goes back to the list'),
          relabel(GLOBAL_ACTIONS.refresh, 'refreshes'),
        )}
      </Text>
    </Box>
  );
}

export interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

export function AccountView(props: {
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
  const descriptionRoom = Math.max(1, Math.min(4, height - fixed - 2));
  const descriptionLines = account.description?.trim()
    ? wrap(account.description, width, {maxLines: descriptionRoom})
    : [];
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
        {line(
          `  none: it can do nothing yet. Press ${ACCOUNT_DETAIL_ACTIONS.roles.label} to grant roles.`,
        )}
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
          {line(
            `  … and ${grantRows.length - shown.length} more (${ACCOUNT_DETAIL_ACTIONS.roles.label} shows them all)`,
          )}
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
        {line(
          `  none: press ${ACCOUNT_DETAIL_ACTIONS.clients.label} to open its clients and mint one.`,
        )}
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
          `Roles (${grants.data ? grantRows.length : '…'}) · ${ACCOUNT_DETAIL_ACTIONS.roles.label} to change${props.projectGrants === 'pending' ? ' · reading project grants…' : ''}`,
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
          `Clients (${clients.data ? `${clientRows.length} of ${MAX_CLIENTS_PER_SERVICE_ACCOUNT}` : '…'}) · ${keyLine(ACCOUNT_DETAIL_ACTIONS.clients, ACCOUNT_DETAIL_ACTIONS.rotate)}`,
        )}
      </Text>
      {clientLinesNodes}
      {props.notice ? <Text color={theme.accent}>{line(props.notice)}</Text> : null}
    </Box>
  );
}
