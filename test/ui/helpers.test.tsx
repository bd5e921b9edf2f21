import React, {useEffect, useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Text, useApp} from 'ink';
import {useKeys} from '../../source/ui/index.js';
import {cleanup, renderInk} from '../helpers/ink.js';

describe('test helpers', () => {
  it('waitFor fails with the last frame in the message', async () => {
    const ui = renderInk(<Text>only this</Text>);
    await expect(ui.waitForText('never there', {timeout: 50})).rejects.toThrow(
      /text "never there".*Last frame:\nonly this/s,
    );
  });

  it('press sends named keys and literal characters; type sends one paste', async () => {
    function Echo() {
      const [seen, setSeen] = useState<string[]>([]);
      useKeys((input, key) => {
        const name = key.upArrow
          ? 'UP'
          : key.return
            ? 'ENTER'
            : key.escape
              ? 'ESC'
              : key.pageDown
                ? 'PGDN'
                : input;
        setSeen((s) => [...s, name]);
        return true;
      });
      return <Text>{seen.join('|')}</Text>;
    }
    const ui = renderInk(<Echo />);
    await ui.press('up', 2);
    await ui.press('x');
    await ui.press('esc');
    await ui.press('pageDown');
    await ui.type('pasted text');
    await ui.press('enter');
    await ui.waitForText('UP|UP|x|ESC|PGDN|pasted text|ENTER');
  });

  it('resize needs a sized terminal', async () => {
    const ui = renderInk(<Text>x</Text>);
    await expect(ui.resize(10, 10)).rejects.toThrow(/needs renderInk/);
  });

  it('waitForExit sees useApp().exit()', async () => {
    function Leaves() {
      const {exit} = useApp();
      useEffect(() => {
        const timer = setTimeout(() => exit(), 0);
        return () => clearTimeout(timer);
      }, [exit]);
      return <Text>bye</Text>;
    }
    const ui = renderInk(<Leaves />, {exits: true});
    expect(await ui.waitForExit()).toBeUndefined();
    expect(ui.hasExited()).toBe(true);
  });

  it('cleanup unmounts what is still mounted', async () => {
    let unmounted = false;
    function Tracks() {
      useEffect(
        () => () => {
          unmounted = true;
        },
        [],
      );
      return <Text>mounted</Text>;
    }
    const ui = renderInk(<Tracks />);
    await ui.waitForText('mounted');
    cleanup();
    expect(unmounted).toBe(true);
  });
});
