/** What the Clients screen draws: the list with its notices, the minted client, the delete question. */
import {Box, Text} from 'ink';
import type {ServiceAccountClient} from '../../api/schemas.js';
import type {VerifyCall} from '../../hooks/verify.js';
import type {ClientSecretsRead} from '../../hooks/client-secrets.js';
import {
  ClipWhenShort,
  Keep,
  SpinnerLine,
  WindowedList,
  inert,
  marks,
  theme,
  truncateToWidth,
  wrap,
  type Column,
} from '../../ui/index.js';
import {SCREEN_ACTIONS} from '../../ui/keys/keymap.js';
import {
  MintFailed,
  SecretHandoff,
  VerifyPanel,
  type HandoffCredentials,
  type HandoffEvent,
  type HandoffView,
} from '../credentials/index.js';
import {QueryState} from '../shared/index.js';
import {CLIENT_MINT_ACTIONS, LIMIT_MESSAGE} from './input.js';

export interface ClientRow {
  clientId: string;
  created: string;
  createdBy: string;
}

export function toRow(client: ServiceAccountClient, userId: number | undefined): ClientRow {
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

const COLUMNS: readonly Column<ClientRow>[] = [
  {header: 'Client ID', width: 'fill', value: (row) => row.clientId},
  {header: 'Created (UTC)', width: 16, value: (row) => row.created},
  {header: 'Created by', width: 16, value: (row) => row.createdBy},
];

export const SECRETS_HEADING = 'Secrets (masked)';

/**
 * The lines under the list: each client's secrets, masked, with status and creation time (API.md
 * §12.3). None at all where the deployment has no secret endpoints (404) or before they are read.
 */
export function secretLines(reads: readonly ClientSecretsRead[]): string[] {
  const lines: string[] = [];
  for (const read of reads) {
    if (read.failed) lines.push(`  ${read.clientId}  ? the secrets could not be read`);
    for (const secret of read.secrets ?? []) {
      const created = secret.createdAt ? secret.createdAt.replace('T', ' ').slice(0, 16) : '—';
      lines.push(
        `  ${read.clientId}  ${secret.maskedClientSecret}  ${secret.status ?? 'status unknown'}  created ${created}`,
      );
    }
  }
  return lines.length === 0 ? [] : [SECRETS_HEADING, ...lines];
}

/** The clients, with what is going on above them: minting, its failure, the limit, a message. */
export function ClientListView(props: {
  query: Parameters<typeof QueryState<ServiceAccountClient[]>>[0]['query'];
  rows: readonly ClientRow[];
  accountName: string;
  minting: boolean;
  mintError: unknown;
  limitShown: boolean;
  message: string | undefined;
  /** secretLines(…): drawn under the list. */
  secrets: readonly string[];
  isActive: boolean;
  onFocus: (row: ClientRow | undefined) => void;
  width: number;
  height: number;
}) {
  const {width, minting, mintError, limitShown, message} = props;
  const failed = mintError !== undefined && mintError !== null && !minting;
  // The limit notice's lines as drawn inside its border and padding, so the list gets the rest.
  const limitWidth = Math.max(1, width - 4);
  const limitLines = limitShown ? wrap(`${marks.warning} ${LIMIT_MESSAGE}`, limitWidth) : [];
  const pickLines = limitShown
    ? wrap(
        `Pick the client to delete with ↑/↓ and press ${CLIENT_MINT_ACTIONS.deleteClient.label}, then ${SCREEN_ACTIONS.mint.label} mints.`,
        limitWidth,
      )
    : [];
  const noticeLines =
    (minting ? 1 : 0) +
    (failed ? 6 : 0) +
    (limitShown ? 2 + limitLines.length + pickLines.length : 0) +
    (message !== undefined ? Math.ceil((message.length + 1) / Math.max(1, width)) : 0);
  return (
    <>
      {minting ? (
        <SpinnerLine label={`Minting a client for ${props.accountName}…`} width={width} />
      ) : null}
      {failed ? <MintFailed error={mintError} width={width} /> : null}
      {limitShown ? (
        <Box
          flexDirection="column"
          borderStyle="round"
          borderColor={theme.warning}
          paddingX={1}
          width={width}
        >
          <Text color={theme.warning}>{limitLines.join('\n')}</Text>
          <Text>{pickLines.join('\n')}</Text>
        </Box>
      ) : null}
      {message !== undefined ? (
        <Text color={theme.accent} wrap="wrap">
          {inert(message)}
        </Text>
      ) : null}
      <QueryState query={props.query} what="clients" width={width}>
        {() => (
          <WindowedList
            items={props.rows}
            getKey={(row) => row.clientId}
            height={Math.max(1, props.height - 1 - noticeLines - props.secrets.length)}
            width={width}
            columns={COLUMNS}
            filterable={false}
            isActive={props.isActive}
            onFocusChange={props.onFocus}
            emptyText={`No clients yet. Press ${SCREEN_ACTIONS.mint.label} to mint one: its secret is shown once.`}
          />
        )}
      </QueryState>
      {props.secrets.map((line, i) => (
        <Text key={i} dimColor={i === 0} wrap="truncate-end">
          {truncateToWidth(inert(line), width)}
        </Text>
      ))}
    </>
  );
}

/** The new client: its secret handed off, and a verification under it. */
export function MintedView(props: {
  credentials: HandoffCredentials;
  orgId: number;
  accountId: number;
  accountName: string;
  handoffView: HandoffView;
  /** The hand-off takes keys (no dialog, no curl view). */
  isActive: boolean;
  /** The verification takes keys (also not while the write form or snippet is open). */
  verifyActive: boolean;
  /** The call that proves its roles work (undefined while they load). */
  verifyCall: VerifyCall | undefined;
  /** Each change runs the verification (asked for through the hand-off gate). */
  verifyRequests: number;
  onViewChange: (view: HandoffView) => void;
  onHandedOff: (event: HandoffEvent) => void;
  width: number;
  rows: number;
}) {
  const {width} = props;
  return (
    <>
      {/* The secret stays whole; the verification under it gives way on a short screen. */}
      <Keep>
        <SecretHandoff
          credentials={props.credentials}
          orgId={props.orgId}
          serviceAccountId={props.accountId}
          accountName={props.accountName}
          width={width}
          height={Math.max(3, props.rows - 1)}
          isActive={props.isActive}
          onViewChange={props.onViewChange}
          onHandedOff={props.onHandedOff}
        />
      </Keep>
      {/* Hidden, not unmounted, while the write form or snippet is open: a run keeps going. */}
      <Box display={props.handoffView === 'panel' ? 'flex' : 'none'} flexDirection="column">
        <ClipWhenShort>
          <VerifyPanel
            orgId={props.orgId}
            credentials={props.credentials}
            call={props.verifyCall}
            isActive={props.verifyActive}
            startSignal={props.verifyRequests}
            width={width}
          />
        </ClipWhenShort>
      </Box>
    </>
  );
}
