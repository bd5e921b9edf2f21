import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {Priority, TextField, cleanPastedSecret, useKeys} from '../../source/ui/index.js';
import type {TextFieldProps} from '../../source/ui/index.js';
import {frameLines, renderInk} from '../helpers/ink.js';
import {controlsBesidesColour} from '../helpers/frames.js';

type Extra = Partial<Omit<TextFieldProps, 'value' | 'onChange' | 'onSubmit'>>;

/** A form with one field; Low-priority `q` and Esc handlers stand in for the app. */
function Form({initial = '', ...props}: Extra & {initial?: string}) {
  const [value, setValue] = useState(initial);
  const [events, setEvents] = useState<string[]>([]);
  const note = (e: string) => setEvents((l) => [...l, e]);
  useKeys(
    (input, key) => {
      if (input === 'q') note('quit');
      else if (key.escape) note('esc');
      else return false;
      return true;
    },
    {priority: Priority.Low},
  );
  return (
    <Box flexDirection="column">
      <TextField
        label="Name"
        focus
        {...props}
        value={value}
        onChange={setValue}
        onSubmit={(v) => note(`submit:${JSON.stringify(v)}`)}
      />
      <Text>{`events=${events.join(',')}`}</Text>
      <Text>{`length=${value.length}`}</Text>
    </Box>
  );
}

describe('TextField', () => {
  it('types, moves the cursor, deletes with Backspace, submits with Enter', async () => {
    const ui = renderInk(<Form />);
    await ui.press('a');
    await ui.press('c');
    await ui.press('left');
    await ui.press('b');
    await ui.waitForText('› abc');
    await ui.press('end');
    await ui.press('backspace'); // \x7f: key.delete in Ink 6
    await ui.press('\b'); // ^H: key.backspace
    await ui.waitForText('› a');
    await ui.press('enter');
    await ui.waitForText('events=submit:"a"');
  });

  it('takes a multi-character paste in one write and drops control characters from it', async () => {
    const ui = renderInk(<Form />);
    await ui.type('billing\x07-\x00export\nteam');
    await ui.waitForText('› billing-export team');
    await ui.press('ctrlU');
    await ui.waitForText('length=0');
  });

  it('treats wide characters and emoji as one character each', async () => {
    const ui = renderInk(<Form />);
    await ui.type('日本👍');
    await ui.press('backspace');
    await ui.waitForText('› 日本');
    await ui.press('left');
    await ui.press('x');
    await ui.waitForText('› 日x本');
  });

  it('moves the cursor over a whole CJK character or ZWJ emoji, and deletes one as a unit', async () => {
    const family = '👨\u200d👩\u200d👧';
    const ui = renderInk(<Form />);
    await ui.type(`日${family}本`);
    await ui.waitForText(`› 日${family}本`);
    // Where typing lands is where the cursor is: one ← steps over 本, two over the family too.
    await ui.press('left', 2);
    await ui.press('x');
    await ui.waitForText(`› 日x${family}本`);
    await ui.press('right');
    await ui.press('y');
    await ui.waitForText(`› 日x${family}y本`);
    await ui.press('left');
    await ui.press('backspace');
    await ui.waitForText('› 日xy本');
    expect(ui.lastFrame()).toContain(`length=${'日xy本'.length}`);
  });

  it('turns single-letter shortcuts off while focused, and leaves Esc to the form', async () => {
    const ui = renderInk(<Form />);
    await ui.press('q');
    await ui.press('esc');
    const frame = await ui.waitForText('events=esc');
    expect(frame).toContain('› q');
    expect(frame).not.toContain('quit');
  });

  it('takes no keys when not focused', async () => {
    const ui = renderInk(<Form focus={false} />);
    await ui.press('x');
    await ui.press('q');
    const frame = await ui.waitForText('events=quit');
    expect(frame).toContain('length=0');
  });

  it('masks a secret: a pasted token is never drawn, in any frame', async () => {
    const token = '  eyJhbGciOi-SECRET-TOKEN-value\n';
    const ui = renderInk(<Form label="Refresh token" mask />, {columns: 60, rows: 10});
    await ui.type(token);
    const frame = await ui.waitForText('(32 characters)');
    expect(frame).toContain('•••');
    for (const f of ui.frames) expect(f).not.toMatch(/SECRET|eyJh/);
    expect(cleanPastedSecret(' eyJh bGci\n')).toBe('eyJhbGci');
    for (const line of frameLines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(60);
  });

  it('counts towards maxLength and says when the text is too long', async () => {
    const ui = renderInk(<Form maxLength={10} hint="Up to 10 characters" />);
    await ui.type('abcdefgh');
    let frame = await ui.waitForText('8/10');
    expect(frame).toContain('Up to 10 characters');
    await ui.type('ijkl');
    frame = await ui.waitForText('12/10');
    expect(frame).toContain('✗ Too long: 12 characters, at most 10.');
    expect(frame).toContain('length=12');
  });

  it('shows the validation message it is given instead of the hint', async () => {
    const ui = renderInk(<Form error="Name is required." hint="hidden hint" />);
    const frame = await ui.waitForText('✗ Name is required.');
    expect(frame).not.toContain('hidden hint');
  });

  it('draws an initial value with escape sequences inert', async () => {
    const ui = renderInk(<Form initial={'evil\x1b[2J\x1b]52;c;AA\x07'} focus={false} />);
    await ui.waitForText('evil␛[2J␛]52;c;AA␇');
    expect(controlsBesidesColour(ui.lastRawFrame())).toEqual([]);
  });

  it('keeps the cursor in view in a long value, within the width', async () => {
    const ui = renderInk(<Form />, {columns: 30, rows: 10});
    await ui.type('x'.repeat(50) + 'END');
    const frame = await ui.waitForText('END');
    expect(frame).toContain('…');
    for (const line of frameLines(frame)) expect(stringWidth(line)).toBeLessThanOrEqual(30);
  });
});
