/**
 * Guided onboarding ("o" on the account list): the whole recipe for a new integration, a step per
 * screen with a progress line — 1 what the application is, 2 what it needs to do (roles, least
 * privilege first), 3 review (nothing sent; `c` shows the recipe as curl), 4 create → grant → mint
 * as it happens, 5 hand-off of the secret, 6 verify and a summary of what exists. Esc goes back a
 * step and keeps what was typed. A failure after something was created says exactly what exists
 * and offers undo (delete the half-made account) or keep (finish it on its screen); a retry
 * resumes at the failed step and never creates twice.
 */
import {Box, Text} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactNode} from 'react';
import type {Role} from '../api/schemas.js';
import {describeError, errorLine} from '../errors/describe.js';
import {appSnippet} from '../handoff/index.js';
import {recipeSteps, useGuideRecipe, type RecipePlan} from '../hooks/guide.js';
import {useRoles, useServiceAccounts} from '../hooks/queries.js';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  matchAction,
  type KeyBinding,
} from '../keymap.js';
// [C] API.md §6.2: at most 20 service accounts per org; checked before step 1 offers anything.
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../limits.js';
import {useNavigation, type OrgSummary} from '../navigation.js';
import {broadReason, rolesByName} from '../roles/index.js';
import {useBodySize, useScreenChrome} from '../screen-chrome.js';
import {useSession} from '../session.js';
import {
  ConfirmDialog,
  Priority,
  SpinnerLine,
  inert,
  marks,
  theme,
  truncateToWidth,
  useKeys,
} from '../ui/index.js';
import {ACCOUNT_FORM_KEYS, AccountForm, accountInput} from './account-form.js';
import {
  HANDOFF_HELP,
  ScrollText,
  SecretHandoff,
  VerifyPanel,
  handoffSummary,
  type HandoffEvent,
  type HandoffView,
} from './credentials/index.js';
import {curlBlocksText, recipeCurlBlocks, undoCurlBlock} from './guide/curl.js';
import {
  VERIFY_CALL_WORDS,
  reviewLines,
  stepLine,
  verifyCallFor,
  type GuideStep,
} from './guide/recipe.js';
import {RolesStep} from './guide/roles-step.js';
import {guideReducer, initialGuideState} from './guide/state.js';
import {ReviewView, RunView, existsLines} from './guide/views.js';
import {wrap} from '../ui/text.js';
import {ApiErrorBox, useRefreshKey} from './query-state.js';

const GUIDE_ACTIONS = defineActions({
  undo: {
    keys: ['u'],
    label: 'u',
    hint: 'undo',
    description: 'After a failure: delete the half-made account (its roles and clients go with it)',
  },
  keep: {
    keys: ['o'],
    label: 'o',
    hint: 'keep it',
    description: 'After a failure: keep the account and finish it later on its own screen',
  },
});

const binding = (keys: string[], label: string, hint: string, description: string): KeyBinding => ({
  keys,
  label,
  hint,
  description,
});
const NEXT = binding(['enter'], 'Enter', 'next', 'Go on to the next step');
const BACK = binding(['esc'], 'Esc', 'back', 'Back one step (what you typed is kept)');
const RETRY = binding(['r'], 'r', 'retry', 'After a failure: try the failed step again');
const SEARCH = binding(
  ['/'],
  '/',
  'search',
  'Search roles by name, display name, category or privilege (user:index)',
);
const CURL = {
  ...SCREEN_ACTIONS.curl,
  description: 'Show the whole recipe as curl commands ($ACCESS_TOKEN / $CLIENT_SECRET)',
};

