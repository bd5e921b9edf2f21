import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  SecretHandoff,
  handoffSummary,
  type HandoffEvent,
  type HandoffView,
} from '../../../source/screens/credentials/index.js';
import type {Emulator} from '../../../source/emulator/index.js';
import {startTestEmulator} from '../../helpers/app.js';
import {renderWithSession} from './render.js';
import {mintOverHttp, seedAccount, tempDir} from './support.js';
import {exchangeClient} from '../../helpers/oidc.js';
import {anyFrameHas, flat} from '../../helpers/frames.js';

async function setup(emu: Emulator) {
  const account = seedAccount(emu, (sa) => sa.clients.length === 0);
  const orgId = emu.seed.orgIds.primary;
  const credentials = await mintOverHttp(emu, orgId, account.id);
  return {account, orgId, credentials};
}

describe('SecretHandoff', () => {
  it('writes JSON after Tab, 0600, under a free suggested name, and reports it', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir();
    const {account, orgId, credentials} = await setup(emu);
    const events: HandoffEvent[] = [];
    const views: HandoffView[] = [];
    const ui = renderWithSession(
      emu,
      <SecretHandoff
        credentials={credentials}
        orgId={orgId}
        serviceAccountId={account.id}
        accountName="My App (prod)"
        width={100}
        height={20}
        cwd={dir}
        onHandedOff={(event) => events.push(event)}
        onViewChange={(view) => views.push(view)}
      />,
    );
    await ui.waitForText('New client for My App (prod)');
    await ui.press('w');
    await ui.waitForText('./my-app-prod-client.env');
    await ui.press('tab');
    await ui.waitForText('./my-app-prod-client.json');
    expect(ui.lastFrame()).toContain('Write to a new file as JSON');
    await ui.press('enter');
    await ui.waitFor((f) => flat(f).includes('(JSON, mode 0600)'));

    const file = path.join(dir, 'my-app-prod-client.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      tokenUrl: `${emu.zones.nam.login}/oidc/token`,
      orgId,
      serviceAccountId: account.id,
      zone: 'nam',
    });
    expect(await exchangeClient(emu, credentials.clientId, String(json.clientSecret))).toBe(200);
    expect(events).toEqual([{kind: 'written', path: file, format: 'json'}]);
    expect(views).toEqual(['write', 'panel']);

    // The next suggestion is a name that is still free.
    await ui.press('w');
    await ui.waitForText('./my-app-prod-client-2.json');
    expect(anyFrameHas(ui.frames, credentials.clientSecret)).toBe(false);
  });

  it('shows a write error in place and keeps the form and the panel', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir();
    const {account, orgId, credentials} = await setup(emu);
    const ui = renderWithSession(
      emu,
      <SecretHandoff
        credentials={credentials}
        orgId={orgId}
        serviceAccountId={account.id}
        accountName={account.name}
        width={80}
        height={20}
        cwd={dir}
      />,
      {columns: 80, rows: 24},
    );
    await ui.press('w');
    await ui.waitForText('-client.env');
    await ui.press('ctrlU');
    await ui.type(path.join(dir, 'missing', 'x.env'));
    await ui.press('enter');
    const frame = flat(await ui.waitFor((f) => flat(f).includes('does not exist')));
    expect(frame).toContain(
      `The folder ${path.join(dir, 'missing')} does not exist. Nothing was written`,
    );
    expect(frame).toContain('clientSecret');
    expect(frame).toContain('Write to a new file');
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('Write to a new file'));
    expect(ui.lastFrame()).toContain('w write file');
  });

  it('refuses a .env it cannot write safely and writes JSON instead', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir();
    // A secret no .env reader agrees on (a single quote): the message says to use JSON.
    const credentials = {clientId: 'client-1', clientSecret: "it's-a-secret"};
    const ui = renderWithSession(
      emu,
      <SecretHandoff
        credentials={credentials}
        orgId={1105}
        serviceAccountId={1}
        accountName="quoted"
        width={100}
        height={20}
        cwd={dir}
      />,
    );
    await ui.press('w');
    await ui.waitForText('./quoted-client.env');
    await ui.press('enter');
    await ui.waitFor((f) => flat(f).includes('Save it as JSON instead'));
    await ui.press('tab');
    await ui.waitForText('./quoted-client.json');
    await ui.press('enter');
    await ui.waitFor((f) => flat(f).includes('(JSON, mode 0600)'));
    const json = JSON.parse(await readFile(path.join(dir, 'quoted-client.json'), 'utf8')) as {
      clientSecret: string;
    };
    expect(json.clientSecret).toBe("it's-a-secret");
  });

  it('copies by OSC 52 when no tool works, and says it is not confirmed', async () => {
    const emu = await startTestEmulator();
    const {account, orgId, credentials} = await setup(emu);
    const events: HandoffEvent[] = [];
    const ui = renderWithSession(
      emu,
      <SecretHandoff
        credentials={credentials}
        orgId={orgId}
        serviceAccountId={account.id}
        accountName={account.name}
        width={100}
        height={20}
        onHandedOff={(event) => events.push(event)}
      />,
      {services: {env: {PATH: '/nonexistent'}}},
    );
    await ui.press('y');
    const frame = flat(await ui.waitForText('Not confirmed'));
    expect(frame).toContain("Sent to your terminal's clipboard (OSC 52)");
    expect(events).toEqual([{kind: 'copied', method: 'osc52', certain: false}]);
    // The terminal got the OSC 52 sequence (base64), never the plain secret.
    const encoded = Buffer.from(credentials.clientSecret, 'utf8').toString('base64');
    expect(ui.frames.some((f) => f.includes(`\x1b]52;c;${encoded}\x07`))).toBe(true);
    expect(anyFrameHas(ui.frames, credentials.clientSecret)).toBe(false);
    expect(handoffSummary(events)).toBe('So far it was sent to the clipboard (not confirmed).');
  });

  it('a shows the app snippet (no secret), scrolls, and Esc returns to the panel', async () => {
    const emu = await startTestEmulator();
    const {account, orgId, credentials} = await setup(emu);
    const views: HandoffView[] = [];
    const ui = renderWithSession(
      emu,
      <SecretHandoff
        credentials={credentials}
        orgId={orgId}
        serviceAccountId={account.id}
        accountName={account.name}
        width={80}
        height={12}
        onViewChange={(view) => views.push(view)}
      />,
      {columns: 80, rows: 24},
    );
    await ui.press('a');
    const first = await ui.waitForText('App snippet');
    expect(first).toContain(`FLEXERA_CLIENT_ID=${credentials.clientId}`);
    expect(first.split('\n').length).toBeLessThanOrEqual(12);
    await ui.press('G');
    await ui.waitForText('roles; token valid for');
    await ui.press('g');
    await ui.waitForText('FLEXERA_CLIENT_ID=');
    await ui.press('esc');
    await ui.waitForText('w write file');
    expect(views).toEqual(['snippet', 'panel']);
    expect(anyFrameHas(ui.frames, credentials.clientSecret)).toBe(false);
  });

  it('takes no keys while inactive', async () => {
    const emu = await startTestEmulator();
    const {account, orgId, credentials} = await setup(emu);
    const ui = renderWithSession(
      emu,
      <SecretHandoff
        credentials={credentials}
        orgId={orgId}
        serviceAccountId={account.id}
        accountName={account.name}
        width={100}
        height={20}
        isActive={false}
      />,
    );
    await ui.waitForText('clientSecret');
    await ui.press('s');
    await ui.press('w');
    await ui.press('a');
    expect(ui.lastFrame()).not.toContain('Write to a new file');
    expect(ui.lastFrame()).not.toContain('App snippet');
    expect(anyFrameHas(ui.frames, credentials.clientSecret)).toBe(false);
  });
});

describe('handoffSummary', () => {
  it('names every place the secret went, never the secret', () => {
    expect(handoffSummary([])).toBeUndefined();
    expect(
      handoffSummary([
        {kind: 'written', path: '/tmp/a.env', format: 'env'},
        {kind: 'copied', method: 'xclip', certain: true},
      ]),
    ).toBe('So far it was written to /tmp/a.env, copied to the clipboard.');
  });
});
