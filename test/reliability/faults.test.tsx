/**
 * App-level faults (issue #7): the whole app (frame, screens, hooks, the real client) against the
 * emulator's fault injection over HTTP. For each fault: what the person sees, and what state the
 * org is left in (read back from the emulator). Retry waits and token expiry run on clocks the
 * test moves (ManualClock, the emulator's `clock`), never on real seconds.
 *
 * Covered elsewhere, and referenced from the README table instead of repeated here:
 * a token for another zone (test/screens/sign-in.test.tsx), a grant failing in the role picker
 * while the other changes apply (test/screens/role-picker.test.tsx), client-level retries and
 * reconciliation (test/api/retries.test.ts), 100 concurrent lost answers (load.test.ts).
 */
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import type {InkHandle} from '../helpers/ink.js';
import {anyFrameHas} from '../helpers/frames.js';
import {exchangeClient} from '../helpers/oidc.js';
import {
  ManualClock,
  clockedSession,
  freshAccount,
  orgState,
  requestsTo,
  tokenExchanges,
} from './fault-support.js';

const LIST = /^\/iam\/v1\/orgs\/1105\/service-accounts$/;
const LIST_PATH = '/iam/v1/orgs/1105/service-accounts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, {recursive: true, force: true})));
});

function accountsRoutes(emu: Emulator) {
  return [{name: 'orgs' as const}, {name: 'accounts' as const, org: demoOrg(emu)}];
}

/** The list is in: the seeded accounts of 1105 and the count line. */
async function waitForList(ui: InkHandle, emu: Emulator): Promise<string> {
  const seeded = emu.seed.serviceAccounts.filter(
    (sa) => sa.zone === 'nam' && sa.orgId === emu.seed.orgIds.primary,
  );
  return ui.waitFor(
    (f) => f.includes(`${seeded.length} of 20 service accounts`) && f.includes(seeded[0]!.name),
    {label: 'the account list'},
  );
}

/**
 * The list and everything it reads in the background (client counts, the refresh-token expiry in
 * the footer) have been answered: a later fault or clock move hits only what the test does next.
 */
async function waitForQuiet(ui: InkHandle, emu: Emulator): Promise<void> {
  await waitForList(ui, emu);
  const ids = emu.seed.serviceAccounts
    .filter((sa) => sa.zone === 'nam' && sa.orgId === emu.seed.orgIds.primary)
    .map((sa) => sa.id);
  await ui.waitFor(
    () =>
      requestsTo(emu, 'GET', /^\/iam\/v1\/refresh-tokens$/).length > 0 &&
      ids.every(
        (id) => requestsTo(emu, 'GET', new RegExp(`/service-accounts/${id}/clients$`)).length > 0,
      ),
    {label: 'background reads answered'},
  );
  // The account list's "last used" reads the org's API events in the background too.
  await ui.waitFor((frame) => frame.includes('Last used in 90 days'), {
    timeout: 20_000,
    label: 'the events read done',
  });
}

/**
 * n, a name, Enter, a description, Enter: the account form submitted. `whileOpen` runs once the
 * form shows (n reads the account count first, so a token made bad before n fails that read).
 */
async function createAccount(
  ui: InkHandle,
  name: string,
  description: string,
  whileOpen?: () => void,
): Promise<void> {
  await ui.press('n');
  await ui.waitForText('New service account in');
  whileOpen?.();
  await ui.type(name);
  await ui.press('enter');
  await ui.waitFor((f) => /Description .*\n› /.test(f), {label: 'description focused'});
  await ui.type(description);
  await ui.press('enter');
}

/** The footer line (the last line of the frame). */
const footer = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

/** A frame with an error box or a stack trace in it. */
const showsError = (frame: string) => /✗|had a problem|refused|\n\s+at \S/.test(frame);

