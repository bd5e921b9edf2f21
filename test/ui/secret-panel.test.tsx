import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import {SCREEN_ACTIONS} from '../../source/ui/keys/keymap.js';
import {SECRET_MASK, SecretPanel} from '../../source/ui/index.js';
import {renderInk} from '../helpers/ink.js';

const SECRET = 'cs_9f8e7d6c5b4a-TOP-SECRET';

function MintedScreen({writeDisabled = false}: {writeDisabled?: boolean}) {
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [log, setLog] = useState<string[]>([]);
  return (
    <Box flexDirection="column">
      <SecretPanel
        title="Client minted"
        fields={[
          {label: 'clientId', value: '1111aaaa2222bbbb'},
          {label: 'clientSecret', value: SECRET, secret: true},
        ]}
        actions={[
          {
            binding: SCREEN_ACTIONS.copy,
            onAction: () => {
              setLog((l) => [...l, 'copy']);
              setNotice('Copied to the clipboard.');
            },
          },
          {
            binding: SCREEN_ACTIONS.write,
            onAction: () => setLog((l) => [...l, 'write']),
            disabled: writeDisabled,
          },
        ]}
        notice={notice}
      />
      <Text>{`log=${log.join(',')}`}</Text>
    </Box>
  );
}

describe('SecretPanel', () => {
  it('masks the secret fully until revealed, shows the clientId', async () => {
    const ui = renderInk(<MintedScreen />);
    const frame = await ui.waitForText('clientSecret');
    expect(frame).toContain('1111aaaa2222bbbb');
    expect(frame).toContain(SECRET_MASK);
    expect(frame).toContain('Shown once: save it now.');
    expect(frame).toContain('s show · y copy · w write file');
    for (const f of ui.frames) expect(f).not.toContain('cs_9f8e');
    // Neither the length nor the last characters leak.
    expect(frame).not.toContain('CRET');
    await ui.press('s');
    await ui.waitForText(SECRET);
    expect(ui.lastFrame()).toContain('s hide');
    await ui.press('s');
    const hidden = await ui.waitForText(SECRET_MASK);
    expect(hidden).not.toContain(SECRET);
  });

  it('runs the screen-owned actions from their keys and shows the notice', async () => {
    const ui = renderInk(<MintedScreen writeDisabled />);
    await ui.press('y');
    const frame = await ui.waitForText('✓ Copied to the clipboard.');
    expect(frame).toContain('log=copy');
    expect(frame).not.toContain('w write file');
    await ui.press('w');
    expect(ui.lastFrame()).toMatch(/log=copy$/m);
    for (const f of ui.frames) expect(f).not.toContain(SECRET);
  });
});
