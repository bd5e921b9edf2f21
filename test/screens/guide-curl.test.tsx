/**
 * "Teach the API" for the guided flow and rotation: the curl commands the screens show (`c`),
 * taken from the frame and run for real (/bin/sh -c + curl) against the emulator, do what the app
 * did. Variables ($ACCESS_TOKEN, $SERVICE_ACCOUNT_ID, $CLIENT_ID, $CLIENT_SECRET) reach the child
 * only through its environment; no shown command holds a secret.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {parseIncluded, sh} from '../curl/shell.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import type {InkHandle} from '../helpers/ink.js';
import {clientsOf, tempDir} from './credentials/support.js';
import {exchangeClient} from '../helpers/oidc.js';
import {secretViaFile} from '../helpers/handoff.js';

// Quotes and a `$` in what the user typed: the commands must carry them exactly.
const NAME = `it's $HOME "twin"`;
const DESCRIPTION = 'Made by the app; its twin by curl';
/** Wide and tall: every command line whole, the whole text on one page. */
const SIZE = {columns: 220, rows: 100};

interface StateAccount {
  id: number;
  name: string;
  description?: string;
  clients: Array<{clientId: string}>;
}

async function orgState(emu: Emulator) {
  const response = await fetch(`${emu.zones.nam.api}/_emulator/state`);
  const state = (await response.json()) as {
    orgs: Array<{
      id: number;
      serviceAccounts: StateAccount[];
      accessRules: Array<{roleName?: string; subject: {id: number; kind: string}}>;
    }>;
  };
  const org = state.orgs.find((o) => o.id === emu.seed.orgIds.primary)!;
  return {
    account: (id: number) => org.serviceAccounts.find((sa) => sa.id === id),
    named: (name: string) => org.serviceAccounts.filter((sa) => sa.name === name),
    rolesOf: (id: number) =>
      org.accessRules
        .filter((r) => r.subject.kind === 'iam:service-account' && r.subject.id === id)
        .map((r) => r.roleName)
        .sort(),
  };
}

async function userToken(emu: Emulator): Promise<string> {
  const response = await fetch(`${emu.zones.nam.login}/oidc/token`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: emu.refreshTokens.nam}),
  });
  return ((await response.json()) as {access_token: string}).access_token;
}

/** The text of the curl view as drawn: the lines between its title and its key line. */
async function shownCurl(ui: InkHandle, title: string): Promise<string> {
  const frame = await ui.waitForText(title);
  const lines = frame.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  const end = lines.findIndex((line, i) => i > start && line.includes('Esc close'));
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return lines.slice(start + 1, end).join('\n');
}

interface Shown {
  title: string;
  command: string;
}

