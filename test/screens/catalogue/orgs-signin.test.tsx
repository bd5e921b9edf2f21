/** Catalogue: sign-in and the org picker. */
import {catalogue, failingRead, slowRead, waitVisible} from './support.js';

catalogue('sign-in', [
  {
    name: 'zone picker',
    start: () => ({session: {refreshToken: null}}),
    reach: async ({ui}) => void (await ui.waitForText('Which zone')),
    essential: () => ['Which zone'],
  },
  {
    name: 'token field, empty token refused',
    start: () => ({session: {refreshToken: null}}),
    async reach({ui}) {
      await ui.waitForText('Which zone');
      await ui.press('enter');
      await ui.waitForText('Refresh token');
      await ui.press('enter');
      await ui.waitForText('Paste your refresh token first');
    },
    essential: () => ['Paste your refresh token first'],
  },
  {
    name: 'token refused',
    start: () => ({session: {refreshToken: null}}),
    async reach({ui}) {
      await ui.waitForText('Which zone');
      await ui.press('enter');
      await ui.waitForText('Refresh token');
      await ui.type('not-a-refresh-token');
      await ui.press('enter');
      await waitVisible(ui, 'The token was refused by NAM');
    },
    essential: () => ['The token was refused by NAM'],
  },
]);

catalogue('org picker', [
  {
    name: 'loading',
    start(emu) {
      slowRead(emu, `/iam/v1/users/${emu.seed.demoUser.nam.id}/orgs`);
      return {};
    },
    reach: async ({ui}) => void (await ui.waitForText('Loading')),
    essential: () => ['Loading'],
  },
  {
    name: 'list',
    start: () => ({}),
    reach: async ({ui}) => void (await ui.waitForText('Acme Corp')),
    essential: () => ['Acme Corp'],
  },
  {
    name: 'error',
    start(emu) {
      failingRead(emu, `/iam/v1/users/${emu.seed.demoUser.nam.id}/orgs`);
      return {};
    },
    reach: async ({ui}) => void (await ui.waitForText('(500)', {timeout: 10_000})),
    essential: () => ['(500)'],
  },
  {
    name: 'filter',
    start: () => ({}),
    async reach({ui}) {
      await ui.waitForText('Acme Corp');
      await ui.press('/');
      await ui.type('glob');
      await ui.waitForText('/ glob');
    },
    essential: () => ['Globex'],
  },
  {
    name: '60 orgs, windowed, scrolled to the end',
    emulator: {seed: {extraOrgs: 60}},
    start: () => ({}),
    async reach({ui}) {
      await ui.waitForText('Acme Corp');
      await ui.press('end');
      await ui.waitForText('Demo Org 0060');
    },
    essential: () => ['Demo Org 0060'],
  },
]);
