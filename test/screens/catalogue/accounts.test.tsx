/** Catalogue: the account list, and the account form (create, edit) with its validation. */
import type {Emulator} from '../../../source/emulator/index.js';
import {demoOrg} from '../../helpers/app.js';
import {createAccount, LONG_DESCRIPTION, LONG_NAME} from './http.js';
import {catalogue, failingRead, slowRead, waitVisible} from './support.js';

const listRoutes = (emu: Emulator) => ({
  routes: [{name: 'orgs' as const}, {name: 'accounts' as const, org: demoOrg(emu)}],
});

const accountsPath = (emu: Emulator) => `/iam/v1/orgs/${emu.seed.orgIds.primary}/service-accounts`;

catalogue('account list', [
  {
    name: 'loading',
    start(emu) {
      slowRead(emu, accountsPath(emu));
      return listRoutes(emu);
    },
    reach: async ({ui}) => void (await ui.waitForText('Loading service accounts')),
    essential: () => ['Loading service accounts'],
  },
  {
    name: 'list',
    start: listRoutes,
    reach: async ({ui}) => void (await ui.waitForText('of 20 service accounts')),
    essential: () => [
      'billing-export',
      'grafana-dashboards',
      'policy-automation',
      'of 20 service accounts',
    ],
  },
  {
    name: 'error',
    start(emu) {
      failingRead(emu, accountsPath(emu));
      return listRoutes(emu);
    },
    reach: async ({ui}) => void (await ui.waitForText('(500)', {timeout: 10_000})),
    essential: () => ['(500)'],
  },
  {
    name: 'an org with no accounts',
    emulator: {seed: {extraOrgs: 1}},
    start(emu) {
      const id = emu.seed.orgIds.extra[0]!;
      const name = emu.seed.orgs.find((o) => o.id === id)!.name;
      return {routes: [{name: 'orgs' as const}, {name: 'accounts' as const, org: {id, name}}]};
    },
    reach: async ({ui}) => void (await ui.waitForText('0 of 20')),
    essential: () => ['0 of 20'],
  },
  {
    name: 'filter with no match',
    start: listRoutes,
    async reach({ui}) {
      await ui.waitForText('of 20 service accounts');
      await ui.press('/');
      await ui.type('no-such-account');
      await ui.waitForText('/ no-such-account');
    },
    essential: () => ['/ no-such-account'],
  },
  {
    name: 'long name and description',
    async start(emu) {
      await createAccount(emu, LONG_NAME, LONG_DESCRIPTION);
      return listRoutes(emu);
    },
    reach: async ({ui}) => void (await ui.waitForText('of 20 service accounts')),
    essential: () => ['of 20 service accounts'],
  },
  {
    name: 'new account form',
    start: listRoutes,
    async reach({ui}) {
      await ui.waitForText('of 20 service accounts');
      await ui.press('n');
      await ui.waitForText('New service account');
    },
    essential: () => ['New service account'],
  },
  {
    name: 'new account form, name required',
    start: listRoutes,
    async reach({ui}) {
      await ui.waitForText('of 20 service accounts');
      await ui.press('n');
      await ui.waitForText('New service account');
      await ui.press('enter');
      await ui.press('enter');
      await ui.waitForText('A name is required.');
    },
    essential: () => ['A name is required.'],
  },
  {
    name: 'new account form, long text typed',
    start: listRoutes,
    async reach({ui}) {
      await ui.waitForText('of 20 service accounts');
      await ui.press('n');
      await ui.waitForText('New service account');
      await ui.type(LONG_NAME);
      await ui.press('tab');
      await ui.type(LONG_DESCRIPTION);
      await ui.waitForText(`${LONG_DESCRIPTION.length}/`);
    },
    essential: () => [`${LONG_DESCRIPTION.length}/`],
  },
  {
    name: 'edit form',
    start: listRoutes,
    async reach({ui}) {
      await ui.waitForText('of 20 service accounts');
      await ui.press('e');
      await ui.waitForText('Edit billing-export (2257)');
    },
    essential: () => ['Edit billing-export (2257)'],
  },
  {
    name: 'at the 20-account limit, n explains it',
    async start(emu) {
      for (
        let i = emu.seed.serviceAccounts.filter(
          (sa) => sa.orgId === emu.seed.orgIds.primary,
        ).length;
        i < 20;
        i++
      ) {
        await createAccount(emu, `filler-${String(i).padStart(2, '0')}`);
      }
      return listRoutes(emu);
    },
    async reach({ui}) {
      await ui.waitForText('20 of 20 service accounts');
      await ui.press('n');
      await waitVisible(ui, 'at most 20');
    },
    essential: () => ['Delete one (d) before creating another'],
  },
  {
    name: 'create refused',
    start(emu) {
      emu.faults.inject({
        method: 'POST',
        path: accountsPath(emu),
        times: Infinity,
        fault: {type: 'status', status: 403},
      });
      return listRoutes(emu);
    },
    async reach({ui}) {
      await ui.waitForText('of 20 service accounts');
      await ui.press('n');
      await ui.waitForText('New service account');
      await ui.type('cost-reporter');
      await ui.press('enter');
      await ui.press('enter');
      await waitVisible(ui, 'Not allowed: create service account');
    },
    essential: () => ['Not allowed: create service account', 'Your input is kept.'],
  },
]);
