import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {Priority, StatusBar, WindowedList, useKeys} from '../../source/ui/index.js';
import type {Column} from '../../source/ui/index.js';
import {frameLines, renderInk} from '../helpers/ink.js';
import type {InkHandle} from '../helpers/ink.js';
import {controlsBesidesColour} from '../helpers/frames.js';

interface Account {
  id: string;
  name: string;
  group: string;
}

const accounts = (n: number): Account[] =>
  Array.from({length: n}, (_, i) => ({
    id: String(i + 1),
    name: `account-${String(i + 1).padStart(4, '0')}`,
    group: i < n / 2 ? 'Alpha' : 'Beta',
  }));

const getKey = (a: Account) => a.id;
const columns: Column<Account>[] = [
  {header: 'ID', width: 6, value: (a) => a.id},
  {header: 'NAME', width: 'fill', value: (a) => a.name},
];

const focusedLine = (frame: string) => frameLines(frame).find((l) => l.startsWith('›'));

/** Waits until the focused row contains `text`. */
const waitFocused = (ui: InkHandle, text: string) =>
  ui.waitFor((f) => focusedLine(f)?.includes(text) ?? false, {label: `focus on ${text}`});

/** A screen around a list: records onSelect/onBack/onToggle and has an app-level `q`. */
function Harness({
  items,
  height = 8,
  groupBy,
  selectable = false,
}: {
  items: Account[];
  height?: number;
  groupBy?: (a: Account) => string;
  selectable?: boolean;
}) {
  const [events, setEvents] = useState<string[]>([]);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const note = (e: string) => setEvents((l) => [...l, e]);
  useKeys(
    (input) => {
      if (input !== 'q') return false;
      note('quit');
      return true;
    },
    {priority: Priority.Low},
  );
  return (
    <Box flexDirection="column">
      <WindowedList
        items={items}
        getKey={getKey}
        columns={columns}
        height={height}
        groupBy={groupBy}
        onSelect={(a) => note(`open:${a.id}`)}
        onBack={() => note('back')}
        checked={checked}
        onToggle={
          selectable
            ? (a) =>
                setChecked((s) => {
                  const next = new Set(s);
                  if (next.has(a.id)) next.delete(a.id);
                  else next.add(a.id);
                  return next;
                })
            : undefined
        }
      />
      <Text>{`events=${events.join(',')}`}</Text>
    </Box>
  );
}

