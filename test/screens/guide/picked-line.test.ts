import {describe, expect, it} from 'vitest';
import {pickedLine} from '../../../source/screens/guide/roles-step.js';

describe('guide step 2: the line under the list says what Space and Enter do now', () => {
  it('in the list, Space picks and Enter reviews', () => {
    expect(pickedLine([], false, '')).toBe('Nothing picked yet: Space picks the focused role.');
    expect(pickedLine(['policy_viewer'], false, 'view')).toBe(
      'Picked (1): policy_viewer · Enter review',
    );
  });

  it('in the search with nothing typed, Space still picks', () => {
    expect(pickedLine([], true, '')).toBe(
      'Nothing picked yet: Space picks the focused role, or type to search.',
    );
  });

  it('with search text typed, Space is a space: Enter ends the search first', () => {
    expect(pickedLine([], true, 'view')).toBe(
      'Nothing picked yet: Enter ends the search, then Space picks the focused role.',
    );
    expect(pickedLine(['a', 'b'], true, 'view')).toBe(
      'Picked (2): a, b · Enter ends the search, then Space picks the focused role',
    );
  });
});
