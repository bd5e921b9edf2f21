import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {MAX_SERVICE_ACCOUNTS_PER_ORG} from '../../source/limits.js';
import {
  deleteConfirmText,
  deleteConsequences,
} from '../../source/screens/account-delete/account-delete.js';
import {
  accountChanges,
  accountInput,
  validateAccountFields,
} from '../../source/screens/account-form/account-form.js';
import {EMPTY_ORG_HINT} from '../../source/screens/account-list/input.js';
import {
  NEEDS_PRIVILEGE_CELL,
  NEVER_USED_MARK,
  UNUSED_MARK,
} from '../../source/screens/account-list/views.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {expectFits, flat, resizeToFit} from '../helpers/frames.js';

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
  const response = await fetch(`${emu.zones.nam.api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await accessToken(emu)}`,
      ...(body === undefined ? {} : {'content-type': 'application/json'}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response;
}

async function createOverHttp(emu: Emulator, orgId: number, name: string, description?: string) {
  const response = await call(emu, 'POST', `/iam/v1/orgs/${orgId}/service-accounts`, {
    name,
    ...(description === undefined ? {} : {description}),
  });
  expect(response.status).toBe(201);
  return Number(response.headers.get('location')!.split('/').pop());
}

interface StateAccount {
  id: number;
  name: string;
  description?: string;
  clients: {clientId: string}[];
}
interface StateOrg {
  id: number;
  serviceAccounts: StateAccount[];
  accessRules: {subject: {ref: string}; roleName: string}[];
}

async function orgState(emu: Emulator, orgId: number): Promise<StateOrg> {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  const state = (await response.json()) as {orgs: StateOrg[]};
  return state.orgs.find((org) => org.id === orgId)!;
}

/** Requests the app made (the test's own setup is forgotten with resetRequests first). */
function appRequests(emu: Emulator, method: string, pattern: RegExp) {
  return emu.requests.filter((r) => r.method === method && pattern.test(r.path));
}

/** The form's description field has the keys (its value line carries the pointer). */
const descriptionFocused = (frame: string) => /Description .*\n› /.test(frame);

const focusedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('› '));
const rowOf = (frame: string, text: string) =>
  frame.split('\n').find((line) => line.includes(text) && /\d{4}-\d\d-\d\d/.test(line));

function accountsRoute(emu: Emulator, org = demoOrg(emu)) {
  return [{name: 'orgs' as const}, {name: 'accounts' as const, org}];
}

// ---------------------------------------------------------------------------------------------

