/**
 * Role picker: every role of the org grouped by category, the account's current grants in the
 * chosen scope (the org, or one project) pre-checked; Space toggles, `/` searches names, display
 * names, categories and privileges; Enter previews the diff (+ grant / − revoke) before anything
 * is sent; broad roles need a second confirmation (typing "grant"); the changes are applied one
 * request each, with each result shown as it lands. org_owner (and any superuser-type role) is
 * refused for a service account with the reason (API.md §6.2).
 */
import {Box, Text} from 'ink';
import {useCallback, useMemo, useReducer, useRef} from 'react';
import {serviceAccountRef} from '../api/refs.js';
import type {Role} from '../api/schemas.js';
import {curlFor} from '../curl/index.js';
import {describeError} from '../errors/describe.js';
import {useApplyRoleChanges, type RoleChange} from '../hooks/mutations.js';
import {useProjects, useRoles, useServiceAccount} from '../hooks/queries.js';
import {useGrantsInScopes} from '../hooks/roles.js';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  SCREEN_ACTIONS,
  defineActions,
  isBackspace,
  isTextInput,
  matchAction,
  type KeyBinding,
} from '../keymap.js';
import {useNavigation, type OrgSummary} from '../navigation.js';
import {
  broadReason,
  describeChange,
  diffGrants,
  grantKey,
  narrowerRoles,
  orderByCategory,
  rolesByName,
  sameScope,
  scopeOfChange,
  searchRoles,
  serviceAccountRefusal,
  type Grant,
  type RoleScope,
} from '../roles/index.js';
import {useBodySize, useScreenChrome} from '../screen-chrome.js';
import {useSession} from '../session.js';
import {ConfirmDialog, Priority, SpinnerLine, inert, useKeys, useLatest} from '../ui/index.js';
import {ApiErrorBox, useRefreshKey} from './query-state.js';
import {pickerLayout} from './role-picker/layout.js';
import {wrap} from '../ui/text.js';
import {RoleListView, type RoleRow} from './role-picker/role-list.js';
import {ScopePicker} from './role-picker/scope-picker.js';
import {
  initialPickerState,
  isChecked,
  pickerReducer,
  scopesInPlay,
  type PickerState,
} from './role-picker/state.js';
import {CurlView, PreviewView, ResultsView, type PreviewItem} from './role-picker/views.js';

const ROLE_PICKER_ACTIONS = defineActions({
  scope: {
    keys: ['o'],
    label: 'o',
    hint: 'scope',
    description: 'Choose the scope: the whole org (all its projects) or one project',
  },
  privileges: {
    keys: ['p'],
    label: 'p',
    hint: 'privileges',
    description: "Show or hide the focused role's privileges",
  },
});

const binding = (keys: string[], label: string, hint: string, description: string): KeyBinding => ({
  keys,
  label,
  hint,
  description,
});
const REVIEW = binding(
  ['enter'],
  'Enter',
  'review',
  'Review the changes; nothing is sent before you confirm',
);
const APPLY = binding(['enter'], 'Enter', 'apply', 'Apply the reviewed changes, one request each');
const BACK_TO_ROLES = binding(['esc'], 'Esc', 'back', 'Back to the roles (your checks are kept)');
const FILTER_APPLY = binding(
  ['enter'],
  'Enter',
  'apply filter',
  'Keep the filter and go back to the list',
);
const FILTER_CLEAR = binding(['esc'], 'Esc', 'clear', 'Clear the filter');
const SCROLL = binding(['up', 'down'], '↑↓', 'scroll', 'Scroll');
const TO_ACCOUNT = binding(['esc'], 'Esc', 'account', 'Back to the account');
const TO_ROLES = binding(['enter'], 'Enter', 'roles', 'Back to the roles');

