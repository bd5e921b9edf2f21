/**
 * Why the UI kit does not build on ink-text-input 6.0 and ink-select-input 6.2 (README "Packages
 * not used"): each reads keys with its own useInput, outside the key dispatcher, and keeps its
 * cursor or highlight in state a wrapper cannot reach. These tests show the defects on the
 * packages themselves (ink-testing-library's render, as their own tests do) next to the kit's
 * TextField and WindowedList given the same keys. If a test here starts failing, the package
 * was fixed: look again.
 */
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import {describe, expect, it} from 'vitest';
import {TextField, WindowedList} from '../../source/ui/index.js';
import {KEYS, renderInk, type KeyName} from '../helpers/ink.js';

/**
 * These packages re-subscribe their key handler in an effect after each render, so a key written
 * before that lands on the previous handler (notes B1), and they offer nothing to wait on. `settle`
 * is the pause between keystrokes a person makes, used only on the packages themselves; the kit's
 * components are driven through press()/type(), which wait for the key dispatcher.
 */
const PERSON_KEY_GAP_MS = 40;
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, PERSON_KEY_GAP_MS));

async function until<T>(read: () => T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise<void>((resolve) => setImmediate(() => setTimeout(resolve, 0)));
  }
}

type Rendered = ReturnType<typeof render>;

/** Resolves once the first handler listens (Ink reads stdin from the first useInput on). */
async function listening(ui: Rendered) {
  await until(
    () => ui.stdin.listenerCount('readable'),
    (n) => n > 0,
  );
}

/** Writes `data` once the frame shows `shown` and the package's handler has caught up. */
async function writeWhen(ui: Rendered, shown: string, data: string) {
  await until(
    () => ui.lastFrame() ?? '',
    (frame) => frame.includes(shown),
  );
  await settle();
  ui.stdin.write(data);
}

const values: string[] = [];

function PackageField() {
  const [value, setValue] = useState('');
  return (
    <TextInput
      value={value}
      onChange={(next) => {
        values.push(next);
        setValue(next);
      }}
    />
  );
}

function KitField() {
  const [value, setValue] = useState('');
  return (
    <Box flexDirection="column">
      <TextField label="" focus value={value} onChange={setValue} />
      <Text>{`value=${JSON.stringify(value)}`}</Text>
    </Box>
  );
}

/** Types `text` (one write), then `key`, into ink-text-input: the value it stores after the key. */
async function packageStores(text: string, key: KeyName): Promise<string | undefined> {
  values.length = 0;
  const ui = render(<PackageField />);
  await listening(ui);
  ui.stdin.write(text);
  await writeWhen(ui, text, KEYS[key]);
  return until(
    () => values.at(-1),
    (value) => value !== text,
  );
}

/** The same keys into the kit's TextField: resolves once it holds `expected`. */
async function kitHolds(text: string, key: KeyName, expected: string): Promise<void> {
  const kit = renderInk(<KitField />);
  await kit.type(text);
  await kit.press(key);
  await kit.waitForText(`value=${JSON.stringify(expected)}`);
}

describe('ink-text-input 6.0', () => {
  it('Backspace after an emoji stores half of it (a lone surrogate); TextField removes the emoji', async () => {
    expect(await packageStores('a🎉', 'backspace')).toBe('a\ud83c');
    await kitHolds('a🎉', 'backspace', 'a');
  });

  it('Ctrl+U inserts a "u" instead of clearing; TextField clears', async () => {
    expect(await packageStores('ab', 'ctrlU')).toBe('abu');
    await kitHolds('ab', 'ctrlU', '');
  });
});

const ITEMS = ['one', 'two', 'three', 'four'];

/**
 * ink-select-input over ITEMS, one ↓ taken (so its handler listens), then `data` written in one
 * turn: the item it chose once the frame shows `shown` and Enter follows (a digit needs none).
 */
async function packageChooses(data: string, shown?: string): Promise<string> {
  let chosen = '';
  const ui = render(
    <SelectInput
      items={ITEMS.map((item) => ({label: item, value: item}))}
      onSelect={(item) => (chosen = item.value)}
    />,
  );
  await listening(ui);
  ui.stdin.write(KEYS.down);
  await writeWhen(ui, '❯ two', data);
  if (shown !== undefined) await writeWhen(ui, shown, KEYS.enter);
  return until(
    () => chosen,
    (c) => c !== '',
  );
}

describe('ink-select-input 6.2', () => {
  it('loses the second of two keys that arrive back to back; the kit list moves twice', async () => {
    // Two keys in one turn (a held arrow, a slow link): both meet the same handler.
    expect(await packageChooses(KEYS.down + KEYS.down, '❯ three')).toBe('three');

    const kit = renderInk(
      <WindowedList items={ITEMS} getKey={(item) => item} height={6} onSelect={() => {}} />,
    );
    await kit.waitForText('one');
    await kit.press('down');
    await kit.waitForText('› two');
    kit.stdin.write(KEYS.down + KEYS.down);
    await kit.waitForText('› four');
  });

  it('a digit chooses at once, without Enter (a picker of what to delete would act on one key)', async () => {
    expect(await packageChooses('3')).toBe('three');
  });
});
