/**
 * Guided onboarding ("o" on the account list): the whole recipe for a new integration, a step per
 * screen with a progress line — 1 what the application is, 2 what it needs to do (roles, least
 * privilege first), 3 review (nothing sent; `c` shows the recipe as curl), 4 create → grant → mint
 * as it happens, 5 hand-off of the secret, 6 verify and a summary of what exists. Esc goes back a
 * step and keeps what was typed. A failure after something was created says exactly what exists
 * and offers undo (delete the half-made account) or keep (finish it on its screen); a retry
 * resumes at the failed step and never creates twice.
 *
 * State in state.ts, keys in input.ts, the steps in about-step.tsx, views.tsx, roles-step.tsx and
 * credentials-step.tsx, the questions in overlays.tsx, the recipe's words in recipe.ts.
 */
import {Box, Text} from 'ink';
import {useMemo, useReducer, type ReactNode} from 'react';
import type {Role} from '../../api/schemas.js';
import {describeError, errorLine} from '../../errors/describe.js';
import {recipeSteps, useGuideRecipe, type RecipePlan} from '../../hooks/guide.js';
import {useFreshServiceAccounts, useRoles} from '../../hooks/queries.js';
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../limits.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {broadReason, rolesByName} from '../../roles/index.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {SpinnerLine, inert, theme, truncateToWidth} from '../../ui/index.js';
import {GLOBAL_ACTIONS} from '../../ui/keys/keymap.js';
import {
  CHECKING_NAME,
  SameNameDialog,
  accountInput,
  useSameNameGuard,
} from '../account-form/index.js';
import {SAVE_SECRET_QUESTION, useMintedSecret} from '../credentials/index.js';
import {wrap} from '../../ui/text.js';
import {ApiErrorBox, useRefreshKey} from '../shared/index.js';
import {AboutStep} from './about-step.js';
import {CredentialsStep} from './credentials-step.js';
import {HELP, guideHints, useGuideInput} from './input.js';
import {GuideOverlay} from './overlays.js';
import {verifyCallFor} from '../../roles/index.js';
import {reviewLines, stepLine} from './recipe.js';
import {RolesStep} from './roles-step.js';
import {guideReducer, initialGuideState} from './state.js';
import {ReviewView, RunView, existsLines} from './views.js';

