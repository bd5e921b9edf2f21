import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {MAX_CLIENTS_PER_SERVICE_ACCOUNT} from '../../source/limits.js';
import {SAVE_SECRET_QUESTION as LEAVE_QUESTION} from '../../source/screens/credentials/index.js';
import type {Emulator} from '../../source/emulator/index.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {type InkHandle} from '../helpers/ink.js';
import {clientsOf, fakeTool, grantRole, seedAccount, tempDir} from './credentials/support.js';
import {exchangeClient, tokenRequests} from '../helpers/oidc.js';
import {anyFrameHas, expectFits, flat, resizeToFit} from '../helpers/frames.js';

type Options = Parameters<typeof testSession>[1];

/** The app on [org picker, client minting of `accountId`]: Esc from minting lands on the orgs. */
function openMint(
  emu: Emulator,
  accountId: number,
  options: Options & {columns?: number; rows?: number} = {},
) {
  const {columns, rows, ...session} = options;
  return renderApp(testSession(emu, session), {
    routes: [{name: 'orgs'}, {name: 'clients', org: demoOrg(emu), accountId}],
    ...(columns !== undefined ? {columns, rows} : {}),
  });
}

/** An account with no roles and no clients (legacy-reporting in the seed). */
const fresh = (emu: Emulator) =>
  seedAccount(emu, (sa) => sa.roles.length === 0 && sa.clients.length === 0);

/** Writes the credentials to `<dir>/<name>` with `w` and returns the file's text. */
async function writeFileWithW(ui: InkHandle, file: string): Promise<string> {
  await ui.press('w');
  await ui.waitForText('Write to a new file as .env');
  await ui.waitForText('-client.env'); // the suggested free name
  await ui.press('ctrlU');
  await ui.type(file);
  await ui.press('enter');
  await ui.waitFor((f) => flat(f).includes('Wrote') && flat(f).includes('mode 0600'), {
    label: 'written',
  });
  return readFile(file, 'utf8');
}

function secretIn(envText: string): string {
  const match = /^FLEXERA_CLIENT_SECRET=(.+)$/m.exec(envText);
  expect(match).not.toBeNull();
  return match![1]!.replace(/^'|'$/g, '');
}

