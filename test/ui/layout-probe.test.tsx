/**
 * The catalogue's layout probe (test/helpers/layout.ts) on small Ink trees: it reports two texts
 * sharing a cell, a text past the last column or row, and nothing for a sound frame or for lines
 * <ClipWhenShort> cuts off (source/ui/fit.tsx, also checked here).
 */
import {Box, Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {ClipWhenShort, Keep} from '../../source/ui/index.js';
import {renderInk} from '../helpers/ink.js';
import {layoutProblems} from '../helpers/layout.js';

const size = {columns: 30, rows: 8};

describe('layout probe', () => {
  it('finds nothing wrong in a frame that fits', async () => {
    const ui = renderInk(
      <Box flexDirection="column">
        <Text>first line</Text>
        <Text>second line</Text>
      </Box>,
      size,
    );
    await ui.waitForText('second line');
    expect(layoutProblems(ui, size)).toEqual([]);
  });

  it('reports a shrunk text drawn over the next one (a column too short for its lines)', async () => {
    const ui = renderInk(
      <Box flexDirection="column" height={2}>
        <Text>one two three four five six seven eight</Text>
        <Text>next</Text>
      </Box>,
      size,
    );
    await ui.waitForText('next');
    const problems = layoutProblems(ui, size);
    expect(problems.join('\n')).toMatch(/overlaps/);
  });

  it('reports a line past the last column and a line below the last usable row', async () => {
    const ui = renderInk(
      <Box flexDirection="column">
        <Box width={40} flexShrink={0}>
          <Text wrap="truncate-end">{'x'.repeat(40)}</Text>
        </Box>
        {Array.from({length: 8}, (_, i) => (
          <Text key={i}>{`row ${i}`}</Text>
        ))}
      </Box>,
      size,
    );
    await ui.waitForText('row 7');
    const problems = layoutProblems(ui, size).join('\n');
    expect(problems).toContain('reaches column 40');
    expect(problems).toContain('"row 6" is below the last row');
  });

  it('does not count lines <ClipWhenShort> cuts off; <Keep> keeps its lines whole', async () => {
    const ui = renderInk(
      <Box flexDirection="column" height={3}>
        <Keep>
          <Text>the question</Text>
        </Keep>
        <ClipWhenShort>
          <Text>detail one</Text>
          <Text>detail two</Text>
          <Text>detail three</Text>
        </ClipWhenShort>
        <Keep>
          <Text>the keys</Text>
        </Keep>
      </Box>,
      size,
    );
    const frame = await ui.waitForText('the keys');
    expect(frame.split('\n')).toEqual(['the question', 'detail one', 'the keys']);
    expect(layoutProblems(ui, size)).toEqual([]);
  });
});