describe('account list', () => {
  it('lists the seed accounts with their roles and client counts (… while counting)', async () => {
    const emu = await startTestEmulator();
    const stopSlow = emu.faults.inject({
      path: /\/clients$/,
      times: Infinity,
      fault: {type: 'latency', ms: 400},
    });
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu), columns: 160, rows: 30});
    await ui.waitForText('Loading service accounts');
    const counting = await ui.waitForText('counting clients');
    expect(rowOf(counting, 'billing-export')).toMatch(/ … /);
    stopSlow();
    const frame = await ui.waitFor((f) => f.includes('service accounts') && !/ … \d{4}-/.test(f), {
      label: 'every count in',
    });
    const seeded = emu.seed.serviceAccounts.filter(
      (sa) => sa.zone === 'nam' && sa.orgId === org.id,
    );
    expect(frame).toContain(`${seeded.length} of ${MAX_SERVICE_ACCOUNTS_PER_ORG} service accounts`);
    for (const sa of seeded) {
      const row = rowOf(frame, sa.name);
      expect(row, sa.name).toBeDefined();
      expect(row).toContain(String(sa.id));
      for (const role of sa.roles) expect(row).toContain(role);
      if (sa.roles.length === 0) expect(row).toContain('—');
      expect(row).toMatch(new RegExp(`\\s${sa.clients.length}\\s+\\d{4}-\\d\\d-\\d\\d$`));
    }
  });

  it('opens the focused account with Enter, served from the list without another request', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('policy-automation');
    await ui.press('down');
    await ui.waitFor((f) => focusedLine(f)?.includes('policy-automation') === true);
    await ui.press('enter');
    await ui.waitForText('id 2258 · ref');
    expect(appRequests(emu, 'GET', /\/service-accounts\/2258$/)).toHaveLength(0);
    await ui.press('esc');
    const back = await ui.waitForText('of 20 service accounts');
    expect(focusedLine(back)).toContain('policy-automation');
  });

  it('filters with / and refreshes accounts, roles and clients with r', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitFor((f) => f.includes('grafana-dashboards') && !f.includes('counting clients'));
    await ui.press('/');
    await ui.waitForText('Enter apply · Esc clear');
    await ui.type('billing_center');
    const filtered = await ui.waitForText('filtered from 6');
    expect(filtered).toContain('grafana-dashboards');
    expect(filtered).not.toContain('terraform-iam');
    await ui.press('esc');
    await ui.waitForText('terraform-iam');

    const id = await createOverHttp(emu, org.id, 'made-elsewhere');
    await call(emu, 'PUT', `/iam/v1/orgs/${org.id}/access-rules/grant`, {
      role: {name: 'di_viewer'},
      subject: {ref: `ref::::iam:service-account:${id}`},
    });
    await call(emu, 'POST', `/iam/v1/orgs/${org.id}/service-accounts/${id}/clients`);
    emu.resetRequests();
    await ui.press('r');
    const frame = await ui.waitFor((f) => /made-elsewhere.*di_viewer .*\s1\s+\d{4}-/.test(f), {
      label: 'the new account with its role and client',
    });
    expect(frame).toContain('7 of 20 service accounts');
    expect(appRequests(emu, 'GET', /\/service-accounts$/)).toHaveLength(1);
    expect(appRequests(emu, 'GET', /\/access-rules/)).toHaveLength(1);
    expect(appRequests(emu, 'GET', /\/clients$/).length).toBeGreaterThanOrEqual(7);
  });

  it('creates an account with n: spinner, then focused in the list, once in the emulator', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('grafana-dashboards');
    emu.resetRequests();
    const slow = emu.faults.inject({
      method: 'POST',
      path: `/iam/v1/orgs/${org.id}/service-accounts`,
      fault: {type: 'latency', ms: 300},
    });
    await ui.press('n');
    await ui.waitForText('New service account in Acme Corp');
    // A bell typed or pasted into the field is dropped, not sent.
    await ui.type('cost-report\u0007er');
    await ui.press('tab');
    await ui.waitFor(descriptionFocused);
    await ui.type('Monthly cost report for finance');
    // Enter pressed again while the request runs sends nothing more.
    await ui.press('enter', 3);
    await ui.waitForText('Creating the service account');
    const frame = await ui.waitForText('Created cost-reporter');
    slow();
    expect(focusedLine(frame)).toContain('cost-reporter');
    expect(frame).toContain('7 of 20 service accounts');

    const state = await orgState(emu, org.id);
    const made = state.serviceAccounts.filter((sa) => sa.name === 'cost-reporter');
    expect(made).toHaveLength(1);
    expect(made[0]!.description).toBe('Monthly cost report for finance');
    expect(appRequests(emu, 'POST', /\/service-accounts$/)).toHaveLength(1);
  });

  it('keeps the input and shows the refusal in place when the server says no', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    // Someone else fills the org while the form is open: only the server can say no.
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('grafana-dashboards');
    await ui.press('n');
    await ui.waitForText('New service account');
    for (let i = 0; i < 14; i++) await createOverHttp(emu, org.id, `filler-${i}`);
    await ui.type('one-too-many');
    await ui.press('enter');
    await ui.press('enter');
    const frame = await ui.waitForText('refused');
    expect(frame).toContain('already has 20 service accounts');
    expect(frame).toContain('one-too-many');
    expect(frame).toContain('New service account');
    // Esc asks before dropping the typed name; y drops it; nothing was created.
    await ui.press('esc');
    await ui.waitForText('Discard the typed name?');
    await ui.press('y');
    await ui.waitFor((f) => f.includes('showing') && !f.includes('New service account'));
    const state = await orgState(emu, org.id);
    expect(state.serviceAccounts.some((sa) => sa.name === 'one-too-many')).toBe(false);
  });

  it('n reads the count again first: filled elsewhere while the list is open, it refuses at 20 and sends nothing', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('grafana-dashboards');
    expect(ui.lastFrame()).toContain('6 of 20 service accounts');
    for (let i = 0; i < 14; i++) await createOverHttp(emu, org.id, `filler-${i}`);
    // The screen still says 6: nothing told it. n reads again before offering the form.
    expect(ui.lastFrame()).toContain('6 of 20 service accounts');
    emu.resetRequests();
    await ui.press('n');
    const refused = flat(await ui.waitForText('an org may hold at most 20'));
    expect(refused).toContain('20 of 20 service accounts: an org may hold at most 20.');
    expect(refused).not.toContain('New service account');
    expect(refused).toContain('filler-0');
    expect(emu.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(
      emu.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/service-accounts')),
    ).toHaveLength(1);
  });

  it('n with room left offers the form on the count read just now, and keys typed meanwhile land in it', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('grafana-dashboards');
    await createOverHttp(emu, org.id, 'made-by-curl');
    // n and a name back to back: the name waits for the form (its d is never a delete).
    ui.stdin.write('n');
    ui.stdin.write('d');
    ui.stdin.write('rd');
    const form = flat(await ui.waitForText('New service account'));
    expect(form).toContain('7 of 20 service accounts in use.');
    await ui.waitForText('› drd');
    expect(ui.frames.join('\n')).not.toMatch(/Type .* to delete|Delete service account/i);
  });

  it('an account made elsewhere shows when the list is re-entered past the fresh age (and not before)', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const listReads = () =>
      emu.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/service-accounts')).length;
    /** Opens the focused account and comes back: the list screen is entered again. */
    async function reenter(ui: ReturnType<typeof renderApp>) {
      await ui.press('enter');
      await ui.waitFor((f) => /Clients \(/.test(f));
      await ui.press('esc');
      await ui.waitForText('service accounts');
    }

    // Within the age (the default 30 s): re-entering is served from the cache, no request.
    const cached = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await cached.waitForText('6 of 20 service accounts');
    await createOverHttp(emu, org.id, 'made-by-curl');
    const before = listReads();
    await reenter(cached);
    expect(cached.lastFrame()).toContain('6 of 20 service accounts');
    expect(cached.lastFrame()).not.toContain('made-by-curl');
    expect(listReads()).toBe(before);
    cached.unmount();

    // Past the age (shortened to 0 here): the list is read again on entry and shows it.
    const aged = renderApp(testSession(emu, {services: {staleTimeMs: 0}}), {
      routes: accountsRoute(emu),
    });
    await aged.waitForText('7 of 20 service accounts');
    await createOverHttp(emu, org.id, 'made-later');
    expect(aged.lastFrame()).not.toContain('made-later');
    await reenter(aged);
    const frame = await aged.waitForText('made-later');
    expect(frame).toContain('8 of 20 service accounts');
  });

  it('validates before sending: empty, blank, 513-character name, 4097-character description', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('grafana-dashboards');
    emu.resetRequests();
    await ui.press('n');
    await ui.waitForText('Name  0/512');

    await ui.press('enter'); // name → description
    await ui.press('enter'); // submit
    await ui.waitForText('A name is required.');

    await ui.type('   ');
    await ui.press('enter');
    await ui.press('enter');
    await ui.waitForText('A name cannot be only spaces.');

    await ui.press('ctrlU');
    await ui.type('a'.repeat(513));
    await ui.waitForText('513/512');
    await ui.press('enter');
    await ui.press('enter');
    await ui.waitForText('Too long: 513 characters, at most 512.');

    await ui.press('backspace');
    await ui.waitForText('512/512');
    await ui.press('tab');
    await ui.waitFor(descriptionFocused);
    await ui.type('d'.repeat(4097));
    await ui.press('enter');
    await ui.waitForText('Too long: 4,097 characters, at most 4,096.');

    expect(appRequests(emu, 'POST', /\/service-accounts$/)).toHaveLength(0);
    // Fixing the description sends it: exactly 512 and 4096 characters are allowed.
    await ui.press('backspace');
    await ui.press('enter');
    await ui.waitForText('Created a');
    expect(appRequests(emu, 'POST', /\/service-accounts$/)).toHaveLength(1);
    const created = (await orgState(emu, demoOrg(emu).id)).serviceAccounts.find((sa) =>
      sa.name.startsWith('aaa'),
    )!;
    expect([...created.name]).toHaveLength(512);
    expect([...created.description!]).toHaveLength(4096);
  });

  it('explains the 20-account limit on n and sends nothing', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const existing = (await orgState(emu, org.id)).serviceAccounts.length;
    for (let i = existing; i < MAX_SERVICE_ACCOUNTS_PER_ORG; i++) {
      await createOverHttp(emu, org.id, `filler-${i}`);
    }
    emu.resetRequests();
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('20 of 20 service accounts');
    await ui.press('n');
    const frame = await ui.waitForText('at most 20');
    expect(frame).toContain('Delete one (d) before creating another');
    expect(frame).not.toContain('New service account');
    expect(appRequests(emu, 'POST', /\/service-accounts$/)).toHaveLength(0);
  });

  it('edits the focused account with e, sending only what changed', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('billing-export');
    emu.resetRequests();

    // Nothing changed → nothing sent.
    await ui.press('e');
    await ui.waitForText('Edit billing-export (2257)');
    expect(ui.lastFrame()).toContain('Nightly cloud cost export');
    await ui.press('enter');
    await ui.press('enter');
    await ui.waitForText('Nothing changed, so nothing was sent.');
    expect(appRequests(emu, 'PATCH', /./)).toHaveLength(0);

    await ui.press('e');
    await ui.waitForText('Edit billing-export (2257)');
    await ui.press('ctrlU');
    await ui.type('billing-export-v2');
    await ui.press('enter');
    await ui.press('enter');
    const frame = await ui.waitForText('Saved billing-export-v2');
    expect(rowOf(frame, '2257')).toContain('billing-export-v2');
    expect(focusedLine(frame)).toContain('billing-export-v2');
    expect(appRequests(emu, 'PATCH', /\/service-accounts\/2257$/)).toHaveLength(1);
    const sa = (await orgState(emu, org.id)).serviceAccounts.find((a) => a.id === 2257)!;
    expect(sa.name).toBe('billing-export-v2');
    expect(sa.description).toBe('Nightly cloud cost export to the data lake');
  });

  it('deletes with d only after the exact name, then the account and its clients are gone', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitFor((f) => f.includes('terraform-iam') && !f.includes('counting clients'));
    await ui.press('down', 3);
    await ui.waitFor((f) => focusedLine(f)?.includes('terraform-iam') === true);
    await ui.press('d');
    const dialog = await ui.waitForText('Delete service account terraform-iam (2260)?');
    expect(dialog).toContain('Its 2 clients stop working');
    expect(dialog).toContain('Its roles are revoked: iam_admin.');

    await ui.type('terraform');
    await ui.press('enter');
    await ui.waitForText('That is not "terraform-iam"');
    expect((await orgState(emu, org.id)).serviceAccounts.some((sa) => sa.id === 2260)).toBe(true);

    await ui.type('-iam');
    await ui.press('enter');
    const frame = await ui.waitForText('Deleted terraform-iam (2260)');
    expect(rowOf(frame, 'terraform-iam')).toBeUndefined();
    expect(frame).toContain('5 of 20 service accounts');

    const state = await orgState(emu, org.id);
    expect(state.serviceAccounts.some((sa) => sa.id === 2260)).toBe(false);
    const seeded = emu.seed.serviceAccounts.find((sa) => sa.id === 2260)!;
    const clientIds = state.serviceAccounts.flatMap((sa) => sa.clients.map((c) => c.clientId));
    for (const client of seeded.clients) expect(clientIds).not.toContain(client.clientId);
    expect(state.accessRules.some((rule) => rule.subject.ref.endsWith(':2260'))).toBe(false);
  });

  it('cancels a delete with Esc: nothing sent', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('billing-export');
    emu.resetRequests();
    await ui.press('d');
    await ui.waitForText('Type billing-export to delete it');
    await ui.press('esc');
    const frame = await ui.waitForText('of 20 service accounts');
    expect(frame).toContain('billing-export');
    expect(appRequests(emu, 'DELETE', /./)).toHaveLength(0);
  });

  it('shows names with escape sequences and control characters inert, and can still delete them', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const id = await createOverHttp(
      emu,
      org.id,
      '\u001b[31mred\u001b[0m\u0007bell',
      'x\u001b]52;c;aGk=\u0007',
    );
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    const frame = await ui.waitForText('␛[31mred␛[0m␇bell');
    expect(ui.lastRawFrame()).not.toContain('\u001b[31mred');
    expect(ui.lastRawFrame()).not.toContain('\u0007');
    expect(rowOf(frame, String(id))).toContain('␛[31mred');

    await ui.press('G');
    await ui.waitFor((f) => focusedLine(f)?.includes('␛[31mred') === true);
    await ui.press('enter');
    await ui.waitForText(`id ${id} · ref`);
    expect(ui.lastRawFrame()).not.toContain('\u001b[31mred');
    expect(ui.lastRawFrame()).not.toContain('\u001b]52');
    expect(ui.lastFrame()).toContain('x␛]52;c;aGk=␇');
    await ui.press('esc');

    // The name cannot be typed with its control characters: what a field can hold confirms.
    await ui.waitForText('of 20 service accounts');
    await ui.press('d');
    await ui.waitForText('its name without control characters');
    await ui.type('[31mred[0mbell');
    await ui.press('enter');
    await ui.waitForText(`(${id}); its clients no longer work`);
    expect((await orgState(emu, org.id)).serviceAccounts.some((sa) => sa.id === id)).toBe(false);
  });

  it('keeps columns aligned with wide and emoji names', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ids = [
      await createOverHttp(emu, org.id, '数据导出-日本語の名前'),
      await createOverHttp(emu, org.id, '🚀 rocket 👨‍👩‍👧 family'),
      await createOverHttp(emu, org.id, 'e\u0301te\u0301 combining'),
    ];
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu), columns: 80, rows: 24});
    const frame = await ui.waitFor((f) => f.includes('🚀') && !f.includes('counting clients'));
    const rows = [2257, 2262, ...ids].map((id) => {
      const line = rowOf(frame, ` ${id} `);
      expect(line, String(id)).toBeDefined();
      return line!;
    });
    const idEnds = rows.map((line, i) => {
      const id = String([2257, 2262, ...ids][i]);
      return stringWidth(line.slice(0, line.indexOf(` ${id} `) + id.length + 1));
    });
    expect(new Set(idEnds).size).toBe(1);
    for (const line of rows) expect(stringWidth(line)).toBe(80);
  });

  it('offers the guided setup in an org without service accounts', async () => {
    const emu = await startTestEmulator();
    const adminOrg = emu.seed.orgs.find((o) => o.id === emu.seed.orgIds.admin)!;
    for (const sa of emu.seed.serviceAccounts.filter((s) => s.orgId === adminOrg.id)) {
      expect(
        (await call(emu, 'DELETE', `/iam/v1/orgs/${adminOrg.id}/service-accounts/${sa.id}`)).status,
      ).toBe(204);
    }
    const org = {id: adminOrg.id, name: adminOrg.name};
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu, org)});
    const frame = await ui.waitForText(EMPTY_ORG_HINT);
    expect(frame).toContain('0 of 20 service accounts');
    await ui.press('o');
    await ui.waitFor(
      (f) => f.split('\n')[0]!.includes(`${adminOrg.name} › `) && !f.includes(EMPTY_ORG_HINT),
      {label: 'the guided setup pushed'},
    );
  });

  it('names the missing privilege when listing is forbidden (read-only org)', async () => {
    const emu = await startTestEmulator();
    const readOnly = emu.seed.orgs.find((o) => o.id === emu.seed.orgIds.readOnly)!;
    const ui = renderApp(testSession(emu), {
      routes: accountsRoute(emu, {id: readOnly.id, name: readOnly.name}),
    });
    const frame = await ui.waitForText('Not allowed');
    expect(frame).toContain('iam:service_account:index');
    expect(frame).not.toMatch(/at \w+ \(/);
    // n, e and d do nothing without a list.
    emu.resetRequests();
    await ui.press('n');
    expect(ui.lastFrame()).not.toContain('New service account');
    expect(appRequests(emu, 'POST', /./)).toHaveLength(0);
  });

  it('shows a server error in place and recovers with r', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const stop = emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${org.id}/service-accounts`,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    const frame = await ui.waitForText('had a problem (500)');
    expect(frame).toContain('r retry');
    stop();
    await ui.press('r');
    await ui.waitForText('6 of 20 service accounts');
  });

  it('shows the curl command for the listing with c, and no token', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('billing-export');
    await ui.press('c');
    const frame = await ui.waitForText('curl -sS');
    expect(frame).toContain(`${emu.zones.nam.api}/iam/v1/orgs/${org.id}/service-accounts`);
    expect(frame).toContain('$ACCESS_TOKEN');
    expect(frame).not.toContain(emu.refreshTokens.nam);
    await ui.press('esc');
    const back = await ui.waitForText('of 20 service accounts');
    expect(back.split('\n')[0]).toContain('Acme Corp');
  });

  it('fits 80×24 and follows a resize', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    for (let i = 0; i < 10; i++)
      await createOverHttp(emu, org.id, `bulk-${String(i).padStart(2, '0')}`);
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu), columns: 80, rows: 24});
    const frame = await ui.waitFor((f) => f.includes('showing') && !f.includes('counting clients'));
    expectFits(frame, 80, 24);
    await ui.press('G');
    expectFits(await ui.waitFor((f) => focusedLine(f)?.includes('bulk-09') === true), 80, 24);

    const small = await resizeToFit(ui, 70, 20, 'bulk-09');
    expect(focusedLine(small)).toContain('bulk-09');

    await ui.press('n');
    expectFits(await ui.waitForText('New service account'), 70, 20);
    await ui.press('esc');
    await ui.waitFor((f) => f.includes('showing') && !f.includes('New service account'));
    await ui.press('d');
    expectFits(await ui.waitForText('Type bulk-09'), 70, 20);
  });

  describe('last used (API events)', () => {
    /** The whole 90 days read: the legend replaces the progress line. */
    const usageRead = (f: string) => f.includes('Last used in 90 days');
    const READ = {timeout: 20_000, label: 'the events read'};
    const rowIds = (frame: string) =>
      frame
        .split('\n')
        .flatMap((line) => /^[› ] .*? (\d{4}) /.exec(line)?.[1] ?? [])
        .map(Number);

    it('shows first rows while reading, then last use with marks for the unused and never-used accounts', async () => {
      const emu = await startTestEmulator();
      const stopSlow = emu.faults.inject({
        path: /\/api-events$/,
        times: Infinity,
        fault: {type: 'latency', ms: 300},
      });
      const ui = renderApp(testSession(emu), {routes: accountsRoute(emu), columns: 80, rows: 24});
      const reading = await ui.waitFor(
        (f) =>
          f.includes('reading 90 days of API events') && rowOf(f, 'billing-export') !== undefined,
        {label: 'rows before the read completes'},
      );
      expectFits(reading, 80, 24);
      stopSlow();
      const frame = await ui.waitFor(usageRead, READ);
      expectFits(frame, 80, 24);
      expect(rowOf(frame, 'grafana-dashboards')).toMatch(/! unused \d+ d/);
      expect(rowOf(frame, 'legacy-reporting')).toContain(NEVER_USED_MARK);
      for (const name of ['billing-export', 'policy-automation', 'terraform-iam']) {
        const row = rowOf(frame, name)!;
        expect(row, name).toMatch(/(\d+ (min|h|d) ago|just now)/);
        expect(row).not.toContain(UNUSED_MARK);
        expect(row).not.toContain(NEVER_USED_MARK);
      }
      // One read of the org's events serves every row: a single first page, the rest by skipToken.
      const reads = appRequests(emu, 'GET', /\/api-events\?/);
      expect(reads.filter((r) => !r.path.includes('skipToken'))).toHaveLength(1);
      expect(reads.every((r) => r.path.startsWith('/iam/v1/orgs/1105/'))).toBe(true);
      expectFits(await resizeToFit(ui, 60, 16, NEVER_USED_MARK.slice(0, 8)), 60, 16);
    });

    it('sorts least recently used first with s, and back with s', async () => {
      const emu = await startTestEmulator();
      const ui = renderApp(testSession(emu), {routes: accountsRoute(emu), columns: 100, rows: 30});
      const served = rowIds(await ui.waitFor(usageRead, READ));
      expect(served.slice(0, 6)).toEqual([2257, 2258, 2259, 2260, 2261, 2262]);
      await ui.press('s');
      const sorted = await ui.waitFor((f) => rowIds(f)[0] === 2261, {label: 'never used first'});
      // never used, then unused 61 d, then inventory-sync (21 d), then the daily ones.
      expect(rowIds(sorted).slice(0, 3)).toEqual([2261, 2262, 2259]);
      expect(focusedLine(sorted)).toContain('billing-export');
      await ui.press('s');
      await ui.waitFor((f) => rowIds(f)[0] === 2257, {label: 'the served order again'});
      await ui.press('?');
      expect(await ui.waitForText('Sort least recently used first')).toBeDefined();
    });

    it('says what is needed in the column without the privilege, and the list still works', async () => {
      const emu = await startTestEmulator();
      emu.faults.inject({
        path: /\/api-events$/,
        times: Infinity,
        fault: {type: 'status', status: 403},
      });
      const ui = renderApp(testSession(emu), {routes: accountsRoute(emu), columns: 80, rows: 24});
      const frame = await ui.waitForText('reading API events needs');
      expect(frame).toContain('iam_admin or org owner');
      expect(rowOf(frame, 'billing-export')).toContain(NEEDS_PRIVILEGE_CELL);
      expect(rowOf(frame, 'legacy-reporting')).not.toContain(NEVER_USED_MARK);
      expectFits(frame, 80, 24);
      expectFits(await resizeToFit(ui, 60, 16, 'reading API events needs'), 60, 16);
      await ui.press('enter');
      await ui.waitForText('id 2257 · ref');
    });
  });

  it('validates, trims and diffs the form fields', () => {
    expect(validateAccountFields({name: '', description: ''})).toEqual({
      name: 'A name is required.',
    });
    expect(validateAccountFields({name: ' \u00a0 ', description: ''}).name).toMatch(/only spaces/);
    expect(validateAccountFields({name: 'é'.repeat(512), description: ''})).toEqual({});
    expect(validateAccountFields({name: '😀'.repeat(513), description: ''}).name).toMatch(/513/);
    expect(validateAccountFields({name: 'a\u001b[31m', description: ''}).name).toMatch(/control/);
    expect(validateAccountFields({name: 'a', description: 'x\u0007'}).description).toMatch(
      /control/,
    );
    // Edit: a server name with control characters, left as it was, is neither judged nor sent.
    const server = {name: '\u001b[31mred', description: 'old'};
    expect(validateAccountFields({...server, description: 'new'}, server)).toEqual({});
    expect(accountChanges(server, {...server, description: ' new '})).toEqual({description: 'new'});
    expect(accountChanges(server, server)).toEqual({});
    expect(accountChanges({name: 'a'}, {name: ' a ', description: ''})).toEqual({});
    expect(accountChanges({name: 'a', description: 'd'}, {name: 'b', description: ''})).toEqual({
      name: 'b',
      description: '',
    });
    expect(accountInput({name: '  app ', description: '  '})).toEqual({name: 'app'});
  });

  it('asks for a name that can be typed, and says what a delete takes with it', () => {
    expect(deleteConfirmText({id: 7, name: 'billing'})).toBe('billing');
    expect(deleteConfirmText({id: 7, name: '\u001b[31mred\u0007'})).toBe('[31mred');
    expect(deleteConfirmText({id: 7, name: '\u0007\u0007'})).toBe('7');
    expect(deleteConsequences(2, ['a', 'b'])).toEqual([
      'Its 2 clients stop working: applications using them lose access at once.',
      'Its roles are revoked: a, b.',
      'This cannot be undone.',
    ]);
    expect(deleteConsequences(0, [])[0]).toMatch(/no clients/);
    expect(deleteConsequences(undefined, ['a', 'b', 'c', 'd', 'e'])[1]).toBe(
      'Its roles are revoked: a, b, c, d and 1 more.',
    );
  });
});