describe('client minting: the list', () => {
  it('shows loading, then the clients with created and created by', async () => {
    const emu = await startTestEmulator();
    const account = seedAccount(emu, (sa) => sa.clients.length === 2);
    const ui = openMint(emu, account.id);
    await ui.waitForText('Loading clients');
    const frame = await ui.waitForText(account.clients[1]!.clientId);
    expect(frame).toContain(account.clients[0]!.clientId);
    expect(frame).toContain(
      `${account.name} (${account.id}) · 2/${MAX_CLIENTS_PER_SERVICE_ACCOUNT} clients`,
    );
    expect(frame).toContain('Created by');
    expect(frame).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
  });

  it('says when there are none, and x has nothing to delete', async () => {
    const emu = await startTestEmulator();
    const ui = openMint(emu, fresh(emu).id);
    await ui.waitForText('No clients yet. Press m to mint one');
    await ui.press('x');
    await ui.waitForText('There is no client to delete.');
  });

  it('shows a failed list in place', async () => {
    const emu = await startTestEmulator();
    const account = fresh(emu);
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${emu.seed.orgIds.primary}/service-accounts/${account.id}/clients`,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = openMint(emu, account.id);
    const frame = await ui.waitForText('had a problem (500)');
    expect(frame).not.toMatch(/at \w+ \(/);
  });
});

describe('client minting: mint and hand off', () => {
  it('keeps the secret off screen until s; w writes a 0600 file once, never twice', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir();
    const account = fresh(emu);
    const orgId = emu.seed.orgIds.primary;
    const ui = openMint(emu, account.id);
    await ui.waitForText('No clients yet');
    await ui.press('m');
    await ui.waitForText(`New client for ${account.name}`);
    const frame = ui.lastFrame();
    expect(frame).toContain('••••••••••••••••');

    const file = path.join(dir, 'creds.env');
    const text = await writeFileWithW(ui, file);
    const secret = secretIn(text);
    expect(secret.length).toBeGreaterThan(10);
    expect(anyFrameHas(ui.frames, secret)).toBe(false);

    // The emulator holds exactly one client: the one in the file.
    const held = await clientsOf(emu, orgId, account.id);
    expect(held).toHaveLength(1);
    expect(text).toContain(`FLEXERA_CLIENT_ID=${held[0]!.clientId}`);
    expect(text).toContain(`FLEXERA_TOKEN_URL=${emu.zones.nam.login}/oidc/token`);
    expect(text).toContain(`FLEXERA_ORG_ID=${orgId}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await exchangeClient(emu, held[0]!.clientId, secret)).toBe(200);

    // A second write to the same path is refused in place; the file is unchanged.
    await ui.press('w');
    await ui.waitForText('-client.env');
    await ui.press('ctrlU');
    await ui.type(file);
    await ui.press('enter');
    const refused = flat(await ui.waitFor((f) => flat(f).includes('already exists')));
    expect(refused).toContain('It was not overwritten');
    expect(refused).toContain('clientSecret');
    expect(await readFile(file, 'utf8')).toBe(text);
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('Write to a new file'));
    expect(anyFrameHas(ui.frames, secret)).toBe(false);

    // s reveals it; s again hides it.
    await ui.press('s');
    await ui.waitForText(secret);
    await ui.press('s');
    await ui.waitFor((f) => !f.includes(secret) && f.includes('••••'));
  });

  it('y copies through the clipboard tool: the secret on its stdin, never in argv', async () => {
    const emu = await startTestEmulator();
    const bin = await tempDir('flexera-sa-bin-');
    await fakeTool(bin, 'xclip');
    const account = fresh(emu);
    const ui = openMint(emu, account.id, {services: {env: {PATH: bin, DISPLAY: ':0'}}});
    await ui.waitForText('No clients yet');
    await ui.press('m');
    await ui.waitForText('New client for');
    await ui.press('y');
    await ui.waitForText('Copied to the clipboard (xclip).');
    const copied = await readFile(path.join(bin, 'xclip.stdin'), 'utf8');
    const argv = await readFile(path.join(bin, 'xclip.argv'), 'utf8');
    expect(argv).toBe('-selection\nclipboard\n-in\n');
    expect(argv).not.toContain(copied);
    const [client] = await clientsOf(emu, emu.seed.orgIds.primary, account.id);
    expect(await exchangeClient(emu, client!.clientId, copied)).toBe(200);
    expect(anyFrameHas(ui.frames, copied)).toBe(false);
    // A confirmed copy opens the hand-off gate: v verifies without asking.
    await ui.press('v');
    await ui.waitForText('Verification failed.');
    expect(anyFrameHas(ui.frames, 'Did you save the new secret elsewhere?')).toBe(false);
  });

  it('a shows the app snippet with the secret only as a variable', async () => {
    const emu = await startTestEmulator();
    const bin = await tempDir('flexera-sa-bin-');
    await fakeTool(bin, 'xclip');
    const account = fresh(emu);
    const ui = openMint(emu, account.id, {services: {env: {PATH: bin, DISPLAY: ':0'}}});
    await ui.waitForText('No clients yet');
    await ui.press('m');
    await ui.waitForText('New client for');
    await ui.press('y');
    await ui.waitForText('Copied to the clipboard');
    const secret = await readFile(path.join(bin, 'xclip.stdin'), 'utf8');
    await ui.press('a');
    const frame = await ui.waitForText('Use these credentials in your application');
    const [client] = await clientsOf(emu, emu.seed.orgIds.primary, account.id);
    expect(frame).toContain(`FLEXERA_CLIENT_ID=${client!.clientId}`);
    expect(frame).toContain('FLEXERA_CLIENT_SECRET=<the client secret');
    await ui.press('G');
    await ui.waitForText('roles; token valid for');
    await ui.press('esc');
    await ui.waitForText('New client for');
    expect(anyFrameHas(ui.frames, secret)).toBe(false);
  });
});

describe('client minting: verify', () => {
  it('a fresh client gets a token, then 403 with the hint; after a grant the call works', async () => {
    const emu = await startTestEmulator();
    const account = fresh(emu);
    const orgId = emu.seed.orgIds.primary;
    const ui = openMint(emu, account.id);
    await ui.waitForText('No clients yet');
    await ui.press('m');
    await ui.waitForText('v verify: exchange these credentials');
    const before = tokenRequests(emu);
    // The hand-off gate: nothing copied or written yet, so v asks first; n verifies nothing.
    await ui.press('v');
    const asked = flat(await ui.waitForText('Did you save the new secret elsewhere?'));
    expect(asked).toContain('y I saved it elsewhere, verify it');
    await ui.press('n');
    await ui.waitForText('v verify: exchange these credentials');
    expect(tokenRequests(emu)).toBe(before);
    await ui.press('v');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await ui.press('y');
    const failed = flat(await ui.waitForText('Verification failed.'));
    expect(failed).toContain(`✓ exchange the client credentials at ${emu.zones.nam.login}`);
    expect(failed).toContain(`✗ list roles in org ${orgId} (403)`);
    expect(failed).toContain(
      `The token works, but the account has no role allowing list roles in org ${orgId} — grant one in the role picker.`,
    );

    await grantRole(emu, orgId, account.id, 'policy_viewer');
    await ui.press('v');
    const ok = flat(await ui.waitForText('Verified: these credentials work.'));
    expect(ok).toMatch(new RegExp(`✓ list roles in org ${orgId} \\(\\d+ returned\\)`));
    expect(ok).not.toContain('no role allowing');
  });
});

