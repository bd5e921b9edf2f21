import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Text, useApp} from 'ink';
import {
  CTRL_C_AGAIN_MESSAGE,
  KeyProvider,
  Priority,
  WindowedList,
  useCtrlC,
  useKeys,
} from '../../source/ui/index.js';
import {lazyScreen} from '../../source/screens/shared/lazy-screen.js';
import {KEYS, renderInk} from '../helpers/ink.js';

function Layered({modal}: {modal: boolean}) {
  const [log, setLog] = useState<string[]>([]);
  const note = (s: string) => setLog((l) => [...l, s]);
  useKeys(
    (input) => {
      if (input === 'x') note('modal:x');
      return true; // a modal consumes every key
    },
    {priority: Priority.Modal, isActive: modal},
  );
  useKeys((input) => {
    if (input !== 'a') return false;
    note('screen:a');
    return true;
  });
  useKeys(
    (input) => {
      note(`app:${input}`);
      return false;
    },
    {priority: Priority.Low},
  );
  return <Text>{`log=${log.join(',')}`}</Text>;
}

describe('KeyProvider / useKeys', () => {
  it('runs handlers by priority and stops at the first that returns true', async () => {
    const ui = renderInk(<Layered modal={false} />);
    await ui.press('a');
    await ui.press('b');
    await ui.waitForText('log=screen:a,app:b');
    ui.rerender(<Layered modal />);
    await ui.press('a');
    await ui.press('x');
    await ui.waitForText('log=screen:a,app:b,modal:x');
    ui.rerender(<Layered modal={false} />);
    await ui.press('b');
    await ui.waitForText('log=screen:a,app:b,modal:x,app:b');
  });

  it('delivers keys written back to back, before any re-render, to the list', async () => {
    const items = Array.from({length: 10}, (_, i) => `item-${i + 1}`);
    const ui = renderInk(<WindowedList items={items} getKey={(s) => s} height={12} />);
    await ui.waitForText('item-1');
    ui.stdin.write(KEYS.down);
    ui.stdin.write(KEYS.down);
    ui.stdin.write(KEYS.down);
    await ui.waitForText('› item-4');
  });

  it('says what is missing when there is no provider', async () => {
    function Orphan() {
      useKeys(() => true);
      return <Text>never</Text>;
    }
    const ui = renderInk(<Orphan />, {keys: false, exits: true});
    const error = await ui.waitForExit();
    expect(error?.message).toMatch(/useKeys needs a <KeyProvider>/);
  });

  it('a nested provider passes through to the outer one', async () => {
    function Inner() {
      const [hit, setHit] = useState(false);
      useKeys((input) => {
        if (input === 'z') setHit(true);
      });
      return <Text>{hit ? 'inner got z' : 'waiting'}</Text>;
    }
    const ui = renderInk(
      <KeyProvider>
        <Inner />
      </KeyProvider>,
    );
    await ui.press('z');
    await ui.waitForText('inner got z');
  });

  it('does not ask for raw mode when stdin is not a terminal', async () => {
    const ui = renderInk(<WindowedList items={['one', 'two']} getKey={(s) => s} height={4} />, {
      tty: false,
    });
    const frame = await ui.waitForText('one');
    expect(frame).not.toContain('Raw mode');
    expect(ui.hasExited()).toBe(false);
  });
});

function Quitter({busy, now, windowMs}: {busy: boolean; now?: () => number; windowMs?: number}) {
  const {exit} = useApp();
  const [exits, setExits] = useState(0);
  const {message} = useCtrlC({
    busy,
    now,
    windowMs,
    onExit: () => {
      setExits((n) => n + 1);
      if (!busy) exit();
    },
  });
  return <Text>{`exits=${exits} ${message ?? 'idle'}`}</Text>;
}

/** A screen whose code arrives when the test says (lazyScreen, as source/screens/routes.tsx). */
function controlledScreen() {
  let arrive!: () => void;
  const loaded = new Promise<void>((resolve) => (arrive = resolve));
  function Loaded() {
    const [log, setLog] = useState<string[]>([]);
    useKeys((input) => {
      setLog((l) => [...l, input]);
      return true;
    });
    return <Text>{`screen got=${log.join(',')}`}</Text>;
  }
  const Screen = lazyScreen(() => loaded.then(() => Loaded));
  return {Screen, arrive};
}

function Frame({children}: {children: React.ReactNode}) {
  const [log, setLog] = useState<string[]>([]);
  useKeys(
    (input) => {
      setLog((l) => [...l, input]);
      return true;
    },
    {priority: Priority.Low},
  );
  return (
    <>
      <Text>{`frame got=${log.join(',')}`}</Text>
      {children}
    </>
  );
}

