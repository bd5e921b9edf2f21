/**
 * Keys land where the screen they were typed at sends them, whatever the rhythm: here keys are
 * written back to back, before the app has re-rendered once, which is what a fast typist, a paste
 * right after a key, tmux send-keys or a busy machine produce. Each key must reach the handlers as
 * they stand after the previous key's render (source/ui/keys/key-provider.tsx).
 */
import {describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/index.js';
import type {Route} from '../../source/navigation.js';
import {demoOrg, renderApp, startTestEmulator, testSession} from '../helpers/app.js';
import {KEYS} from '../helpers/ink.js';

function accountsRoute(emu: Emulator): Route[] {
  return [{name: 'orgs'}, {name: 'accounts', org: demoOrg(emu)}];
}

function rolesRoute(emu: Emulator, accountId: number): Route[] {
  const org = demoOrg(emu);
  return [
    {name: 'account', org, accountId},
    {name: 'roles', org, accountId},
  ];
}

describe('keys in order, written back to back', () => {
  it('`/` then `dat` on the account list filters; the `d` never reaches delete', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await ui.waitForText('billing-export');
    ui.stdin.write('/');
    ui.stdin.write('d');
    ui.stdin.write('at');
    const frame = await ui.waitFor((f) => /^\/ ?dat/m.test(f), {label: 'the filter holds dat'});
    expect(frame.split('\n')[0]).toMatch(/Acme Corp$/);
    // No frame ever showed the delete dialog.
    expect(ui.frames.join('\n')).not.toMatch(/Type .* to delete|Delete service account/i);
  });

  it('a paste written right after the key that opens the filter goes into the filter whole', async () => {
    const emu = await startTestEmulator();
    const ui = renderApp(testSession(emu), {routes: rolesRoute(emu, 2258)});
    await ui.waitForText('Manage policies');
    ui.stdin.write('/');
    ui.stdin.write('policy_approver');
    const frame = await ui.waitFor((f) => /^\/.*olicy_approver/m.test(f), {
      label: 'the filter line',
    });
    expect(frame).toMatch(/^\/ policy_approver/m);
  });

  it('moves, filters and opens in one read exactly as typed slowly', async () => {
    const emu = await startTestEmulator();
    const fast = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await fast.waitForText('billing-export');
    // One write: down twice, then Enter: the third account opens.
    fast.stdin.write(`${KEYS.down}${KEYS.down}${KEYS.enter}`);
    const opened = await fast.waitFor(
      (f) => /Acme Corp › (?!Account \d)/.test(f.split('\n')[0]!) && /Clients \(/.test(f),
      {
        // Drawn, with its name: the breadcrumb says "Account <id>" until then.
        label: 'an account opened',
      },
    );
    const title = opened.split('\n')[0];
    fast.unmount();

    const slow = renderApp(testSession(emu), {routes: accountsRoute(emu)});
    await slow.waitForText('billing-export');
    await slow.press('down', 2);
    await slow.press('enter');
    const same = await slow.waitFor(
      (f) => /Acme Corp › (?!Account \d)/.test(f.split('\n')[0]!) && /Clients \(/.test(f),
      {
        // Drawn, with its name: the breadcrumb says "Account <id>" until then.
        label: 'an account opened',
      },
    );
    expect(same.split('\n')[0]).toBe(title);
  });
});