const PICK_HINTS = [
  COMMON_ACTIONS.toggle,
  REVIEW,
  GLOBAL_ACTIONS.filter,
  ROLE_PICKER_ACTIONS.scope,
  ROLE_PICKER_ACTIONS.privileges,
];
const TYPING_HINTS = [FILTER_APPLY, FILTER_CLEAR];
const PREVIEW_HINTS = [APPLY, SCREEN_ACTIONS.curl, BACK_TO_ROLES];
const CURL_HINTS = [SCROLL, binding(['esc'], 'Esc', 'back', 'Back to the review')];
const DONE_HINTS = [TO_ACCOUNT, TO_ROLES];
const NO_HINTS: KeyBinding[] = [];
const HELP: KeyBinding[] = [
  COMMON_ACTIONS.toggle,
  REVIEW,
  binding(
    ['/'],
    '/',
    'filter',
    'Search roles by name, display name, category or privilege (user:index)',
  ),
  ROLE_PICKER_ACTIONS.scope,
  ROLE_PICKER_ACTIONS.privileges,
  binding(['c'], 'c', 'curl', 'In the review: the equivalent curl commands'),
  GLOBAL_ACTIONS.refresh,
];

const PICK_KEYS = {
  ...ROLE_PICKER_ACTIONS,
  filter: GLOBAL_ACTIONS.filter,
  open: GLOBAL_ACTIONS.open,
  back: GLOBAL_ACTIONS.back,
};
const PREVIEW_KEYS = {
  open: GLOBAL_ACTIONS.open,
  curl: SCREEN_ACTIONS.curl,
  back: GLOBAL_ACTIONS.back,
};

/** The account's grants, by scope, as far as they are loaded. */
type HeldByScope = ReadonlyArray<{scope: RoleScope; names: readonly string[] | undefined}>;

/**
 * The diff between what the account holds and what the edits want, across every scope with
 * edits. Grants are listed in catalogue order, so the preview reads like the list.
 */
export function pendingChanges(
  state: Pick<PickerState, 'edits'>,
  held: HeldByScope,
  catalogue: readonly Role[],
  orgId: number,
): RoleChange[] {
  const order = new Map(catalogue.map((role, index) => [role.name, index]));
  const byCatalogue = (a: Grant, b: Grant) =>
    (order.get(a.roleName) ?? Infinity) - (order.get(b.roleName) ?? Infinity);
  const current: Grant[] = [];
  const wanted: Grant[] = [];
  for (const {scope, names} of held) {
    const edits = [...state.edits.values()].filter((edit) => sameScope(edit.grant.scope, scope));
    // Not loaded (yet): an edit exists only where it differed from what was held when toggled.
    const heldNames = new Set(
      names ?? edits.filter((edit) => !edit.wanted).map((edit) => edit.grant.roleName),
    );
    const wantNames = new Set(heldNames);
    for (const edit of edits) {
      if (edit.wanted) wantNames.add(edit.grant.roleName);
      else wantNames.delete(edit.grant.roleName);
    }
    current.push(...[...heldNames].map((roleName) => ({roleName, scope})).sort(byCatalogue));
    wanted.push(...[...wantNames].map((roleName) => ({roleName, scope})).sort(byCatalogue));
  }
  return diffGrants(current, wanted, orgId);
}

