/**
 * Meaning never rides on colour alone (issue 12): wherever a screen paints text in the warning or
 * error colour, a mark (✓ ✗ ! ★ ›) on that line says it too, so NO_COLOR (which drops every colour,
 * source/ui/colorize.ts) loses nothing. The real app against the emulator, drawn with colour forced
 * on so the painted spans can be found; then the same line is read without its colours.
 */
import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it, vi} from 'vitest';

// Before Ink (and its chalk) load: paint in 16 colours although the test's stdout is no terminal.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const {demoOrg, renderApp, startTestEmulator, testSession} = await import('../helpers/app.js');
const {nameAndPick, openGuideAt80} = await import('../helpers/guide.js');

type Ui = ReturnType<typeof renderApp>;

/** SGR foreground red / yellow (normal and bright), as chalk writes them at level 1. */
// eslint-disable-next-line no-control-regex -- reading escape sequences is the point here
const ALARM = /\x1b\[(?:31|33|91|93)m/;
const MARK = /[✓✗!★›]/;

/** Lines with text painted red or yellow that say nothing without the paint. */
function colourOnly(raw: string): string[] {
  const bad: string[] = [];
  for (const line of raw.split('\n')) {
    if (!ALARM.test(line)) continue;
    // The painted spans: from an alarm colour to the next reset of the foreground.
    // eslint-disable-next-line no-control-regex -- reading escape sequences is the point here
    const spans = [...line.matchAll(/\x1b\[(?:31|33|91|93)m([^\x1b]*)/g)].map((m) => m[1]!);
    const plain = stripVTControlCharacters(line);
    // Box borders and chart bars are drawing, not words; an HTTP status says what it is.
    const words = spans.filter((s) => /[\p{L}\d]/u.test(s) && !/^\s*[1-5]\d\d\s*$/.test(s));
    if (words.length > 0 && !MARK.test(plain)) bad.push(plain.trim());
  }
  return bad;
}

/** Every grant in the demo org answers 500 (the retries included). */
function failGrants(emu: Awaited<ReturnType<typeof startTestEmulator>>): void {
  emu.faults.inject({
    method: 'PUT',
    path: `/iam/v1/orgs/${demoOrg(emu).id}/access-rules/grant`,
    times: Infinity,
    fault: {type: 'status', status: 500},
  });
}

/** Every frame drawn so far that has a painted line without a mark. */
function expectNoColourOnly(ui: Ui): void {
  const bad = new Set<string>();
  for (const frame of ui.frames) for (const line of colourOnly(frame)) bad.add(line);
  expect([...bad]).toEqual([]);
}

describe('colour is never the only sign', () => {
  it('the check sees painted text (colour is on in this file)', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: [{name: 'accounts', org: demoOrg(emu)}]});
    await ui.waitForText('never used');
    expect(ui.frames.some((frame) => ALARM.test(frame))).toBe(true);
    expectNoColourOnly(ui);
  });

  it('the account list and detail when a part of the read fails', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    emu.faults.inject({
      method: 'GET',
      path: `/iam/v1/orgs/${org.id}/access-rules`,
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const list = renderApp(testSession(emu), {routes: [{name: 'accounts', org}]});
    await list.waitForText('Roles unknown');
    expectNoColourOnly(list);
    const detail = renderApp(testSession(emu), {
      routes: [
        {name: 'accounts', org},
        {name: 'account', org, accountId: 2257},
      ],
    });
    await detail.waitFor((f) => f.includes('billing-export') && f.includes('had a problem'));
    expectNoColourOnly(detail);
  });

  it('a dangerous question says so with a mark, not only a yellow frame', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    const ui = renderApp(testSession(emu), {routes: [{name: 'accounts', org}]});
    await ui.waitForText('billing-export');
    await ui.press('d');
    const dialog = await ui.waitFor((f) => /Delete .*billing-export/.test(f));
    const title = dialog.split('\n').find((line) => /Delete .*billing-export/.test(line))!;
    expect(title).toMatch(/! Delete/);
    expectNoColourOnly(ui);
  });

  it('role changes that partly failed, and a failed verification', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    failGrants(emu);
    const ui = renderApp(testSession(emu), {
      routes: [
        {name: 'account', org, accountId: 2258},
        {name: 'roles', org, accountId: 2258},
      ],
    });
    await ui.waitForText('Manage policies');
    for (const role of ['observer', 'policy_viewer']) {
      await ui.press('/');
      await ui.type(role);
      await ui.press('enter');
      await ui.waitFor((f) => f.includes(`/ ${role}`) && !f.includes('Enter apply filter'));
      await ui.press('space');
      if (role === 'observer') await ui.press('esc');
    }
    await ui.waitForText('2 changes');
    await ui.press('enter');
    await ui.waitForText('Review 2 changes');
    await ui.press('enter');
    await ui.waitForText('1 failed');
    expectNoColourOnly(ui);

    const clients = renderApp(testSession(emu), {
      routes: [{name: 'clients', org, accountId: 2261}],
    });
    await clients.waitForText('No clients yet');
    await clients.press('m');
    await clients.waitForText('v verify');
    await clients.press('v');
    // Nothing was handed off yet: the gate asks first.
    await clients.waitForText('Did you save the new secret elsewhere?');
    await clients.press('y');
    await clients.waitForText('Verification failed.');
    expectNoColourOnly(clients);
  });

  it('a guided setup stopped by a failure, and the 2-client limit', async () => {
    const emu = await startTestEmulator();
    const org = demoOrg(emu);
    failGrants(emu);
    const guide = openGuideAt80(emu);
    await nameAndPick(guide, 'half-made', 'view policies', 'policy_viewer');
    await guide.press('enter');
    await guide.waitForText('Nothing has been sent yet');
    await guide.press('enter');
    await guide.waitForText('Stopped: grant policy_viewer failed.');
    expectNoColourOnly(guide);

    const full = renderApp(testSession(emu), {
      routes: [{name: 'clients', org, accountId: 2260}],
    });
    await full.waitForText('2/2 clients');
    await full.press('m');
    await full.waitForText('At most 2 clients');
    expectNoColourOnly(full);
  });
});