const HINTS: Record<GuideStep, readonly KeyBinding[]> = {
  about: ACCOUNT_FORM_KEYS,
  roles: [COMMON_ACTIONS.toggle, SEARCH, NEXT, CURL, BACK],
  review: [binding(['enter'], 'Enter', 'create', 'Create it all'), CURL, BACK],
  run: [NEXT, CURL],
  handoff: [SCREEN_ACTIONS.reveal, SCREEN_ACTIONS.copy, SCREEN_ACTIONS.write, NEXT, CURL],
  verify: [SCREEN_ACTIONS.verify, binding(['enter'], 'Enter', 'finish', 'Finish'), CURL, BACK],
};
const FAILED_HINTS = [RETRY, GUIDE_ACTIONS.undo, GUIDE_ACTIONS.keep, CURL];
const HELP: readonly KeyBinding[] = [
  NEXT,
  BACK,
  COMMON_ACTIONS.toggle,
  SEARCH,
  CURL,
  RETRY,
  GUIDE_ACTIONS.undo,
  GUIDE_ACTIONS.keep,
  ...HANDOFF_HELP,
  SCREEN_ACTIONS.verify,
];

const SCREEN_KEYS = {
  open: GLOBAL_ACTIONS.open,
  back: GLOBAL_ACTIONS.back,
  curl: SCREEN_ACTIONS.curl,
  retry: GLOBAL_ACTIONS.refresh,
  ...GUIDE_ACTIONS,
};

const SECRET_QUESTION = 'Did you save the secret? It cannot be shown again.';

