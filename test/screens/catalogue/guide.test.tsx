/** Catalogue: the guided setup, each of its six steps, a stop part-way, the secret shown. */
import type {Emulator} from '../../../source/emulator/index.js';
import {demoOrg} from '../../helpers/app.js';
import type {InkHandle} from '../../helpers/ink.js';
import {
  catalogue,
  clipboardSession,
  copySecret,
  waitVisible,
  type StateContext,
} from './support.js';

const NAME = 'hr-sync';

/** On [account list, guide], with a fake clipboard tool so `y` hands the secret over. */
async function guideRoutes(emu: Emulator) {
  const org = demoOrg(emu);
  return {
    routes: [
      {name: 'accounts' as const, org},
      {name: 'guide' as const, org},
    ],
    session: await clipboardSession(),
  };
}

async function toRoles(ui: InkHandle) {
  await waitVisible(ui, 'Step 1 of 6');
  await ui.type(NAME);
  await ui.press('enter');
  await ui.type('Syncs people data nightly');
  await ui.press('enter');
  await waitVisible(ui, 'Step 2 of 6');
}

async function toReview(ui: InkHandle) {
  await toRoles(ui);
  await ui.type('governance:incident:index');
  await ui.waitForText('★');
  await ui.press('enter');
  await ui.waitForText('/ edit');
  await ui.press('space');
  await waitVisible(ui, 'Picked (1): policy_viewer');
  await ui.press('enter');
  await waitVisible(ui, 'Nothing has been sent yet');
}

async function toHandoff(ui: InkHandle) {
  await toReview(ui);
  await ui.press('enter');
  await waitVisible(ui, 'Everything was created', 10_000);
  await ui.press('enter');
  await waitVisible(ui, 'Step 5 of 6');
}

async function showSecret(context: StateContext) {
  const {ui} = context;
  await toHandoff(ui);
  await copySecret(context);
  await ui.press('s');
  await ui.waitFor((f) => !f.includes('••••••••'), {label: 'secret shown'});
}

catalogue('guide', [
  {
    name: 'step 1, about the application',
    start: guideRoutes,
    reach: async ({ui}) => void (await waitVisible(ui, 'service accounts in use')),
    essential: () => ['Step 1 of 6', '6 of 20 service accounts in use'],
  },
  {
    name: 'step 2, roles found by a privilege',
    start: guideRoutes,
    async reach({ui}) {
      await toRoles(ui);
      await ui.type('governance:incident:index');
      await ui.waitForText('★');
    },
    essential: () => ['Step 2 of 6', 'policy_viewer'],
  },
  {
    name: 'step 3, review',
    start: guideRoutes,
    reach: async ({ui}) => void (await toReview(ui)),
    essential: () => ['Step 3 of 6', 'Nothing has been sent yet'],
  },
  {
    name: 'step 3, the recipe with curl',
    start: guideRoutes,
    async reach({ui}) {
      await toReview(ui);
      await ui.press('c');
      await waitVisible(ui, 'The recipe with curl');
    },
    essential: () => ['The recipe with curl'],
  },
  {
    name: 'step 4, created',
    start: guideRoutes,
    async reach({ui}) {
      await toReview(ui);
      await ui.press('enter');
      await waitVisible(ui, 'Everything was created', 10_000);
    },
    essential: () => ['Step 4 of 6', 'Everything was created'],
  },
  {
    name: 'step 4, stopped at the grant',
    async start(emu) {
      emu.faults.inject({
        method: 'PUT',
        path: `/iam/v1/orgs/${emu.seed.orgIds.primary}/access-rules/grant`,
        times: Infinity,
        fault: {type: 'status', status: 500},
      });
      return guideRoutes(emu);
    },
    async reach({ui}) {
      await toReview(ui);
      await ui.press('enter');
      await waitVisible(ui, 'Stopped: grant policy_viewer failed.', 10_000);
    },
    essential: () => ['Stopped: grant policy_viewer failed.'],
  },
  {
    name: 'step 5, hand-off, secret hidden',
    start: guideRoutes,
    reach: async ({ui}) => void (await toHandoff(ui)),
    essential: () => ['Step 5 of 6', '••••••••'],
  },
  {
    name: 'step 5, hand-off, secret shown',
    start: guideRoutes,
    reach: showSecret,
    essential: () => ['Step 5 of 6'],
    secret: ({found}) => found.get('secret'),
  },
  {
    name: 'step 6, verified',
    start: guideRoutes,
    async reach(context) {
      await toHandoff(context.ui);
      await copySecret(context);
      await context.ui.press('enter');
      await waitVisible(context.ui, 'Verified: these credentials work.', 10_000);
    },
    essential: () => ['Step 6 of 6', 'Verified: these credentials work.'],
  },
]);
