import React from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {COMMON_ACTIONS} from '../../source/ui/keys/keymap.js';
import {
  ErrorBox,
  SizeGuard,
  StatusBar,
  WindowedList,
  useTerminalSize,
} from '../../source/ui/index.js';
import {frameLines, renderInk} from '../helpers/ink.js';

function Size() {
  const {columns, rows} = useTerminalSize();
  return <Text>{`size=${columns}x${rows}`}</Text>;
}

describe('useTerminalSize', () => {
  it('reads the injected stdout and follows resize', async () => {
    const ui = renderInk(<Size />, {columns: 80, rows: 24});
    await ui.waitForText('size=80x24');
    await ui.resize(60, 20);
    await ui.waitForText('size=60x20');
    await ui.resize(120, 40);
    await ui.waitForText('size=120x40');
  });

  it('falls back to 24 rows when the stream does not know them', async () => {
    const ui = renderInk(<Size />);
    await ui.waitForText('size=100x24');
  });
});

describe('SizeGuard', () => {
  it('says the terminal is too small instead of drawing, and recovers on resize', async () => {
    const ui = renderInk(
      <SizeGuard minColumns={60} minRows={16}>
        <Text>the app</Text>
      </SizeGuard>,
      {columns: 40, rows: 10},
    );
    let frame = await ui.waitForText('Terminal too small');
    expect(frame.replace(/\n/g, ' ')).toContain('need 60×16, have 40×10 — enlarge the window');
    expect(frame).not.toContain('the app');
    for (const line of frameLines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    await ui.resize(80, 24);
    frame = await ui.waitForText('the app');
    expect(frame).not.toContain('too small');
    await ui.resize(70, 12);
    await ui.waitForText('have 70×12');
  });
});

describe('a screen layout at 80×24', () => {
  it('fits, then re-lays out at 60×20 with no line wider than the terminal', async () => {
    const items = Array.from(
      {length: 300},
      (_, i) => `service-account-${i + 1}-with-a-long-name-for-width-checks`,
    );
    function Screen() {
      const {rows} = useTerminalSize();
      return (
        <SizeGuard minColumns={50} minRows={12}>
          <Box flexDirection="column">
            <Text bold>Service accounts</Text>
            <WindowedList items={items} getKey={(s) => s} height={rows - 3} />
            <StatusBar
              zone="NAM"
              org="Acme Corporation (12345)"
              tokenSource="keychain"
              hints={[COMMON_ACTIONS.new, COMMON_ACTIONS.delete]}
            />
          </Box>
        </SizeGuard>
      );
    }
    const ui = renderInk(<Screen />, {columns: 80, rows: 24});
    let frame = await ui.waitForText('showing 1–20 of 300');
    expect(frameLines(frame).length).toBeLessThanOrEqual(23);
    for (const line of frameLines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    await ui.resize(60, 20);
    frame = await ui.waitForText('showing 1–16 of 300');
    expect(frameLines(frame).length).toBeLessThanOrEqual(19);
    for (const line of frameLines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(60);
    await ui.resize(40, 10);
    await ui.waitForText('Terminal too small');
  });
});

describe('ErrorBox', () => {
  it('says what happened and what to do, with the retry key, and never a stack trace', async () => {
    const what =
      'Error: connect ECONNREFUSED 127.0.0.1:9\n    at TCPConnectWrap.afterConnect (node:net:1607:16)\n    at process.processTicksAndRejections';
    const ui = renderInk(
      <ErrorBox
        title="Could not reach NAM"
        what={what}
        todo="Check the network, then press r."
        retry={{keys: ['r'], label: 'r', hint: 'refresh', description: ''}}
      />,
      {columns: 80, rows: 24},
    );
    const frame = await ui.waitForText('Could not reach NAM');
    expect(frame).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect(frame).toContain('Check the network, then press r.');
    expect(frame).toContain('r retry');
    expect(frame).not.toContain('afterConnect');
    expect(frame).not.toContain('processTicks');
  });
});
