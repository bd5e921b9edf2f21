import {describe, expect, it} from 'vitest';
import {ScrollText} from '../../../source/screens/credentials/index.js';
import {frameLines, renderInk} from '../../helpers/ink.js';

describe('ScrollText', () => {
  const text = Array.from({length: 30}, (_, i) => `line ${i + 1}`).join('\n');

  it('shows a window of the text, scrolls with j/k/G/g and closes on Esc', async () => {
    let closed = 0;
    const ui = renderInk(
      <ScrollText title="Long" text={text} height={7} width={40} onClose={() => closed++} />,
      {columns: 40, rows: 10},
    );
    let frame = await ui.waitForText('line 5');
    expect(frameLines(frame)).toHaveLength(7);
    expect(frame).not.toContain('line 6');
    expect(frame).toContain('lines 1–5 of 30');
    await ui.press('j', 2);
    frame = await ui.waitForText('lines 3–7 of 30');
    expect(frame).not.toContain('line 2\n');
    await ui.press('G');
    await ui.waitForText('line 30');
    await ui.press('k');
    await ui.waitForText('lines 25–29 of 30');
    await ui.press('g');
    await ui.waitForText('lines 1–5 of 30');
    await ui.press('esc');
    expect(closed).toBe(1);
  });

  it('says only how to close when everything fits', async () => {
    const ui = renderInk(
      <ScrollText title="Short" text="one\ntwo" height={10} width={40} onClose={() => undefined} />,
      {columns: 40, rows: 12},
    );
    const frame = await ui.waitForText('Esc close');
    expect(frame).not.toContain('scroll');
  });
});
