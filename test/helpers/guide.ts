/** Steps through the guided setup's first two steps on a rendered app, shared by flow tests. */
import type {Emulator} from '../../source/emulator/index.js';
import {demoOrg, renderApp, testSession} from './app.js';
import type {InkHandle} from './ink.js';

/** The app on [account list, guide] at 80×24. */
export function openGuideAt80(emu: Emulator) {
  const org = demoOrg(emu);
  return renderApp(testSession(emu), {
    routes: [
      {name: 'accounts', org},
      {name: 'guide', org},
    ],
    columns: 80,
    rows: 24,
  });
}

/** Names the account (no description), searches `query` and picks the first match, `role`. */
export async function nameAndPick(
  ui: InkHandle,
  name: string,
  query: string,
  role: string,
): Promise<void> {
  await ui.waitForText('what is the application?');
  await ui.type(name);
  await ui.press('enter');
  await ui.press('enter');
  await ui.waitForText('Step 2 of 6');
  await ui.type(query);
  await ui.waitFor((f) => f.includes(`/ ${query}`) && f.includes(role));
  await ui.press('enter');
  await ui.waitForText('/ edit');
  await ui.press('space');
  await ui.waitForText(`Picked (1): ${role}`);
}
