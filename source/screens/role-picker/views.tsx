/**
 * The stages after picking: the preview of the changes (nothing sent yet), the equivalent curl
 * commands, and the results as each request lands.
 */
import {Box, Text} from 'ink';
import type {CurlCommand} from '../../curl/index.js';
import type {ErrorDescription} from '../../errors/describe.js';
import type {RoleChangeResult} from '../../hooks/mutations.js';
import {SpinnerLine, inert, marks, theme, truncateToWidth} from '../../ui/index.js';
import {ApiErrorBox} from '../shared/index.js';
import {broadRolesNotice} from '../shared/notice-lines.js';
import {ROLE_PICKER_ACTIONS} from './input.js';
import {curlBlocksText} from '../../curl/index.js';
import {ScrollText} from '../credentials/index.js';
import {ScrollLines, type Line} from './scroll-lines.js';
import {GLOBAL_ACTIONS, SCREEN_ACTIONS, keyLine, relabel} from '../../ui/keys/keymap.js';

export interface PreviewItem {
  /** "+ grant iam_admin (Administer organization) on org 1105". */
  readonly text: string;
  readonly action: 'grant' | 'revoke';
  /** Why the role is broad (flagged), if it is. */
  readonly broad?: string;
}

function Footer({text, width, color}: {text: string; width: number; color?: string}) {
  return (
    <Box height={1} overflow="hidden">
      <Text color={color} dimColor={color === undefined}>
        {truncateToWidth(text, width)}
      </Text>
    </Box>
  );
}

function Title({text, width}: {text: string; width: number}) {
  return (
    <Box height={1} overflow="hidden">
      <Text bold>{truncateToWidth(text, width)}</Text>
    </Box>
  );
}

export function PreviewView(props: {
  items: readonly PreviewItem[];
  account: string;
  width: number;
  rows: number;
  isActive: boolean;
}) {
  const {items, width} = props;
  const broad = items.filter((item) => item.action === 'grant' && item.broad !== undefined);
  const footer = broad.length > 0 ? 2 : 1;
  const lines: Line[] = items.map((item) => ({
    text: item.text,
    color: item.action === 'grant' ? theme.accent : undefined,
    suffix: item.broad !== undefined ? {text: '  ! broad', color: theme.warning} : undefined,
  }));
  const n = items.length;
  return (
    <Box flexDirection="column" width={width}>
      <Title
        text={`Review ${n} change${n === 1 ? '' : 's'} to ${props.account}: nothing has been sent yet`}
        width={width}
      />
      <ScrollLines
        lines={lines}
        height={Math.max(1, props.rows - 1 - footer)}
        width={width}
        isActive={props.isActive}
      />
      {broad.length > 0 ? (
        <Footer text={broadRolesNotice(broad.length)} width={width} color={theme.warning} />
      ) : null}
      <Footer
        text={keyLine(
          relabel(GLOBAL_ACTIONS.open, 'apply (one request per change)'),
          SCREEN_ACTIONS.curl,
          relabel(GLOBAL_ACTIONS.back, 'back to the roles'),
        )}
        width={width}
      />
    </Box>
  );
}

export function CurlView(props: {
  commands: readonly {label: string; command: CurlCommand}[];
  width: number;
  rows: number;
  onClose: () => void;
}) {
  // A script (curl/layout.ts): a copy from the screen runs; y copies it all, w writes it to a file.
  const script = curlBlocksText(
    props.commands.map(({label, command}) => ({command: {...command, title: label}})),
  );
  return (
    <ScrollText
      title="The same changes with curl (set ACCESS_TOKEN first)"
      text={script}
      script
      width={props.width}
      height={props.rows}
      onClose={props.onClose}
    />
  );
}

export function ResultsView(props: {
  results: readonly RoleChangeResult[];
  /** The change's preview text, per result index. */
  describe: (index: number) => string;
  describeFailure: (error: unknown) => ErrorDescription;
  running: boolean;
  width: number;
  rows: number;
  isActive: boolean;
}) {
  const {results, width} = props;
  const lines: Line[] = [];
  let anchor: number | undefined;
  results.forEach((result, index) => {
    const text = props.describe(index);
    switch (result.status) {
      case 'pending':
        lines.push({text: `· ${text}`, dim: true});
        break;
      case 'running':
        anchor = lines.length;
        lines.push({text, spinner: true});
        break;
      case 'done':
        lines.push({text: `${marks.ok} ${text}`, color: theme.accent});
        break;
      case 'failed': {
        const failure = props.describeFailure(result.error);
        lines.push({text: `${marks.error} ${text}`, color: theme.error});
        // Under its ✗ line: the mark says it failed, so the words need no colour of their own.
        lines.push({text: `    ${failure.title}`});
        // "Press r to try again" does not apply here: a failed change stays checked instead.
        const more = [failure.detail, failure.retryable ? undefined : failure.action]
          .filter((s): s is string => !!s)
          .join(' ');
        if (more !== '') lines.push({text: `    ${more}`, dim: true});
        break;
      }
    }
  });
  const done = results.filter((r) => r.status === 'done').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const n = results.length;
  const title = props.running
    ? `Applying ${n} change${n === 1 ? '' : 's'}, one request each…`
    : failed === 0
      ? `${marks.ok} ${n === 1 ? 'The change was' : `All ${n} changes were`} applied.`
      : n === 1
        ? `${marks.error} The change failed.`
        : `${marks.error} ${done} of ${n} changes applied; ${failed} failed (the others went ahead).`;
  return (
    <Box flexDirection="column" width={width}>
      <Box height={1} overflow="hidden">
        <Text bold color={!props.running && failed > 0 ? theme.error : undefined}>
          {truncateToWidth(title, width)}
        </Text>
      </Box>
      <ScrollLines
        lines={lines}
        height={Math.max(1, props.rows - 2)}
        width={width}
        isActive={props.isActive && !props.running}
        anchor={props.running ? anchor : undefined}
      />
      <Footer
        text={
          props.running
            ? 'Each change is its own request; a failure does not stop the rest.'
            : keyLine(
                relabel(GLOBAL_ACTIONS.back, 'back to the account'),
                relabel(
                  GLOBAL_ACTIONS.open,
                  failed > 0
                    ? 'back to the roles (failed changes stay checked)'
                    : 'back to the roles',
                ),
              )
        }
        width={width}
      />
    </Box>
  );
}

/** The account's grants in this scope are loading, or could not be read. */
export function GrantsLoading(props: {
  header: string;
  account: string;
  query: {isError: boolean; error: unknown};
  width: number;
}) {
  const {width} = props;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">{inert(props.header)}</Text>
      {!props.query.isError ? (
        <SpinnerLine label={`Loading the roles of ${props.account}…`} width={width} />
      ) : (
        <>
          <ApiErrorBox error={props.query.error} width={width} />
          <Text dimColor wrap="truncate-end">
            {keyLine(
              relabel(ROLE_PICKER_ACTIONS.scope, 'picks another scope'),
              GLOBAL_ACTIONS.back,
            )}
          </Text>
        </>
      )}
    </Box>
  );
}