export function RolePickerScreen({org, accountId}: {org: OrgSummary; accountId: number}) {
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  const subjectRef = useMemo(() => serviceAccountRef(accountId), [accountId]);
  const roles = useRoles(org.id);
  const projects = useProjects(org.id);
  const account = useServiceAccount(org.id, accountId);
  const [state, dispatch] = useReducer(pickerReducer, initialPickerState);
  const {scope, edits, query, typing, stage} = state;
  const scopes = useMemo(() => scopesInPlay({scope, edits}), [scope, edits]);
  const grants = useGrantsInScopes(org.id, subjectRef, scopes);
  const current = grants[0]!.query;
  const apply = useApplyRoleChanges(org.id, subjectRef);
  const applying = useRef(false);

  const catalogue = useMemo(() => orderByCategory(roles.data ?? []), [roles.data]);
  const byName = useMemo(() => rolesByName(catalogue), [catalogue]);
  const projectNames = useMemo(
    () => new Map((projects.data ?? []).map((p) => [p.id, p.name])),
    [projects.data],
  );
  const names = useMemo(() => ({orgId: org.id, projects: projectNames}), [org.id, projectNames]);
  const heldHere = useMemo(() => new Set(current.data ?? []), [current.data]);
  const heldKey = grants.map((g) => `${g.query.dataUpdatedAt}`).join(',');
  const held: HeldByScope = useMemo(
    () => grants.map((g) => ({scope: g.scope, names: g.query.data})),
    // grants is a new array every render; its data changes only with dataUpdatedAt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [heldKey, scopes],
  );
  const changes = useMemo(
    () => pendingChanges({edits}, held, catalogue, org.id),
    [edits, held, catalogue, org.id],
  );

  const rows: RoleRow[] = useMemo(
    () =>
      searchRoles(catalogue, query).map((role) => {
        const isHeld = heldHere.has(role.name);
        const checked = isChecked({scope, edits}, role.name, isHeld);
        return {
          role,
          change: checked === isHeld ? undefined : checked ? 'grant' : 'revoke',
          broad: broadReason(role),
          refusal: serviceAccountRefusal(role),
        } satisfies RoleRow;
      }),
    [catalogue, query, heldHere, scope, edits],
  );
  const checked = useMemo(
    () =>
      new Set(
        catalogue
          .filter((role) => isChecked({scope, edits}, role.name, heldHere.has(role.name)))
          .map((role) => role.name),
      ),
    [catalogue, scope, edits, heldHere],
  );

  const accountName = account.data?.name;
  const accountLabel = accountName ? `${accountName} (${accountId})` : `account ${accountId}`;
  const scopeText =
    scope.kind === 'org'
      ? `org ${org.name} (${org.id})`
      : `project ${projectNames.get(scope.projectId) ?? scope.projectId} (${scope.projectId})`;

  const previewItems: PreviewItem[] = useMemo(
    () =>
      changes.map((change) => {
        const role = byName.get(change.roleName);
        return {
          text: describeChange(change, names, role),
          action: change.action,
          broad: change.action === 'grant' && role ? broadReason(role) : undefined,
        };
      }),
    [changes, byName, names],
  );
  const broadGrants = changes.filter(
    (change) => change.action === 'grant' && broadOf(byName.get(change.roleName)) !== undefined,
  );

  // A failed refetch keeps the data it had: only a first load that failed blocks the list.
  const ready = roles.data !== undefined && current.data !== undefined;
  const latestChanges = useLatest(changes);

  const startApply = useCallback(() => {
    if (applying.current) return;
    const toApply = latestChanges.current;
    if (toApply.length === 0) return;
    applying.current = true;
    dispatch({type: 'stage', stage: 'applying'});
    void apply.mutateAsync(toApply).then((outcome) => {
      const keep = outcome.flatMap((result) => {
        const of = scopeOfChange(result.change, org.id);
        return result.status === 'failed' && of
          ? [grantKey({roleName: result.change.roleName, scope: of})]
          : [];
      });
      dispatch({type: 'applied', keep});
    });
  }, [apply, org.id, latestChanges]);

  const backToPicker = useCallback(() => {
    applying.current = false;
    apply.reset();
    dispatch({type: 'stage', stage: 'pick'});
  }, [apply]);

  const toggle = useCallback(
    (row: RoleRow) =>
      dispatch({
        type: 'toggle',
        roleName: row.role.name,
        held: heldHere.has(row.role.name),
        refusal: row.refusal,
      }),
    [heldHere],
  );

  // Filter typing: text narrows the list; arrows still move it (the list handles them).
  useKeys(
    (input, key) => {
      if (key.ctrl && input === 'c') return false;
      if (key.escape) dispatch({type: 'filter-clear'});
      else if (key.return) dispatch({type: 'filter-apply'});
      else if (isBackspace(key)) dispatch({type: 'filter-pop'});
      else if (key.ctrl && input === 'u') dispatch({type: 'filter-clear-text'});
      else if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) return false;
      else if (isTextInput(input, key)) dispatch({type: 'filter-type', text: input});
      return true;
    },
    {priority: Priority.Input, isActive: ready && stage === 'pick' && typing},
  );

  useKeys(
    (input, key) => {
      const action = matchAction(input, key, PICK_KEYS);
      // While the grants load or failed, only the scope and Esc make sense.
      if (!ready && action !== 'scope' && action !== 'back') return false;
      switch (action) {
        case 'filter':
          dispatch({type: 'filter-start'});
          return true;
        case 'scope':
          dispatch({type: 'stage', stage: 'scope'});
          return true;
        case 'privileges':
          dispatch({type: 'privileges'});
          return true;
        case 'open':
          if (changes.length === 0) {
            dispatch({
              type: 'notice',
              notice: {
                text: 'No changes: Space checks or unchecks the focused role.',
                tone: 'info',
              },
            });
          } else dispatch({type: 'stage', stage: 'preview'});
          return true;
        case 'back':
          if (query !== '') dispatch({type: 'filter-clear'});
          else if (changes.length > 0) dispatch({type: 'stage', stage: 'discard'});
          else return false;
          return true;
        default:
          return false;
      }
    },
    {priority: Priority.Normal, isActive: roles.data !== undefined && stage === 'pick' && !typing},
  );

  useKeys(
    (input, key) => {
      switch (stage) {
        case 'scope':
          if (!key.escape) return false;
          dispatch({type: 'stage', stage: 'pick'});
          return true;
        case 'preview':
          switch (matchAction(input, key, PREVIEW_KEYS)) {
            case 'open':
              if (broadGrants.length > 0) dispatch({type: 'stage', stage: 'broad'});
              else startApply();
              return true;
            case 'curl':
              dispatch({type: 'stage', stage: 'curl'});
              return true;
            case 'back':
              dispatch({type: 'stage', stage: 'pick'});
              return true;
            default:
              return false;
          }
        case 'curl':
          if (!key.escape) return false;
          dispatch({type: 'stage', stage: 'preview'});
          return true;
        case 'applying':
          if (key.ctrl && input === 'c') return false;
          if (apply.isPending) return key.escape || key.return;
          if (key.escape) navigation.back();
          else if (key.return) backToPicker();
          else return false;
          return true;
        default:
          return false;
      }
    },
    {
      priority: Priority.Normal,
      isActive:
        stage === 'scope' || stage === 'preview' || stage === 'curl' || stage === 'applying',
    },
  );

  const refetch = useCallback(() => {
    void roles.refetch();
    void current.refetch();
    void projects.refetch();
  }, [roles, current, projects]);
  useRefreshKey(refetch, stage === 'pick' && !typing);

  const hints =
    stage === 'pick'
      ? typing
        ? TYPING_HINTS
        : PICK_HINTS
      : stage === 'preview'
        ? PREVIEW_HINTS
        : stage === 'curl'
          ? CURL_HINTS
          : stage === 'applying'
            ? apply.isPending
              ? NO_HINTS
              : DONE_HINTS
            : NO_HINTS;
  useScreenChrome({title: 'Roles', hints, help: HELP});

  const width = body.columns;

  if (roles.data === undefined) {
    return roles.isError ? (
      <ApiErrorBox error={roles.error} width={width} />
    ) : (
      <SpinnerLine label="Loading the org's roles…" width={width} />
    );
  }

  const pendingIn = (target: RoleScope) =>
    changes.filter((change) => {
      const of = scopeOfChange(change, org.id);
      return of !== undefined && sameScope(of, target);
    }).length;

  switch (stage) {
    case 'scope':
      return (
        <ScopePicker
          org={org}
          projects={projects}
          current={scope}
          pendingIn={pendingIn}
          width={width}
          rows={body.rows}
          onPick={(next) => dispatch({type: 'scope', scope: next})}
          onCancel={() => dispatch({type: 'stage', stage: 'pick'})}
        />
      );
    case 'discard':
      return (
        <ConfirmDialog
          title={`Discard ${changes.length} change${changes.length === 1 ? '' : 's'}?`}
          body="Nothing has been sent: the account keeps the roles it has."
          confirmLabel="Discard"
          cancelLabel="Keep editing"
          onConfirm={() => navigation.back()}
          onCancel={() => dispatch({type: 'stage', stage: 'pick'})}
          width={Math.min(72, width)}
        />
      );
    case 'preview':
      return (
        <PreviewView
          items={previewItems}
          account={accountLabel}
          width={width}
          rows={body.rows}
          isActive
        />
      );
    case 'curl':
      return (
        <CurlView
          commands={changes.map((change, index) => ({
            label: previewItems[index]?.text ?? change.roleName,
            command: curlFor(session.endpoints, {
              kind: change.action === 'grant' ? 'grant-role' : 'revoke-role',
              orgId: org.id,
              role: {name: change.roleName},
              subjectRef,
              ...(change.scopeRef === undefined ? {} : {scopeRef: change.scopeRef}),
            }),
          }))}
          width={width}
          rows={body.rows}
          isActive
        />
      );
    case 'broad':
      return (
        <Box flexDirection="column">
          <ConfirmDialog
            title={`Grant ${broadGrants.length} broad role${broadGrants.length === 1 ? '' : 's'} to ${accountLabel}?`}
            body={broadDialogBody(broadGrants, byName, catalogue)}
            requireText="grant"
            confirmLabel="Grant"
            prompt={`Type grant to apply all ${changes.length} change${changes.length === 1 ? '' : 's'}, or press Esc to go back to the review`}
            onConfirm={startApply}
            onCancel={() => dispatch({type: 'stage', stage: 'preview'})}
            width={Math.min(76, width)}
          />
        </Box>
      );
    case 'applying':
      return (
        <ResultsView
          results={apply.results}
          describe={(index) => {
            const change = apply.results[index]?.change;
            return change ? describeChange(change, names, byName.get(change.roleName)) : '';
          }}
          describeFailure={(error) => describeError(error, session.endpoints)}
          running={apply.isPending || apply.results.length === 0}
          width={width}
          rows={body.rows}
          isActive
        />
      );
    case 'pick': {
      const header = `${accountLabel} · scope: ${scopeText}`;
      if (current.data === undefined) {
        return (
          <Box flexDirection="column" width={width}>
            <Text wrap="truncate-end">{inert(header)}</Text>
            {!current.isError ? (
              <SpinnerLine label={`Loading the roles of ${accountLabel}…`} width={width} />
            ) : (
              <>
                <ApiErrorBox error={current.error} width={width} />
                <Text dimColor wrap="truncate-end">
                  o picks another scope · Esc back
                </Text>
              </>
            )}
          </Box>
        );
      }
      const noticeLines = state.notice
        ? wrap(`${state.notice.tone === 'warning' ? '! ' : ''}${state.notice.text}`, width, {
            maxLines: 2,
          })
        : [];
      const layout = pickerLayout({
        rows: body.rows,
        filterLine: typing || query !== '',
        noticeLines: noticeLines.length,
        showPrivileges: state.showPrivileges,
      });
      const focused = rows.find((row) => row.role.name === state.focused) ?? rows[0];
      return (
        <RoleListView
          rows={rows}
          totalRoles={catalogue.length}
          checked={checked}
          header={header}
          pending={changes.length}
          query={query}
          typing={typing}
          notice={state.notice}
          noticeLines={noticeLines}
          layout={layout}
          showPrivileges={state.showPrivileges}
          focused={focused}
          initialFocusKey={focused?.role.name}
          width={width}
          isActive={!typing}
          onToggle={toggle}
          onFocusChange={(row) => dispatch({type: 'focus', roleName: row?.role.name})}
        />
      );
    }
  }
}

function broadOf(role: Role | undefined): string | undefined {
  return role ? broadReason(role) : undefined;
}

/** One line per broad role (at most 3), then narrower roles for the first one, if any. */
function broadDialogBody(
  broad: readonly RoleChange[],
  byName: ReadonlyMap<string, Role>,
  catalogue: readonly Role[],
): string[] {
  const lines = broad.slice(0, 3).map((change) => {
    const role = byName.get(change.roleName);
    return `${change.roleName}${role?.displayName ? ` (${role.displayName})` : ''}: ${broadOf(role) ?? 'broad'}.`;
  });
  if (broad.length > 3) lines.push(`…and ${broad.length - 3} more.`);
  const first = byName.get(broad[0]?.roleName ?? '');
  const narrower = first ? narrowerRoles(first, catalogue) : [];
  if (narrower.length > 0) {
    lines.push(
      `If it only needs part of that: ${narrower.map((role) => role.name).join(', ')} grant less.`,
    );
  }
  return lines;
}
