/**
 * Org picker: the signed-in user's orgs (GET /iam/v1/users/{id}/orgs), the ones used most
 * recently first; `/` filters; `i` opens an org by id, for when listing is not permitted.
 */
import {Box, Text} from 'ink';
import {useCallback, useMemo, useState} from 'react';
import type {UserOrg} from '../../api/schemas.js';
import {ZONES} from '../../api/zones.js';
import {curlFor} from '../../curl/index.js';
import {useIdentity, useOrgs} from '../../hooks/queries.js';
import {GLOBAL_ACTIONS, matchAction, hintText, keyLine, relabel} from '../../ui/keys/keymap.js';
import {useNavigation, type OrgSummary} from '../../navigation.js';
import {useBodySize, useScreenChrome} from '../../screen-chrome.js';
import {useSession} from '../../session.js';
import {Priority, TextField, WindowedList, theme, useKeys, type Column} from '../../ui/index.js';
import {CurlOverlay} from '../shared/index.js';
import {QueryState, useRefreshKey} from '../shared/index.js';
import {ORG_PICKER_ACTIONS, ORG_PICKER_HELP, ORG_PICKER_HINTS} from './keys.js';

interface OrgRow extends OrgSummary {
  recent: boolean;
}

export function OrgPickerScreen() {
  const session = useSession();
  const navigation = useNavigation();
  const body = useBodySize();
  const orgs = useOrgs();
  const identity = useIdentity();
  const [typingId, setTypingId] = useState(false);
  const [filtering, setFiltering] = useState(false);
  const [curlOpen, setCurlOpen] = useState(false);
  const zone = session.endpoints.zone;

  const open = useCallback(
    (org: OrgSummary) => {
      session.preferences.rememberOrg(zone, org);
      navigation.push({name: 'accounts', org});
    },
    [navigation, session.preferences, zone],
  );

  useScreenChrome({title: 'Orgs', hints: ORG_PICKER_HINTS, help: ORG_PICKER_HELP});
  useRefreshKey(orgs.refetch, !typingId && !filtering && !curlOpen);
  useKeys(
    (input, key) => {
      switch (matchAction(input, key, ORG_PICKER_ACTIONS)) {
        case 'byId':
          setTypingId(true);
          return true;
        case 'curl':
          setCurlOpen(true);
          return true;
        default:
          return false;
      }
    },
    {
      priority: Priority.Normal,
      isActive: !typingId && !filtering && !curlOpen,
      keys: ORG_PICKER_ACTIONS,
    },
  );

  const rows = useMemo(
    () => orderByRecent(orgs.data ?? [], session.preferences.recentOrgs(zone)),
    [orgs.data, session.preferences, zone],
  );

  if (curlOpen) {
    const userId = identity.data?.kind === 'user' ? identity.data.userId : undefined;
    return (
      <CurlOverlay
        commands={[
          curlFor(session.endpoints, {kind: 'refresh-token-exchange'}),
          ...(userId === undefined
            ? []
            : [curlFor(session.endpoints, {kind: 'list-orgs', userId})]),
        ]}
        onClose={() => setCurlOpen(false)}
        width={body.columns}
        height={body.rows}
      />
    );
  }

  if (typingId) {
    return (
      <OrgIdForm
        onCancel={() => setTypingId(false)}
        onOpen={(id) => open({id, name: rows.find((org) => org.id === id)?.name ?? `org ${id}`})}
      />
    );
  }

  return (
    <Box flexDirection="column">
      <QueryState query={orgs} what="your orgs" width={body.columns}>
        {() => (
          <>
            <Text dimColor wrap="truncate-end">
              Your orgs in {ZONES[zone].label} ({rows.length}) —{' '}
              {hintText(relabel(GLOBAL_ACTIONS.open, 'opens one'))}
            </Text>
            <WindowedList
              items={rows}
              getKey={(org) => String(org.id)}
              height={Math.max(1, body.rows - 1)}
              width={body.columns}
              columns={COLUMNS}
              onSelect={open}
              onFilterModeChange={setFiltering}
              emptyText={`You are not a member of any org in this zone. Press ${ORG_PICKER_ACTIONS.byId.label} to type an org id.`}
            />
          </>
        )}
      </QueryState>
      {orgs.isError ? (
        <Text
          color={theme.accent}
        >{`Press ${ORG_PICKER_ACTIONS.byId.label} to open an org by its id.`}</Text>
      ) : null}
    </Box>
  );
}

const COLUMNS: readonly Column<OrgRow>[] = [
  {header: 'Org', width: 'fill', value: (org) => org.name},
  {header: 'ID', width: 10, align: 'right', value: (org) => String(org.id)},
  {header: '', width: 8, value: (org) => (org.recent ? 'recent' : ''), color: () => 'gray'},
];

/** Recently opened orgs first (most recent first), then the rest in the server's order. */
export function orderByRecent(orgs: readonly UserOrg[], recent: readonly {id: number}[]): OrgRow[] {
  const rank = new Map(recent.map((org, index) => [org.id, index]));
  const rows = orgs.map((org) => ({id: org.id, name: org.name, recent: rank.has(org.id)}));
  return rows
    .map((row, index) => ({row, index}))
    .sort(
      (a, b) =>
        (rank.get(a.row.id) ?? Infinity) - (rank.get(b.row.id) ?? Infinity) || a.index - b.index,
    )
    .map(({row}) => row);
}

function OrgIdForm(props: {onOpen: (id: number) => void; onCancel: () => void}) {
  const body = useBodySize();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  useKeys(
    (_input, key) => {
      if (!key.escape) return false;
      props.onCancel();
      return true;
    },
    {priority: Priority.Input + 1, keys: [GLOBAL_ACTIONS.back]},
  );
  return (
    <Box flexDirection="column">
      <TextField
        label="Org id"
        value={value}
        onChange={(next) => {
          setValue(next);
          setError(undefined);
        }}
        onSubmit={(raw) => {
          const text = raw.trim();
          if (!/^\d{1,15}$/.test(text) || Number(text) < 1) {
            setError(
              'An org id is a number such as 1105 (see the URL of your org in Flexera One).',
            );
            return;
          }
          props.onOpen(Number(text));
        }}
        focus
        placeholder="1105"
        hint={keyLine(
          relabel(GLOBAL_ACTIONS.open, 'opens it'),
          relabel(GLOBAL_ACTIONS.back, 'cancels'),
        )}
        error={error}
        width={body.columns}
      />
    </Box>
  );
}
