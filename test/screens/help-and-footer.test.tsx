/**
 * The help overlay and the footer on the real app against the emulator:
 * - `?` on every screen, at 80×24 and 60×16: the help fits, scrolls to its last line, always has
 *   ?, q and Ctrl+C, and never lists a key twice.
 * - the footer lists only keys that act now (the filter being typed, a dialog open, a secret
 *   shown, nothing to filter), and a listed key does something while an unlisted one does not.
 */
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import type {Route} from '../../source/navigation.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {frameLines, type InkHandle} from '../helpers/ink.js';
import {expectFits, flat} from '../helpers/frames.js';
import {seedAccount} from './credentials/support.js';

const SIZES = [
  {columns: 80, rows: 24},
  {columns: 60, rows: 16},
] as const;

/** The footer: the frame's last line. */
function footer(frame: string): string {
  return frameLines(frame).at(-1) ?? '';
}

/** The help box's inner rows (title first, position line last), borders taken off. */
function helpRows(frame: string): string[] {
  const lines = frameLines(frame);
  const top = lines.findIndex((l) => l.includes('╭'));
  const bottom = lines.findIndex((l) => l.includes('╰'));
  return lines
    .slice(top + 1, bottom)
    .map((l) => l.slice(l.indexOf('│') + 1, l.lastIndexOf('│')).trim());
}

const POSITION = /(\d+)–(\d+) of (\d+)/;

/** Every row of the help, read page by page from the top; checks each page fits. */
async function readHelp(ui: InkHandle, size: {columns: number; rows: number}): Promise<string[]> {
  await ui.press('g');
  const rows: string[] = [];
  for (;;) {
    const frame = ui.lastFrame();
    expectFits(frame, size.columns, size.rows);
    const inner = helpRows(frame);
    const where = POSITION.exec(inner.at(-1) ?? '');
    const page = inner.slice(1, -1);
    if (where === null) return page; // it all fits: no position line
    const [, from, to, total] = where.map(Number) as [number, number, number, number];
    page.forEach((row, i) => (rows[from - 1 + i] = row));
    if (to === total) {
      expect(rows.filter((r) => r !== undefined)).toHaveLength(total);
      return rows;
    }
    await ui.press('pageDown');
    await ui.waitFor((f) => POSITION.exec(helpRows(f).at(-1) ?? '')?.[1] !== String(from));
  }
}

/** A key row's label: what stands before the two spaces ahead of its sentence. */
function labelOf(row: string): string | undefined {
  const match = /^(\S.*?)\s{2,}\S/.exec(row);
  return match?.[1];
}

/** "↑/k" → ["↑", "k"]; "↑↓ j k" → ["↑", "↓", "j", "k"]: the single keys a label names. */
function keysOf(label: string): string[] {
  return label
    .split(/[/ ]/)
    .filter((part) => part !== '')
    .flatMap((part) => (/^[↑↓←→]+$/.test(part) ? [...part] : [part]));
}

async function expectGoodHelp(ui: InkHandle, size: {columns: number; rows: number}) {
  await ui.press('?');
  await ui.waitForText('Keys —');
  const rows = await readHelp(ui, size);
  const everywhere = rows.indexOf('Everywhere');
  expect(everywhere, rows.join('\n')).toBeGreaterThanOrEqual(0);
  const globalLabels = rows.slice(everywhere).map(labelOf);
  for (const key of ['?', 'q', 'Ctrl+C']) expect(globalLabels, rows.join('\n')).toContain(key);
  const keys = rows.map(labelOf).flatMap((label) => (label ? keysOf(label) : []));
  const twice = keys.filter((key, i) => keys.indexOf(key) !== i);
  expect(twice, rows.join('\n')).toEqual([]);

  // G goes to the last line; k moves up one; Esc closes.
  await ui.press('G');
  const end = await ui.waitFor((f) => {
    const where = POSITION.exec(helpRows(f).at(-1) ?? '');
    return where === null || where[2] === where[3];
  });
  expect(helpRows(end).slice(1, -1).at(-1)).toBe(rows.at(-1));
  expectFits(end, size.columns, size.rows);
  await ui.press('esc');
  await ui.waitFor((f) => !f.includes('Keys —'));
}

/** The screen has drawn its data: the footer offers help and nothing is loading. */
async function ready(ui: InkHandle, marker: string): Promise<void> {
  await ui.waitFor(
    (f) => f.includes(marker) && footer(f).includes('? help') && !/Loading|Reading/.test(f),
    {label: marker},
  );
}