export function GuideScreen({org}: {org: OrgSummary}) {
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  const accounts = useServiceAccounts(org.id);
  const roles = useRoles(org.id);
  const recipe = useGuideRecipe(org.id);
  const [state, dispatch] = useReducer(guideReducer, initialGuideState);
  const {step, overlay} = state;
  // The only copy of the minted secret; cleared when leaving.
  const [secret, setSecret] = useState<string | undefined>();
  const [handoffView, setHandoffView] = useState<HandoffView>('panel');
  const [handedOff, setHandedOff] = useState<HandoffEvent[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const plan = useRef<RecipePlan | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const byName = useMemo(() => rolesByName(roles.data ?? []), [roles.data]);
  const pickedRoles = useMemo(
    () => state.picked.map((name) => byName.get(name)).filter((r): r is Role => r !== undefined),
    [state.picked, byName],
  );
  const input = accountInput(state.fields);
  const verifyCall = verifyCallFor(pickedRoles);
  const broadPicked = pickedRoles.filter((role) => broadReason(role) !== undefined);
  const orgLabel = `${org.name} (${org.id})`;
  const made = recipe.state;
  const steps = recipeSteps(plan.current ?? {input, roles: state.picked}, made);
  const failed = !made.running && made.failure !== undefined;
  const allDone = steps.every((s) => s.status === 'done');

  const go = (next: GuideStep) => {
    setMessage(undefined);
    dispatch({type: 'step', step: next});
  };

  const startRun = useCallback(() => {
    if (made.running) return;
    plan.current ??= {input: accountInput(state.fields), roles: [...state.picked]};
    const current = plan.current;
    setMessage(undefined);
    dispatch({type: 'step', step: 'run'});
    void recipe.run(current).then((result) => {
      // Unmounted meanwhile: drop the secret rather than keep it anywhere.
      if (result && mounted.current) {
        setHandedOff([]);
        setSecret(result.clientSecret);
      }
    });
  }, [made.running, recipe, state.fields, state.picked]);

  const finish = useCallback(() => {
    const account = recipe.state.account;
    setSecret(undefined);
    setHandedOff([]);
    if (account) navigation.replace({name: 'account', org, accountId: account.id});
    else navigation.back();
  }, [navigation, org, recipe.state.account]);

  const undo = () => {
    const account = made.account;
    void recipe.undo().then(
      () => {
        if (!mounted.current) return;
        plan.current = undefined;
        dispatch({type: 'step', step: 'review'});
        setMessage(
          `Undone: "${account?.name ?? ''}" (${account?.id ?? ''}) was deleted with its roles and clients; nothing is left. Your choices are kept.`,
        );
      },
      () => undefined, // shown in the dialog (recipe.undoError)
    );
  };

  const overlayOpen = overlay !== undefined;
  const limitReached =
    accounts.data !== undefined && accounts.data.length >= MAX_SERVICE_ACCOUNTS_PER_ORG;

  useRefreshKey(
    () => void (step === 'about' ? accounts.refetch() : roles.refetch()),
    !overlayOpen &&
      ((step === 'about' && accounts.data === undefined) ||
        (step === 'roles' && roles.data === undefined)),
  );

  useKeys(
    (input, key) => {
      const action = matchAction(input, key, SCREEN_KEYS);
      if (action === undefined) return false;
      switch (step) {
        case 'about':
          // The form has the keys; only the limit or a failed check leave Esc to us.
          if (action === 'back') {
            navigation.back();
            return true;
          }
          return false;
        case 'roles':
          if (action === 'curl') {
            dispatch({type: 'overlay', overlay: 'curl'});
            return true;
          }
          if (roles.data === undefined && action === 'back') {
            go('about');
            return true;
          }
          return false;
        case 'review':
          switch (action) {
            case 'open':
              if (broadPicked.length > 0) dispatch({type: 'overlay', overlay: 'broad'});
              else startRun();
              return true;
            case 'curl':
              dispatch({type: 'overlay', overlay: 'curl'});
              return true;
            case 'back':
              go('roles');
              return true;
            default:
              return false;
          }
        case 'run':
          if (made.running) {
            if (action === 'back' || action === 'open') {
              setMessage('Wait: a request is in flight.');
              return true;
            }
            return action === 'curl' ? (dispatch({type: 'overlay', overlay: 'curl'}), true) : false;
          }
          switch (action) {
            case 'curl':
              dispatch({type: 'overlay', overlay: 'curl'});
              return true;
            case 'retry':
              if (!failed) return false;
              startRun();
              return true;
            case 'undo':
              if (!failed || !made.account) return false;
              recipe.resetUndo();
              dispatch({type: 'overlay', overlay: 'undo'});
              return true;
            case 'keep':
              if (!failed || !made.account) return false;
              finish();
              return true;
            case 'open':
              if (allDone && secret !== undefined) go('handoff');
              return true;
            case 'back':
              if (failed && !made.account) {
                // Nothing exists: the next run takes the choices as they will be then.
                plan.current = undefined;
                go('review');
              } else if (secret !== undefined) dispatch({type: 'overlay', overlay: 'leave'});
              else if (failed) {
                setMessage(
                  `"${made.account?.name ?? ''}" exists half-made: r retry, u undo, or o keep it.`,
                );
              }
              return true;
            default:
              return false;
          }
        case 'handoff':
          switch (action) {
            case 'open':
              go('verify');
              return true;
            case 'curl':
              dispatch({type: 'overlay', overlay: 'curl'});
              return true;
            case 'back':
              dispatch({type: 'overlay', overlay: 'leave'});
              return true;
            default:
              return false;
          }
        case 'verify':
          switch (action) {
            case 'open':
              dispatch({type: 'overlay', overlay: 'leave'});
              return true;
            case 'curl':
              dispatch({type: 'overlay', overlay: 'curl'});
              return true;
            case 'back':
              go('handoff');
              return true;
            default:
              return false;
          }
      }
    },
    {
      isActive:
        !overlayOpen &&
        handoffView === 'panel' &&
        !(step === 'about' && accounts.data !== undefined && !limitReached) &&
        !(step === 'roles' && state.typing && roles.data !== undefined),
    },
  );

  // The leave question takes y / n as answers (y leaves, n stays), as on the Clients screen;
  // Enter and Esc work as in any ConfirmDialog.
  useKeys(
    (input) => {
      if (input === 'y' || input === 'Y') {
        if (secret !== undefined) finish();
        else navigation.back();
      } else if (input === 'n' || input === 'N') dispatch({type: 'overlay', overlay: undefined});
      else return false;
      return true;
    },
    {isActive: overlay === 'leave', priority: Priority.Modal + 1},
  );

  const halfMade = made.account !== undefined && !allDone;
  useScreenChrome({
    title: 'New integration',
    hints:
      step === 'run' && failed
        ? made.account
          ? FAILED_HINTS
          : [RETRY, CURL, {...BACK, description: 'Back to the review'}]
        : HINTS[step],
    help: HELP,
    confirmQuit:
      secret !== undefined
        ? `${SECRET_QUESTION} Quit anyway?`
        : halfMade
          ? `"${made.account?.name ?? ''}" (${made.account?.id ?? ''}) exists half-made. Quit anyway? You can finish it on its screen later.`
          : undefined,
  });

  const width = body.columns;
  const messageLines = message ? wrap(message, width, {maxLines: 2}) : [];
  const rows = Math.max(1, body.rows - 1 - messageLines.length);

  const curlText = () => {
    const blocks = recipeCurlBlocks(session.endpoints, {
      orgId: org.id,
      name: (plan.current?.input ?? input).name,
      description: (plan.current?.input ?? input).description,
      roles: plan.current?.roles ?? state.picked,
      accountId: made.account?.id,
      clientId: made.client?.clientId,
      verifyCall: made.client ? verifyCall : undefined,
    });
    if (failed && made.account)
      blocks.push(undoCurlBlock(session.endpoints, org.id, made.account.id));
    return curlBlocksText(blocks);
  };

  let overlayNode: ReactNode = null;
  if (overlay === 'curl') {
    overlayNode = (
      <ScrollText
        title="The recipe with curl (secrets only as $ACCESS_TOKEN / $CLIENT_SECRET)"
        text={curlText()}
        height={rows}
        width={width}
        onClose={() => dispatch({type: 'overlay', overlay: undefined})}
      />
    );
  } else if (overlay === 'broad') {
    overlayNode = (
      <ConfirmDialog
        title={`Grant ${broadPicked.length} broad role${broadPicked.length === 1 ? '' : 's'} to "${input.name}"?`}
        body={broadPicked
          .slice(0, 3)
          .map((role) => `${role.name}: ${broadReason(role) ?? 'broad'}.`)
          .concat(broadPicked.length > 3 ? [`…and ${broadPicked.length - 3} more.`] : [])}
        requireText="grant"
        confirmLabel="Grant"
        prompt="Type grant to create it all, or press Esc to go back to the review"
        onConfirm={startRun}
        onCancel={() => dispatch({type: 'overlay', overlay: undefined})}
        width={Math.min(76, width)}
      />
    );
  } else if (overlay === 'undo' && made.account) {
    overlayNode = (
      <ConfirmDialog
        title={`Delete "${made.account.name}" (${made.account.id})?`}
        body={[
          'Its roles and clients go with it: nothing of this setup is left.',
          'What you typed and picked is kept, to try again.',
        ]}
        confirmLabel="Delete"
        busy={recipe.undoing}
        busyLabel="Deleting the account…"
        error={
          recipe.undoError
            ? errorLine(describeError(recipe.undoError, session.endpoints))
            : undefined
        }
        onConfirm={undo}
        onCancel={() => dispatch({type: 'overlay', overlay: undefined})}
        width={Math.min(76, width)}
      />
    );
  } else if (overlay === 'leave') {
    overlayNode =
      secret !== undefined ? (
        <ConfirmDialog
          title={SECRET_QUESTION}
          body={[
            handoffSummary(handedOff) ?? 'You have not copied it or written it to a file here.',
            ...existsLines(made, orgLabel).map((line) => line.trim()),
            'y leaves, forgets the secret and opens the account · n stays',
          ]}
          confirmLabel="Leave and forget"
          cancelLabel="Stay"
          onConfirm={finish}
          onCancel={() => dispatch({type: 'overlay', overlay: undefined})}
          width={Math.min(76, width)}
        />
      ) : (
        <ConfirmDialog
          title="Leave the guided setup?"
          body={[
            'Nothing has been created.',
            'What you typed here is dropped · y leaves · n stays',
          ]}
          confirmLabel="Leave"
          cancelLabel="Stay"
          onConfirm={() => navigation.back()}
          onCancel={() => dispatch({type: 'overlay', overlay: undefined})}
          width={Math.min(76, width)}
        />
      );
  }

  let content: ReactNode;
  switch (step) {
    case 'about':
      if (accounts.data === undefined) {
        content = accounts.isError ? (
          <>
            <ApiErrorBox error={accounts.error} width={width} />
            <Text
              dimColor
            >{`The ${MAX_SERVICE_ACCOUNTS_PER_ORG}-account limit could not be checked · Esc back`}</Text>
          </>
        ) : (
          <SpinnerLine
            label={`Checking how many service accounts ${org.name} has…`}
            width={width}
          />
        );
      } else if (limitReached) {
        content = <LimitReached count={accounts.data.length} orgLabel={orgLabel} width={width} />;
      } else {
        content = (
          <AccountForm
            title={`A new integration in ${orgLabel}: what is the application?`}
            note={`${accounts.data.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts in use · nothing is sent before the review`}
            initial={state.fields.name === '' ? undefined : state.fields}
            submitLabel="continue"
            busy={false}
            busyLabel=""
            onSubmit={(values) => {
              dispatch({type: 'fields', fields: values});
              go('roles');
            }}
            onCancel={() => dispatch({type: 'overlay', overlay: 'leave'})}
            width={width}
            height={rows}
          />
        );
      }
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
            onBack={() => go('about')}
            onNext={() => go('review')}
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
          name={(plan.current?.input ?? input).name}
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
        secret !== undefined && made.account && made.client ? (
          <Credentials
            step={step}
            orgId={org.id}
            orgLabel={orgLabel}
            made={made}
            credentials={{clientId: made.client.clientId, clientSecret: secret}}
            verifyCall={verifyCall}
            width={width}
            rows={rows}
            isActive={!overlayOpen}
            onHandoffView={setHandoffView}
            onHandedOff={(event) => setHandedOff((events) => [...events, event])}
          />
        ) : (
          <Text>{truncateToWidth(inert(existsLines(made, orgLabel).join(' ')), width)}</Text>
        );
      break;
  }

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
          `${marks.warning} ${props.orgLabel} already has ${props.count} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts: an org may hold at most ${MAX_SERVICE_ACCOUNTS_PER_ORG} (API.md §6.2).`,
        )}
      </Text>
      <Text wrap="wrap">
        Nothing can be created here until one is deleted (d on the account list). Nothing was sent.
      </Text>
      <Text dimColor>Esc back to the account list</Text>
    </Box>
  );
}

