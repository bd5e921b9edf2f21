import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Text} from 'ink';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  KEYMAP,
  SCREEN_ACTIONS,
  defineActions,
  hintText,
  isBackspace,
  keyLine,
  relabel,
  matchAction,
} from '../../source/ui/keys/keymap.js';
import {Priority, useKeys} from '../../source/ui/index.js';
import {renderInk} from '../helpers/ink.js';

const ALL = {
  ...KEYMAP,
  ...SCREEN_ACTIONS,
  erase: {keys: ['backspace'], label: '⌫', hint: 'erase', description: 'Erase'},
};

/** Shows which action the real Ink key parsing maps the last key to (Critical: Ctrl+C too). */
function Probe() {
  const [seen, setSeen] = useState<string[]>([]);
  useKeys(
    (input, key) => {
      const action = matchAction(input, key, ALL) ?? `none:${JSON.stringify(input)}`;
      setSeen((s) => [...s, action]);
      return true;
    },
    {priority: Priority.Critical},
  );
  return <Text>{`seen=${seen.join(',')}`}</Text>;
}

describe('keymap', () => {
  it('maps real terminal key sequences to actions, with the Ink 6 quirks handled', async () => {
    const ui = renderInk(<Probe />, {columns: 200, rows: 5});
    await ui.press('up');
    await ui.press('k');
    await ui.press('j');
    await ui.press('g');
    await ui.press('G');
    await ui.press('home');
    await ui.press('end');
    await ui.press('pageDown');
    await ui.press('enter');
    await ui.press('esc'); // Ink 6 sets key.meta for Esc: still "back"
    await ui.press('backspace'); // \x7f arrives as key.delete in Ink 6
    await ui.press('\b'); // ^H arrives as key.backspace
    await ui.press('space');
    await ui.press('/');
    await ui.press('?');
    await ui.press('\u001Bk'); // Alt+k is not k
    await ui.press('ctrlC');
    await ui.press('m');
    const frame = await ui.waitForText('mint');
    expect(frame).toBe(
      'seen=up,up,down,first,last,first,last,pageDown,open,back,erase,erase,toggle,filter,help,none:"k",interrupt,mint',
    );
  });

  it('treats both Ink 6 backspace flags as backspace', () => {
    const base = {backspace: false, delete: false} as Parameters<typeof isBackspace>[0];
    expect(isBackspace({...base, delete: true})).toBe(true);
    expect(isBackspace({...base, backspace: true})).toBe(true);
    expect(isBackspace(base)).toBe(false);
  });

  it('refuses screen actions that reuse a global key or each other', () => {
    expect(() =>
      defineActions({reload: {keys: ['r'], label: 'r', hint: 'x', description: 'x'}}),
    ).toThrow(/already used by "refresh"/);
    expect(() =>
      defineActions({down2: {keys: ['j'], label: 'j', hint: 'x', description: 'x'}}),
    ).toThrow(/"down"/);
    expect(() =>
      defineActions({
        a: {keys: ['x'], label: 'x', hint: 'a', description: 'a'},
        b: {keys: ['x'], label: 'x', hint: 'b', description: 'b'},
      }),
    ).toThrow(/already used by "a"/);
    expect(() =>
      defineActions({odd: {keys: ['nope'], label: '?', hint: 'x', description: 'x'}}),
    ).toThrow(/Unknown key/);
    expect(() =>
      defineActions({sp: {keys: [' '], label: ' ', hint: 'x', description: 'x'}}),
    ).toThrow(/"toggle"/);
    const ok = defineActions({
      apply: {keys: ['a'], label: 'a', hint: 'apply', description: 'Apply the changes'},
    });
    expect(ok.apply.hint).toBe('apply');
  });

  it('keeps screen actions off the global keys and derives labels from the map', () => {
    const globalKeys = new Set(Object.values(KEYMAP).flatMap((b) => b.keys));
    for (const binding of Object.values(SCREEN_ACTIONS)) {
      for (const key of binding.keys) expect(globalKeys.has(key)).toBe(false);
    }
    expect(SCREEN_ACTIONS.curl.keys).toEqual(['c']);
    expect(hintText(COMMON_ACTIONS.new)).toBe('n new');
    expect(hintText(GLOBAL_ACTIONS.help)).toBe('? help');
    expect(GLOBAL_ACTIONS.up.label).toBe('↑/k');
  });

  it('re-labels a binding without touching its keys, and builds key text from bindings', () => {
    const next = relabel(GLOBAL_ACTIONS.open, 'next', 'Go on to the next step');
    expect(next.keys).toBe(GLOBAL_ACTIONS.open.keys);
    expect(next.label).toBe('Enter');
    expect(hintText(next)).toBe('Enter next');
    expect(relabel(GLOBAL_ACTIONS.back, 'leave').description).toBe(GLOBAL_ACTIONS.back.description);
    expect(keyLine(next, relabel(GLOBAL_ACTIONS.back, 'leave'))).toBe('Enter next · Esc leave');
    // A re-labelled key is still a taken key: a screen cannot declare it as its own.
    expect(() => defineActions({go: next})).toThrow(/already used by "open"/);
  });
});