describe('lazyScreen + useHoldKeys (a screen whose code is loading)', () => {
  it('keys typed while it loads reach the loaded screen, in order; none reaches the frame', async () => {
    const {Screen, arrive} = controlledScreen();
    const ui = renderInk(
      <Frame>
        <Screen />
      </Frame>,
    );
    await ui.waitForText('Loading…');
    ui.stdin.write('j');
    ui.stdin.write('k');
    ui.stdin.write('l');
    arrive();
    await ui.waitForText('screen got=j,k,l');
    expect(ui.lastFrame()).toMatch(/^frame got=$/m);
    await ui.press('x');
    await ui.waitForText('screen got=j,k,l,x');
  });

  it('does not hold Ctrl+C', async () => {
    const {Screen} = controlledScreen();
    let exits = 0;
    function Quit() {
      useCtrlC({busy: false, onExit: () => exits++});
      return null;
    }
    const ui = renderInk(
      <>
        <Quit />
        <Screen />
      </>,
    );
    await ui.waitForText('Loading…');
    ui.stdin.write(KEYS.ctrlC);
    await ui.waitFor(() => exits === 1);
  });
});

describe('useCtrlC', () => {
  it('exits at once when nothing is in flight', async () => {
    const ui = renderInk(<Quitter busy={false} />, {exits: true});
    expect(ui.hasExited()).toBe(false);
    await ui.press('ctrlC');
    expect(await ui.waitForExit()).toBeUndefined();
    expect(ui.hasExited()).toBe(true);
    expect(ui.lastFrame()).not.toContain(CTRL_C_AGAIN_MESSAGE);
  });

  it('asks for a second press while a change is in flight, then exits', async () => {
    const ui = renderInk(<Quitter busy />);
    await ui.press('ctrlC');
    await ui.waitForText(CTRL_C_AGAIN_MESSAGE);
    expect(ui.lastFrame()).toContain('exits=0');
    await ui.press('ctrlC');
    await ui.waitForText('exits=1');
  });

  it('is offered to Critical handlers only: a modal that takes every key never sees it', async () => {
    function Modal() {
      const [seen, setSeen] = useState<string[]>([]);
      useKeys(
        (input, key) => {
          setSeen((s) => [...s, key.ctrl ? `ctrl+${input}` : input]);
          return true;
        },
        {priority: Priority.Modal},
      );
      return <Text>{`modal saw=${seen.join(',')}.`}</Text>;
    }
    const ui = renderInk(<Modal />);
    await ui.press('ctrlC');
    await ui.press('x');
    await ui.waitForText('modal saw=x.');
  });

  it('a second press after the window only asks again', async () => {
    let t = 1_000;
    const ui = renderInk(<Quitter busy now={() => t} windowMs={2_000} />);
    await ui.press('ctrlC');
    await ui.waitForText(CTRL_C_AGAIN_MESSAGE);
    t += 2_500;
    await ui.press('ctrlC');
    expect(ui.lastFrame()).toContain(`exits=0 ${CTRL_C_AGAIN_MESSAGE}`);
    t += 1_000;
    await ui.press('ctrlC');
    await ui.waitForText('exits=1');
  });

  it('drops the warning when the change finishes', async () => {
    const ui = renderInk(<Quitter busy />);
    await ui.press('ctrlC');
    await ui.waitForText(CTRL_C_AGAIN_MESSAGE);
    ui.rerender(<Quitter busy={false} />);
    await ui.waitForText('exits=0 idle');
  });
});

describe('bursts of keys in one read', () => {
  it('splits plain text, Enter, Tab and Backspace into single keys; leaves one key and controls alone', async () => {
    const {splitBurst} = await import('../../source/ui/keys/key-provider.js');
    const plain = {...splitBurst('xx', {} as never)![0]![1], return: false};
    expect(splitBurst('j', plain)).toBeUndefined();
    expect(splitBurst('jj', plain)?.map(([input]) => input)).toEqual(['j', 'j']);
    const enter = splitBurst('y\r', plain)!;
    expect(enter[0]![0]).toBe('y');
    expect(enter[1]![1].return).toBe(true);
    expect(splitBurst('\u007f\u007f', plain)!.every(([, key]) => key.delete)).toBe(true);
    expect(splitBurst('\t', plain)).toBeUndefined();
    expect(splitBurst('a\u0007b', plain)).toBeUndefined();
    expect(splitBurst('jj', {...plain, ctrl: true})).toBeUndefined();
  });

  it('text typed ahead with its Enter is the text, then Enter; a long paste with a newline stays whole', async () => {
    const {splitBurst, splitTypedEnter} = await import('../../source/ui/keys/key-provider.js');
    const plain = {...splitBurst('xx', {} as never)![0]![1], return: false};
    const typed = splitTypedEnter('inv\r', plain)!;
    expect(typed.map(([input]) => input)).toEqual(['inv', '']);
    expect(typed[0]![1].return).toBe(false);
    expect(typed[1]![1].return).toBe(true);
    expect(splitTypedEnter(`${'t'.repeat(43)}\r`, plain)).toBeUndefined();
    expect(splitTypedEnter('inv', plain)).toBeUndefined();
    expect(splitTypedEnter('\r', plain)).toBeUndefined();
    // Text with two Enters, and two Enters alone, are keys, never text for a field.
    expect(splitTypedEnter('v\r\r', plain)!.map(([input, key]) => input || key.return)).toEqual([
      'v',
      true,
      true,
    ]);
    expect(splitTypedEnter('\r\r', plain)!.map(([, key]) => key.return)).toEqual([true, true]);
    expect(splitTypedEnter('a\u001bb\r', plain)).toBeUndefined();
  });
});
