import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import type {OrgSummary} from '../../source/navigation.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {expectFits, resizeToFit} from '../helpers/frames.js';

// ---------------------------------------------------------------------------------------------
// The emulator over HTTP, as a second client would use it (setup and checks, never the app's).

async function accessToken(emu: Emulator): Promise<string> {
  const response = await fetch(`${emu.zones.nam.login}/oidc/token`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as {access_token: string}).access_token;
}

async function call(emu: Emulator, method: string, path: string, body?: unknown) {
  return fetch(`${emu.zones.nam.api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await accessToken(emu)}`,
      ...(body === undefined ? {} : {'content-type': 'application/json'}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function grant(
  emu: Emulator,
  orgId: number,
  accountId: number,
  role: string,
  scope?: string,
) {
  const response = await call(emu, 'PUT', `/iam/v1/orgs/${orgId}/access-rules/grant`, {
    role: {name: role},
    subject: {ref: `ref::::iam:service-account:${accountId}`},
    ...(scope === undefined ? {} : {scope: {ref: scope}}),
  });
  expect(response.status, role).toBe(204);
}

interface StateOrg {
  id: number;
  serviceAccounts: {
    id: number;
    name: string;
    description?: string;
    clients: {clientId: string}[];
  }[];
  accessRules: {subject: {ref: string}}[];
}

async function orgState(emu: Emulator, orgId: number): Promise<StateOrg> {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  return ((await response.json()) as {orgs: StateOrg[]}).orgs.find((org) => org.id === orgId)!;
}

function detailRoutes(org: OrgSummary, accountId: number) {
  return [
    {name: 'orgs' as const},
    {name: 'accounts' as const, org},
    {name: 'account' as const, org, accountId},
  ];
}

/** The form's description field has the keys (its value line carries the pointer). */
const descriptionFocused = (frame: string) => /Description .*\n› /.test(frame);

const loaded = (frame: string) =>
  frame.includes('Clients (') && !frame.includes('Loading') && !frame.includes('reading project');

// ---------------------------------------------------------------------------------------------

describe('account detail', () => {
  it('shows what emu.seed says: name, id, ref, description, roles with scope, clients', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    for (const id of [2258, 2260, 2261]) {
      const sa = emu.seed.serviceAccounts.find((s) => s.id === id)!;
      const ui = renderApp(testSession(emu), {routes: detailRoutes(org, id)});
      const frame = await ui.waitFor(loaded, {label: `account ${id}`});
      expect(frame.split('\n')[0]).toContain(`Acme Corp › ${sa.name}`);
      expect(frame).toContain(`id ${id} · ref iam#service-account:${id}`);
      expect(frame).toMatch(/created \d{4}-\d\d-\d\d \d\d:\d\d UTC by you \(121456\)/);
      expect(frame).toContain(sa.description ?? '(no description)');
      expect(frame).toContain(`Roles (${sa.roles.length})`);
      for (const role of sa.roles) {
        expect(frame).toMatch(new RegExp(`^  ${role}\\s.*\\sorg$`, 'm'));
      }
      if (sa.roles.length === 0) expect(frame).toContain('none: it can do nothing yet');
      expect(frame).toContain(`Clients (${sa.clients.length} of 2)`);
      for (const client of sa.clients) expect(frame).toContain(client.clientId);
      if (sa.clients.length === 0)
        expect(frame).toContain('press m to open its clients and mint one');
      ui.unmount();
    }
  });

  it('is served from the list: no request for the account itself', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: detailRoutes(org, 2257)});
    await ui.waitForText('Loading the service account');
    await ui.waitFor(loaded);
    const reads = emu.requests.filter(
      (r) => r.method === 'GET' && /\/service-accounts\/2257$/.test(r.path),
    );
    expect(reads).toHaveLength(0);
  });

  it('names a project scope by its project', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const staging = emu.seed.projects.find((p) => p.name === 'Staging')!;
    await grant(emu, org.id, 2257, 'policy_viewer', `ref::${org.id}::iam:project:${staging.id}`);
    const ui = renderApp(testSession(emu), {routes: detailRoutes(org, 2257)});
    const frame = await ui.waitForText(`project Staging (${staging.id})`);
    expect(frame).toMatch(/^ {2}policy_viewer\s.*project Staging/m);
    expect(frame).toMatch(/^ {2}billing_center_viewer\s.*\sorg$/m);
    expect(frame).toContain('Roles (2)');
  });

  for (const [key, route, label] of [
    ['a', 'roles', 'role picker'],
    ['m', 'clients', 'Clients screen'],
    ['t', 'rotate', 'rotation'],
  ] as const) {
    it(`opens the ${label} with ${key}`, async () => {
      const emu = await startTestEmulator();
      const org = demoOrg(emu);
      const ui = renderApp(testSession(emu), {routes: detailRoutes(org, 2257)});
      await ui.waitFor(loaded);
      await ui.press(key);
      // The detail is now a crumb, by the account's name, under the pushed screen (`${route}`).
      await ui.waitFor((f) => f.split('\n')[0]!.includes('billing-export › '), {label: route});
    });
  }

  it('edits with e: only the description is sent, and shown', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: detailRoutes(org, 2259)});
    await ui.waitFor(loaded);
    emu.resetRequests();
    await ui.press('e');
    await ui.waitForText('Edit inventory-sync (2259)');
    await ui.press('tab');
    await ui.waitFor(descriptionFocused);
    await ui.press('ctrlU');
    await ui.type('Feeds the CMDB nightly');
    await ui.press('enter');
    const frame = await ui.waitForText('Saved.');
    expect(frame).toContain('Feeds the CMDB nightly');
    expect(emu.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    const sa = (await orgState(emu, org.id)).serviceAccounts.find((a) => a.id === 2259)!;
    expect(sa).toMatchObject({name: 'inventory-sync', description: 'Feeds the CMDB nightly'});
  });

  it('deletes with d after the exact name, then goes back to the list without it', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const seeded = emu.seed.serviceAccounts.find((s) => s.id === 2262)!;
    const ui = renderApp(testSession(emu), {routes: detailRoutes(org, 2262)});
    await ui.waitFor(loaded);
    await ui.press('d');
    const dialog = await ui.waitForText('Delete service account grafana-dashboards (2262)?');
    expect(dialog).toContain('Its 1 client stops working');
    expect(dialog).toContain('Its roles are revoked: billing_center_viewer, budget_viewer.');
    await ui.type('grafana-dashboard');
    await ui.press('enter');
    await ui.waitForText('That is not "grafana-dashboards"');
    await ui.type('s');
    await ui.press('enter');
    const list = await ui.waitForText('5 of 20 service accounts');
    expect(list).not.toContain('grafana-dashboards');
    expect(list.split('\n')[0]).toMatch(/Acme Corp$/);

    const state = await orgState(emu, org.id);
    expect(state.serviceAccounts.some((sa) => sa.id === 2262)).toBe(false);
    const clientIds = state.serviceAccounts.flatMap((sa) => sa.clients.map((c) => c.clientId));
    expect(clientIds).not.toContain(seeded.clients[0]!.clientId);
    expect(state.accessRules.some((rule) => rule.subject.ref.endsWith(':2262'))).toBe(false);
  });

  it('lands on the account list after a delete when the detail was the first screen', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: [{name: 'account', org, accountId: 2261}]});
    await ui.waitFor(loaded);
    await ui.press('d');
    await ui.waitForText('It has no clients');
    await ui.type('legacy-reporting');
    await ui.press('enter');
    const list = await ui.waitForText('5 of 20 service accounts');
    expect(list).not.toContain('legacy-reporting');
  });

  it('shows the curl commands for its reads with c, without any token; Esc closes', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: detailRoutes(org, 2257)});
    await ui.waitFor(loaded);
    await ui.press('c');
    const frame = await ui.waitForText('The same with curl');
    expect(frame).toContain(`'${emu.zones.nam.api}/iam/v1/orgs/${org.id}/service-accounts/2257'`);
    expect(frame).toContain(`/iam/v1/orgs/${org.id}/access-rules`);
    expect(frame).toContain('iam:service-account:2257');
    expect(frame).toContain('$ACCESS_TOKEN');
    expect(frame).not.toContain(emu.refreshTokens.nam);
    expect(frame).not.toContain(await accessToken(emu).then((t) => t.slice(0, 24)));
    await ui.press('esc');
    const back = await ui.waitFor(loaded);
    expect(back.split('\n')[0]).toMatch(/billing-export$/);
  });

  it('says so when the account was deleted elsewhere: on open, and on r', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    expect((await call(emu, 'DELETE', `/iam/v1/orgs/${org.id}/service-accounts/2259`)).status).toBe(
      204,
    );
    const gone = renderApp(testSession(emu), {routes: detailRoutes(org, 2259)});
    const frame = await gone.waitForText('Service account 2259 no longer exists in Acme Corp');
    expect(frame).toContain('Esc goes back to the list · r refreshes');
    gone.unmount();

    const ui = renderApp(testSession(emu), {routes: detailRoutes(org, 2260)});
    await ui.waitFor(loaded);
    expect((await call(emu, 'DELETE', `/iam/v1/orgs/${org.id}/service-accounts/2260`)).status).toBe(
      204,
    );
    await ui.press('r');
    await ui.waitForText('Service account 2260 no longer exists');
    await ui.press('esc');
    const list = await ui.waitForText('of 20 service accounts');
    expect(list).not.toContain('terraform-iam');
  });

  it('names the missing privilege for a user who may not read service accounts', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu, {refreshToken: emu.seed.viewer.refreshToken}), {
      routes: detailRoutes(org, 2257),
    });
    const frame = await ui.waitForText('Not allowed');
    expect(frame).toContain('iam:service_account:index');
  });

  it('shows a failed clients read in place while the rest of the account shows', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    emu.faults.inject({
      path: `/iam/v1/orgs/${org.id}/service-accounts/2257/clients`,
      times: Infinity,
      fault: {type: 'status', status: 502},
    });
    const ui = renderApp(testSession(emu), {routes: detailRoutes(org, 2257)});
    const frame = await ui.waitForText('had a problem (502)');
    expect(frame).toContain('billing_center_viewer');
    expect(frame).toContain('Clients (…)');
    emu.faults.clear();
    await ui.press('r');
    await ui.waitForText('Clients (1 of 2)');
  });

  it('draws server strings inert: ANSI and control characters in the name and description', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const created = await call(emu, 'POST', `/iam/v1/orgs/${org.id}/service-accounts`, {
      name: '\u001b[31mred\u001b[0m\u0007',
      description: 'line one\nline two \u001b[2J\u009b6n',
    });
    const id = Number(created.headers.get('location')!.split('/').pop());
    const ui = renderApp(testSession(emu), {routes: detailRoutes(org, id)});
    const frame = await ui.waitFor(loaded);
    expect(frame).toContain('␛[31mred␛[0m␇');
    expect(frame).toContain('line one');
    expect(frame).toContain('line two ␛[2J�6n');
    const raw = ui.lastRawFrame();
    expect(raw).not.toContain('\u001b[31mred');
    expect(raw).not.toContain('\u001b[2J');
    expect(raw).not.toContain('\u009b');
    expect(raw).not.toContain('\u0007');
  });

  it('fits 80×24 with a long description and many roles, and follows a resize', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const words = Array.from({length: 500}, (_, i) => `word${i}`).join(' ');
    const patched = await call(emu, 'PATCH', `/iam/v1/orgs/${org.id}/service-accounts/2257`, {
      description: words,
    });
    expect(patched.status).toBe(204);
    const roles = [
      'policy_viewer',
      'policy_manager',
      'observer',
      'budget_viewer',
      'di_viewer',
      'uom_report_viewer',
      'credential_viewer',
      'reserved_instances_viewer',
      'bill_adjustments_viewer',
      'vendor_workspace_viewer',
      'ss_observer',
      'content_user',
    ];
    for (const role of roles) await grant(emu, org.id, 2257, role);
    const ui = renderApp(testSession(emu), {
      routes: detailRoutes(org, 2257),
      columns: 80,
      rows: 24,
    });
    const frame = await ui.waitFor(loaded);
    expectFits(frame, 80, 24);
    expect(frame).toContain('Roles (13)');
    expect(frame).toMatch(/… and \d+ more \(a shows them all\)/);
    expect(frame).toContain('word0 word1');
    expect(frame).not.toContain('word499');
    expect(frame).toContain('Clients (1 of 2)');

    await resizeToFit(ui, 70, 20, 'Clients (1 of 2)');

    await ui.press('e');
    expectFits(await ui.waitForText('Edit billing-export'), 70, 20);
    await ui.press('esc');
    await ui.waitFor(loaded);
    await ui.press('d');
    expectFits(await ui.waitForText('Type billing-export'), 70, 20);
  });
});