interface ScreenCase {
  name: string;
  routes: (emu: Emulator) => Route[];
  marker: (emu: Emulator) => string;
  signedOut?: boolean;
}

const withClient = (emu: Emulator) =>
  seedAccount(emu, (sa) => sa.clients.length === 1 && sa.roles.length > 0);

const SCREENS: ScreenCase[] = [
  {name: 'sign-in', routes: () => [{name: 'orgs'}], marker: () => 'NAM', signedOut: true},
  {name: 'orgs', routes: () => [{name: 'orgs'}], marker: () => '1105'},
  {
    name: 'accounts',
    routes: (emu) => [{name: 'accounts', org: demoOrg(emu)}],
    marker: () => 'billing-export',
  },
  {
    name: 'account',
    routes: (emu) => [{name: 'account', org: demoOrg(emu), accountId: withClient(emu).id}],
    marker: (emu) => withClient(emu).name,
  },
  {
    name: 'roles',
    routes: (emu) => [{name: 'roles', org: demoOrg(emu), accountId: withClient(emu).id}],
    marker: () => 'Space',
  },
  {
    name: 'clients',
    routes: (emu) => [{name: 'clients', org: demoOrg(emu), accountId: withClient(emu).id}],
    marker: (emu) => withClient(emu).clients[0]!.clientId,
  },
  {
    name: 'rotate',
    routes: (emu) => [{name: 'rotate', org: demoOrg(emu), accountId: withClient(emu).id}],
    marker: () => 'Step 1 of',
  },
  {
    name: 'activity',
    routes: (emu) => [{name: 'activity', org: demoOrg(emu), accountId: withClient(emu).id}],
    marker: () => 'Activity',
  },
  {
    name: 'org-changes',
    routes: (emu) => [{name: 'org-changes', org: demoOrg(emu)}],
    marker: () => 'Changes',
  },
];

describe('help on every screen', () => {
  for (const screen of SCREENS) {
    it(`${screen.name}: fits 80×24 and 60×16, scrolls to its end, has ? q Ctrl+C, no key twice`, async () => {
      const emu = await startTestEmulator();
      for (const size of SIZES) {
        const ui = renderApp(testSession(emu, screen.signedOut ? {refreshToken: null} : {}), {
          routes: screen.routes(emu),
          ...size,
        });
        await ready(ui, screen.marker(emu));
        await expectGoodHelp(ui, size);
        ui.unmount();
      }
    });
  }

  it('guide (roles step): the same', async () => {
    const emu = await startTestEmulator();
    for (const size of SIZES) {
      const org = demoOrg(emu);
      const ui = renderApp(testSession(emu), {
        routes: [
          {name: 'accounts', org},
          {name: 'guide', org},
        ],
        ...size,
      });
      await ui.waitForText('Step 1 of 6');
      await ui.type(`help-${size.columns}`);
      await ui.press('enter');
      await ui.press('enter');
      await ui.waitForText('Step 2 of 6');
      // The search has the keys first (? would be text for it): Enter moves to the list.
      await ui.waitFor((f) => footer(f).includes('Enter apply filter'));
      await ui.press('enter');
      await ready(ui, 'Step 2 of 6');
      await expectGoodHelp(ui, size);
      ui.unmount();
    }
  });
});

/** The account list at 80×24, its rows drawn. */
async function openAccounts(): Promise<InkHandle> {
  const emu = await startTestEmulator();
  const ui = renderApp(testSession(emu), {
    routes: [{name: 'accounts', org: demoOrg(emu)}],
    columns: 80,
    rows: 24,
  });
  await ready(ui, 'billing-export');
  return ui;
}

