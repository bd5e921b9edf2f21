/**
 * Every yes/no question of the app answers one way (issue 12): the letter its key line shows acts
 * at once (y delete, y quit, y leave…), Enter presses the choice marked › (→ moves the mark),
 * Esc cancels. Table-driven over the real app on the emulator: each row opens its dialog the way a
 * person would, and says what "done" and "nothing done" look like, in the frame and in the
 * emulator's state over HTTP. Typed confirmations stay typed (y is a letter of the name there).
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import type {Route} from '../../source/navigation.js';
import {SAVE_SECRET_QUESTION} from '../../source/screens/credentials/index.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {flat} from '../helpers/frames.js';
import {secretViaFile} from '../helpers/handoff.js';
import type {InkHandle} from '../helpers/ink.js';
import {clientsOf, seedAccount, tempDir} from './credentials/support.js';

/** A deployment whose client-secret endpoints answer 404: the two-client rotation. */
const NO_SECRET_ENDPOINTS = {forms: {clientSecrets: false}};

interface Opened {
  readonly ui: InkHandle;
  readonly emu: Emulator;
  /** The account the dialog is about, when there is one. */
  readonly accountId: number;
  readonly exitCode: () => number | undefined;
}

interface DialogCase {
  readonly name: string;
  /** Starts the app and brings up the question; resolves once it is on screen. */
  readonly open: () => Promise<Opened>;
  readonly question: string;
  /** What the key line shows for y: "y delete". */
  readonly yes: string;
  /** The frame and the emulator after the confirmation. */
  readonly confirmed: (o: Opened) => Promise<void>;
  /** …and after a cancel: nothing done. */
  readonly cancelled: (o: Opened) => Promise<void>;
}

function start(emu: Emulator, routes: Route[], accountId = 0): Opened {
  let code: number | undefined;
  const ui = renderApp(testSession(emu), {
    routes,
    columns: 80,
    rows: 24,
    onExit: (c) => (code = c),
  });
  return {ui, emu, accountId, exitCode: () => code};
}

const primary = (emu: Emulator) => emu.seed.orgIds.primary;
const creates = (emu: Emulator) =>
  emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/service-accounts'));
const held = async (o: Opened) =>
  (await clientsOf(o.emu, primary(o.emu), o.accountId)).map((c) => c.clientId);

/** The clients screen of `accountId`, over the org picker. */
function openClients(emu: Emulator, accountId: number): Opened {
  return start(emu, [{name: 'orgs'}, {name: 'clients', org: demoOrg(emu), accountId}], accountId);
}

/** The clients screen of an account without clients, with a new client minted (secret held). */
async function mintedOnClients(): Promise<Opened> {
  const emu = await startTestEmulator();
  const account = seedAccount(emu, (sa) => sa.roles.length === 0 && sa.clients.length === 0);
  const o = openClients(emu, account.id);
  await o.ui.waitForText('No clients yet');
  await o.ui.press('m');
  await o.ui.waitForText('New client for');
  return o;
}

/** The rotation of `accountId`, opened from its detail screen. */
function openRotate(emu: Emulator, accountId: number): Opened {
  const org = demoOrg(emu);
  return start(
    emu,
    [
      {name: 'account', org, accountId},
      {name: 'rotate', org, accountId},
    ],
    accountId,
  );
}

/** The rotation of an account with one client and a role, at step 2 (a new secret held). */
async function rotation(emulator = {}): Promise<Opened> {
  const emu = await startTestEmulator(emulator);
  const account = seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);
  const o = openRotate(emu, account.id);
  await o.ui.waitForText('Step 1 of 5');
  await o.ui.press('m');
  await o.ui.waitForText('Step 2 of 5');
  return o;
}

