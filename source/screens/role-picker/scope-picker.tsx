/**
 * The scope picker (`o`): the whole org, or exactly one of its projects (API.md §6.5: the org
 * scope covers the org and all its projects; a project scope covers that project only).
 */
import type {UseQueryResult} from '@tanstack/react-query';
import {Box, Text} from 'ink';
import type {Project} from '../../api/schemas.js';
import type {OrgSummary} from '../../navigation.js';
import {ORG_SCOPE, projectScope, scopeKey, type RoleScope} from '../../roles/index.js';
import {WindowedList, theme, type Column} from '../../ui/index.js';
import {QueryState} from '../shared/index.js';

interface ScopeRow {
  readonly scope: RoleScope;
  readonly label: string;
  readonly id: string;
  readonly pending: number;
}

const COLUMNS: readonly Column<ScopeRow>[] = [
  {header: 'Scope', width: 'fill', value: (row) => row.label},
  {header: 'ID', width: 8, align: 'right', value: (row) => row.id},
  {
    header: '',
    width: 11,
    value: (row) => (row.pending > 0 ? `${row.pending} change${row.pending === 1 ? '' : 's'}` : ''),
    color: () => theme.accent,
  },
];

const getKey = (row: ScopeRow) => scopeKey(row.scope);

export function ScopePicker(props: {
  org: OrgSummary;
  projects: Pick<UseQueryResult<Project[]>, 'data' | 'error' | 'isPending' | 'isError'>;
  current: RoleScope;
  pendingIn: (scope: RoleScope) => number;
  width: number;
  rows: number;
  onPick: (scope: RoleScope) => void;
  onCancel: () => void;
}) {
  const {org, width} = props;
  const orgRow: ScopeRow = {
    scope: ORG_SCOPE,
    label: `Organization ${org.name} (with all its projects)`,
    id: String(org.id),
    pending: props.pendingIn(ORG_SCOPE),
  };
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        Grant in which scope? Enter picks · Esc keeps the current one
      </Text>
      <QueryState query={props.projects} what="projects" width={width}>
        {(projects) => {
          const rows: ScopeRow[] = [
            orgRow,
            ...projects.map((project) => {
              const scope = projectScope(project.id);
              return {
                scope,
                label: `Project ${project.name}`,
                id: String(project.id),
                pending: props.pendingIn(scope),
              };
            }),
          ];
          return (
            <WindowedList
              items={rows}
              getKey={getKey}
              columns={COLUMNS}
              height={Math.max(1, props.rows - 2)}
              width={width}
              filterable={rows.length > 8}
              onSelect={(row) => props.onPick(row.scope)}
              onBack={props.onCancel}
              initialFocusKey={scopeKey(props.current)}
            />
          );
        }}
      </QueryState>
      {props.projects.isError ? (
        <Text wrap="truncate-end">Projects cannot be listed: Esc keeps the org scope.</Text>
      ) : (
        <Text dimColor wrap="truncate-end">
          The org scope covers every project; a project scope covers that project only.
        </Text>
      )}
    </Box>
  );
}
