/**
 * Role picker: every role of the org grouped by category, the account's current grants in the
 * chosen scope (the org, or one project) pre-checked; Space toggles, `/` searches names, display
 * names, categories and privileges; Enter previews the diff (+ grant / − revoke) before anything
 * is sent; broad roles need a second confirmation (typing "grant"); the changes are applied one
 * request each, with each result shown as it lands. org_owner (and any superuser-type role) is
 * refused for a service account with the reason (API.md §6.2).
 */
import {Box} from 'ink';
import {useCallback, useMemo, useReducer, useRef} from 'react';
import {serviceAccountRef} from '../../api/refs.js';
import {describeError} from '../../errors/describe.js';
import {useApplyRoleChanges} from '../../hooks/mutations.js';
import {useCapabilities} from '../../hooks/client-secrets.js';
import {useProjects, useRoles, useServiceAccount} from '../../hooks/queries.js';
import {useGrantsInScopes} from '../../hooks/roles.js';
import {DIALOG_ACTIONS} from '../../ui/keys/keymap.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {
  broadReason,
  describeChange,
  grantKey,
  orderByCategory,
  rolesByName,
  sameScope,
  scopeOfChange,
  type RoleScope,
} from '../../roles/index.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {ConfirmDialog, SpinnerLine, useLatest} from '../../ui/index.js';
import {ApiErrorBox, useRefreshKey} from '../shared/index.js';
import {PickStage} from './pick-stage.js';
import type {RoleRow} from './role-list.js';
import {ScopePicker} from './scope-picker.js';
import {initialPickerState, pickerReducer, scopesInPlay} from './state.js';
import {CurlView, PreviewView, ResultsView, type PreviewItem} from './views.js';
import {
  broadDialogBody,
  broadOf,
  changeCurls,
  pendingChanges,
  type HeldByScope,
} from './changes.js';
import {HELP, pickerHints, useRolePickerInput} from './input.js';

export function RolePickerScreen({org, accountId}: {org: OrgSummary; accountId: number}) {
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  const subjectRef = useMemo(() => serviceAccountRef(accountId), [accountId]);
  const roles = useRoles(org.id);
  const projects = useProjects(org.id);
  const account = useServiceAccount(org.id, accountId);
  const [state, dispatch] = useReducer(pickerReducer, initialPickerState);
  const {scope, edits, typing, stage} = state;
  const scopes = useMemo(() => scopesInPlay({scope, edits}), [scope, edits]);
  const grants = useGrantsInScopes(org.id, subjectRef, scopes);
  const current = grants[0]!.query;
  const apply = useApplyRoleChanges(org.id, subjectRef);
  const applying = useRef(false);

  const capabilities = useCapabilities(org.id);
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

  useRolePickerInput({
    state,
    dispatch,
    ready,
    rolesLoaded: roles.data !== undefined,
    changes: changes.length,
    broad: broadGrants.length,
    applyPending: apply.isPending,
    startApply,
    backToPicker,
    leave: () => navigation.back(),
  });

  const refetch = useCallback(() => {
    void roles.refetch();
    void current.refetch();
    void projects.refetch();
  }, [roles, current, projects]);
  useRefreshKey(refetch, stage === 'pick' && !typing);

  useScreenChrome({
    title: 'Roles',
    hints: pickerHints(stage, typing, apply.isPending),
    help: HELP,
  });

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
          commands={changeCurls(session.endpoints, org.id, subjectRef, changes).map(
            (command, index) => ({
              label: previewItems[index]?.text ?? changes[index]?.roleName ?? '',
              command,
            }),
          )}
          width={width}
          rows={body.rows}
          onClose={() => dispatch({type: 'stage', stage: 'preview'})}
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
            prompt={`Type grant to apply all ${changes.length} change${changes.length === 1 ? '' : 's'}, or press ${DIALOG_ACTIONS.cancel.label} to go back to the review`}
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
    case 'pick':
      return (
        <PickStage
          state={state}
          dispatch={dispatch}
          header={`${accountLabel} · scope: ${scopeText}`}
          account={accountLabel}
          grants={current}
          catalogue={catalogue}
          heldHere={heldHere}
          hasCapability={capabilities.has}
          orgName={org.name}
          pending={changes.length}
          width={width}
          height={body.rows}
          onToggle={toggle}
        />
      );
  }
}
