/**
 * `--org ID` opens the org before its name is known (nothing remembered it): the breadcrumb and
 * the footer say "org 1180" until the name is read, then the org's name, on the real app against
 * the emulator.
 */
import {describe, expect, it} from 'vitest';
import {renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {frameLines} from '../helpers/ink.js';

/** The sandbox's org where the demo user is iam_admin. */
const GLOBEX = {id: 1180, name: 'Globex Corporation'};

describe('--org: the org name in the breadcrumb', () => {
  it('an org never opened here shows its name once it is known', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu, {initialOrgId: GLOBEX.id}), {columns: 100, rows: 30});
    const frame = await ui.waitFor(
      (f) => frameLines(f)[0]!.includes(GLOBEX.name) && f.includes(`${GLOBEX.name} (1180)`),
      {label: 'the org name in the breadcrumb and the footer'},
    );
    expect(frameLines(frame)[0]).toBe(`flexera-sa › Orgs › ${GLOBEX.name}`);
    expect(frame).not.toContain('org 1180');
    // Opened from there, a screen's breadcrumb carries the name too.
    await ui.waitForText('etl-loader');
    await ui.press('enter');
    const detail = await ui.waitFor((f) => frameLines(f)[0]!.includes(`› ${GLOBEX.name} › `), {
      label: 'the account under the named org',
    });
    expect(frameLines(detail)[0]).toMatch(/^flexera-sa › Orgs › Globex Corporation › \S/);
  });

  it('an org the user cannot see keeps its id, and nothing breaks', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu, {initialOrgId: 999_999}), {columns: 100, rows: 30});
    const frame = await ui.waitFor((f) => frameLines(f)[0]!.includes('org 999999'));
    expect(frameLines(frame)[0]).toBe('flexera-sa › Orgs › org 999999');
  });
});
