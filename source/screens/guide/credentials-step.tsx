/**
 * Steps 5 and 6 of the guided flow: the secret handed off (kept mounted across both), then
 * verified, with a summary of what exists.
 */
import {Box, Text} from 'ink';
import {appSnippet} from '../../handoff/index.js';
import type {RecipeMade} from '../../hooks/guide.js';
import {useSession} from '../../session.js';
import {inert, truncateToWidth} from '../../ui/index.js';
import {GLOBAL_ACTIONS, keyLine, relabel} from '../../ui/keys/keymap.js';
import {
  HANDOFF_ACTIONS,
  HANDOFF_NEXT_KEYS,
  SecretHandoff,
  VerifyPanel,
  type HandoffCredentials,
  type HandoffEvent,
  type HandoffView,
} from '../credentials/index.js';
import {VERIFY_CALL_LABELS, type VerifyCall} from '../../hooks/verify.js';

/** Steps 5 and 6: the secret handed off (kept mounted across both), then verified. */
export function CredentialsStep(props: {
  step: 'handoff' | 'verify';
  orgId: number;
  orgLabel: string;
  made: RecipeMade;
  credentials: HandoffCredentials;
  verifyCall: VerifyCall;
  width: number;
  rows: number;
  isActive: boolean;
  handoffView: HandoffView;
  onHandoffView: (view: HandoffView) => void;
  onHandedOff: (event: HandoffEvent) => void;
}) {
  const session = useSession();
  const {made, width, rows, step} = props;
  const account = made.account!;
  const {handoffView} = props;
  const snippet = appSnippet({
    endpoints: session.endpoints,
    orgId: props.orgId,
    clientId: props.credentials.clientId,
  });
  const envLines = snippet.env.split('\n');
  // Panel ≈ 8 lines; the env block and its heading when there is room.
  const showEnv = rows >= 8 + envLines.length + 3;
  if (step === 'verify') {
    const summary = [
      `What exists now in ${props.orgLabel}:`,
      `  service account "${account.name}" (${account.id})`,
      `  roles (whole org): ${made.granted.join(', ') || 'none'}`,
      `  client: ${props.credentials.clientId}`,
    ];
    return (
      <Box flexDirection="column" width={width}>
        <Text dimColor wrap="truncate-end">
          {truncateToWidth(
            `Proves it works: a token for the client, then ${VERIFY_CALL_LABELS[props.verifyCall]} with it.`,
            width,
          )}
        </Text>
        <VerifyPanel
          orgId={props.orgId}
          credentials={props.credentials}
          call={props.verifyCall}
          autoStart
          isActive={props.isActive}
          width={width}
        />
        {summary.map((line, i) => (
          <Text key={i} wrap="truncate-end" bold={i === 0}>
            {truncateToWidth(inert(line), width)}
          </Text>
        ))}
        <Text dimColor wrap="truncate-end">
          {truncateToWidth(
            keyLine(
              relabel(GLOBAL_ACTIONS.open, 'finish (opens the account)'),
              relabel(GLOBAL_ACTIONS.back, 'back to the hand-off'),
            ),
            width,
          )}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <SecretHandoff
        credentials={props.credentials}
        orgId={props.orgId}
        serviceAccountId={account.id}
        accountName={account.name}
        title={`Credentials for "${account.name}" (${account.id})`}
        width={width}
        height={rows - 1}
        isActive={props.isActive}
        onViewChange={props.onHandoffView}
        onHandedOff={props.onHandedOff}
      />
      {handoffView === 'panel' && showEnv ? (
        <>
          <Text dimColor wrap="truncate-end">
            {truncateToWidth(
              `For the application (${HANDOFF_ACTIONS.snippet.label} shows the whole snippet; the secret only as a variable):`,
              width,
            )}
          </Text>
          {envLines.map((line, i) => (
            <Text key={i} wrap="truncate-end">
              {truncateToWidth(inert(line), width)}
            </Text>
          ))}
        </>
      ) : null}
      {handoffView === 'panel' ? (
        <Text dimColor wrap="truncate-end">
          {truncateToWidth(HANDOFF_NEXT_KEYS, width)}
        </Text>
      ) : null}
    </Box>
  );
}