describe('WindowedList navigation', () => {
  it('moves with arrows and j/k, scrolls at the window edges, jumps with g/G, pages', async () => {
    const ui = renderInk(
      <WindowedList items={accounts(30)} getKey={getKey} columns={columns} height={7} />,
      {
        columns: 60,
        rows: 20,
      },
    );
    // header + 5 rows + status = 7 lines
    await ui.waitForText('showing 1–5 of 30');
    expect(frameLines(ui.lastFrame())).toHaveLength(7);
    await waitFocused(ui, 'account-0001');
    await ui.press('up');
    await waitFocused(ui, 'account-0001');
    await ui.press('down', 4);
    await waitFocused(ui, 'account-0005');
    expect(ui.lastFrame()).toContain('showing 1–5 of 30');
    await ui.press('j');
    await ui.waitForText('showing 2–6 of 30');
    await waitFocused(ui, 'account-0006');
    await ui.press('G');
    await ui.waitForText('showing 26–30 of 30');
    await waitFocused(ui, 'account-0030');
    await ui.press('down');
    await waitFocused(ui, 'account-0030');
    await ui.press('k');
    await waitFocused(ui, 'account-0029');
    expect(ui.lastFrame()).toContain('showing 26–30 of 30');
    await ui.press('g');
    await ui.waitForText('showing 1–5 of 30');
    await waitFocused(ui, 'account-0001');
    await ui.press('pageDown');
    await ui.waitForText('showing 6–10 of 30');
    await waitFocused(ui, 'account-0006');
    await ui.press('pageUp');
    await ui.waitForText('showing 1–5 of 30');
    await ui.press('end');
    await ui.waitForText('showing 26–30 of 30');
    await ui.press('home');
    await ui.waitForText('showing 1–5 of 30');
  });

  it('opens with Enter and leaves other keys to the screen', async () => {
    const ui = renderInk(<Harness items={accounts(5)} />);
    await ui.press('down');
    await ui.press('enter');
    await ui.press('q');
    await ui.waitForText('events=open:2,quit');
  });

  it('acts on keys that arrive in one burst, before the frame is redrawn (G then Enter)', async () => {
    const ui = renderInk(<Harness items={accounts(5)} />);
    await ui.waitForText('events=');
    // No settle between the keys: the second arrives before React renders the first.
    ui.stdin.write('G');
    ui.stdin.write('\r');
    ui.stdin.write('k');
    ui.stdin.write(' ');
    await ui.waitForText('events=open:5');
  });

  it('shows group headers and keeps a group header in view when moving up to its first item', async () => {
    const ui = renderInk(<Harness items={accounts(10)} height={5} groupBy={(a) => a.group} />);
    // header line + status line leave 3 rows: "Alpha", 1, 2
    let frame = await ui.waitForText('Alpha');
    expect(frameLines(frame).slice(0, 4)).toEqual([
      '  ID     NAME',
      'Alpha',
      '› 1      account-0001',
      '  2      account-0002',
    ]);
    await ui.press('down', 5);
    frame = await ui.waitForText('› 6');
    expect(frame).toContain('Beta');
    await ui.press('down', 2);
    await ui.press('up', 2);
    frame = await ui.waitForText('› 6');
    expect(frameLines(frame)[1]).toBe('Beta');
    expect(frameLines(frame)[2]).toBe('› 6      account-0006');
  });

  it('keeps the focused item focused when the items are refreshed', async () => {
    const items = accounts(10);
    const ui = renderInk(
      <WindowedList items={items} getKey={getKey} columns={columns} height={8} />,
    );
    await ui.press('down', 3);
    await ui.waitForText('› 4');
    ui.rerender(
      <WindowedList
        items={[{id: '99', name: 'new-one', group: 'Alpha'}, ...items]}
        getKey={getKey}
        columns={columns}
        height={8}
      />,
    );
    await ui.waitForText('new-one');
    expect(focusedLine(ui.lastFrame())).toContain('account-0004');
  });

  it('starts on initialFocusKey and reports focus and filter-mode changes', async () => {
    function Reporter() {
      const [focus, setFocus] = useState('none');
      const [typing, setTyping] = useState<string[]>([]);
      return (
        <Box flexDirection="column">
          <WindowedList
            items={accounts(40)}
            getKey={getKey}
            columns={columns}
            height={6}
            initialFocusKey="25"
            onFocusChange={(a) => setFocus(a?.id ?? 'nothing')}
            onFilterModeChange={(t) => setTyping((l) => [...l, String(t)])}
          />
          <Text>{`focus=${focus} typing=${typing.join(',')}`}</Text>
        </Box>
      );
    }
    const ui = renderInk(<Reporter />);
    let frame = await ui.waitForText('focus=25 typing=');
    expect(focusedLine(frame)).toContain('account-0025');
    await ui.press('down');
    await ui.waitForText('focus=26 typing=');
    await ui.press('/');
    await ui.waitForText('typing=true');
    await ui.type('zzz');
    await ui.waitForText('focus=nothing');
    await ui.press('enter');
    frame = await ui.waitForText('typing=true,false');
    expect(frame).toContain('No match for "zzz"');
  });

  it('says so when there is nothing', async () => {
    const ui = renderInk(
      <WindowedList
        items={[]}
        getKey={getKey}
        columns={columns}
        height={5}
        emptyText="No service accounts yet: press n."
      />,
    );
    await ui.waitForText('No service accounts yet: press n.');
  });
});

