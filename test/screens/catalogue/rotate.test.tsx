/** Catalogue: rotation, in place (5 steps) and with two clients, its questions and failures. */
import type {Emulator} from '../../../source/emulator/index.js';
import {demoOrg} from '../../helpers/app.js';
import type {InkHandle} from '../../helpers/ink.js';
import {seedAccount} from '../credentials/support.js';
import {catalogue, clientsPath, failingRead, slowRead, visible, waitVisible} from './support.js';

/** A deployment whose client-secret endpoints answer 404: the two-client rotation. */
const NO_SECRET_ENDPOINTS = {forms: {clientSecrets: false}};

const inUse = (emu: Emulator) =>
  seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);

function rotateRoutes(emu: Emulator, accountId: number) {
  const org = demoOrg(emu);
  return {
    routes: [
      {name: 'account' as const, org, accountId},
      {name: 'rotate' as const, org, accountId},
    ],
  };
}

async function toVerified(ui: InkHandle) {
  await waitVisible(ui, 'Step 1 of 5');
  await ui.press('m');
  await waitVisible(ui, 'Step 2 of 5');
  await ui.press('enter');
  await waitVisible(ui, 'Did you save the new secret elsewhere?');
  await ui.press('y');
  await waitVisible(ui, 'Verified: these credentials work.', 10_000);
}

catalogue('rotate', [
  {
    name: 'loading',
    start(emu) {
      slowRead(emu, clientsPath(emu, inUse(emu).id));
      return rotateRoutes(emu, inUse(emu).id);
    },
    reach: async ({ui}) => void (await ui.waitForText('Loading clients')),
    essential: () => ['Loading clients'],
  },
  {
    name: 'error',
    start(emu) {
      failingRead(emu, clientsPath(emu, inUse(emu).id));
      return rotateRoutes(emu, inUse(emu).id);
    },
    reach: async ({ui}) => void (await waitVisible(ui, '(500)', 10_000)),
    essential: () => ['(500)'],
  },
  {
    name: 'nothing to rotate',
    emulator: NO_SECRET_ENDPOINTS,
    start: (emu) => rotateRoutes(emu, seedAccount(emu, (sa) => sa.clients.length === 0).id),
    reach: async ({ui}) => void (await waitVisible(ui, 'Nothing to rotate')),
    essential: () => ['Nothing to rotate'],
  },
  {
    name: 'step 1, add a second secret',
    start: (emu) => rotateRoutes(emu, inUse(emu).id),
    reach: async ({ui}) => void (await waitVisible(ui, 'Step 1 of 5')),
    essential: () => ['Step 1 of 5'],
  },
  {
    name: 'step 2, hand off the new secret',
    start: (emu) => rotateRoutes(emu, inUse(emu).id),
    async reach({ui}) {
      await waitVisible(ui, 'Step 1 of 5');
      await ui.press('m');
      await waitVisible(ui, 'Step 2 of 5');
    },
    essential: () => ['Step 2 of 5', '••••••••'],
  },
  {
    name: 'step 2, saved elsewhere?',
    start: (emu) => rotateRoutes(emu, inUse(emu).id),
    async reach({ui}) {
      await waitVisible(ui, 'Step 1 of 5');
      await ui.press('m');
      await waitVisible(ui, 'Step 2 of 5');
      await ui.press('enter');
      await waitVisible(ui, 'Did you save the new secret elsewhere?');
    },
    essential: () => ['Did you save the new secret elsewhere?'],
  },
  {
    name: 'step 3, verified',
    start: (emu) => rotateRoutes(emu, inUse(emu).id),
    reach: async ({ui}) => void (await toVerified(ui)),
    essential: () => ['Step 3 of 5', 'Verified: these credentials work.'],
  },
  {
    name: 'step 4, switch',
    start: (emu) => rotateRoutes(emu, inUse(emu).id),
    async reach({ui}) {
      await toVerified(ui);
      await ui.press('enter');
      await waitVisible(ui, 'Step 4 of 5');
    },
    essential: () => ['Step 4 of 5'],
  },
  {
    name: 'step 5, delete the old secret?',
    start: (emu) => rotateRoutes(emu, inUse(emu).id),
    async reach({ui, emu}) {
      await toVerified(ui);
      await ui.press('enter');
      await waitVisible(ui, 'Step 4 of 5');
      await ui.press('enter');
      await waitVisible(ui, `Delete the old secret of client ${inUse(emu).clients[0]!.clientId}?`);
    },
    essential: ({emu}) => [`Delete the old secret of client ${inUse(emu).clients[0]!.clientId}?`],
  },
  {
    name: '2 clients, which one to retire',
    emulator: NO_SECRET_ENDPOINTS,
    start: (emu) => rotateRoutes(emu, seedAccount(emu, (sa) => sa.clients.length === 2).id),
    reach: async ({ui}) => void (await waitVisible(ui, 'Which one do you retire (delete) first?')),
    essential: () => [
      'Which one do you retire (delete) first?',
      'Retire the one your application does NOT use · Enter picks it (asks first)',
    ],
  },
  {
    name: '2 clients, retire question',
    emulator: NO_SECRET_ENDPOINTS,
    start: (emu) => rotateRoutes(emu, seedAccount(emu, (sa) => sa.clients.length === 2).id),
    async reach({ui, emu}) {
      const [first] = seedAccount(emu, (sa) => sa.clients.length === 2).clients;
      await waitVisible(ui, 'Which one do you retire (delete) first?');
      await ui.press('enter');
      await waitVisible(ui, `Retire (delete) client ${first!.clientId}?`);
    },
    essential: ({emu}) => [
      `Retire (delete) client ${seedAccount(emu, (sa) => sa.clients.length === 2).clients[0]!.clientId}?`,
    ],
  },
  {
    name: 'complete',
    start: (emu) => rotateRoutes(emu, inUse(emu).id),
    async reach({ui}) {
      await toVerified(ui);
      await ui.press('enter');
      await waitVisible(ui, 'Step 4 of 5');
      await ui.press('enter');
      await waitVisible(ui, 'Delete the old secret of client');
      await ui.press('y'); // acts at once
      await waitVisible(ui, 'Rotation complete', 10_000);
    },
    essential: () => ['Rotation complete'],
  },
  {
    name: 'verification failed',
    emulator: NO_SECRET_ENDPOINTS,
    start: (emu) => rotateRoutes(emu, inUse(emu).id),
    async reach({ui, emu}) {
      await waitVisible(ui, 'Step 1 of 5');
      await ui.press('m');
      await waitVisible(ui, 'Step 2 of 5');
      // The verification's call fails (whichever read it makes), the token exchange works.
      for (const read of ['roles', 'users']) {
        failingRead(emu, `/iam/v1/orgs/${emu.seed.orgIds.primary}/${read}`);
      }
      await ui.press('enter');
      const asked = await ui.waitFor(
        (f) =>
          visible(f, 'Did you save the new secret elsewhere?') ||
          f.includes('Verification failed.'),
        {label: 'asked or verified', timeout: 10_000},
      );
      if (!asked.includes('Verification failed.')) await ui.press('y');
      await waitVisible(ui, 'Verification failed.', 10_000);
    },
    essential: () => ['Verification failed.'],
  },
]);
