/**
 * Step 1 of the guided flow: what the application is. The org's account count is checked first:
 * at the limit nothing is offered; otherwise the account form (nothing is sent before the review).
 */
import {Box, Text} from 'ink';
import type {Dispatch} from 'react';
import type {ServiceAccount} from '../../api/schemas.js';
// [C] API.md §6.2: at most 20 service accounts per org; checked before step 1 offers anything.
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../limits.js';
import {inert, marks, theme} from '../../ui/index.js';
import {GLOBAL_ACTIONS, hintText, relabel} from '../../ui/keys/keymap.js';
import {AccountForm} from '../account-form/index.js';
import {ApiErrorBox, HeldSpinner} from '../shared/index.js';
import type {GuideAction, GuideState} from './state.js';

const NOTHING_TYPED = {name: '', description: ''};

export function AboutStep(props: {
  /** The org's service accounts (counted against the limit). */
  readonly accounts: {data?: readonly ServiceAccount[]; isError: boolean; error: unknown};
  /** The org already holds the most accounts it may. */
  readonly limitReached: boolean;
  readonly orgName: string;
  readonly orgLabel: string;
  readonly fields: GuideState['fields'];
  /** Roles picked on step 2 (leaving drops them too). */
  readonly pickedCount: number;
  /** Leave the guide (the form has asked first when something typed would be dropped). */
  readonly onLeave: () => void;
  readonly dispatch: Dispatch<GuideAction>;
  readonly width: number;
  readonly rows: number;
}) {
  const {accounts, orgLabel, fields, dispatch, width} = props;
  if (accounts.data === undefined) {
    return accounts.isError ? (
      <>
        <ApiErrorBox error={accounts.error} width={width} />
        <Text dimColor>
          {`The ${MAX_SERVICE_ACCOUNTS_PER_ORG}-account limit could not be checked · ${hintText(GLOBAL_ACTIONS.back)}`}
        </Text>
      </>
    ) : (
      <HeldSpinner
        label={`Checking how many service accounts ${props.orgName} has…`}
        width={width}
      />
    );
  }
  if (props.limitReached) {
    return <LimitReached count={accounts.data.length} orgLabel={orgLabel} width={width} />;
  }
  return (
    <AccountForm
      title={`A new integration in ${orgLabel}: what is the application?`}
      note={`${accounts.data.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts in use · nothing is sent before the review`}
      initial={fields.name === '' ? undefined : fields}
      // Leaving the guide drops what was typed on an earlier visit too: empty is pristine.
      pristine={NOTHING_TYPED}
      discardAlso={
        props.pickedCount > 0
          ? `the ${props.pickedCount} picked role${props.pickedCount === 1 ? '' : 's'}`
          : undefined
      }
      submitLabel="continue"
      busy={false}
      busyLabel=""
      onSubmit={(values) => {
        dispatch({type: 'fields', fields: values});
        dispatch({type: 'step', step: 'roles'});
      }}
      onCancel={props.onLeave}
      width={width}
      height={props.rows}
    />
  );
}

function LimitReached(props: {count: number; orgLabel: string; width: number}) {
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.warning}
      paddingX={1}
      width={Math.min(props.width, 90)}
    >
      <Text color={theme.warning} wrap="wrap">
        {inert(
          `${marks.warning} ${props.orgLabel} already has ${props.count} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts: an org may hold at most ${MAX_SERVICE_ACCOUNTS_PER_ORG}.`,
        )}
      </Text>
      <Text wrap="wrap">
        Nothing can be created here until one is deleted (d on the account list). Nothing was sent.
      </Text>
      <Text dimColor>{hintText(relabel(GLOBAL_ACTIONS.back, 'back to the account list'))}</Text>
    </Box>
  );
}
