/**
 * The event, secret and capability hooks on the real emulator: one read of the org's events
 * serves every account; secrets leave only through the promise; project rules are not org roles.
 */
import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {describe, expect, it} from 'vitest';
import {ApiProvider} from '../../source/hooks/api-provider.js';
import {createQueryClient} from '../../source/hooks/query-client.js';
import {queryKeys} from '../../source/hooks/query-keys.js';
import {useAccountRows} from '../../source/hooks/accounts.js';
import {
  useAddClientSecret,
  useCapabilities,
  useClientSecrets,
  useDeleteClientSecret,
} from '../../source/hooks/client-secrets.js';
import {useAccountActivity, useLastUsed, useOrgChanges} from '../../source/hooks/events.js';
import {usageMark} from '../../source/events/usage.js';
import type {Emulator} from '../../source/emulator/index.js';
import {startTestEmulator, testSession} from '../helpers/app.js';
import {renderInk} from '../helpers/ink.js';

function withApi(emu: Emulator, element: React.ReactElement) {
  const session = testSession(emu);
  return renderInk(<ApiProvider client={session.client!}>{element}</ApiProvider>, {
    columns: 200,
    rows: 40,
    keys: false,
  });
}

const eventReads = (emu: Emulator, orgId: number) =>
  emu.requests.filter((r) => r.path.startsWith(`/iam/v1/orgs/${orgId}/api-events`));

function LastUsedProbe({orgId}: {orgId: number}) {
  const last = useLastUsed(orgId);
  // Two more consumers of the same read: they must not read again.
  const activity = useAccountActivity(orgId, 2257);
  const changes = useOrgChanges(orgId);
  if (last.needs) return <Text>needs {last.needs}</Text>;
  if (!last.complete) return <Text>reading {Math.round(last.progress * 100)}%</Text>;
  const marks = [2257, 2258, 2260, 2262, 2261]
    .map((id) => `${id}:${usageMark(last.usage.get(id), last.now!)}`)
    .join(' ');
  return (
    <Text>
      done {marks} calls2257:{activity.calls.length} newestFirst:
      {String(activity.calls[0]!.at >= activity.calls.at(-1)!.at)} changes:{changes.changes.length}
    </Text>
  );
}

describe('event hooks', () => {
  it('one paged read of the org serves last use, an account activity and the changes', async () => {
    const emu = await startTestEmulator();
    emu.resetRequests();
    const ui = withApi(emu, <LastUsedProbe orgId={1105} />);
    const frame = await ui.waitForText('done');
    expect(frame).toContain('2257:active 2258:active 2260:active 2262:unused 2261:never');
    expect(frame).toContain('newestFirst:true');
    expect(frame).toMatch(/calls2257:\d{3}/);
    expect(frame).toMatch(/changes:(9|1\d)/);
    const reads = eventReads(emu, 1105);
    // Pages of 200 over ~2,600 events: one read, not one per account or per consumer.
    const firstPages = reads.filter((r) => !r.path.includes('skipToken'));
    expect(firstPages).toHaveLength(1);
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.length).toBeLessThan(30);
  });

  it('leaving the screen cancels the read: it stops before the last page', async () => {
    const emu = await startTestEmulator();
    emu.faults.inject({
      path: '/iam/v1/orgs/1105/api-events',
      times: Infinity,
      fault: {type: 'latency', ms: 100},
    });
    emu.resetRequests();
    const queryClient = createQueryClient();
    const session = testSession(emu);
    const ui = renderInk(
      <ApiProvider client={session.client!} queryClient={queryClient}>
        <LastUsedProbe orgId={1105} />
      </ApiProvider>,
      {columns: 200, rows: 40, keys: false},
    );
    await ui.waitFor(() => eventReads(emu, 1105).length >= 2);
    ui.unmount();
    // Settled: a read that was not cancelled would stay 'fetching' until its last page.
    const key = queryKeys.apiEvents(1105, 90);
    await ui.waitFor(() => queryClient.getQueryState(key)?.fetchStatus === 'idle');
    const pages = eventReads(emu, 1105).length;
    // The whole window is 8 pages of 200 (see the test above); the cancelled read stopped early.
    expect(pages).toBeLessThan(6);
    expect(queryClient.getQueryState(key)?.fetchStatus).toBe('idle');
  });

  it('says what is needed when the caller may not read events', async () => {
    const emu = await startTestEmulator();
    const ui = withApi(emu, <LastUsedProbe orgId={1207} />);
    expect(await ui.waitForText('needs')).toContain('needs iam_admin or org owner');
  });
});

