/** Catalogue: the role picker (all 54 roles windowed, review, broad-role and discard dialogs). */
import type {Emulator} from '../../../source/emulator/index.js';
import type {InkHandle} from '../../helpers/ink.js';
import {demoOrg} from '../../helpers/app.js';
import {focusRole} from '../role-picker/support.js';
import {catalogue, failingRead, slowRead} from './support.js';

const pickerRoutes = (emu: Emulator, accountId: number) => {
  const org = demoOrg(emu);
  return {
    routes: [
      {name: 'account' as const, org, accountId},
      {name: 'roles' as const, org, accountId},
    ],
  };
};

/** legacy-reporting: no roles, so every change is a grant. */
const LEGACY = 2261;

/** The list loaded, then `role` checked: one change pending. */
async function checkOne(ui: InkHandle, role: string) {
  await ui.waitForText('showing 1–');
  await focusRole(ui, role);
  await ui.press('space');
  await ui.waitForText('1 change');
}

const rolesPath = (emu: Emulator) => `/iam/v1/orgs/${emu.seed.orgIds.primary}/roles`;

catalogue('role picker', [
  {
    name: 'loading',
    start(emu) {
      slowRead(emu, rolesPath(emu));
      return pickerRoutes(emu, LEGACY);
    },
    reach: async ({ui}) => void (await ui.waitForText('Loading')),
    essential: () => ['Loading'],
  },
  {
    name: 'error',
    start(emu) {
      failingRead(emu, rolesPath(emu));
      return pickerRoutes(emu, LEGACY);
    },
    reach: async ({ui}) => void (await ui.waitForText('(500)')),
    essential: () => ['(500)'],
  },
  {
    name: '54 roles, windowed',
    start: (emu) => pickerRoutes(emu, LEGACY),
    reach: async ({ui}) => void (await ui.waitForText('showing 1–')),
    essential: () => ['showing 1–', 'Manage organization'],
  },
  {
    name: '54 roles, scrolled to the end',
    start: (emu) => pickerRoutes(emu, LEGACY),
    async reach({ui}) {
      await ui.waitForText('showing 1–');
      await ui.press('end');
      await ui.waitFor((f) => !f.includes('Manage organization'), {label: 'scrolled'});
    },
    essential: () => ['of 54'],
  },
  {
    name: 'filtered to a privilege',
    start: (emu) => pickerRoutes(emu, LEGACY),
    async reach({ui}) {
      await ui.waitForText('showing 1–');
      await focusRole(ui, 'user:index');
    },
    essential: () => ['/ user:index'],
  },
  {
    name: 'review of one change',
    start: (emu) => pickerRoutes(emu, LEGACY),
    async reach({ui}) {
      await checkOne(ui, 'policy_viewer');
      await ui.press('enter');
      await ui.waitForText('Review 1 change');
    },
    essential: () => ['Review 1 change', '+ grant policy_viewer'],
  },
  {
    name: 'broad role, typed confirmation',
    start: (emu) => pickerRoutes(emu, LEGACY),
    async reach({ui}) {
      await checkOne(ui, 'iam_admin');
      await ui.press('enter');
      await ui.waitForText('Review 1 change');
      await ui.press('enter');
      await ui.waitForText('Type grant');
    },
    essential: () => ['Type grant'],
  },
  {
    name: 'discard dialog',
    start: (emu) => pickerRoutes(emu, LEGACY),
    async reach({ui}) {
      await checkOne(ui, 'policy_viewer');
      await ui.press('esc'); // clears the filter
      await ui.waitFor((f) => !f.includes('/ policy_viewer'), {label: 'filter cleared'});
      await ui.press('esc');
      await ui.waitForText('Discard 1 change?');
    },
    essential: () => ['Discard 1 change?'],
  },
]);
