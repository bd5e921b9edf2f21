import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import {SECRETS_HEADING} from '../../source/screens/clients/views.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {expectFits, resizeToFit} from '../helpers/frames.js';
import {seedAccount} from './credentials/support.js';

function openClients(emu: Emulator, accountId: number) {
  return renderApp(testSession(emu), {
    routes: [{name: 'orgs'}, {name: 'clients', org: demoOrg(emu), accountId}],
    columns: 80,
    rows: 24,
  });
}

const secretsReads = (emu: Emulator) =>
  emu.requests.filter((r) => r.method === 'GET' && /\/client-secrets$/.test(r.path));

describe('the Clients screen: client secrets (API.md §12.3)', () => {
  it("lists each client's secrets masked, with status, and never the secret", async () => {
    const emu = await startTestEmulator();
    const account = seedAccount(emu, (sa) => sa.clients.length === 2);
    const ui = openClients(emu, account.id);
    const frame = await ui.waitFor(
      (f) =>
        f.includes(SECRETS_HEADING) &&
        account.clients.every((c) => f.split('\n').some((l) => l.includes(`${c.clientId}  ****`))),
      {label: 'both clients with their secrets'},
    );
    for (const client of account.clients) {
      const line = frame.split('\n').find((l) => l.includes(`${client.clientId}  ****`))!;
      expect(line).toContain(`****${client.clientSecret.slice(-4)}`);
      expect(line).toMatch(/ active {2}created \d{4}-\d\d-\d\d \d\d:\d\d/);
      expect(frame).not.toContain(client.clientSecret);
    }
    expect(secretsReads(emu).map((r) => r.status)).toEqual([200, 200]);
    expectFits(frame, 80, 24);
    expectFits(await resizeToFit(ui, 60, 16, SECRETS_HEADING), 60, 16);
  });

  it('shows nothing extra where the deployment has no secret endpoints (404)', async () => {
    const emu = await startTestEmulator({forms: {clientSecrets: false}});
    const account = seedAccount(emu, (sa) => sa.clients.length === 2);
    const ui = openClients(emu, account.id);
    await ui.waitForText(account.clients[1]!.clientId);
    // Both reads answered (404) before the frame is judged.
    await ui.waitFor(() => secretsReads(emu).length >= 2, {label: 'the secrets reads answered'});
    expect(secretsReads(emu).every((r) => r.status === 404)).toBe(true);
    // A render after the answers: the list is still all there is.
    await ui.press('down');
    const frame = await ui.waitFor((f) => f.includes(account.clients[1]!.clientId));
    expect(frame).not.toContain(SECRETS_HEADING);
    expect(frame).not.toContain('****');
    expect(frame).not.toMatch(/could not be read|had a problem|✗/);
    expectFits(frame, 80, 24);
  });
});
