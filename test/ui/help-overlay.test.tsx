import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import {
  COMMON_ACTIONS,
  GLOBAL_ACTIONS,
  defineActions,
  matchAction,
} from '../../source/ui/keys/keymap.js';
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

  it('fits a small terminal by cutting the list', async () => {
    const ui = renderInk(<App />, {columns: 60, rows: 12});
    await ui.press('?');
    const frame = await ui.waitForText('enlarge the window');
    expect(frameLines(frame).length).toBeLessThanOrEqual(12);
  });
});
