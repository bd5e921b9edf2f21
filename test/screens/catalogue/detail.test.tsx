/** Catalogue: the account screen, its delete dialog, its activity, and the org's changes. */
import type {Emulator} from '../../../source/emulator/index.js';
import {demoOrg} from '../../helpers/app.js';
import {createAccount, LONG_DESCRIPTION, LONG_NAME} from './http.js';
import {catalogue, clientsPath, failingRead, slowRead, waitVisible} from './support.js';

const detailRoutes = (emu: Emulator, accountId: number) => {
  const org = demoOrg(emu);
  return {
    routes: [
      {name: 'orgs' as const},
      {name: 'accounts' as const, org},
      {name: 'account' as const, org, accountId},
    ],
  };
};

/** The account read with its roles and clients (not their loading lines). */
const loaded = (frame: string) => /Clients \(\d/.test(frame) && /Roles \(\d/.test(frame);

const EVENTS = {timeout: 20_000, label: 'the events read'};

catalogue('account detail', [
  {
    name: 'loaded, 2 clients and roles',
    start: (emu) => detailRoutes(emu, 2260),
    reach: async ({ui}) => void (await ui.waitFor(loaded, {label: 'loaded'})),
    essential: () => ['terraform-iam', 'iam_admin'],
  },
  {
    name: 'error reading its clients',
    start(emu) {
      failingRead(emu, clientsPath(emu, 2257));
      return detailRoutes(emu, 2257);
    },
    reach: async ({ui}) => void (await ui.waitForText('(500)', {timeout: 10_000})),
    essential: () => ['(500)'],
  },
  {
    name: 'deleted elsewhere',
    start: (emu) => detailRoutes(emu, 2299),
    reach: async ({ui}) => void (await ui.waitForText('no longer exists', {timeout: 10_000})),
    essential: () => ['no longer exists'],
  },
  {
    name: 'long name and description',
    async start(emu) {
      return detailRoutes(emu, await createAccount(emu, LONG_NAME, LONG_DESCRIPTION));
    },
    reach: async ({ui}) => void (await ui.waitFor(loaded, {label: 'loaded'})),
    essential: () => [],
  },
  {
    name: 'delete dialog',
    start: (emu) => detailRoutes(emu, 2262),
    async reach({ui}) {
      await ui.waitFor(loaded, {label: 'loaded'});
      await ui.press('d');
      await ui.waitForText('Delete service account');
    },
    essential: () => ['Delete service account grafana-dashboards (2262)?'],
  },
  {
    name: 'delete dialog, wrong name typed',
    start: (emu) => detailRoutes(emu, 2262),
    async reach({ui}) {
      await ui.waitFor(loaded, {label: 'loaded'});
      await ui.press('d');
      await ui.waitForText('Delete service account');
      await ui.type('grafana');
      await ui.press('enter');
      await ui.waitForText('That is not');
    },
    essential: () => ['That is not "grafana-dashboards"'],
  },
  {
    name: 'activity',
    start: (emu) => detailRoutes(emu, 2257),
    async reach({ui}) {
      await ui.waitFor(loaded, {label: 'loaded'});
      await ui.press('u');
      await ui.waitFor((f) => / calls, \d+ errors in 90 d/.test(f), EVENTS);
    },
    essential: () => ['status: all (s)'],
  },
  {
    name: 'activity of an account never used',
    start: (emu) => detailRoutes(emu, 2261),
    async reach({ui}) {
      await ui.waitFor(loaded, {label: 'loaded'});
      await ui.press('u');
      await ui.waitFor((f) => f.includes('never') || / calls, /.test(f), EVENTS);
    },
    essential: () => [],
  },
  {
    name: 'org changes',
    start: (emu) => ({routes: detailRoutes(emu, 2257).routes.slice(0, 2)}),
    async reach({ui}) {
      await ui.waitForText('service accounts');
      await ui.press('h');
      await ui.waitFor((f) => /\d+ changes in the last 90 days/.test(f), EVENTS);
    },
    essential: () => ['changes in the last 90 days'],
  },
  {
    name: 'org changes, not allowed to read events',
    start(emu) {
      const org = emu.seed.orgs.find((o) => o.id === emu.seed.orgIds.readOnly)!;
      return {routes: [{name: 'org-changes' as const, org: {id: org.id, name: org.name}}]};
    },
    reach: async ({ui}) => void (await waitVisible(ui, 'Reading API events needs', 10_000)),
    essential: () => ['Reading API events needs'],
  },
  {
    name: 'activity while the events are read',
    start(emu) {
      slowRead(emu, `/iam/v1/orgs/${emu.seed.orgIds.primary}/api-events`);
      return detailRoutes(emu, 2257);
    },
    async reach({ui}) {
      await ui.waitFor(loaded, {label: 'loaded'});
      await ui.press('u');
      await waitVisible(ui, "Reading the org's API events");
    },
    essential: () => ["Reading the org's API events"],
  },
  {
    name: 'loading the account',
    start(emu) {
      slowRead(emu, `/iam/v1/orgs/${emu.seed.orgIds.primary}/service-accounts`);
      slowRead(emu, `/iam/v1/orgs/${emu.seed.orgIds.primary}/service-accounts/2257`);
      return detailRoutes(emu, 2257);
    },
    reach: async ({ui}) => void (await waitVisible(ui, 'Loading')),
    essential: () => ['Loading'],
  },
]);