describe('the footer lists only keys that act now', () => {
  it('while the filter is typed: its own keys, not n new or ? help; n is text for it', async () => {
    const ui = await openAccounts();
    expect(footer(ui.lastFrame())).toContain('n new');

    await ui.press('/');
    const typing = footer(await ui.waitFor((f) => footer(f).includes('apply filter')));
    expect(typing).toContain('Enter apply filter');
    expect(typing).toContain('Esc clear');
    for (const dead of ['n new', 'e edit', 'd delete', '? help', 'Enter open']) {
      expect(typing).not.toContain(dead);
    }
    // The unlisted n and ? are text for the filter: no form, no help.
    await ui.press('n');
    await ui.press('?');
    const frame = ui.lastFrame();
    expect(frame).not.toContain('New service account');
    expect(frame).not.toContain('Keys —');
    expect(flat(frame)).toContain('n?');

    // Esc (listed) clears the filter; the list's keys are back.
    await ui.press('esc');
    await ui.waitFor((f) => footer(f).includes('n new') && footer(f).includes('? help'));
    // And n (listed again) opens the form.
    await ui.press('n');
    await ui.waitForText('New service account');
  });

  it('while a dialog is open: the dialog keys, not the screen keys under it', async () => {
    const ui = await openAccounts();
    await ui.press('d');
    const open = await ui.waitFor((f) => /Type .* to delete/.test(flat(f)));
    const keys = footer(open);
    expect(keys).toContain('Esc cancel');
    for (const dead of ['n new', 'd delete', 'e edit', '? help', 'Enter open']) {
      expect(keys).not.toContain(dead);
    }
    // ? is not listed: it goes into the typed confirmation, not to the help.
    await ui.press('?');
    expect(ui.lastFrame()).not.toContain('Keys —');
    // Esc is listed: it closes the dialog.
    await ui.press('esc');
    await ui.waitFor((f) => footer(f).includes('n new') && !/Type .* to delete/.test(flat(f)));
  });

  it('with the secret shown: s y w listed, s acts; m and x (not listed) do nothing', async () => {
    const emu = await startTestEmulator();
    const account = seedAccount(emu, (sa) => sa.roles.length === 0 && sa.clients.length === 0);
    const ui = renderApp(testSession(emu), {
      routes: [{name: 'orgs'}, {name: 'clients', org: demoOrg(emu), accountId: account.id}],
      columns: 100,
      rows: 30,
    });
    await ready(ui, 'No clients yet');
    const before = footer(ui.lastFrame());
    expect(before).toContain('m mint');
    await ui.press('m');
    const minted = await ui.waitFor((f) => footer(f).includes('y copy'));
    const keys = footer(minted);
    for (const live of ['s show/hide', 'y copy', 'w write file']) expect(keys).toContain(live);
    for (const dead of ['m mint', 'x delete', 'r refresh']) expect(keys).not.toContain(dead);

    // s (listed) hides the secret shown.
    const secret = /clientSecret\s+(\S+)/.exec(minted)![1]!;
    await ui.press('s');
    await ui.waitFor((f) => f.includes('clientSecret') && !f.includes(secret));
    // m and x (not listed) change nothing and send nothing.
    const posts = () => emu.requests.filter((r) => r.method !== 'GET').length;
    const sent = posts();
    const frameBefore = ui.lastFrame();
    await ui.press('m');
    await ui.press('x');
    expect(posts()).toBe(sent);
    expect(ui.lastFrame()).toBe(frameBefore);
    // c (listed, dropped at this width) opens the curl view: the hand-off keys are not live there,
    // its own are (y and w copy or write the whole script).
    await ui.press('c');
    await ui.waitForText('The same with curl');
    const curl = footer(ui.lastFrame());
    for (const dead of ['s show/hide', 'y copy ·']) expect(curl).not.toContain(dead);
    for (const live of ['y copy all', 'w write file', 'Esc close']) expect(curl).toContain(live);
    await ui.press('esc');
    await ui.waitFor((f) => footer(f).includes('y copy') && !f.includes('The same with curl'));

    // Esc asks whether the secret was saved: y is the dialog's now, not "y copy".
    await ui.press('esc');
    await ui.waitForText('Did you save the secret?');
    const asking = footer(ui.lastFrame());
    expect(asking).not.toContain('y copy');
    expect(asking).not.toContain('? help');
    // The dialog's keys in its own words (as many as fit).
    expect(asking).toContain('y leaves and forgets it');
  });

  it('with no list on screen (the orgs failed to load): no "/ filter", and / does nothing', async () => {
    const emu = await startTestEmulator();
    emu.faults.inject({
      path: '/iam/v1/users/*',
      times: Infinity,
      fault: {type: 'status', status: 500},
    });
    const ui = renderApp(testSession(emu), {routes: [{name: 'orgs'}], columns: 80, rows: 24});
    // After the retries: the error in place, the footer's own keys back.
    const failed = await ui.waitFor(
      (f) => f.includes('had a problem (500)') && footer(f).includes('? help'),
    );
    expect(footer(failed)).not.toContain('/ filter');
    expect(footer(failed)).toContain('? help');
    await ui.press('/');
    expect(ui.lastFrame()).toBe(failed);
  });
});
