/**
 * No-downtime rotation on the real emulator. In place (a second secret on the same client) where
 * the client-secret endpoints exist, the two-client rotation where they answer 404: end to end (afterwards only the new client exists
 * and the old credentials are refused), retiring one of two clients first, nothing to rotate,
 * a failed verification holding the switch back, leaving with the secret in memory, and every
 * step at 80×24 and after a resize.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {clientsOf, seedAccount, tempDir} from './credentials/support.js';
import {exchangeClient, tokenRequests} from '../helpers/oidc.js';
import {anyFrameHas, boxText, checkSizes, flat} from '../helpers/frames.js';
import {secretViaFile} from '../helpers/handoff.js';

/** The app on [account detail, rotate]: leaving lands on the detail screen. */
function openRotate(emu: Emulator, accountId: number) {
  const org = demoOrg(emu);
  return renderApp(testSession(emu), {
    routes: [
      {name: 'account', org, accountId},
      {name: 'rotate', org, accountId},
    ],
    columns: 80,
    rows: 24,
  });
}

/** A deployment whose client-secret endpoints answer 404: the two-client rotation. */
const NO_SECRET_ENDPOINTS = {forms: {clientSecrets: false}};

const primary = (emu: Emulator) => emu.seed.orgIds.primary;
const mints = (emu: Emulator) =>
  emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/clients'));

const secretCalls = (emu: Emulator, method: string) =>
  emu.requests.filter((r) => r.method === method && r.path.endsWith('/client-secret'));

describe('rotation in place (the client has secret endpoints)', () => {
  it('add a secret → hand off → verify → switch → delete the old secret: same client id, old secret refused', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir('flexera-sa-rotate-');
    const account = seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);
    const old = account.clients[0]!;
    const id = old.clientId;
    const ui = openRotate(emu, account.id);

    // 1. add: one secret is live.
    const start = flat(await ui.waitForText('Step 1 of 5 · Add a second secret to the client'));
    expect(start).toContain(`Live now: client ${id} with its one secret`);
    expect(start).toContain('the client id stays');
    await checkSizes(ui, 'Step 1 of 5');
    await ui.press('m');

    // 2. hand-off: Enter waits until the secret went somewhere, or the user says it did.
    const handoff = flat(await ui.waitForText('Step 2 of 5 · Hand off the new secret'));
    expect(handoff).toContain(`Live now: client ${id} with 2 secrets`);
    expect(handoff).toContain(`New secret for client ${id} (same id)`);
    await checkSizes(ui, 'Step 2 of 5');
    await ui.press('enter');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await checkSizes(ui, 'Did you save the new secret elsewhere?');
    await ui.press('n');
    await ui.waitForText('Step 2 of 5');
    expect(ui.lastFrame()).not.toContain('Verifying');
    const secret = await secretViaFile(ui, path.join(dir, 'new.env'));
    expect(await readFile(path.join(dir, 'new.env'), 'utf8')).toContain(id);
    expect(anyFrameHas(ui.frames, secret)).toBe(false);

    // 3. verify: the same client id with the new secret.
    await ui.press('enter');
    const verify = flat(await ui.waitForText('Verified: these credentials work.'));
    expect(verify).toContain('Step 3 of 5 · Verify the new secret');
    await checkSizes(ui, 'Step 3 of 5');

    // 4. switch.
    await ui.press('enter');
    const switching = flat(await ui.waitForText('Step 4 of 5'));
    expect(switching).toContain(`FLEXERA_CLIENT_ID stays ${id}`);
    expect(switching).toContain('both secrets');
    await checkSizes(ui, 'Step 4 of 5');
    expect(await exchangeClient(emu, id, old.clientSecret)).toBe(200);

    // 5. delete the old secret; c shows the in-place curl first.
    await ui.press('enter');
    const asked = flat(await ui.waitForText(`Delete the old secret of client ${id}?`));
    expect(asked).toContain('you said the application uses the new one');
    await checkSizes(ui, 'Delete the old secret');
    await ui.press('c');
    const curl = flat(await ui.waitForText('The rotation with curl'));
    expect(curl).toContain("List the client's secrets");
    await ui.press('G');
    await ui.waitForText("Delete the client's older secret");
    expect(anyFrameHas(ui.frames, secret)).toBe(false);
    await ui.press('esc');
    await ui.waitForText(`Delete the old secret of client ${id}?`);
    await ui.press('y');
    const done = flat(await ui.waitForText('Rotation complete'));
    expect(done).toContain(`Live now: client ${id} with the new secret only.`);
    await checkSizes(ui, 'Rotation complete');

    expect((await clientsOf(emu, primary(emu), account.id)).map((c) => c.clientId)).toEqual([id]);
    expect(await exchangeClient(emu, id, old.clientSecret)).toBe(401);
    expect(await exchangeClient(emu, id, secret)).toBe(200);
    expect(mints(emu)).toEqual([]);
    expect(secretCalls(emu, 'POST')).toHaveLength(1);
    expect(secretCalls(emu, 'DELETE')).toHaveLength(1);
  });

  it('"saved it elsewhere" goes on to verify without a copy or a file', async () => {
    const emu = await startTestEmulator();
    const account = seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);
    const ui = openRotate(emu, account.id);
    await ui.waitForText('Step 1 of 5 · Add a second secret');
    await ui.press('m');
    await ui.waitForText('Step 2 of 5');
    await ui.press('enter');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await ui.press('y');
    await ui.waitForText('Verified: these credentials work.');
    expect(secretCalls(emu, 'POST')).toHaveLength(1);
  });
});

