import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import {ConfirmDialog, useKeys} from '../../source/ui/index.js';
import {keyLine} from '../../source/ui/keys/keymap.js';
import {yesNoKeys} from '../../source/ui/confirm-dialog/confirm-dialog.js';
import type {ConfirmDialogProps} from '../../source/ui/index.js';
import {renderInk} from '../helpers/ink.js';
import {controlsBesidesColour} from '../helpers/frames.js';

type Extra = Partial<Omit<ConfirmDialogProps, 'onConfirm' | 'onCancel'>>;

/** A screen whose own `d` and arrow keys must not fire while the dialog is open. */
function Screen(props: Extra) {
  const [result, setResult] = useState('open');
  const [screenKeys, setScreenKeys] = useState(0);
  useKeys(() => {
    setScreenKeys((n) => n + 1);
    return true;
  });
  return (
    <Box flexDirection="column">
      {result === 'open' ? (
        <ConfirmDialog
          title="Delete service account billing-export?"
          body={['Its 2 clients stop working.', 'This cannot be undone.']}
          confirmLabel="Delete"
          {...props}
          onConfirm={() => setResult('confirmed')}
          onCancel={() => setResult('cancelled')}
        />
      ) : null}
      <Text>{`result=${result} screenKeys=${screenKeys}`}</Text>
    </Box>
  );
}

describe('ConfirmDialog (yes/no)', () => {
  it('states the consequences; Enter alone cancels (the default)', async () => {
    const ui = renderInk(<Screen />);
    const frame = await ui.waitForText('Its 2 clients stop working.');
    expect(frame).toContain('› [ Cancel ]');
    await ui.press('enter');
    await ui.waitForText('result=cancelled');
  });

  it('y acts at once: it confirms, it does not only move the focus', async () => {
    const ui = renderInk(<Screen />);
    await ui.press('y');
    await ui.waitForText('result=confirmed screenKeys=0');
  });

  it('n cancels at once', async () => {
    const ui = renderInk(<Screen />);
    await ui.press('n');
    await ui.waitForText('result=cancelled screenKeys=0');
  });

  it('Enter presses the focused choice: → then Enter confirms', async () => {
    const ui = renderInk(<Screen />);
    await ui.press('right');
    await ui.waitForText('› [ Delete ]');
    await ui.press('enter');
    await ui.waitForText('result=confirmed');
  });

  it('says what its keys do, in the words of its choices', async () => {
    const ui = renderInk(<Screen cancelLabel="Keep it" />);
    const frame = await ui.waitForText('y delete');
    expect(frame).toContain('y delete · n/Esc keep it · Enter presses › · ←/→ move ›');
    expect(keyLine(...yesNoKeys('quit', 'stay'))).toBe(
      'y quit · n/Esc stay · Enter presses › · ←/→ move ›',
    );
  });

  it('confirms once: a second y or Enter before the request shows is not a second delete', async () => {
    let confirmed = 0;
    const ui = renderInk(
      <ConfirmDialog
        title="Delete x?"
        confirmLabel="Delete"
        onConfirm={() => (confirmed += 1)}
        onCancel={() => undefined}
      />,
    );
    await ui.waitForText('Delete x?');
    await ui.press('y');
    await ui.press('y');
    await ui.press('right');
    await ui.press('enter');
    expect(confirmed).toBe(1);
  });

  it('switches the choice with the arrows and cancels with Esc', async () => {
    const ui = renderInk(<Screen />);
    await ui.press('right');
    await ui.waitForText('› [ Delete ]');
    await ui.press('left');
    await ui.waitForText('› [ Cancel ]');
    await ui.press('esc');
    await ui.waitForText('result=cancelled screenKeys=0');
  });

  it('is modal: no key reaches the screen below', async () => {
    const ui = renderInk(<Screen />);
    await ui.press('d');
    await ui.press('down');
    await ui.press('q');
    await ui.press('esc');
    await ui.waitForText('result=cancelled screenKeys=0');
    await ui.press('d');
    await ui.waitForText('screenKeys=1');
  });

  it('ignores keys while busy, showing what it is doing', async () => {
    const ui = renderInk(<Screen busy busyLabel="Deleting billing-export…" />);
    await ui.waitForText('Deleting billing-export…');
    await ui.press('esc');
    await ui.press('y');
    await ui.press('enter');
    expect(ui.lastFrame()).toContain('result=open screenKeys=0');
  });

  it('shows a failure in place', async () => {
    const ui = renderInk(<Screen error={'Flexera refused: 403\n    at secret (stack.js:1:1)'} />);
    const frame = await ui.waitForText('✗ Flexera refused: 403');
    expect(frame).not.toContain('stack.js');
  });
});

describe('ConfirmDialog (type to confirm)', () => {
  it('asks for the exact name; Esc cancels', async () => {
    const ui = renderInk(<Screen requireText="billing-export" />);
    await ui.waitForText('Type billing-export to delete it, or press Esc to cancel');
    await ui.press('esc');
    await ui.waitForText('result=cancelled');
  });

  it('stays typed: y and n are text, not answers', async () => {
    const ui = renderInk(<Screen requireText="yn" />);
    await ui.press('y');
    await ui.press('n');
    await ui.waitForText('› yn');
    expect(ui.lastFrame()).toContain('result=open');
    await ui.press('enter');
    await ui.waitForText('result=confirmed screenKeys=0');
  });

  it('a wrong or partial text cannot confirm, the exact text + Enter does', async () => {
    const ui = renderInk(<Screen requireText="billing-export" />);
    await ui.press('enter');
    await ui.waitForText('That is not "billing-export"');
    await ui.type('billing-expor');
    await ui.press('enter');
    await ui.waitForText('That is not "billing-export"');
    expect(ui.lastFrame()).toContain('result=open');
    await ui.type('tt');
    await ui.press('enter');
    await ui.waitForText('That is not');
    expect(ui.lastFrame()).toContain('result=open');
    await ui.press('backspace');
    await ui.waitFor((f) => f.includes('› billing-export') && !f.includes('That is not'));
    // e, r and g (edit, refresh, first) were text here, not shortcuts.
    expect(ui.lastFrame()).toContain('screenKeys=0');
    await ui.press('enter');
    await ui.waitForText('result=confirmed screenKeys=0');
  });

  it('is case-sensitive and does not trim', async () => {
    const ui = renderInk(<Screen requireText="Billing" />);
    await ui.type('billing');
    await ui.press('enter');
    await ui.waitForText('That is not "Billing"');
    await ui.press('ctrlU');
    await ui.type('Billing ');
    await ui.press('enter');
    await ui.waitForText('That is not "Billing"');
    expect(ui.lastFrame()).toContain('result=open');
  });

  it('draws a hostile name inert', async () => {
    const ui = renderInk(<Screen title={'Delete x\x1b[2J?'} requireText={'x\x1b[2J'} />);
    await ui.waitForText('Type x␛[2J to delete it');
    expect(controlsBesidesColour(ui.lastRawFrame())).toEqual([]);
  });
});