/** Blocks of "# title", comments and the command; the command without its comment lines. */
function blocksOf(text: string): Shown[] {
  return text.split('\n\n').map((block) => {
    const lines = block.split('\n');
    return {
      title: lines[0]!.replace(/^# /, ''),
      command: lines.filter((line) => !line.startsWith('#')).join('\n'),
    };
  });
}

function only(blocks: Shown[], title: string): Shown[] {
  const found = blocks.filter((block) => block.title === title);
  expect(found.length, title).toBeGreaterThan(0);
  return found;
}

async function run(command: string, vars: Record<string, string>) {
  const result = await sh(command, vars);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

async function pick(ui: InkHandle, query: string, roleName: string) {
  if (!ui.lastFrame().includes('Enter pick from the list')) {
    await ui.press('/');
    await ui.waitForText('Enter pick from the list');
  }
  await ui.press('ctrlU');
  await ui.type(query);
  await ui.waitFor((f) => f.includes(`/ ${query}`) && f.includes(roleName));
  await ui.press('enter');
  await ui.waitForText('/ edit');
  await ui.press('space');
  await ui.waitFor((f) => f.includes('Picked (') && f.includes(roleName));
}

describe('the guided recipe as curl', () => {
  it('the commands shown at the review (create, grant each, mint, exchange) make the same account the app made', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir('flexera-sa-guide-curl-');
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {
      routes: [
        {name: 'accounts', org},
        {name: 'guide', org},
      ],
      ...SIZE,
    });
    await ui.waitForText('what is the application?');
    await ui.type(NAME);
    await ui.press('enter');
    await ui.type(DESCRIPTION);
    await ui.press('enter');
    await ui.waitForText('Step 2 of 6');
    await pick(ui, 'view policies', 'policy_viewer');
    await pick(ui, 'budget', 'budget_viewer');
    await ui.press('enter');
    await ui.waitForText('Nothing has been sent yet');

    // What the review shows, before anything exists: ids as shell variables.
    await ui.press('c');
    const recipe = await shownCurl(ui, 'The recipe with curl');
    expect(recipe).toContain('$ACCESS_TOKEN');
    expect(recipe).toContain('"$CLIENT_SECRET"');
    expect(recipe).toContain('"$SERVICE_ACCOUNT_ID"');
    expect(recipe).toContain('"$CLIENT_ID"');
    expect(recipe).not.toContain(emu.refreshTokens.nam);
    await ui.press('esc');
    await ui.waitForText('Nothing has been sent yet');

    // The app does it.
    await ui.press('enter');
    await ui.waitForText('Everything was created');
    const [made] = (await orgState(emu)).named(NAME);
    expect(made).toBeDefined();

    // The shown commands do it again: a twin.
    const blocks = blocksOf(recipe);
    const token = await userToken(emu);
    const [create] = only(blocks, 'Create a service account');
    const created = parseIncluded(await run(create!.command, {ACCESS_TOKEN: token}));
    expect(created.status).toBe(201);
    const twinId = Number(/\/(\d+)$/.exec(created.headers.location ?? '')?.[1]);
    expect(twinId).toBeGreaterThan(made!.id);
    const vars = {ACCESS_TOKEN: token, SERVICE_ACCOUNT_ID: String(twinId)};
    // Every step of the article: the user's own token first, then the account read back, the roles.
    const [exchangeRefresh] = only(blocks, 'Exchange your refresh token for an access token');
    const userExchange = JSON.parse(
      await run(exchangeRefresh!.command, {REFRESH_TOKEN: emu.refreshTokens.nam}),
    ) as {access_token?: string};
    expect(userExchange.access_token).toMatch(/^ey/);
    const [show] = only(blocks, 'Show the service account');
    expect(JSON.parse(await run(show!.command, vars))).toMatchObject({id: twinId, name: NAME});
    const [listRoles] = only(blocks, 'List roles');
    const catalogue = JSON.parse(await run(listRoles!.command, vars)) as Array<{name: string}>;
    expect(catalogue.map((role) => role.name)).toContain('policy_viewer');
    const grants = only(blocks, 'Grant a role');
    expect(grants).toHaveLength(2);
    for (const grant of grants) {
      expect(parseIncluded(await run(grant.command, vars)).status).toBe(204);
    }
    const [mint] = only(blocks, 'Mint a client');
    const minted = JSON.parse(await run(mint!.command, vars)) as {
      clientId: string;
      clientSecret: string;
    };
    expect(recipe).not.toContain(minted.clientSecret);
    const [exchange] = only(blocks, "Exchange the client's credentials for an access token");
    const exchanged = JSON.parse(
      await run(exchange!.command, {
        CLIENT_ID: minted.clientId,
        CLIENT_SECRET: minted.clientSecret,
      }),
    ) as {access_token?: string};
    expect(exchanged.access_token).toMatch(/^ey/);

    const state = await orgState(emu);
    const twin = state.account(twinId)!;
    expect(state.named(NAME).map((sa) => sa.id)).toEqual([made!.id, twinId]);
    expect(twin.description).toBe(made!.description);
    expect(twin.description).toBe(DESCRIPTION);
    expect(state.rolesOf(twinId)).toEqual(state.rolesOf(made!.id));
    expect(state.rolesOf(twinId)).toEqual(['budget_viewer', 'policy_viewer']);
    expect(twin.clients).toHaveLength(1);
    expect(made!.clients).toHaveLength(1);

    // After creation the commands name the real ids; exchange and verify work with the app's client.
    await ui.press('enter');
    await ui.waitForText('Step 5 of 6');
    const secret = await secretViaFile(ui, path.join(dir, 'made.env'));
    await ui.press('c');
    const after = await shownCurl(ui, 'The recipe with curl');
    expect(after).not.toContain(secret);
    expect(after).toContain(`service-accounts/${made!.id}/clients`);
    const later = blocksOf(after);
    const [exchangeMade] = only(later, "Exchange the client's credentials for an access token");
    const saToken = (
      JSON.parse(await run(exchangeMade!.command, {CLIENT_SECRET: secret})) as {
        access_token: string;
      }
    ).access_token;
    const verify = later.find((block) => block.title.startsWith('Verify:'));
    expect(verify).toBeDefined();
    const roles = JSON.parse(await run(verify!.command, {ACCESS_TOKEN: saToken})) as unknown[];
    expect(roles.length).toBeGreaterThan(0);
  });
});

/** The app on [account, rotate] for one account of the demo org. */
function openRotate(emu: Emulator, accountId: number) {
  const org = demoOrg(emu);
  return renderApp(testSession(emu), {
    routes: [
      {name: 'account', org, accountId},
      {name: 'rotate', org, accountId},
    ],
    ...SIZE,
  });
}