describe('rotation with two clients: the hand-off gate', () => {
  it('Enter on the hand-off asks until the secret went somewhere; n stays, nothing verified or deleted', async () => {
    const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
    const account = seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);
    const ui = openRotate(emu, account.id);
    await ui.waitForText('Step 1 of 5 · Mint a second client');
    await ui.press('m');
    await ui.waitForText('Step 2 of 5 · Hand off the new client');
    const before = tokenRequests(emu);
    await ui.press('enter');
    const asked = flat(await ui.waitForText('Did you save the new secret elsewhere?'));
    expect(asked).toContain('y I saved it elsewhere, go on to verify');
    await ui.press('n');
    await ui.waitForText('Step 2 of 5 · Hand off the new client');
    // Enter again asks again: there is no way to step 3 without an answer.
    await ui.press('enter');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await ui.press('esc');
    await ui.waitForText('Step 2 of 5 · Hand off the new client');
    expect(ui.lastFrame()).not.toContain('Step 3 of 5');
    expect(tokenRequests(emu)).toBe(before);
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    // Said explicitly: on to verify.
    await ui.press('enter');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await ui.press('y');
    await ui.waitForText('Verified: these credentials work.');
    expect(ui.lastFrame()).toContain('Step 3 of 5');
  });
});

describe('rotation in place: a client that already has 2 secrets', () => {
  it('says so when adding a third is refused, and deletes nothing', async () => {
    const emu = await startTestEmulator();
    const account = seedAccount(emu, (sa) => sa.clients.length === 1);
    const {clientId} = account.clients[0]!;
    const token = await fetch(`${emu.zones.nam.login}/oidc/token`, {
      method: 'POST',
      headers: {'content-type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: emu.refreshTokens.nam,
      }),
    });
    const {access_token: accessToken} = (await token.json()) as {access_token: string};
    const added = await fetch(
      `${emu.zones.nam.api}/iam/v1/orgs/${primary(emu)}/service-accounts/${account.id}/clients/${clientId}/client-secret`,
      {method: 'POST', headers: {authorization: `Bearer ${accessToken}`}},
    );
    await added.arrayBuffer();
    expect(added.status).toBe(200);

    const ui = openRotate(emu, account.id);
    await ui.waitForText('Step 1 of 5 · Add a second secret');
    await ui.press('m');
    const refused = flat(await ui.waitForText('already has 2 secrets'));
    expect(refused).toContain('Step 1 of 5');
    await checkSizes(ui, 'already has 2 secrets');
    expect(secretCalls(emu, 'DELETE')).toEqual([]);
    expect(await exchangeClient(emu, clientId, account.clients[0]!.clientSecret)).toBe(200);
  });
});