/** Esc on a form with "half-typed" in its name field; `form` opens the form (name focused). */
function discardCase(name: string, form: (emu: Emulator) => Promise<Opened>): DialogCase {
  return {
    name,
    async open() {
      const o = await form(await startTestEmulator());
      await o.ui.type('half-typed');
      await o.ui.press('esc');
      await o.ui.waitForText('Discard the typed name?');
      return o;
    },
    question: 'Discard the typed name?',
    yes: 'y discard',
    async confirmed(o) {
      // Back on the account list, nothing sent.
      await o.ui.waitFor((f) => f.includes('billing-export') && !f.includes('half-typed'));
      expect(creates(o.emu)).toEqual([]);
    },
    async cancelled(o) {
      await o.ui.waitFor((f) => f.includes('› half-typed') && !f.includes('Discard'));
    },
  };
}

const CASES: DialogCase[] = [
  {
    name: 'quit with a secret in memory',
    async open() {
      const o = await mintedOnClients();
      await o.ui.press('q');
      await o.ui.waitForText('Quit anyway?');
      return o;
    },
    question: 'Quit anyway?',
    yes: 'y quit',
    async confirmed(o) {
      await o.ui.waitForExit();
      expect(o.exitCode()).toBe(0);
    },
    async cancelled(o) {
      await o.ui.waitFor((f) => f.includes('New client for') && !f.includes('Quit anyway?'));
      expect(o.ui.hasExited()).toBe(false);
    },
  },
  {
    name: 'leaving the clients screen with the secret in memory',
    async open() {
      const o = await mintedOnClients();
      await o.ui.press('esc');
      await o.ui.waitForText(SAVE_SECRET_QUESTION);
      return o;
    },
    question: SAVE_SECRET_QUESTION,
    yes: 'y leaves and forgets it',
    async confirmed(o) {
      await o.ui.waitForText('Your orgs');
      expect(await held(o)).toHaveLength(1);
    },
    async cancelled(o) {
      await o.ui.waitFor((f) => f.includes('New client for') && !f.includes(SAVE_SECRET_QUESTION));
    },
  },
  {
    name: 'deleting a client (x)',
    async open() {
      const emu = await startTestEmulator();
      const account = seedAccount(emu, (sa) => sa.clients.length === 1);
      const o = openClients(emu, account.id);
      await o.ui.waitForText(account.clients[0]!.clientId);
      await o.ui.press('x');
      await o.ui.waitForText(`Delete client ${account.clients[0]!.clientId}?`);
      return o;
    },
    question: 'stop working immediately',
    yes: 'y delete',
    async confirmed(o) {
      await o.ui.waitFor((f) => flat(f).includes('Deleted client'));
      expect(await held(o)).toEqual([]);
    },
    async cancelled(o) {
      await o.ui.waitFor((f) => !f.includes('stop working immediately'));
      expect(await held(o)).toHaveLength(1);
    },
  },
  {
    name: 'rotation: deleting the old client',
    async open() {
      const o = await rotation(NO_SECRET_ENDPOINTS);
      const [old] = await held(o);
      await secretViaFile(o.ui, path.join(await tempDir('flexera-sa-dialogs-'), 'new.env'));
      await o.ui.press('enter');
      await o.ui.waitForText('Verified: these credentials work.');
      await o.ui.press('enter');
      await o.ui.waitForText('Step 4 of 5');
      await o.ui.press('enter');
      await o.ui.waitForText(`Delete the old client ${old!}?`);
      return {...o, old};
    },
    question: 'Delete the old client',
    yes: 'y delete',
    async confirmed(o) {
      await o.ui.waitForText('Rotation complete');
      expect(await held(o)).toHaveLength(1);
      expect(await held(o)).not.toContain((o as Opened & {old: string}).old);
    },
    async cancelled(o) {
      await o.ui.waitFor((f) => f.includes('Step 4 of 5') && !f.includes('Delete the old client'));
      expect(await held(o)).toContain((o as Opened & {old: string}).old);
      expect(await held(o)).toHaveLength(2);
    },
  },
  {
    name: 'rotation: retiring one of two clients first',
    async open() {
      const emu = await startTestEmulator(NO_SECRET_ENDPOINTS);
      const account = seedAccount(emu, (sa) => sa.clients.length === 2);
      const o = openRotate(emu, account.id);
      await o.ui.waitForText('Which one do you retire');
      await o.ui.press('enter');
      await o.ui.waitForText('Retire (delete) client');
      return o;
    },
    question: 'Retire (delete) client',
    yes: 'y delete',
    async confirmed(o) {
      await o.ui.waitForText('Step 1 of 5');
      expect(await held(o)).toHaveLength(1);
    },
    async cancelled(o) {
      await o.ui.waitFor(
        (f) => f.includes('Which one do you retire') && !f.includes('Retire (delete) client'),
      );
      expect(await held(o)).toHaveLength(2);
    },
  },
  {
    name: 'rotation in place: "saved it elsewhere"',
    async open() {
      const o = await rotation();
      await o.ui.press('enter');
      await o.ui.waitForText('Did you save the new secret elsewhere?');
      return o;
    },
    question: 'Did you save the new secret elsewhere?',
    yes: 'y I saved it elsewhere, go on to verify',
    async confirmed(o) {
      await o.ui.waitForText('Step 3 of 5');
    },
    async cancelled(o) {
      await o.ui.waitFor((f) => f.includes('Step 2 of 5') && !f.includes('elsewhere?'));
    },
  },
  {
    name: 'rotation: leaving with the new secret',
    async open() {
      const o = await rotation(NO_SECRET_ENDPOINTS);
      await o.ui.press('esc');
      await o.ui.waitForText('Did you save the new secret?');
      return o;
    },
    question: 'Did you save the new secret?',
    yes: 'y leaves and forgets the secret',
    async confirmed(o) {
      await o.ui.waitFor((f) => !f.includes('Step 2 of 5') && !f.includes('Did you save'));
      expect(await held(o)).toHaveLength(2);
    },
    async cancelled(o) {
      await o.ui.waitFor((f) => f.includes('Step 2 of 5') && !f.includes('Did you save'));
    },
  },
  {
    name: 'role picker: discarding changes',
    async open() {
      const emu = await startTestEmulator();
      const org = demoOrg(emu);
      const accountId = 2258;
      const o = start(
        emu,
        [
          {name: 'account', org, accountId},
          {name: 'roles', org, accountId},
        ],
        accountId,
      );
      await o.ui.waitForText('Manage policies');
      await o.ui.press('down', 2);
      await o.ui.press('space');
      await o.ui.waitForText('1 change');
      await o.ui.press('esc');
      await o.ui.waitForText('Discard 1 change?');
      return o;
    },
    question: 'Discard 1 change?',
    yes: 'y discard',
    async confirmed(o) {
      await o.ui.waitFor((f) => !f.split('\n')[0]!.trimEnd().endsWith('› Roles'));
      expect(o.emu.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    },
    async cancelled(o) {
      await o.ui.waitFor((f) => f.includes('1 change') && !f.includes('Discard'));
    },
  },
  discardCase('the n form: dropping a typed name', async (emu) => {
    const o = start(emu, [{name: 'accounts', org: demoOrg(emu)}]);
    await o.ui.waitForText('billing-export');
    await o.ui.press('n');
    await o.ui.waitForText('New service account');
    return o;
  }),
  discardCase('the guide: dropping a typed name', async (emu) => {
    const org = demoOrg(emu);
    const o = start(emu, [
      {name: 'accounts', org},
      {name: 'guide', org},
    ]);
    await o.ui.waitForText('what is the application?');
    return o;
  }),
];

describe.each(CASES)('confirm dialog: $name', (c) => {
  it('shows the letter and what it does; y acts at once', async () => {
    const o = await c.open();
    expect(flat(o.ui.lastFrame())).toContain(c.question);
    expect(flat(o.ui.lastFrame())).toContain(c.yes);
    await o.ui.press('y');
    await c.confirmed(o);
  });

  it('Enter presses the choice marked ›: Cancel at first, → then Enter confirms', async () => {
    const o = await c.open();
    await o.ui.press('right');
    await o.ui.waitFor((f) => !/› \[ (Cancel|Stay|Keep editing|Back to)/.test(f));
    await o.ui.press('enter');
    await c.confirmed(o);
  });

  it('Esc cancels: nothing is done', async () => {
    const o = await c.open();
    await o.ui.press('esc');
    await c.cancelled(o);
  });
});
