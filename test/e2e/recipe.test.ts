/**
 * The article's whole recipe, with keys only, in the BUILT binary in a real terminal (tmux on its
 * own socket) against the emulator: sign in → pick org → create account → grant iam_admin → mint a
 * client → verify it. Then the emulator's state is checked over HTTP.
 */
import {existsSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {startTestEmulator} from '../helpers/app.js';
import {TmuxSession} from '../helpers/tmux.js';

/** The bundle test/global-setup.ts built (FLEXERA_SA_TEST_BIN: another build, e.g. a copy). */
const BIN = process.env.FLEXERA_SA_TEST_BIN ?? 'dist/cli.js';

const sessions: TmuxSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.stop()));
});

async function json(url: string, token?: string): Promise<unknown> {
  const response = await fetch(url, {headers: token ? {authorization: `Bearer ${token}`} : {}});
  expect(response.status, url).toBe(200);
  return response.json();
}

describe('end to end, in a real terminal', () => {
  it('does the article’s recipe with keys only', async () => {
    expect(existsSync(BIN)).toBe(true);
    const emu = await startTestEmulator();
    const api = emu.zones.nam.api;
    const session = new TmuxSession({columns: 100, rows: 30});
    sessions.push(session);
    await session.start(['node', BIN, '--api-url', api, '--no-keychain']);

    // Sign in: the zone is fixed by --api-url, so the token field comes first.
    await session.waitFor('Refresh token');
    await session.paste(`  ${emu.refreshTokens.nam}\n`);
    await session.waitFor(`(${emu.refreshTokens.nam.length} characters)`);
    await session.send('Enter');
    await session.waitFor('Your orgs in NAM');

    // Pick the org (1105 is first).
    await session.send('Enter');
    await session.waitFor('billing-export');

    // Create the account.
    await session.send('n');
    await session.waitFor('New service account in Acme Corp');
    await session.send('recipe-app', true);
    await session.waitFor('recipe-app');
    await session.send('Enter');
    // The description has the keys ("Name  10/512" shows before Enter is read, too).
    await session.waitFor((screen) => /Description {2}0\/4,096\n› /.test(screen));
    await session.send('Reads users for the recipe', true);
    await session.waitFor('Reads users for the recipe');
    await session.send('Enter');
    await session.waitFor('Created recipe-app');

    const listed = (await json(`${api}/_emulator/state`)) as {
      orgs: {id: number; serviceAccounts: {id: number; name: string}[]}[];
    };
    const created = listed.orgs
      .find((org) => org.id === 1105)!
      .serviceAccounts.filter((sa) => sa.name === 'recipe-app');
    expect(created).toHaveLength(1);
    const accountId = created[0]!.id;

    // Open it (the new account is focused) and grant iam_admin.
    await session.waitFor((screen) => /›\s*recipe-app/.test(screen));
    await session.send('Enter');
    await session.waitFor(`${accountId}`);
    await session.send('a');
    await session.waitFor('Administer organization');
    await session.send('/');
    await session.send('iam_admin', true);
    await session.waitFor((screen) => /1 of \d+ roles/.test(screen));
    await session.send('Enter');
    await session.waitFor((screen) => !screen.includes('Enter apply filter'));
    await session.send('Space');
    await session.waitFor('1 change');
    await session.send('Enter');
    await session.waitFor('Review 1 change');
    await session.send('Enter');
    await session.waitFor('Type grant');
    await session.send('grant', true);
    await session.send('Enter');
    await session.waitFor('✓');

    // Back to the account, mint a client, verify it.
    await session.send('Escape');
    await session.waitFor('iam_admin');
    await session.send('m');
    await session.waitFor('No clients yet');
    await session.send('m');
    await session.waitFor('New client for');
    // Nothing copied or written: the hand-off gate asks before verifying.
    await session.send('v');
    await session.waitFor('Did you save the new secret elsewhere?');
    await session.send('y');
    await session.waitFor((screen) => (screen.match(/✓/g) ?? []).length >= 2, 20_000);

    // The emulator's state over HTTP: the account once, exactly that grant, one client.
    const token = await fetch(`${api}/oidc/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: emu.refreshTokens.nam,
      }),
    }).then((r) => r.json() as Promise<{access_token: string}>);
    const rules = (await json(
      `${api}/iam/v1/orgs/1105/access-rules?filter=${encodeURIComponent(`subjectRef eq 'ref::::iam:service-account:${accountId}'`)}`,
      token.access_token,
    )) as {values: {role: {name: string}}[]};
    expect(rules.values.map((rule) => rule.role.name)).toEqual(['iam_admin']);
    const clients = (await json(
      `${api}/iam/v1/orgs/1105/service-accounts/${accountId}/clients`,
      token.access_token,
    )) as unknown[];
    expect(clients).toHaveLength(1);

    // Quit: the secret is still shown once, so q asks first.
    await session.send('q');
    await session.waitFor('Quit anyway?');
    await session.send('y');
    expect(await session.waitForExit()).toBe(0);
  }, 90_000);
});