describe('rotation: end to end', () => {
  it('where the secret endpoints answer 404: mint → hand off → verify → switch → delete: only the new client is left, the old one refused', async () => {
    const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
    const dir = await tempDir('flexera-sa-rotate-');
    const account = seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);
    const old = account.clients[0]!;
    expect(await exchangeClient(emu, old.clientId, old.clientSecret)).toBe(200);
    const ui = openRotate(emu, account.id);

    // 1. mint: the old client is what is live.
    const start = flat(await ui.waitForText('Step 1 of 5 · Mint a second client'));
    expect(start).toContain(`Live now: ${old.clientId} (your application uses it).`);
    await checkSizes(ui, 'Step 1 of 5');
    await ui.press('m');

    // 2. hand-off: both live, the secret masked.
    const handoff = flat(await ui.waitForText('Step 2 of 5 · Hand off the new client'));
    const [, fresh] = await clientsOf(emu, primary(emu), account.id);
    expect(fresh).toBeDefined();
    expect(handoff).toContain(
      `Live now: ${old.clientId} (in use) and ${fresh!.clientId} (new, not in use yet): both work.`,
    );
    expect(handoff).toContain('••••••••••••••••');
    await checkSizes(ui, 'Step 2 of 5');
    const secret = await secretViaFile(ui, path.join(dir, 'new.env'));
    expect(anyFrameHas(ui.frames, secret)).toBe(false);

    // 3. verify: the new client works (its account's roles allow the call).
    await ui.press('enter');
    const verify = flat(await ui.waitForText('Verified: these credentials work.'));
    expect(verify).toContain(`list roles in org ${primary(emu)}`);
    expect(verify).toContain('both work');
    await checkSizes(ui, 'Step 3 of 5');

    // 4. switch: the user says the application uses the new one.
    await ui.press('enter');
    const switching = flat(await ui.waitForText('Step 4 of 5'));
    expect(switching).toContain(`Then press Enter: you confirm it uses ${fresh!.clientId}`);
    await checkSizes(ui, 'Step 4 of 5');
    expect(await clientsOf(emu, primary(emu), account.id)).toHaveLength(2);

    // 5. delete the old one, after confirming; c shows its curl first.
    await ui.press('enter');
    const asked = flat(await ui.waitForText(`Delete the old client ${old.clientId}?`));
    expect(asked).toContain(`you said the application uses ${fresh!.clientId}`);
    await checkSizes(ui, 'Delete the old client');
    await ui.press('c');
    const curl = await ui.waitForText('The rotation with curl');
    expect(flat(curl)).toContain('$ACCESS_TOKEN');
    await ui.press('G');
    await ui.waitForText('Delete a client');
    expect(anyFrameHas(ui.frames, secret)).toBe(false);
    await ui.press('esc');
    await ui.waitForText(`Delete the old client ${old.clientId}?`);
    await ui.press('y');
    const done = flat(await ui.waitForText('Rotation complete'));
    expect(done).toContain(
      `Live now: ${fresh!.clientId} only. ${old.clientId} was deleted: its credentials are refused.`,
    );
    await checkSizes(ui, 'Rotation complete');

    const left = await clientsOf(emu, primary(emu), account.id);
    expect(left.map((c) => c.clientId)).toEqual([fresh!.clientId]);
    expect(await exchangeClient(emu, old.clientId, old.clientSecret)).toBe(401);
    expect(await exchangeClient(emu, fresh!.clientId, secret)).toBe(200);
    expect(mints(emu)).toHaveLength(1);

    // Done: Enter goes back to the account.
    await ui.press('enter');
    await ui.waitFor((f) => !f.includes('Rotate'));
  });
});

