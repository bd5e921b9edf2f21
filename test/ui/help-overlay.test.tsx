import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  SCROLL,
  defineActions,
  matchAction,
  relabel,
} from '../../source/ui/keys/keymap.js';
import {helpSections} from '../../source/ui/help-overlay.js';
import {HelpOverlay, Priority, useKeys} from '../../source/ui/index.js';
import {frameLines, renderInk} from '../helpers/ink.js';

const SCREEN = defineActions({
  mintHere: {keys: ['m'], label: 'm', hint: 'mint', description: 'Mint a client for this account'},
});
const ACTIONS = {new: COMMON_ACTIONS.new, delete: COMMON_ACTIONS.delete, ...SCREEN};

/** App-level `?` opens help; the screen's `n` counts presses. */
function App() {
  const [help, setHelp] = useState(false);
  const [news, setNews] = useState(0);
  useKeys(
    (input, key) => {
      if (matchAction(input, key, {help: GLOBAL_ACTIONS.help}) === undefined) return false;
      setHelp(true);
      return true;
    },
    {priority: Priority.Low},
  );
  useKeys((input) => {
    if (input !== 'n') return false;
    setNews((n) => n + 1);
    return true;
  });
  return (
    <Box flexDirection="column">
      {help ? (
        <HelpOverlay title="Service accounts" actions={ACTIONS} onClose={() => setHelp(false)} />
      ) : (
        <Text>screen</Text>
      )}
      <Text>{`new=${news}`}</Text>
    </Box>
  );
}

describe('HelpOverlay', () => {
  it('lists the screen keys and the global keys from the key map; ? and Esc close it', async () => {
    const ui = renderInk(<App />, {columns: 80, rows: 24});
    await ui.press('?');
    const frame = await ui.waitForText('Keys — Service accounts');
    expect(frame).toContain('On this screen');
    expect(frame).toMatch(/n\s+Create a new one/);
    expect(frame).toMatch(/d\s+Delete the selected one \(asks first\)/);
    expect(frame).toMatch(/m\s+Mint a client for this account/);
    expect(frame).toContain('Everywhere');
    expect(frame).toMatch(/\/\s+Filter the list/);
    expect(frame).toMatch(/Ctrl\+C\s+Quit now/);
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    // Modal: the screen's n does nothing while help is open.
    await ui.press('n');
    expect(ui.lastFrame()).toContain('new=0');
    await ui.press('esc');
    await ui.waitForText('screen');
    await ui.press('?');
    await ui.waitForText('Keys — Service accounts');
    await ui.press('?');
    await ui.waitForText('screen');
    await ui.press('n');
    await ui.waitForText('new=1');
  });

  it('scrolls like a list when the keys do not fit, saying which lines show', async () => {
    const ui = renderInk(<App />, {columns: 60, rows: 12});
    await ui.press('?');
    const top = await ui.waitFor((f) => /1–\d+ of \d+/.test(f), {label: 'position line'});
    expect(frameLines(top).length).toBeLessThanOrEqual(12);
    const total = Number(/1–\d+ of (\d+)/.exec(top)![1]);
    await ui.press('j');
    await ui.waitFor((f) => f.includes(`2–`) && f.includes(`of ${total}`));
    await ui.press('G');
    const end = await ui.waitFor((f) => new RegExp(`–${total} of ${total}`).test(f));
    // The last key of "Everywhere" is on screen once scrolled to the end.
    expect(end).toMatch(/PgUp PgDn\s+Move one page/);
    expect(frameLines(end).length).toBeLessThanOrEqual(12);
    await ui.press('k');
    await ui.waitFor((f) => new RegExp(`–${total - 1} of ${total}`).test(f));
    await ui.press('home');
    await ui.waitFor((f) => new RegExp(`1–\\d+ of ${total}`).test(f));
    await ui.press('end');
    await ui.waitFor((f) => new RegExp(`–${total} of ${total}`).test(f));
    await ui.press('pageUp');
    await ui.waitFor((f) => !new RegExp(`–${total} of ${total}`).test(f));
    // Still modal while scrolling.
    expect(ui.lastFrame()).toContain('new=0');
  });
});

describe('helpSections', () => {
  it('lists each key once: the screen keeps its meaning, ? q Ctrl+C stay under Everywhere', () => {
    const back = relabel(GLOBAL_ACTIONS.back, 'back', 'Back one step');
    const choose = relabel(GLOBAL_ACTIONS.open, 'choose', 'Choose the zone');
    const signIn = relabel(GLOBAL_ACTIONS.open, 'sign in', 'Sign in');
    const {screen, everywhere} = helpSections([
      choose,
      signIn,
      back,
      GLOBAL_ACTIONS.refresh,
      GLOBAL_ACTIONS.quit,
      COMMON_ACTIONS.new,
    ]);
    expect(screen.map((b) => b.label)).toEqual(['Enter', 'Esc', 'r', 'n']);
    // The second Enter joins the first line rather than a second "Enter".
    expect(screen[0]!.description).toBe('Choose the zone; Sign in');
    expect(screen[1]!.description).toBe('Back one step');
    const labels = everywhere.map((b) => b.label);
    expect(labels.slice(0, 3)).toEqual(['?', 'q', 'Ctrl+C']);
    // Enter, Esc and r are the screen's; / is not, so it stays under Everywhere.
    expect(labels).not.toContain('Enter');
    expect(labels).not.toContain('Esc');
    expect(labels).not.toContain('r');
    expect(labels).toContain('/');
    const all = [...screen, ...everywhere].flatMap((b) => b.keys);
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps the keys a screen does not bind when it binds some of a line', () => {
    const scroll = relabel(SCROLL, 'move', 'Move between zones');
    const {everywhere} = helpSections([scroll]);
    const moves = everywhere.find((b) => b.keys.includes('j'));
    expect(moves?.label).toBe('k/j');
    expect(everywhere.flatMap((b) => b.keys)).not.toContain('up');
  });
});