describe('faults on reads', () => {
  it('429 burst with Retry-After: the footer says rate limited and the seconds, then the list shows', async () => {
    const emu = await startTestEmulator();
    const clock = new ManualClock();
    emu.faults.inject({
      method: 'GET',
      path: LIST_PATH,
      times: 2,
      fault: {type: 'status', status: 429, retryAfterSeconds: 2},
    });
    const ui = renderApp(clockedSession(emu, clock), {routes: accountsRoutes(emu)});

    const first = await ui.waitForText('retrying in 2 s (1/6)');
    expect(footer(first)).toContain('Rate limited on list service accounts: retrying in 2 s (1/6)');
    expect(first).toContain('Loading service accounts');
    // It waits the server's 2 s (on the clock), and has not asked again meanwhile.
    expect(clock.waiting).toEqual([2000]);
    expect(requestsTo(emu, 'GET', LIST).map((r) => r.status)).toEqual([429]);

    clock.release();
    await ui.waitForText('retrying in 2 s (2/6)');
    expect(clock.waiting).toEqual([2000]);
    clock.release();

    const frame = await waitForList(ui, emu);
    expect(showsError(frame)).toBe(false);
    expect(requestsTo(emu, 'GET', LIST).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('429 that does not stop: after the retries, "rate limited, wait N s" in place with r', async () => {
    const emu = await startTestEmulator();
    emu.faults.inject({
      method: 'GET',
      path: LIST_PATH,
      times: Infinity,
      fault: {type: 'status', status: 429, retryAfterSeconds: 2},
    });
    const ui = renderApp(testSession(emu), {routes: accountsRoutes(emu)});
    const frame = await ui.waitForText('Rate limited by', {timeout: 10_000});
    expect(frame).toContain(`Rate limited by NAM (${emu.zones.nam.api})`);
    expect(frame).toContain('Wait 2 s, then press r.');
    expect(frame).toMatch(/│ r retry/);
    expect(requestsTo(emu, 'GET', LIST)).toHaveLength(7);
    emu.faults.clear();
    await ui.press('r');
    await waitForList(ui, emu);
  });

  it('429 on a create: waits Retry-After, then creates once', async () => {
    const emu = await startTestEmulator();
    const clock = new ManualClock();
    const ui = renderApp(clockedSession(emu, clock), {routes: accountsRoutes(emu)});
    await waitForQuiet(ui, emu);
    emu.faults.inject({
      method: 'POST',
      path: LIST_PATH,
      fault: {type: 'status', status: 429, retryAfterSeconds: 3},
    });
    await createAccount(ui, 'throttled-app', 'Made after a 429');
    const waiting = await ui.waitForText('retrying in 3 s (1/6)');
    expect(footer(waiting)).toContain('Rate limited on create service account');
    clock.release();
    await ui.waitForText('Created throttled-app');
    const made = (await orgState(emu, 1105)).serviceAccounts.filter(
      (sa) => sa.name === 'throttled-app',
    );
    expect(made).toHaveLength(1);
    expect(requestsTo(emu, 'POST', LIST).map((r) => r.status)).toEqual([429, 201]);
  });

  it.each([500, 502] as const)(
    '%i twice on the list: retried with backoff (said in the footer), then the list shows',
    async (status) => {
      const emu = await startTestEmulator();
      const clock = new ManualClock();
      emu.faults.inject({
        method: 'GET',
        path: LIST_PATH,
        times: 2,
        fault: {type: 'status', status},
      });
      const ui = renderApp(clockedSession(emu, clock), {routes: accountsRoutes(emu)});
      const first = await ui.waitForText(`Flexera answered ${status} on list service accounts`);
      expect(footer(first)).toMatch(/retrying in \d+ s \(1\/6\)/);
      // The SDK's backoff: about 1 s, then about 2 s (±25 %).
      expect(clock.waiting).toHaveLength(1);
      expect(clock.waiting[0]).toBeGreaterThanOrEqual(750);
      expect(clock.waiting[0]).toBeLessThanOrEqual(1250);
      clock.release();
      await ui.waitFor((f) => f.includes('(2/6)'), {label: 'second retry'});
      expect(clock.waiting[0]).toBeGreaterThanOrEqual(1500);
      expect(clock.waiting[0]).toBeLessThanOrEqual(2500);
      clock.release();
      const frame = await waitForList(ui, emu);
      expect(showsError(frame)).toBe(false);
      expect(requestsTo(emu, 'GET', LIST).map((r) => r.status)).toEqual([status, status, 200]);
    },
  );

  it('a persistent 500: after the retries, a clear error in place with r; r recovers once it clears', async () => {
    const emu = await startTestEmulator();
    emu.faults.inject({
      method: 'GET',
      path: LIST_PATH,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    // testSession's FAST_RETRY: the SDK's 6 retries, with waits of milliseconds.
    const ui = renderApp(testSession(emu), {routes: accountsRoutes(emu)});
    const frame = await ui.waitForText('had a problem (500)', {timeout: 10_000});
    expect(frame).toContain(`NAM (${emu.zones.nam.api}) had a problem (500) with list service`);
    expect(frame).toContain('Press r to try again.');
    expect(frame).toMatch(/│ r retry/);
    expect(frame).not.toMatch(/\n\s+at \S/);
    // 1 + 6 retries, then it stopped.
    expect(requestsTo(emu, 'GET', LIST)).toHaveLength(7);

    emu.faults.clear();
    await ui.press('r');
    const recovered = await waitForList(ui, emu);
    expect(recovered).not.toContain('had a problem');
    expect(requestsTo(emu, 'GET', LIST).at(-1)!.status).toBe(200);
  });

  it('a connection dropped before the answer: retried, the list shows', async () => {
    const emu = await startTestEmulator();
    emu.faults.inject({method: 'GET', path: LIST_PATH, fault: {type: 'drop', when: 'before'}});
    const ui = renderApp(testSession(emu), {routes: accountsRoutes(emu)});
    const frame = await waitForList(ui, emu);
    expect(showsError(frame)).toBe(false);
    expect(anyFrameHas(ui.frames, 'Connection trouble on list service accounts: retrying')).toBe(
      true,
    );
    expect(requestsTo(emu, 'GET', LIST).map((r) => r.status)).toEqual([0, 200]);
  });

  it('an answer slower than the timeout: the timeout wording with r; r recovers', async () => {
    const emu = await startTestEmulator();
    const remove = emu.faults.inject({
      method: 'GET',
      path: LIST_PATH,
      times: Infinity,
      fault: {type: 'latency', ms: 1500},
    });
    const ui = renderApp(testSession(emu, {services: {timeoutMs: 300}}), {
      routes: accountsRoutes(emu),
    });
    const frame = await ui.waitForText('No answer from');
    expect(frame).toContain(`No answer from ${emu.zones.nam.api} within 300 ms`);
    expect(frame).toContain('List service accounts got no answer.');
    expect(frame).toContain('Check your connection or proxy (HTTPS_PROXY), then press r.');
    expect(frame).toMatch(/│ r retry/);
    // A timeout is reported at once, not retried for a minute: one attempt (the emulator logs
    // it when its slow answer goes out).
    await ui.waitFor(() => requestsTo(emu, 'GET', LIST).length > 0, {label: 'slow answer sent'});
    expect(requestsTo(emu, 'GET', LIST)).toHaveLength(1);
    expect(ui.lastFrame()).toContain('No answer from');

    remove();
    await ui.press('r');
    const recovered = await waitForList(ui, emu);
    expect(recovered).not.toContain('No answer from');
  });
});

describe('tokens mid-session', () => {
  it('the access token expires at the server mid-flow: refreshed silently, the create completes', async () => {
    let now = Date.now();
    const emu = await startTestEmulator({clock: () => now, tokenLifetimeSeconds: 60});
    const ui = renderApp(testSession(emu), {routes: accountsRoutes(emu)});
    await waitForQuiet(ui, emu);
    expect(tokenExchanges(emu).map((r) => r.status)).toEqual([200]);

    // While the form is open, the server's clock moves on: the app's token is expired there.
    await createAccount(ui, 'after-expiry', 'Created with a refreshed token', () => {
      now += 61_000;
    });
    const frame = await ui.waitForText('Created after-expiry');
    expect(showsError(frame)).toBe(false);

    // Refused once (401: the fresh read of the list that checks the name comes first), one new
    // exchange, the read sent again, then the create, once.
    expect(tokenExchanges(emu).map((r) => r.status)).toEqual([200, 200]);
    expect(
      requestsTo(emu, 'GET', LIST)
        .map((r) => r.status)
        .slice(-2),
    ).toEqual([401, 200]);
    expect(requestsTo(emu, 'POST', LIST).map((r) => r.status)).toEqual([201]);
    const made = (await orgState(emu, 1105)).serviceAccounts.filter(
      (sa) => sa.name === 'after-expiry',
    );
    expect(made).toHaveLength(1);
  });

  it('the access token nears expiry on the app’s clock: refreshed before sending, no 401', async () => {
    const clock = new ManualClock();
    const emu = await startTestEmulator({clock: clock.now, tokenLifetimeSeconds: 60});
    const ui = renderApp(clockedSession(emu, clock), {routes: accountsRoutes(emu)});
    await waitForQuiet(ui, emu);
    clock.advance(55_000);
    await createAccount(ui, 'refreshed-early', 'Created with a refreshed token');
    const frame = await ui.waitForText('Created refreshed-early');
    expect(showsError(frame)).toBe(false);
    expect(tokenExchanges(emu).map((r) => r.status)).toEqual([200, 200]);
    expect(requestsTo(emu, 'POST', LIST).map((r) => r.status)).toEqual([201]);
  });

  it('the refresh token revoked mid-session, then r: back to sign-in, saying why', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: accountsRoutes(emu)});
    await waitForList(ui, emu);
    emu.revokeRefreshToken(emu.refreshTokens.nam);
    await ui.press('r');
    const frame = await ui.waitForText('Sign in to Flexera One');
    expect(frame).toContain('Your refresh token was refused by NAM (revoked or expired)');
    expect(frame).not.toMatch(/\n\s+at \S/);
  });

  it('the refresh token revoked mid-session, then a create: not created, back to sign-in, saying why', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: accountsRoutes(emu)});
    await waitForQuiet(ui, emu);
    await createAccount(ui, 'never-made', 'The token is gone', () =>
      emu.revokeRefreshToken(emu.refreshTokens.nam),
    );
    // The fresh read before the create was refused (401) and the new exchange too: nothing was
    // sent, nothing created …
    await ui.waitFor(() => tokenExchanges(emu).some((r) => r.status === 401), {
      label: 'the refused exchange',
    });
    expect(
      requestsTo(emu, 'GET', LIST)
        .map((r) => r.status)
        .at(-1),
    ).toBe(401);
    expect(requestsTo(emu, 'POST', LIST)).toEqual([]);
    expect((await orgState(emu, 1105)).serviceAccounts.some((sa) => sa.name === 'never-made')).toBe(
      false,
    );
    // … and the app says so the same way as for a read: sign in again (issue #7).
    const frame = await ui.waitForText('Sign in to Flexera One');
    expect(frame).toContain('Your refresh token was refused by NAM (revoked or expired)');
  });
});