describe('client minting: the 2-client limit and delete', () => {
  it('at 2 clients m explains the limit and sends nothing; x deletes one and its credentials stop working', async () => {
    const emu = await startTestEmulator();
    const account = seedAccount(emu, (sa) => sa.clients.length === MAX_CLIENTS_PER_SERVICE_ACCOUNT);
    const orgId = emu.seed.orgIds.primary;
    const [first, second] = account.clients;
    expect(await exchangeClient(emu, first!.clientId, first!.clientSecret)).toBe(200);
    const ui = openMint(emu, account.id);
    await ui.waitForText(second!.clientId);
    emu.resetRequests();
    await ui.press('m');
    const limit = flat(
      await ui.waitForText('At most 2 clients per service account; delete one first (x).'),
    );
    expect(limit).toContain('press x');
    expect(emu.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    // The focused client is the first; x asks, c shows the curl, y deletes at once.
    await ui.press('x');
    const asked = flat(await ui.waitForText(`Delete client ${first!.clientId}?`));
    expect(asked).toContain(`Applications using ${first!.clientId} stop working immediately.`);
    await ui.press('c');
    const curlFrame = await ui.waitForText('Delete a client');
    const curl = flat(curlFrame);
    // Long lines are cut at the width: rejoin them to find the URL.
    expect(curlFrame.split('\n').join('')).toContain(`clients/${first!.clientId}`);
    expect(curl).toContain('$ACCESS_TOKEN');
    await ui.press('esc');
    await ui.waitForText(`Delete client ${first!.clientId}?`);
    await ui.press('y');
    await ui.waitFor((f) => flat(f).includes(`Deleted client ${first!.clientId}`));
    await ui.waitForText(`1/${MAX_CLIENTS_PER_SERVICE_ACCOUNT} clients`);

    const held = await clientsOf(emu, orgId, account.id);
    expect(held.map((c) => c.clientId)).toEqual([second!.clientId]);
    expect(await exchangeClient(emu, first!.clientId, first!.clientSecret)).toBe(401);
    expect(await exchangeClient(emu, second!.clientId, second!.clientSecret)).toBe(200);
    const listed = ui
      .lastFrame()
      .split('\n')
      .filter((line) => !line.startsWith('Deleted client'));
    expect(listed.join('\n')).not.toContain(first!.clientId);
    expect(listed.join('\n')).toContain(second!.clientId);
  });

  it('Esc cancels the delete and nothing is deleted', async () => {
    const emu = await startTestEmulator();
    const account = seedAccount(emu, (sa) => sa.clients.length === 1);
    const ui = openMint(emu, account.id);
    await ui.waitForText(account.clients[0]!.clientId);
    await ui.press('x');
    await ui.waitForText('stop working immediately');
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('stop working immediately'));
    expect(await clientsOf(emu, emu.seed.orgIds.primary, account.id)).toHaveLength(1);
  });

  it('c shows the curl equivalents with $CLIENT_SECRET, never the value', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir();
    const account = fresh(emu);
    const ui = openMint(emu, account.id);
    await ui.waitForText('No clients yet');
    await ui.press('m');
    await ui.waitForText('New client for');
    const secret = secretIn(await writeFileWithW(ui, path.join(dir, 'c.env')));
    await ui.press('c');
    const frame = flat(await ui.waitForText('Mint a client'));
    expect(frame).toContain('$CLIENT_SECRET');
    const all = [frame];
    for (let i = 0; i < 30; i++) {
      await ui.press('down');
      all.push(flat(ui.lastFrame()));
    }
    const text = all.join('\n');
    expect(text).toContain("Exchange the client's credentials for an access token");
    expect(text).toContain('grant_type=client_credentials');
    expect(text).toContain('Delete a client');
    expect(anyFrameHas(ui.frames, secret)).toBe(false);
    await ui.press('esc');
    await ui.waitForText('New client for');
  });
});