describe('WindowedList filter', () => {
  it('narrows while typing, Enter applies, Esc clears first, a second Esc goes back', async () => {
    const ui = renderInk(<Harness items={accounts(30)} height={10} />);
    await ui.waitForText('showing 1–8 of 30');
    await ui.press('/');
    await ui.type('003');
    let frame = await ui.waitForText('showing 1–2 of 2 (filtered from 30)');
    expect(frame).toContain('/ 003');
    expect(frame).toContain('account-0003');
    expect(frame).toContain('account-0030');
    expect(frame).not.toContain('account-0001');
    // Single letters are text while typing: q does not quit.
    await ui.press('q');
    await ui.waitForText('No match for "003q"');
    await ui.press('backspace');
    await ui.waitForText('showing 1–2 of 2');
    await ui.press('down');
    await ui.press('enter');
    frame = await ui.waitForText('(/ edit · Esc clear)');
    expect(focusedLine(frame)).toContain('account-0030');
    // First Esc clears the filter and keeps the focused item.
    await ui.press('esc');
    frame = await ui.waitForText('of 30');
    expect(frame).not.toContain('filtered');
    expect(focusedLine(frame)).toContain('account-0030');
    expect(frame).toMatch(/events=$/m);
    // Second Esc goes back.
    await ui.press('esc');
    await ui.waitForText('events=back');
  });

  it('Esc while typing clears the filter without going back', async () => {
    const ui = renderInk(<Harness items={accounts(12)} height={10} />);
    await ui.press('/');
    await ui.type('account-001');
    await ui.waitForText('of 3 (filtered from 12)');
    await ui.press('esc');
    const frame = await ui.waitForText('of 12');
    expect(frame).not.toContain('/ account');
    expect(frame).toMatch(/events=$/m);
  });

  it('matches every word, case-insensitively, and highlights nothing outside the window', async () => {
    const items: Account[] = [
      {id: '1', name: 'Billing Export', group: 'x'},
      {id: '2', name: 'billing import', group: 'x'},
      {id: '3', name: 'export only', group: 'x'},
    ];
    const ui = renderInk(<Harness items={items} height={8} />);
    await ui.press('/');
    await ui.type('EXPORT bill');
    const frame = await ui.waitForText('of 1 (filtered from 3)');
    expect(frame).toContain('Billing Export');
    expect(frame).not.toContain('export only');
  });
});

describe('WindowedList multi-select', () => {
  it('toggles the focused item with Space; the parent owns the checked set', async () => {
    const ui = renderInk(<Harness items={accounts(4)} selectable />);
    await ui.waitForText('[ ] 1');
    await ui.press('space');
    await ui.waitForText('› [x] 1');
    await ui.press('down');
    await ui.press('space');
    let frame = await ui.waitForText('› [x] 2');
    expect(frame).toContain('  [x] 1');
    await ui.press('up');
    await ui.press('space');
    frame = await ui.waitForText('› [ ] 1');
    expect(frame).toContain('  [x] 2');
  });
});

