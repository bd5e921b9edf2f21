import React from 'react';
import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {COMMON_ACTIONS, GLOBAL_ACTIONS, SCREEN_ACTIONS} from '../../source/ui/keys/keymap.js';
import {CTRL_C_AGAIN_MESSAGE, StatusBar} from '../../source/ui/index.js';
import {frameLines, renderInk} from '../helpers/ink.js';
import {controlsBesidesColour} from '../helpers/frames.js';

const hints = [
  COMMON_ACTIONS.new,
  COMMON_ACTIONS.edit,
  COMMON_ACTIONS.delete,
  GLOBAL_ACTIONS.filter,
  GLOBAL_ACTIONS.refresh,
];

describe('StatusBar', () => {
  it('shows zone, org, token source and the screen keys on one line', async () => {
    const ui = renderInk(
      <StatusBar zone="NAM" org="Acme (12345)" tokenSource="keychain" hints={hints} />,
      {
        columns: 100,
        rows: 5,
      },
    );
    const frame = await ui.waitForText('? help');
    expect(frameLines(frame)).toHaveLength(1);
    expect(frame).toContain('NAM · Acme (12345) · token: keychain');
    expect(frame).toContain('n new · e edit · d delete · / filter · r refresh · ? help');
  });

  it('fits 80 columns by dropping hints from the end, keeping ? help', async () => {
    const ui = renderInk(
      <StatusBar
        sandbox
        zone="APAC"
        org="A Very Long Organisation Name For Testing Purposes Pty Ltd (987654)"
        tokenSource="session"
        hints={hints}
      />,
      {columns: 80, rows: 5},
    );
    const frame = await ui.waitForText('? help');
    const lines = frameLines(frame);
    expect(lines).toHaveLength(1);
    expect(stringWidth(lines[0] ?? '')).toBeLessThanOrEqual(80);
    expect(frame).toContain('SANDBOX');
    expect(frame).toContain('APAC');
    expect(frame).toContain('…');
    // A long org name is cut before the keys are: the first hints still show.
    expect(frame).toContain('n new · e edit');
  });

  it('stays one line at 40 columns and after a resize', async () => {
    const ui = renderInk(
      <StatusBar zone="EU" org="Acme Europe GmbH (555)" tokenSource="env" hints={hints} />,
      {
        columns: 80,
        rows: 5,
      },
    );
    await ui.waitForText('token: env');
    await ui.resize(40, 5);
    const frame = await ui.waitFor((f) => frameLines(f).length === 1 && stringWidth(f) <= 40, {
      label: '≤ 40',
    });
    expect(frame).toContain('? help');
    expect(frame).toContain('EU');
  });

  it('shows a transient message (with a spinner) instead of the hints', async () => {
    const ui = renderInk(
      <StatusBar
        zone="NAM"
        tokenSource="keychain"
        hints={hints}
        message={{text: 'Rate limited, retrying in 4 s', spinner: true}}
      />,
      {columns: 80, rows: 5},
    );
    const frame = await ui.waitForText('Rate limited, retrying in 4 s');
    expect(frame).not.toContain('n new');
    ui.rerender(
      <StatusBar
        zone="NAM"
        hints={[SCREEN_ACTIONS.mint]}
        message={{text: CTRL_C_AGAIN_MESSAGE, tone: 'warning'}}
      />,
    );
    await ui.waitForText(`! ${CTRL_C_AGAIN_MESSAGE}`);
  });

  it('draws a hostile org name inert', async () => {
    const ui = renderInk(
      <StatusBar zone="NAM" org={'Evil\x1b]52;c;AA\x07Org'} tokenSource="keychain" />,
    );
    await ui.waitForText('Evil␛]52;c;AA␇Org');
    expect(controlsBesidesColour(ui.lastRawFrame())).toEqual([]);
  });
});