export function GuideScreen({org}: {org: OrgSummary}) {
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  // Read again on entry, whatever the cache holds: the 20-account limit is checked on the count now.
  const accounts = useFreshServiceAccounts(org.id);
  const roles = useRoles(org.id);
  const recipe = useGuideRecipe(org.id);
  const made = recipe.state;
  const secret = useMintedSecret({
    mint: recipe.run,
    isPending: made.running,
    error: made.failure?.error,
  });
  const [state, dispatch] = useReducer(guideReducer, initialGuideState);
  const sameName = useSameNameGuard(org.id);
  const {step, overlay} = state;

  const byName = useMemo(() => rolesByName(roles.data ?? []), [roles.data]);
  const pickedRoles = useMemo(
    () => state.picked.map((name) => byName.get(name)).filter((r): r is Role => r !== undefined),
    [state.picked, byName],
  );
  const input = accountInput(state.fields);
  const plan: RecipePlan = state.plan ?? {input, roles: state.picked};
  const verifyCall = verifyCallFor(pickedRoles);
  const broadPicked = pickedRoles.filter((role) => broadReason(role) !== undefined);
  const orgLabel = `${org.name} (${org.id})`;
  const steps = recipeSteps(plan, made);
  const failed = !made.running && made.failure !== undefined;
  const allDone = steps.every((s) => s.status === 'done');
  const held = secret.held;

  const startRun = () => {
    if (made.running) return;
    const current = state.plan ?? {input: accountInput(state.fields), roles: [...state.picked]};
    dispatch({type: 'run', plan: current});
    void secret.mint(current);
  };

  const finish = () => {
    secret.forget();
    if (made.account) navigation.replace({name: 'account', org, accountId: made.account.id});
    else navigation.back();
  };

  const undo = () => {
    const account = made.account;
    void recipe.undo().then(
      () =>
        dispatch({
          type: 'drop-plan',
          message: `Undone: "${account?.name ?? ''}" (${account?.id ?? ''}) was deleted with its roles and clients; nothing is left. Your choices are kept.`,
        }),
      () => undefined, // shown in the dialog (recipe.undoError)
    );
  };

  /** Enter on the review: the name checked against the org (read fresh), broad roles, then run. */
  const create = () => {
    if (made.running) return;
    sameName.check(plan.input.name, () => {
      if (broadPicked.length > 0) dispatch({type: 'overlay', overlay: 'broad'});
      else startRun();
    });
  };

  const overlayOpen = overlay !== undefined || sameName.question !== undefined || sameName.checking;
  const limitReached =
    accounts.data !== undefined && accounts.data.length >= MAX_SERVICE_ACCOUNTS_PER_ORG;

  useRefreshKey(
    () => void (step === 'about' ? accounts.refetch() : roles.refetch()),
    !overlayOpen &&
      ((step === 'about' && accounts.data === undefined) ||
        (step === 'roles' && roles.data === undefined)),
  );
  useGuideInput({
    state,
    dispatch,
    isActive:
      !overlayOpen &&
      state.handoffView === 'panel' &&
      !(step === 'about' && accounts.data !== undefined && !limitReached) &&
      !(step === 'roles' && state.typing && roles.data !== undefined),
    rolesLoaded: roles.data !== undefined,
    running: made.running,
    failed,
    allDone,
    accountName: made.account?.name,
    holdsSecret: held !== undefined,
    handedOff: secret.safe,
    startRun,
    create,
    askUndo: () => {
      recipe.resetUndo();
      dispatch({type: 'overlay', overlay: 'undo'});
    },
    finish,
    leave: () => navigation.back(),
  });

  const halfMade = made.account !== undefined && !allDone;
  useScreenChrome({
    title: 'New integration',
    hints: guideHints(step, failed, made.account !== undefined, roles.data && state),
    help: HELP,
    confirmQuit:
      held !== undefined
        ? `${SAVE_SECRET_QUESTION} Quit anyway?`
        : halfMade
          ? `"${made.account?.name ?? ''}" (${made.account?.id ?? ''}) exists half-made. Quit anyway? You can finish it on its screen later.`
          : undefined,
  });

  const width = body.columns;
  const message =
    state.message ??
    (step === 'review' && sameName.error !== undefined
      ? `The name could not be checked against the org's accounts: ${errorLine(describeError(sameName.error, session.endpoints))}. Nothing was created; ${GLOBAL_ACTIONS.open.label} tries again.`
      : undefined);
  const messageLines = message ? wrap(message, width, {maxLines: 2}) : [];
  const rows = Math.max(1, body.rows - 1 - messageLines.length);
  const close = () => dispatch({type: 'overlay', overlay: undefined});

  let content: ReactNode = null;
  switch (step) {
    case 'about':
      content = (
        <AboutStep
          accounts={accounts}
          limitReached={limitReached}
          orgName={org.name}
          orgLabel={orgLabel}
          fields={state.fields}
          pickedCount={state.picked.length}
          onLeave={() => navigation.back()}
          dispatch={dispatch}
          width={width}
          rows={rows}
        />
      );
      break;
    case 'roles':
      content =
        roles.data === undefined ? (
          roles.isError ? (
            <ApiErrorBox error={roles.error} width={width} />
          ) : (
            <SpinnerLine label="Loading the org's roles…" width={width} />
          )
        ) : (
          <RolesStep
            catalogue={roles.data}
            state={state}
            dispatch={dispatch}
            accountName={input.name}
            width={width}
            rows={rows}
            isActive={!overlayOpen}
            onBack={() => dispatch({type: 'step', step: 'about'})}
            onNext={() => dispatch({type: 'step', step: 'review'})}
          />
        );
      break;
    case 'review':
      content = (
        <Box flexDirection="column">
          <ReviewView
            lines={reviewLines({
              orgName: org.name,
              orgId: org.id,
              name: input.name,
              description: input.description,
              roles: pickedRoles,
              verifyCall,
            })}
            orgLabel={orgLabel}
            broadCount={broadPicked.length}
            width={width}
            rows={rows}
            isActive={!overlayOpen}
          />
        </Box>
      );
      break;
    case 'run':
      content = (
        <RunView
          steps={steps}
          name={plan.input.name}
          made={made}
          orgLabel={orgLabel}
          running={made.running}
          describeFailure={(error) => describeError(error, session.endpoints)}
          width={width}
          rows={rows}
        />
      );
      break;
    case 'handoff':
    case 'verify':
      content =
        held !== undefined && made.account && made.client ? (
          <CredentialsStep
            step={step}
            orgId={org.id}
            orgLabel={orgLabel}
            made={made}
            credentials={{clientId: made.client.clientId, clientSecret: held.clientSecret}}
            verifyCall={verifyCall}
            width={width}
            rows={rows}
            isActive={!overlayOpen}
            handoffView={state.handoffView}
            onHandoffView={(view) => dispatch({type: 'handoff-view', view})}
            onHandedOff={secret.noteHandedOff}
          />
        ) : (
          <Text>{truncateToWidth(inert(existsLines(made, orgLabel).join(' ')), width)}</Text>
        );
      break;
  }

  const overlayNode = sameName.checking ? (
    <SpinnerLine label={CHECKING_NAME} width={width} />
  ) : sameName.question ? (
    <SameNameDialog
      question={sameName.question}
      orgLabel={orgLabel}
      onConfirm={sameName.confirm}
      onCancel={sameName.cancel}
      width={width}
    />
  ) : overlay === undefined ? null : (
    <GuideOverlay
      overlay={overlay}
      plan={plan}
      made={made}
      orgId={org.id}
      orgLabel={orgLabel}
      broadPicked={broadPicked}
      verifyCall={verifyCall}
      failed={failed}
      undoing={recipe.undoing}
      undoError={recipe.undoError}
      handedOff={secret.handedOff}
      onGrant={startRun}
      onUndo={undo}
      onFinish={finish}
      onSavedElsewhere={() => {
        secret.noteHandedOff({kind: 'elsewhere'});
        dispatch({type: 'step', step: 'verify'});
      }}
      onClose={close}
      width={width}
      rows={rows}
    />
  );

  return (
    <Box flexDirection="column" width={width}>
      <Box height={1} overflow="hidden">
        <Text bold color={theme.accent}>
          {truncateToWidth(stepLine(step), width)}
        </Text>
      </Box>
      {messageLines.map((line, i) => (
        <Box key={`message:${i}`} height={1} overflow="hidden">
          <Text color={theme.warning}>{line}</Text>
        </Box>
      ))}
      {overlayNode}
      {/* Hidden, not unmounted, under an overlay: typed input, the hand-off and a run survive. */}
      <Box display={overlayNode ? 'none' : 'flex'} flexDirection="column" width={width}>
        {content}
      </Box>
    </Box>
  );
}