describe('the rotation as curl', () => {
  it('in place: add a secret, exchange, verify, delete the older secret, as the app does', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const [byApp, byCurl] = emu.seed.serviceAccounts.filter(
      (sa) => sa.zone === 'nam' && sa.orgId === org.id && sa.clients.length === 1,
    );
    expect(byCurl).toBeDefined();

    // The app rotates one account in place ("saved elsewhere" skips the hand-off).
    const ui = openRotate(emu, byApp!.id);
    await ui.waitForText('Step 1 of 5 · Add a second secret');
    await ui.press('m');
    await ui.waitForText('Step 2 of 5');
    await ui.press('enter');
    await ui.waitForText('elsewhere?');
    await ui.press('y');
    await ui.waitForText('Verified: these credentials work.');
    await ui.press('enter');
    await ui.waitForText('Step 4 of 5');
    await ui.press('enter');
    await ui.waitForText('Delete the old secret');
    await ui.press('y');
    await ui.waitForText('Rotation complete');
    const appOld = byApp!.clients[0]!;
    expect((await clientsOf(emu, org.id, byApp!.id)).map((c) => c.clientId)).toEqual([
      appOld.clientId,
    ]);
    expect(await exchangeClient(emu, appOld.clientId, appOld.clientSecret)).toBe(401);
    ui.unmount();

    // The commands shown for the other account, as laid out on screen, do the same.
    const other = openRotate(emu, byCurl!.id);
    await other.waitForText('Step 1 of 5 · Add a second secret');
    await other.press('c');
    const blocks = blocksOf(await shownCurl(other, 'The rotation with curl'));
    const token = await userToken(emu);
    const old = byCurl!.clients[0]!;
    const [add] = only(blocks, 'Add a second secret to the client (the client id stays)');
    const added = JSON.parse(await run(add!.command, {ACCESS_TOKEN: token})) as {
      clientId: string;
      clientSecret: string;
    };
    expect(added.clientId).toBe(old.clientId);
    const [exchange] = only(blocks, "Exchange the client's credentials for an access token");
    const saToken = (
      JSON.parse(await run(exchange!.command, {CLIENT_SECRET: added.clientSecret})) as {
        access_token: string;
      }
    ).access_token;
    const verify = blocks.find((block) => block.title.startsWith('Verify:'));
    const listed = JSON.parse(await run(verify!.command, {ACCESS_TOKEN: saToken})) as unknown[];
    expect(listed.length).toBeGreaterThan(0);
    const [remove] = only(blocks, "Delete the client's older secret (the newest stays)");
    expect(parseIncluded(await run(remove!.command, {ACCESS_TOKEN: token})).status).toBe(204);

    expect((await clientsOf(emu, org.id, byCurl!.id)).map((c) => c.clientId)).toEqual([
      old.clientId,
    ]);
    expect(await exchangeClient(emu, old.clientId, old.clientSecret)).toBe(401);
    expect(await exchangeClient(emu, old.clientId, added.clientSecret)).toBe(200);
  });

  it('with two clients (secret endpoints answer 404): mint, exchange, verify, delete the old one, as the app does', async () => {
    const emu = await startTestEmulator({forms: {clientSecrets: false}});
    const org = demoOrg(emu);
    const [byApp, byCurl] = emu.seed.serviceAccounts.filter(
      (sa) => sa.zone === 'nam' && sa.orgId === org.id && sa.clients.length === 1,
    );
    expect(byCurl).toBeDefined();

    // The app rotates one account.
    const ui = openRotate(emu, byApp!.id);
    await ui.waitForText('Step 1 of 5');
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
    await ui.press('y');
    await ui.waitForText('Rotation complete');
    const appLeft = await clientsOf(emu, org.id, byApp!.id);
    expect(appLeft).toHaveLength(1);
    expect(appLeft[0]!.clientId).not.toBe(byApp!.clients[0]!.clientId);
    ui.unmount();

    // The commands shown for the other account, at its first step, do the same.
    const other = openRotate(emu, byCurl!.id);
    await other.waitForText('Step 1 of 5');
    await other.press('c');
    const text = await shownCurl(other, 'The rotation with curl');
    const blocks = blocksOf(text);
    const token = await userToken(emu);
    const [mint] = only(blocks, 'Mint a client');
    const minted = JSON.parse(await run(mint!.command, {ACCESS_TOKEN: token})) as {
      clientId: string;
      clientSecret: string;
    };
    const [exchange] = only(blocks, "Exchange the client's credentials for an access token");
    const saToken = (
      JSON.parse(
        await run(exchange!.command, {
          CLIENT_ID: minted.clientId,
          CLIENT_SECRET: minted.clientSecret,
        }),
      ) as {access_token: string}
    ).access_token;
    const verify = blocks.find((block) => block.title.startsWith('Verify:'));
    const listed = JSON.parse(await run(verify!.command, {ACCESS_TOKEN: saToken})) as unknown[];
    expect(listed.length).toBeGreaterThan(0);
    const [remove] = only(blocks, 'Delete a client (its secret stops working)');
    expect(parseIncluded(await run(remove!.command, {ACCESS_TOKEN: token})).status).toBe(204);

    const curlLeft = await clientsOf(emu, org.id, byCurl!.id);
    expect(curlLeft.map((c) => c.clientId)).toEqual([minted.clientId]);
    const old = byCurl!.clients[0]!;
    expect(await exchangeClient(emu, old.clientId, old.clientSecret)).toBe(401);
    expect(await exchangeClient(emu, minted.clientId, minted.clientSecret)).toBe(200);
  });
});