describe('a write whose answer is lost after the server did it', () => {
  it('create account, connection dropped after the write: shown once, no duplicate', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: accountsRoutes(emu)});
    await waitForList(ui, emu);
    emu.faults.inject({method: 'POST', path: LIST_PATH, fault: {type: 'drop', when: 'after'}});
    await createAccount(ui, 'lost-answer', 'Its 201 never arrived');
    const frame = await ui.waitForText('Created lost-answer');
    expect(showsError(frame)).toBe(false);

    const made = (await orgState(emu, 1105)).serviceAccounts.filter(
      (sa) => sa.name === 'lost-answer',
    );
    expect(made).toHaveLength(1);
    expect(frame).toContain(`Created lost-answer (${made[0]!.id})`);
    expect(made[0]!.description).toBe('Its 201 never arrived');
    // One POST (its answer lost), never sent again; the app found it in the list.
    expect(requestsTo(emu, 'POST', LIST).map((r) => r.status)).toEqual([0]);
    const rows = frame
      .split('\n')
      .filter((line) => /\blost-answer\b/.test(line) && /\d{4}-/.test(line));
    expect(rows).toHaveLength(1);
  });

  it('client mint, connection dropped after the write: one client afterwards, and its secret works', async () => {
    const emu = await startTestEmulator();
    const account = freshAccount(emu);
    const clientsPath = `/iam/v1/orgs/1105/service-accounts/${account.id}/clients`;
    const dir = await mkdtemp(path.join(tmpdir(), 'flexera-sa-faults-'));
    dirs.push(dir);
    const ui = renderApp(testSession(emu), {
      routes: [{name: 'orgs'}, {name: 'clients', org: demoOrg(emu), accountId: account.id}],
    });
    await ui.waitForText('No clients yet');
    emu.faults.inject({method: 'POST', path: clientsPath, fault: {type: 'drop', when: 'after'}});
    await ui.press('m');
    const frame = await ui.waitForText(`New client for ${account.name}`);
    expect(showsError(frame)).toBe(false);

    // Exactly one client: the orphan (no secret to show) was deleted and one minted again.
    const clients = (await orgState(emu, 1105)).serviceAccounts.find(
      (sa) => sa.id === account.id,
    )!.clients;
    expect(clients).toHaveLength(1);
    const posts = requestsTo(emu, 'POST', new RegExp(`^${clientsPath}$`));
    expect(posts.map((r) => r.status)).toEqual([0, 201]);
    const deletes = requestsTo(emu, 'DELETE', new RegExp(`^${clientsPath}/`));
    expect(deletes.map((r) => r.status)).toEqual([204]);
    expect(deletes[0]!.path).not.toContain(clients[0]!.clientId);
    expect(frame).toContain(clients[0]!.clientId);

    // The secret shown is the live client's: written with w (0600), it exchanges.
    const file = path.join(dir, 'after-drop.env');
    await ui.press('w');
    await ui.waitForText('Write to a new file as .env');
    await ui.waitForText('-client.env');
    await ui.press('ctrlU');
    await ui.type(file);
    await ui.press('enter');
    await ui.waitForText('mode 0600).');
    const text = await readFile(file, 'utf8');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const secret = /^FLEXERA_CLIENT_SECRET='?([^'\n]+)'?$/m.exec(text)?.[1];
    expect(text).toContain(`FLEXERA_CLIENT_ID=${clients[0]!.clientId}`);
    expect(secret).toBeDefined();
    expect(await exchangeClient(emu, clients[0]!.clientId, secret!)).toBe(200);
  });
});

describe('keys that reach the app in one read (type-ahead while busy, a slow link)', () => {
  const focused = (frame: string) => frame.split('\n').find((line) => line.startsWith('› ')) ?? '';

  it('"jj" in one read moves twice, as two reads do; "/leg" opens the filter with "leg"', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: accountsRoutes(emu)});
    await waitForQuiet(ui, emu);
    // Two reads: the control.
    await ui.press('j', 2);
    await ui.waitFor((f) => focused(f).includes('inventory-sync'), {label: 'two down'});
    await ui.press('g');
    await ui.waitFor((f) => focused(f).includes('billing-export'), {label: 'back to the top'});
    // One read holding both keys, as a terminal delivers keys typed while the app was busy.
    await ui.type('jj');
    await ui.waitFor((f) => focused(f).includes('inventory-sync'), {label: '"jj" in one read'});
    await ui.type('/leg');
    await ui.waitFor(
      (f) => f.includes('/ leg') && f.includes('legacy-reporting') && !f.includes('billing-export'),
      {
        label: '"/leg" in one read',
      },
    );
  });
});
