/**
 * The curl view's `y` and `w`: the WHOLE script (not the lines in view) goes to the clipboard
 * through the app's clipboard path (a fake xclip records its stdin) or to a NEW 0600 file that is
 * never overwritten. Once on the view itself, then on every screen that has `c`.
 */
import {readFile, stat, writeFile} from 'node:fs/promises';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../../source/emulator/index.js';
import type {Route} from '../../../source/navigation.js';
import {layoutScript} from '../../../source/curl/index.js';
import {ScrollText} from '../../../source/screens/credentials/index.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../../helpers/app.js';
import {flat} from '../../helpers/frames.js';
import type {InkHandle} from '../../helpers/ink.js';
import {renderWithSession} from './render.js';
import {fakeTool, seedAccount, tempDir} from './support.js';

const run = promisify(execFile);

/** A clipboard that records what it was given: a fake xclip on PATH with DISPLAY set. */
async function clipboard() {
  const bin = await tempDir('flexera-sa-bin-');
  await fakeTool(bin, 'xclip');
  return {
    env: {PATH: bin, DISPLAY: ':0'},
    copied: () => readFile(path.join(bin, 'xclip.stdin'), 'utf8'),
  };
}

const SCRIPT = Array.from(
  {length: 12},
  (_, i) =>
    `# step ${i + 1}\ncurl -sS "https://api.example.test/step/${i + 1}" \\\n  -H "Authorization: Bearer $ACCESS_TOKEN"`,
).join('\n\n');