describe('WindowedList size', () => {
  it('draws 2,000 items within its height and stays responsive to keys', async () => {
    const items = accounts(2000);
    const ui = renderInk(
      <Box flexDirection="column">
        <WindowedList items={items} getKey={getKey} columns={columns} height={20} />
        <StatusBar zone="NAM" org="Acme (1)" tokenSource="keychain" />
      </Box>,
      {columns: 80, rows: 24},
    );
    let frame = await ui.waitForText('showing 1–18 of 2,000');
    expect(frameLines(frame).length).toBeLessThanOrEqual(21);
    await ui.press('G');
    frame = await ui.waitForText('showing 1,983–2,000 of 2,000');
    expect(focusedLine(frame)).toContain('account-2000');
    expect(frameLines(frame).length).toBeLessThanOrEqual(21);
    await ui.press('/');
    await ui.type('1999');
    frame = await ui.waitForText('showing 1–1 of 1 (filtered from 2,000)');
    expect(frameLines(frame).length).toBeLessThanOrEqual(21);
    await ui.press('esc');
    frame = await ui.waitForText('of 2,000');
    expect(focusedLine(frame)).toContain('account-1999');
  });

  it('never draws more lines than its height, even when tiny', async () => {
    for (const height of [1, 2, 3, 4]) {
      const ui = renderInk(
        <WindowedList items={accounts(50)} getKey={getKey} columns={columns} height={height} />,
      );
      const frame = await ui.waitForText('account-0001');
      expect(frameLines(frame).length).toBeLessThanOrEqual(height);
      await ui.press('/');
      await ui.type('00');
      const filtered = await ui.waitFor((f) => f.includes('/ 00') || height === 1);
      expect(frameLines(filtered).length).toBeLessThanOrEqual(height);
      ui.unmount();
    }
  });

  it('keeps columns aligned with wide characters and emoji, and no line wider than the terminal', async () => {
    const items: Account[] = [
      {id: '1', name: 'plain-ascii-name', group: ''},
      {id: '2', name: '日本語のサービスアカウント名前', group: ''},
      {id: '3', name: 'team 👨‍👩‍👧 bots 🚀🚀', group: ''},
      {id: '4', name: 'mixé café ☕ x', group: ''},
    ];
    const withEnd: Column<Account>[] = [
      {header: 'NAME', width: 15, value: (a) => a.name},
      {header: 'ID', width: 'fill', value: (a) => `|${a.id}`},
    ];
    const ui = renderInk(
      <WindowedList items={items} getKey={getKey} columns={withEnd} height={8} />,
      {
        columns: 40,
        rows: 10,
      },
    );
    const frame = await ui.waitForText('|4');
    const rows = frameLines(frame).filter((l) => l.includes('|'));
    expect(rows).toHaveLength(4);
    const bar = rows.map((l) => stringWidth(l.slice(0, l.indexOf('|'))));
    expect(new Set(bar).size).toBe(1);
    for (const line of frameLines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(40);
  });

  it('re-lays out on resize from 80×24 to 60×20 with no line wider than the terminal', async () => {
    const items = accounts(100).map((a) => ({
      ...a,
      name: `${a.name}-with-a-rather-long-descriptive-suffix-that-must-be-cut`,
    }));
    function Screen() {
      return (
        <Box flexDirection="column">
          <WindowedList items={items} getKey={getKey} columns={columns} height={20} />
          <StatusBar
            zone="NAM"
            org="Acme Corporation International (123456)"
            tokenSource="keychain"
          />
        </Box>
      );
    }
    const ui = renderInk(<Screen />, {columns: 80, rows: 24});
    let frame = await ui.waitForText('showing 1–18 of 100');
    expect(Math.max(...frameLines(frame).map((l) => stringWidth(l)))).toBe(80);
    await ui.resize(60, 20);
    frame = await ui.waitFor((f) => frameLines(f).every((l) => stringWidth(l) <= 60), {
      label: 'lines ≤ 60',
    });
    expect(frame).toContain('account-0001');
    expect(frame).toContain('…');
  });
});

describe('WindowedList inert text', () => {
  it('draws hostile names as visible text, never as terminal controls', async () => {
    const hostile: Account[] = [
      {id: '1', name: 'clear\x1b[2Jscreen', group: ''},
      {id: '2', name: 'clip\x1b]52;c;ZXZpbA==\x07board', group: ''},
      {id: '3', name: 'over\rwrite', group: ''},
      {id: '4', name: 'bell\x07', group: ''},
      {id: '5', name: 'bidi\u202Efdp.exe', group: ''},
      {id: '6', name: 'c1\x9b2Jcsi', group: ''},
      {id: '7', name: 'two\nlines', group: ''},
    ];
    const ui = renderInk(
      <WindowedList
        items={hostile}
        getKey={getKey}
        columns={columns}
        height={12}
        groupBy={() => 'grp\x1b[31m'}
      />,
      {columns: 80, rows: 24},
    );
    const frame = await ui.waitForText('clear␛[2Jscreen');
    expect(frame).toContain('two⏎lines');
    expect(frame).toContain('bell␇');
    // Only Ink's own colour codes (SGR … m) may be in the raw frame.
    expect(controlsBesidesColour(ui.lastRawFrame())).toEqual([]);
    expect(frameLines(frame).length).toBeLessThanOrEqual(12);
  });
});