function SecretsProbe({clientId}: {clientId: string}) {
  const ref = {orgId: 1105, serviceAccountId: 2257, clientId};
  const secrets = useClientSecrets(ref);
  const add = useAddClientSecret(ref);
  const remove = useDeleteClientSecret(ref);
  const [step, setStep] = useState('start');
  const [tail, setTail] = useState('');
  const count = secrets.data?.length;
  useEffect(() => {
    if (step === 'start' && count === 1) {
      setStep('adding');
      void add.add().then(({clientSecret}) => {
        setTail(clientSecret.slice(-4));
        setStep('added');
      });
    }
    if (step === 'added' && count === 2) {
      setStep('deleting');
      remove.mutate(undefined, {onSuccess: () => setStep('deleted')});
    }
  }, [step, count, add, remove]);
  return (
    <Text>
      step:{step} count:{String(count)} supported:{String(secrets.supported)} masks:
      {(secrets.data ?? []).map((s) => s.maskedClientSecret).join(',')} tail:{tail}
    </Text>
  );
}

describe('client secret hooks', () => {
  it('adds a secret (handed over once), lists the masks, deletes the old one', async () => {
    const emu = await startTestEmulator();
    const {clientId} = emu.seed.serviceAccounts.find((sa) => sa.id === 2257)!.clients[0]!;
    const ui = withApi(emu, <SecretsProbe clientId={clientId} />);
    const frame = await ui.waitFor((f) => f.includes('step:deleted') && f.includes('count:1'));
    const tail = /tail:(\w{4})/.exec(frame)![1]!;
    expect(frame).toContain(`masks:****${tail}`);
    expect(frame).toContain('supported:true');
  });

  it('reports a deployment without secret endpoints as unsupported', async () => {
    const emu = await startTestEmulator({forms: {clientSecrets: false}});
    const {clientId} = emu.seed.serviceAccounts.find((sa) => sa.id === 2257)!.clients[0]!;
    const ui = withApi(emu, <SecretsProbe clientId={clientId} />);
    expect(await ui.waitForText('supported:false')).toContain('count:undefined');
  });
});

function CapabilityProbe() {
  const capabilities = useCapabilities(1105);
  if (!capabilities.isSuccess) return <Text>loading</Text>;
  return (
    <Text>
      policy:{String(capabilities.has('policy'))} sbom:{String(capabilities.has('sbom'))}
    </Text>
  );
}

function RowsProbe() {
  const {rows, rules} = useAccountRows(1105);
  if (!rules.isSuccess || rows.length === 0) return <Text>loading</Text>;
  return (
    <Text>
      {rows.map((row) => `${row.account.id}=${row.roleNames.join('+') || '-'}`).join(' ')}
    </Text>
  );
}

describe('capabilities and access-rule forms', () => {
  it('tells which capabilities the org has', async () => {
    const emu = await startTestEmulator();
    expect(await withApi(emu, <CapabilityProbe />).waitForText('policy:')).toContain(
      'policy:true sbom:false',
    );
  });

  it('shows a project grant in an unscoped list as no org role (SPEC example form)', async () => {
    const emu = await startTestEmulator({
      forms: {projectRulesInList: true, specExampleRules: true},
    });
    // inventory-sync gets a role on one project only.
    const token = await fetch(`${emu.zones.nam.login}/oidc/token`, {
      method: 'POST',
      headers: {'content-type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: emu.refreshTokens.nam,
      }),
    }).then((r) => r.json() as Promise<{access_token: string}>);
    const granted = await fetch(`${emu.zones.nam.api}/iam/v1/orgs/1105/access-rules/grant`, {
      method: 'PUT',
      headers: {authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json'},
      body: JSON.stringify({
        role: {name: 'policy_manager'},
        subject: {ref: 'ref::::iam:service-account:2261'},
        scope: {ref: 'ref::1105::iam:project:2345'},
      }),
    });
    expect(granted.status).toBe(204);
    const frame = await withApi(emu, <RowsProbe />).waitForText('2257=');
    expect(frame).toContain('2261=-');
    expect(frame).toContain('2257=billing_center_viewer');
  });
});