describe('rotation: where it starts', () => {
  it('at 2 clients it first asks which one to retire, and mints nothing before', async () => {
    const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
    const account = seedAccount(emu, (sa) => sa.clients.length === 2);
    const [first, second] = account.clients;
    const ui = openRotate(emu, account.id);
    const question = flat(await ui.waitForText('Which one do you retire (delete) first?'));
    expect(question).toContain(`Live now: ${first!.clientId} and ${second!.clientId}`);
    await checkSizes(ui, 'Which one do you retire');
    expect(mints(emu)).toEqual([]);

    // c shows the delete of the focused one; then the second is picked.
    await ui.press('c');
    const curl = await ui.waitForText('The rotation with curl');
    // Laid out for 80 columns: the long URL is built up in $URL, the id on a line of its own.
    expect(curl).toContain('# Delete a client');
    expect(curl).toContain(`URL="$URL"'${first!.clientId}'`);
    await ui.press('esc');
    await ui.waitForText('Which one do you retire');
    await ui.press('down');
    await ui.waitForText(`› ${second!.clientId}`);
    await ui.press('enter');
    await ui.waitForText(`Retire (delete) client ${second!.clientId}?`);
    await checkSizes(ui, `${first!.clientId} stays live`);
    // Esc cancels: nothing deleted.
    await ui.press('esc');
    await ui.waitForText('Which one do you retire');
    expect(await clientsOf(emu, primary(emu), account.id)).toHaveLength(2);
    await ui.press('enter');
    await ui.waitForText(`Retire (delete) client ${second!.clientId}?`);
    await ui.press('y');
    const next = flat(await ui.waitForText('Step 1 of 5'));
    expect(next).toContain(`Retired ${second!.clientId}`);
    expect(next).toContain(`Live now: ${first!.clientId} (your application uses it).`);
    expect((await clientsOf(emu, primary(emu), account.id)).map((c) => c.clientId)).toEqual([
      first!.clientId,
    ]);
    expect(await exchangeClient(emu, second!.clientId, second!.clientSecret)).toBe(401);
    expect(mints(emu)).toEqual([]);
  });

  it('with no client there is nothing to rotate; m opens minting instead', async () => {
    const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
    const account = seedAccount(emu, (sa) => sa.clients.length === 0);
    const ui = openRotate(emu, account.id);
    await ui.waitForText('Nothing to rotate');
    await checkSizes(ui, 'Nothing to rotate');
    await ui.press('m');
    await ui.waitForText('No clients yet');
    expect(mints(emu)).toEqual([]);
  });

  it('shows loading, then a failed client list in place', async () => {
    const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
    const account = seedAccount(emu, (sa) => sa.clients.length === 1);
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${primary(emu)}/service-accounts/${account.id}/clients`,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = openRotate(emu, account.id);
    await ui.waitForText('Loading clients');
    const frame = await ui.waitForText('had a problem (500)');
    expect(frame).not.toMatch(/at \w+ \(/);
    emu.faults.clear();
    await ui.press('r');
    await ui.waitForText('Step 1 of 5');
  });
});

describe('rotation: holding back and leaving', () => {
  it('a failed verification keeps the old client: Enter does not go on to the switch', async () => {
    const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
    const account = seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);
    const ui = openRotate(emu, account.id);
    await ui.waitForText('Step 1 of 5');
    await ui.press('m');
    await ui.waitForText('Step 2 of 5');
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${primary(emu)}/roles`,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    await ui.press('enter');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await ui.press('y');
    const failed = flat(await ui.waitForText('Verification failed.'));
    expect(failed).toContain(`Do not switch yet: ${account.clients[0]!.clientId} stays live`);
    await ui.press('enter');
    await ui.waitForText('Verify the new client first');
    expect(ui.lastFrame()).toContain('Step 3 of 5');
    emu.faults.clear();
    await ui.press('v');
    await ui.waitForText('Verified: these credentials work.');
    await ui.press('enter');
    await ui.waitForText('Step 4 of 5');
  });

  it('leaving with the new secret in memory asks; q asks too; both clients stay live', async () => {
    const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
    const account = seedAccount(emu, (sa) => sa.clients.length === 1);
    const old = account.clients[0]!;
    const ui = openRotate(emu, account.id);
    await ui.waitForText('Step 1 of 5');
    await ui.press('m');
    await ui.waitForText('Step 2 of 5');
    await ui.press('esc');
    const asked = flat(await ui.waitForText('Did you save the new secret?'));
    expect(asked).toContain('You have not copied it or written it to a file here.');
    expect(asked).toContain('the rotation stops here');
    await checkSizes(ui, 'Did you save the new secret?');
    await ui.press('n');
    await ui.waitForText('Step 2 of 5');
    await ui.press('q');
    await ui.waitFor((f) =>
      boxText(f).includes('Did you save the new secret? It cannot be shown again. Quit anyway?'),
    );
    await ui.press('esc');
    await ui.waitForText('Step 2 of 5');
    expect(ui.hasExited()).toBe(false);
    await ui.press('esc');
    await ui.waitForText('Did you save the new secret?');
    await ui.press('y');
    await ui.waitFor((f) => !f.includes('Rotate'));
    const held = await clientsOf(emu, primary(emu), account.id);
    expect(held).toHaveLength(2);
    expect(held.map((c) => c.clientId)).toContain(old.clientId);
    expect(await exchangeClient(emu, old.clientId, old.clientSecret)).toBe(200);
  });
});