/** Steps 5 and 6: the secret handed off (kept mounted across both), then verified. */
function Credentials(props: {
  step: 'handoff' | 'verify';
  orgId: number;
  orgLabel: string;
  made: ReturnType<typeof useGuideRecipe>['state'];
  credentials: {clientId: string; clientSecret: string};
  verifyCall: ReturnType<typeof verifyCallFor>;
  width: number;
  rows: number;
  isActive: boolean;
  onHandoffView: (view: HandoffView) => void;
  onHandedOff: (event: HandoffEvent) => void;
}) {
  const session = useSession();
  const {made, width, rows, step} = props;
  const account = made.account!;
  const [handoffView, setHandoffView] = useState<HandoffView>('panel');
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
            `Proves it works: a token for the client, then ${VERIFY_CALL_WORDS[props.verifyCall]} with it.`,
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
          {truncateToWidth('Enter finish (opens the account) · Esc back to the hand-off', width)}
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
        onViewChange={(view) => {
          setHandoffView(view);
          props.onHandoffView(view);
        }}
        onHandedOff={props.onHandedOff}
      />
      {handoffView === 'panel' && showEnv ? (
        <>
          <Text dimColor wrap="truncate-end">
            {truncateToWidth(
              'For the application (a shows the whole snippet; the secret only as a variable):',
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
          {truncateToWidth('Enter verify it · Esc leave (asks first)', width)}
        </Text>
      ) : null}
    </Box>
  );
}
