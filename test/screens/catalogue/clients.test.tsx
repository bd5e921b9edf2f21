/** Catalogue: the Clients screen (list, mint and hand-off, delete), at 60×16, 80×24, 200×50. */
import type {Emulator} from '../../../source/emulator/index.js';
import {SAVE_SECRET_QUESTION} from '../../../source/screens/credentials/index.js';
import {demoOrg} from '../../helpers/app.js';
import {clientsOf, grantRole, seedAccount} from '../credentials/support.js';
import {createAccount, LONG_NAME} from './http.js';
import {
  catalogue,
  clientsPath,
  clipboardSession,
  copySecret,
  failingRead,
  slowRead,
  waitVisible,
  type ScreenState,
  type StateContext,
} from './support.js';

const clientsRoute = (emu: Emulator, accountId: number) => ({
  routes: [{name: 'orgs' as const}, {name: 'clients' as const, org: demoOrg(emu), accountId}],
});

/** An account with no roles and no clients (legacy-reporting in the seed). */
const fresh = (emu: Emulator) =>
  seedAccount(emu, (sa) => sa.roles.length === 0 && sa.clients.length === 0);
const withTwo = (emu: Emulator) => seedAccount(emu, (sa) => sa.clients.length === 2);

/** A fresh account's clients, with a fake clipboard tool so `y` hands the secret over. */
async function mintable(emu: Emulator) {
  return {...clientsRoute(emu, fresh(emu).id), session: await clipboardSession()};
}

/** m mints; the new client's id is kept as found 'client'. */
async function mint(context: StateContext) {
  const {ui, emu, found} = context;
  await ui.waitForText('No clients yet');
  await ui.press('m');
  await ui.waitForText('••••••••');
  const [client] = await clientsOf(emu, emu.seed.orgIds.primary, fresh(emu).id);
  found.set('client', client!.clientId);
}

/** After minting, `key` opens what shows `marker`. */
function afterMint(name: string, key: string, marker: string, essential: string): ScreenState {
  return {
    name: `after minting, ${name}`,
    start: mintable,
    async reach(context) {
      await mint(context);
      // Verifying goes past the hand-off: the secret is copied first (the gate would ask).
      if (key === 'v') await copySecret(context);
      await context.ui.press(key);
      await waitVisible(context.ui, marker);
    },
    essential: () => [essential],
  };
}

catalogue('clients', [
  {
    name: 'loading',
    start(emu) {
      slowRead(emu, clientsPath(emu, withTwo(emu).id));
      return clientsRoute(emu, withTwo(emu).id);
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
      failingRead(emu, clientsPath(emu, fresh(emu).id));
      return clientsRoute(emu, fresh(emu).id);
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
    name: '2 clients, m explains the limit',
    start: (emu) => clientsRoute(emu, withTwo(emu).id),
    async reach({ui, emu}) {
      await ui.waitForText(withTwo(emu).clients[1]!.clientId);
      await ui.press('m');
      await waitVisible(ui, 'Pick the client to delete');
    },
    essential: ({emu}) => [withTwo(emu).clients[0]!.clientId, 'Pick the client to delete'],
  },
  {
    name: '2 clients, delete dialog',
    start: (emu) => clientsRoute(emu, withTwo(emu).id),
    async reach({ui, emu}) {
      await ui.waitForText(withTwo(emu).clients[1]!.clientId);
      await ui.press('x');
      await waitVisible(ui, 'Delete client');
    },
    essential: ({emu}) => [`Delete client ${withTwo(emu).clients[0]!.clientId}?`],
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
    reach: mint,
    essential: ({found}) => [found.get('client')!, '••••••••'],
  },
  {
    name: 'after minting, secret shown',
    start: mintable,
    async reach(context) {
      await mint(context);
      await copySecret(context);
      await context.ui.press('s');
      await context.ui.waitFor((f) => !f.includes('••••••••'), {label: 'secret shown'});
    },
    essential: ({found}) => [found.get('client')!],
    secret: ({found}) => found.get('secret'),
  },
  afterMint('verification failed', 'v', 'Verification failed.', 'Verification failed.'),
  {
    ...afterMint('verified', 'v', 'Verified', 'Verified: these credentials work.'),
    async start(emu) {
      await grantRole(emu, emu.seed.orgIds.primary, fresh(emu).id, 'policy_viewer');
      return mintable(emu);
    },
  },
  afterMint(
    'app snippet',
    'a',
    'Use these credentials',
    'Use these credentials in your application',
  ),
  afterMint('write form', 'w', '-client.env', 'Write to a new file'),
  afterMint('leave dialog', 'esc', 'Did you save', SAVE_SECRET_QUESTION),
  afterMint('quit dialog', 'q', '[ Quit ]', `${SAVE_SECRET_QUESTION} Quit anyway?`),
  {
    name: 'mint failed',
    start(emu) {
      emu.faults.inject({
        method: 'POST',
        path: clientsPath(emu, fresh(emu).id),
        times: Infinity,
        fault: {type: 'status', status: 500},
      });
      return clientsRoute(emu, fresh(emu).id);
    },
    async reach({ui}) {
      await ui.waitForText('No clients yet');
      await ui.press('m');
      await waitVisible(ui, 'Press m to try again.');
    },
    essential: () => ['(500)', 'Press m to try again.'],
  },
  {
    name: 'minting',
    start(emu) {
      emu.faults.inject({
        method: 'POST',
        path: clientsPath(emu, fresh(emu).id),
        fault: {type: 'latency', ms: 60_000},
      });
      return clientsRoute(emu, fresh(emu).id);
    },
    async reach({ui}) {
      await ui.waitForText('No clients yet');
      await ui.press('m');
      await ui.waitForText('Minting a client for');
    },
    essential: () => ['Minting a client for'],
  },
  {
    name: 'curl view',
    start: (emu) => clientsRoute(emu, withTwo(emu).id),
    async reach({ui, emu}) {
      await ui.waitForText(withTwo(emu).clients[1]!.clientId);
      await ui.press('c');
      await waitVisible(ui, 'The same with curl');
    },
    essential: () => [],
  },
]);
