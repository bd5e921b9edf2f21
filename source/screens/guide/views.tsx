/**
 * The guided flow's steps that are not a component of their own: the review (nothing sent yet) and the run (create → grant → mint, each request shown as it
 * happens; after a failure, exactly what exists and what to do).
 */
import {Box, Text} from 'ink';
import {errorLine, type ErrorDescription} from '../../errors/describe.js';
import type {RecipeMade, RecipeStep} from '../../hooks/guide.js';
import {inert, marks, theme, truncateToWidth} from '../../ui/index.js';
import {broadRolesNotice} from '../shared/notice-lines.js';
import {wrap} from '../../ui/text.js';
import {ScrollLines, type Line} from '../role-picker/scroll-lines.js';
import {GLOBAL_ACTIONS, SCREEN_ACTIONS, keyLine, relabel} from '../../ui/keys/keymap.js';
import {GUIDE_ACTIONS, RETRY} from './input.js';
import type {ReviewLine} from './recipe.js';

function OneLine({
  text,
  width,
  color,
  dim,
  bold,
}: {
  text: string;
  width: number;
  color?: string;
  dim?: boolean;
  bold?: boolean;
}) {
  return (
    <Box height={1} overflow="hidden">
      <Text color={color} dimColor={dim} bold={bold}>
        {truncateToWidth(inert(text), width)}
      </Text>
    </Box>
  );
}

export function ReviewView(props: {
  lines: readonly ReviewLine[];
  orgLabel: string;
  broadCount: number;
  width: number;
  rows: number;
  isActive: boolean;
}) {
  const {width} = props;
  const footer = props.broadCount > 0 ? 2 : 1;
  const lines: Line[] = props.lines.map((line) => ({
    text: line.text,
    color:
      line.tone === 'warning' ? theme.warning : line.tone === 'accent' ? theme.accent : undefined,
    dim: line.tone === 'dim',
  }));
  return (
    <Box flexDirection="column" width={width}>
      <OneLine
        text={`Nothing has been sent yet. In ${props.orgLabel}, in this order:`}
        width={width}
        bold
      />
      <ScrollLines
        lines={lines}
        height={Math.max(1, props.rows - 1 - footer)}
        width={width}
        isActive={props.isActive}
      />
      {props.broadCount > 0 ? (
        <OneLine text={broadRolesNotice(props.broadCount)} width={width} color={theme.warning} />
      ) : null}
      <OneLine
        text={keyLine(
          relabel(GLOBAL_ACTIONS.open, 'create it all'),
          relabel(SCREEN_ACTIONS.curl, 'curl for the whole recipe'),
          relabel(GLOBAL_ACTIONS.back, 'back to the roles'),
        )}
        width={width}
        dim
      />
    </Box>
  );
}

/** "create the service account "x"", "grant policy_viewer", "mint a client". */
function recipeStepText(step: Pick<RecipeStep, 'kind' | 'roleName'>, name: string): string {
  switch (step.kind) {
    case 'create':
      return `create the service account "${name}"`;
    case 'grant':
      return `grant ${step.roleName ?? ''}`;
    case 'mint':
      return 'mint a client';
  }
}

/** Exactly what exists on the server now (never the secret). */
export function existsLines(made: RecipeMade, orgLabel: string): string[] {
  if (!made.account) return ['Nothing was created: the org is as it was.'];
  const {account} = made;
  return [
    `Exists now: the service account "${account.name}" (${account.id}) in ${orgLabel}`,
    made.granted.length > 0
      ? `  with the role${made.granted.length === 1 ? '' : 's'} ${made.granted.join(', ')}`
      : '  with no role granted yet',
    made.client ? `  and the client ${made.client.clientId}` : '  and no client yet',
  ];
}

export function RunView(props: {
  steps: readonly RecipeStep[];
  name: string;
  made: RecipeMade;
  orgLabel: string;
  running: boolean;
  describeFailure: (error: unknown) => ErrorDescription;
  width: number;
  rows: number;
}) {
  const {steps, width, made} = props;
  const failed = steps.find((step) => step.status === 'failed');
  const done = steps.every((step) => step.status === 'done');
  const lines: Line[] = [];
  let anchor: number | undefined;
  for (const step of steps) {
    const text = recipeStepText(step, props.name);
    switch (step.status) {
      case 'pending':
        lines.push({text: `· ${text}`, dim: true});
        break;
      case 'running':
        anchor = lines.length;
        lines.push({text: `${text}…`, spinner: true});
        break;
      case 'done':
        lines.push({
          text: `${marks.ok} ${text}${step.kind === 'create' && made.account ? ` (${made.account.id})` : ''}${step.kind === 'mint' && made.client ? `: ${made.client.clientId}` : ''}`,
          color: theme.accent,
        });
        break;
      case 'failed':
        lines.push({text: `${marks.error} ${text}`, color: theme.error});
        break;
    }
  }

  const title = props.running
    ? 'Sending, one request at a time…'
    : failed
      ? `${marks.error} Stopped: ${recipeStepText(failed, props.name)} failed.`
      : done
        ? `${marks.ok} Everything was created.`
        : 'Ready.';

  const below: Line[] = [];
  if (failed && !props.running) {
    const why = props.describeFailure(failed.error);
    // Why, under the ✗ title that says it failed: words, no colour of their own.
    for (const line of wrap(errorLine(why), width - 2, {maxLines: 2}))
      below.push({text: `  ${line}`});
    for (const line of existsLines(made, props.orgLabel)) below.push({text: line, bold: true});
    const action = made.account
      ? keyLine(
          relabel(
            RETRY,
            `try "${recipeStepText(failed, props.name)}" again (nothing is created twice)`,
          ),
          relabel(GUIDE_ACTIONS.undo, 'undo: delete the account'),
          relabel(GUIDE_ACTIONS.keep, 'keep it, finish later on its screen'),
        )
      : keyLine(
          relabel(GLOBAL_ACTIONS.refresh, 'try again'),
          relabel(GLOBAL_ACTIONS.back, 'back to the review'),
        );
    for (const line of wrap(action, width, {maxLines: 3}))
      below.push({text: line, color: theme.accent});
  } else if (done && !props.running) {
    for (const line of existsLines(made, props.orgLabel)) below.push({text: line});
    below.push({
      text: `${GLOBAL_ACTIONS.open.label}: hand off the credentials (the secret is shown once there).`,
      color: theme.accent,
    });
  }

  const listRows = Math.max(1, Math.min(lines.length, props.rows - 1 - below.length));
  return (
    <Box flexDirection="column" width={width}>
      <OneLine
        text={title}
        width={width}
        bold
        color={failed && !props.running ? theme.error : undefined}
      />
      <ScrollLines
        lines={lines}
        height={listRows}
        width={width}
        isActive={!props.running && !failed}
        anchor={anchor}
      />
      {below.slice(0, Math.max(0, props.rows - 1 - listRows)).map((line, i) => (
        <OneLine
          key={i}
          text={line.text}
          width={width}
          color={line.color}
          dim={line.dim}
          bold={line.bold}
        />
      ))}
    </Box>
  );
}