describe('client minting: leaving', () => {
  it('asks "did you save it?": n stays, y leaves, and the secret is never drawn again', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir();
    const account = fresh(emu);
    const ui = openMint(emu, account.id);
    await ui.waitForText('No clients yet');
    await ui.press('m');
    await ui.waitForText('New client for');
    const secret = secretIn(await writeFileWithW(ui, path.join(dir, 'leave.env')));
    await ui.press('s');
    await ui.waitForText(secret);

    await ui.press('esc');
    const asked = flat(await ui.waitForText(LEAVE_QUESTION));
    expect(asked).toContain(`So far it was written to ${path.join(dir, 'leave.env')}.`);
    expect(asked).not.toContain(secret);
    await ui.press('n');
    await ui.waitForText(secret);

    await ui.press('esc');
    await ui.waitForText(LEAVE_QUESTION);
    const leftAt = ui.frames.length;
    await ui.press('y');
    await ui.waitForText('Your orgs');
    await ui.press('down');
    await ui.waitForText('Your orgs');
    expect(anyFrameHas(ui.frames.slice(leftAt), secret)).toBe(false);
    // The emulator still holds the client: leaving forgets the secret, it does not revoke.
    expect(await clientsOf(emu, emu.seed.orgIds.primary, account.id)).toHaveLength(1);
  });

  it('q with the secret in memory asks before quitting; Stay keeps it, Quit exits 0', async () => {
    const emu = await startTestEmulator();
    const account = fresh(emu);
    let code: number | undefined;
    const ui = renderApp(testSession(emu), {
      routes: [{name: 'orgs'}, {name: 'clients', org: demoOrg(emu), accountId: account.id}],
      onExit: (c) => (code = c),
    });
    await ui.waitForText('No clients yet');
    await ui.press('m');
    await ui.waitForText('New client for');
    await ui.press('q');
    await ui.waitForText('Quit anyway?');
    await ui.press('esc');
    await ui.waitForText('New client for');
    expect(ui.hasExited()).toBe(false);
    await ui.press('q');
    await ui.waitForText('Quit anyway?');
    await ui.press('y');
    await ui.waitForExit();
    expect(code).toBe(0);
  });

  it('Esc without a secret in memory goes straight back', async () => {
    const emu = await startTestEmulator();
    const ui = openMint(emu, fresh(emu).id);
    await ui.waitForText('No clients yet');
    await ui.press('esc');
    await ui.waitForText('Your orgs');
  });
});

describe('client minting: failures', () => {
  it('a failed mint (500) shows the error, leaves no client, and m tries again once', async () => {
    const emu = await startTestEmulator();
    const account = fresh(emu);
    const orgId = emu.seed.orgIds.primary;
    const remove = emu.faults.inject({
      method: 'POST',
      path: `/iam/v1/orgs/${orgId}/service-accounts/${account.id}/clients`,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = openMint(emu, account.id);
    await ui.waitForText('No clients yet');
    await ui.press('m');
    const frame = flat(await ui.waitForText('had a problem (500)'));
    expect(frame).toContain('Press m to try again.');
    expect(frame).not.toContain('clientSecret');
    expect(await clientsOf(emu, orgId, account.id)).toHaveLength(0);

    remove();
    await ui.press('m');
    await ui.waitForText('New client for');
    expect(await clientsOf(emu, orgId, account.id)).toHaveLength(1);
  });
  it('shows a spinner while minting, and Esc waits for the secret instead of leaving', async () => {
    const emu = await startTestEmulator();
    const account = fresh(emu);
    const orgId = emu.seed.orgIds.primary;
    emu.faults.inject({
      method: 'POST',
      path: `/iam/v1/orgs/${orgId}/service-accounts/${account.id}/clients`,
      fault: {type: 'latency', ms: 500},
    });
    const ui = openMint(emu, account.id);
    await ui.waitForText('No clients yet');
    await ui.press('m');
    await ui.waitForText(`Minting a client for ${account.name}`);
    await ui.press('esc');
    await ui.waitForText('wait for the secret before leaving');
    await ui.waitForText('New client for');
    expect(ui.lastFrame()).not.toContain('Your orgs');
    expect(await clientsOf(emu, orgId, account.id)).toHaveLength(1);
  });
});

describe('client minting: 80×24 and resize', () => {
  it('fits 80×24 in every state and after a resize', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir();
    const account = fresh(emu);
    const ui = openMint(emu, account.id, {columns: 80, rows: 24});
    expectFits(await ui.waitForText('No clients yet'), 80, 24);
    await ui.press('m');
    expectFits(await ui.waitForText('New client for'), 80, 24);
    await ui.press('v');
    expectFits(await ui.waitForText('Did you save the new secret elsewhere?'), 80, 24);
    await ui.press('y');
    expectFits(await ui.waitForText('Verification failed.'), 80, 24);
    await writeFileWithW(ui, path.join(dir, 'small.env'));
    expectFits(ui.lastFrame(), 80, 24);
    await ui.press('w');
    expectFits(await ui.waitForText('Write to a new file'), 80, 24);
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('Write to a new file'));
    await resizeToFit(ui, 70, 20, 'New client for');
    await ui.press('a');
    expectFits(await ui.waitForText('Use these credentials'), 70, 20);
    await ui.press('esc');
    await ui.waitForText('New client for');
    await ui.press('c');
    expectFits(await ui.waitForText('Mint a client'), 70, 20);
    await ui.press('esc');
    await ui.waitForText('New client for');
    await ui.press('esc');
    expectFits(await ui.waitForText(LEAVE_QUESTION), 70, 20);
  });
});