describe('the curl view: y copies and w writes the whole script', () => {
  it('y hands the whole script to the clipboard, not the lines in view', async () => {
    const emu = await startTestEmulator();
    const clip = await clipboard();
    const ui = renderWithSession(
      emu,
      <ScrollText
        title="curl"
        text={SCRIPT}
        script
        height={10}
        width={60}
        onClose={() => undefined}
      />,
      {columns: 60, rows: 12, services: {env: clip.env}},
    );
    const frame = await ui.waitForText('y copy all');
    expect(frame).not.toContain('step 12');
    await ui.press('y');
    await ui.waitFor((f) =>
      flat(f).includes('The whole script (47 lines): Copied to the clipboard (xclip)'),
    );
    expect(await clip.copied()).toBe(SCRIPT);
  });

  it('w writes a new 0600 file and says where; the same name again is refused, nothing overwritten', async () => {
    const emu = await startTestEmulator();
    const dir = await tempDir('flexera-sa-script-');
    let closed = 0;
    const ui = renderWithSession(
      emu,
      <ScrollText
        title="curl"
        text={SCRIPT}
        script
        height={14}
        width={80}
        onClose={() => closed++}
      />,
      {columns: 80, rows: 16},
    );
    await ui.waitForText('w write file');
    await ui.press('w');
    await ui.waitForText('› ./flexera-sa-curl'); // a free name is offered
    const file = path.join(dir, 'rotate.sh');
    await ui.press('ctrlU');
    await ui.type(file);
    await ui.press('enter');
    const wrote = flat(await ui.waitForText('(mode 0600)'));
    expect(wrote).toContain(
      `Wrote the whole script (${SCRIPT.split('\n').length} lines) to ${file}`,
    );
    expect(await readFile(file, 'utf8')).toBe(`${SCRIPT}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await run('bash', ['-n', file]); // it parses as a script

    // Again to the same name: refused, the first file untouched; Esc closes the form only.
    await writeFile(path.join(dir, 'marker'), 'x');
    await ui.press('w');
    await ui.waitForText('Write the whole script to a new file');
    await ui.press('ctrlU');
    await ui.type(file);
    await ui.press('enter');
    await ui.waitForText('already exists');
    expect(await readFile(file, 'utf8')).toBe(`${SCRIPT}\n`);
    await ui.press('esc');
    await ui.waitFor((f) => !f.includes('Write the whole script to a new file'));
    expect(closed).toBe(0);
    await ui.press('esc');
    expect(closed).toBe(1);
  });
});

/** Each screen with `c`, opened and brought to where `c` shows its script. */
const SCREENS: Array<{
  name: string;
  routes: (emu: Emulator) => Route[];
  /** From the first frame to the curl view. */
  open: (ui: InkHandle) => Promise<void>;
  /** A text only the script's end has. */
  expects: string;
}> = [
  {
    name: 'account list',
    routes: (emu) => [{name: 'accounts', org: demoOrg(emu)}],
    open: async (ui) => {
      await ui.waitForText('of 20');
      await ui.press('c');
    },
    expects: 'service-accounts',
  },
  {
    name: 'account detail',
    routes: (emu) => [{name: 'account', org: demoOrg(emu), accountId: withClient(emu)}],
    open: async (ui) => {
      await ui.waitForText('Clients');
      await ui.press('c');
    },
    expects: 'service-accounts/',
  },
  {
    name: 'clients',
    routes: (emu) => [{name: 'clients', org: demoOrg(emu), accountId: withClient(emu)}],
    open: async (ui) => {
      await ui.waitForText('1/2 clients');
      await ui.press('c');
    },
    expects: '/clients',
  },
  {
    name: 'rotate',
    routes: (emu) => [{name: 'rotate', org: demoOrg(emu), accountId: withClient(emu)}],
    open: async (ui) => {
      await ui.waitForText('Step 1 of 5');
      await ui.press('c');
    },
    expects: 'client-secret',
  },
  {
    name: 'role picker',
    routes: (emu) => [{name: 'roles', org: demoOrg(emu), accountId: withClient(emu)}],
    open: async (ui) => {
      await ui.waitForText('showing 1–');
      await ui.press('/');
      await ui.type('budget_viewer');
      await ui.press('enter');
      await ui.waitFor((f) => f.includes('/ budget_viewer') && f.includes('/ edit'));
      await ui.press('space');
      await ui.waitForText('1 change');
      await ui.press('enter');
      await ui.waitForText('Review 1 change');
      await ui.press('c');
    },
    expects: 'access-rules/',
  },
  {
    name: 'guide',
    routes: (emu) => [{name: 'guide', org: demoOrg(emu)}],
    open: async (ui) => {
      await ui.waitForText('what is the application?');
      await ui.type('script-me');
      await ui.press('enter');
      await ui.press('enter');
      await ui.waitForText('Step 2 of 6');
      await ui.press('ctrlU');
      await ui.type('budget_viewer');
      await ui.waitFor((f) => f.includes('/ budget_viewer') && f.includes('budget_viewer'));
      await ui.press('enter');
      await ui.waitForText('/ edit');
      await ui.press('space');
      await ui.waitForText('Picked (1)');
      await ui.press('enter');
      await ui.waitForText('Nothing has been sent yet');
      await ui.press('c');
    },
    expects: '/clients',
  },
];

function withClient(emu: Emulator): number {
  return seedAccount(emu, (sa) => sa.clients.length === 1).id;
}

describe('y and w on every screen with c', () => {
  for (const screen of SCREENS) {
    it(`${screen.name}: y copies the whole script, w offers a new file`, async () => {
      const emu = await startTestEmulator();
      const clip = await clipboard();
      const ui = renderApp(testSession(emu, {services: {env: clip.env}}), {
        routes: screen.routes(emu),
        columns: 80,
        rows: 24,
      });
      await screen.open(ui);
      await ui.waitForText('y copy all');
      await ui.press('y');
      await ui.waitFor((f) => flat(f).includes('Copied to the clipboard (xclip)'));
      const copied = await clip.copied();
      expect(copied).toContain('curl ');
      expect(copied).toContain(screen.expects);
      // All of it: laid out for this window it is the lines the view shows and scrolls through.
      const laid = layoutScript(copied, 80);
      const frame = ui.lastFrame();
      const scrolls = /lines \d+–\d+ of (\d+)/.exec(frame);
      if (scrolls) expect(laid.length).toBe(Number(scrolls[1]));
      const shown = frame
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.startsWith('# ') || line.startsWith('curl '));
      expect(shown.filter((line) => line.startsWith('curl ')).length).toBeGreaterThan(0);
      for (const line of shown) expect(laid).toContain(line);
      expect(copied).not.toContain(emu.refreshTokens.nam);
      await run('bash', ['-n', '-c', copied]);
      await ui.press('w');
      await ui.waitForText('Write the whole script to a new file');
      await ui.press('esc');
      await ui.waitFor((f) => !f.includes('Write the whole script to a new file'));
      expect(ui.lastFrame()).toContain('y copy all');
    });
  }
});
