/** Catalogue: the Clients screen (list, mint and hand-off, delete), at 60×16, 80×24, 200×50. */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {Emulator} from '../../../source/emulator/index.js';
import {demoOrg} from '../../helpers/app.js';
import {SAVE_SECRET_QUESTION} from '../../../source/screens/credentials/index.js';
import {clientsOf, fakeTool, grantRole, seedAccount, tempDir} from '../credentials/support.js';
import {createAccount, LONG_NAME} from './http.js';
import {catalogue, type StateContext} from './support.js';

const clientsRoute = (emu: Emulator, accountId: number) => ({
  routes: [{name: 'orgs' as const}, {name: 'clients' as const, org: demoOrg(emu), accountId}],
});

/** An account with no roles and no clients (legacy-reporting in the seed). */
const fresh = (emu: Emulator) =>
  seedAccount(emu, (sa) => sa.roles.length === 0 && sa.clients.length === 0);
const withTwo = (emu: Emulator) => seedAccount(emu, (sa) => sa.clients.length === 2);

/** Starts on a fresh account's clients with a fake clipboard tool, so `y` hands the secret over. */
async function mintable(emu: Emulator) {
  const bin = await tempDir('flexera-sa-bin-');
  await fakeTool(bin, 'xclip');
  return {
    ...clientsRoute(emu, fresh(emu).id),
    session: {services: {env: {PATH: bin, DISPLAY: ':0'}}},
  };
}

/** m mints; the new client's id is found from the emulator. */
async function mint({ui, emu, found}: StateContext, accountId: number) {
  await ui.waitForText('No clients yet');
  await ui.press('m');
  await ui.waitForText('••••••••');
  const [client] = await clientsOf(emu, emu.seed.orgIds.primary, accountId);
  found.set('client', client!.clientId);
}

/** y copies the secret through the fake xclip; its stdin is the secret. */
async function copySecret({ui, found, env}: StateContext) {
  await ui.press('y');
  await ui.waitForText('Copied to the clipboard');
  found.set('secret', await readFile(path.join(env.PATH!, 'xclip.stdin'), 'utf8'));
}

catalogue('clients', [
  {
    name: 'loading',
    start(emu) {
      const account = withTwo(emu);
      emu.faults.inject({
        method: 'GET',
        path: `/iam/v1/orgs/${emu.seed.orgIds.primary}/service-accounts/${account.id}/clients`,
        fault: {type: 'latency', ms: 60_000},
      });
      return clientsRoute(emu, account.id);
    },
    reach: async ({ui}) => void (await ui.waitForText('Loading clients')),
    essential: () => ['Loading clients'],
  },
  {
    name: 'empty',
    start: (emu) => clientsRoute(emu, fresh(emu).id),
    reach: async ({ui}) => void (await ui.waitForText('No clients yet')),
    essential: () => ['No clients yet'],
  },
  {
    name: 'error',
    start(emu) {
      const account = fresh(emu);
      emu.faults.inject({
        method: 'GET',
        path: `/iam/v1/orgs/${emu.seed.orgIds.primary}/service-accounts/${account.id}/clients`,
        times: Infinity,
        fault: {type: 'status', status: 500},
      });
      return clientsRoute(emu, account.id);
    },
    reach: async ({ui}) => void (await ui.waitForText('(500)')),
    essential: () => ['(500)'],
  },
  {
    name: '2 clients',
    start: (emu) => clientsRoute(emu, withTwo(emu).id),
    reach: async ({ui, emu}) => void (await ui.waitForText(withTwo(emu).clients[1]!.clientId)),
    essential: ({emu}) => withTwo(emu).clients.map((c) => c.clientId),
  },
  {
    name: '2 clients, delete dialog',
    start: (emu) => clientsRoute(emu, withTwo(emu).id),
    async reach({ui, emu}) {
      await ui.waitForText(withTwo(emu).clients[1]!.clientId);
      await ui.press('x');
      await ui.waitForText('Delete client');
    },
    essential: () => ['Delete client'],
  },
  {
    name: 'long account name',
    start: async (emu) => clientsRoute(emu, await createAccount(emu, LONG_NAME)),
    reach: async ({ui}) => void (await ui.waitForText('No clients yet')),
    essential: () => ['No clients yet'],
  },
  {
    name: 'after minting, secret hidden',
    start: mintable,
    reach: (context) => mint(context, fresh(context.emu).id),
    essential: ({found}) => [found.get('client')!, '••••••••'],
  },
  {
    name: 'after minting, secret shown',
    start: mintable,
    async reach(context) {
      await mint(context, fresh(context.emu).id);
      await copySecret(context);
      await context.ui.press('s');
      await context.ui.waitFor((f) => !f.includes('••••••••'), {label: 'secret shown'});
    },
    essential: ({found}) => [found.get('client')!],
    secret: ({found}) => found.get('secret'),
  },
  {
    name: 'after minting, verification failed',
    start: mintable,
    async reach(context) {
      await mint(context, fresh(context.emu).id);
      await context.ui.press('v');
      await context.ui.waitForText('Verification failed.');
    },
    essential: () => ['Verification failed.'],
  },
  {
    name: 'after minting, verified',
    async start(emu) {
      await grantRole(emu, emu.seed.orgIds.primary, fresh(emu).id, 'policy_viewer');
      return mintable(emu);
    },
    async reach(context) {
      await mint(context, fresh(context.emu).id);
      await context.ui.press('v');
      await context.ui.waitForText('Verified');
    },
    essential: () => ['Verified: these credentials work.'],
  },
  {
    name: 'after minting, app snippet',
    start: mintable,
    async reach(context) {
      await mint(context, fresh(context.emu).id);
      await context.ui.press('a');
      await context.ui.waitForText('Use these credentials');
    },
    essential: () => ['Use these credentials in your application'],
  },
  {
    name: 'after minting, write form',
    start: mintable,
    async reach(context) {
      await mint(context, fresh(context.emu).id);
      await context.ui.press('w');
      await context.ui.waitForText('-client.env');
    },
    essential: () => ['Write to a new file'],
  },
  {
    name: 'after minting, leave dialog',
    start: mintable,
    async reach(context) {
      await mint(context, fresh(context.emu).id);
      await context.ui.press('esc');
      await context.ui.waitForText('Did you save');
    },
    essential: () => [SAVE_SECRET_QUESTION],
  },
  {
    name: 'after minting, quit dialog',
    start: mintable,
    async reach(context) {
      await mint(context, fresh(context.emu).id);
      await context.ui.press('q');
      await context.ui.waitForText('[ Quit ]');
    },
    essential: () => ['Quit anyway?'],
  },
]);