describe('rotation: failures', () => {
  it('a failed mint is shown in place and m tries again; a failed delete keeps both clients live', async () => {
    const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
    const account = seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);
    const old = account.clients[0]!;
    const clientsPath = `/iam/v1/orgs/${primary(emu)}/service-accounts/${account.id}/clients`;
    const noMint = emu.faults.inject({
      method: 'POST',
      path: clientsPath,
      times: Infinity,
      fault: {type: 'status', status: 503},
    });
    const ui = openRotate(emu, account.id);
    await ui.waitForText('Step 1 of 5');
    await ui.press('m');
    const failed = flat(await ui.waitForText('Press m to try again.'));
    expect(failed).toContain(`Live now: ${old.clientId} (your application uses it).`);
    await checkSizes(ui, 'Press m to try again.');
    expect(await clientsOf(emu, primary(emu), account.id)).toHaveLength(1);
    noMint();
    await ui.press('m');
    await ui.waitForText('Step 2 of 5');
    await ui.press('enter');
    await ui.waitForText('Did you save the new secret elsewhere?');
    await ui.press('y');
    await ui.waitForText('Verified: these credentials work.');
    await ui.press('enter');
    await ui.waitForText('Step 4 of 5');
    await ui.press('enter');
    await ui.waitForText('Delete the old client');
    emu.faults.inject({
      method: 'DELETE',
      path: `${clientsPath}/${old.clientId}`,
      times: Infinity,
      fault: {type: 'status', status: 503},
    });
    await ui.press('y');
    await ui.waitForText('had a problem (503)');
    expect(ui.lastFrame()).toContain('Delete the old client');
    expect(await clientsOf(emu, primary(emu), account.id)).toHaveLength(2);
    expect(await exchangeClient(emu, old.clientId, old.clientSecret)).toBe(200);
    emu.faults.clear();
    await ui.press('enter');
    await ui.waitForText('Rotation complete');
    expect(await clientsOf(emu, primary(emu), account.id)).toHaveLength(1);
  });
});
